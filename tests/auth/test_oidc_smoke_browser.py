"""Streamlit's own sign-in against a real OIDC provider, on the smallest app that uses it.

``tests/browser/apps/login_smoke.py`` shows what ``st.user`` says; the provider
is ``oidc-provider-mock`` on a local port (``tests/auth/oidc.py``). What is
checked here holds for every app of the project, because it is Streamlit's
doing, configured by ``[auth]``: the identity comes from the provider's signed
ID token; it is kept in a signed, HttpOnly cookie that the page's scripts cannot
read and nobody without the cookie secret can make; XSRF protection is on (and
stays on with ``[auth]`` even if the option is turned off); signing out clears
the cookies; the client and cookie secrets reach neither the browser nor the log.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from itsdangerous import URLSafeTimedSerializer

from lib.data.paths import PROJECT_ROOT
from tests.auth.oidc import (
    SIGN_IN,
    USER_COOKIE,
    XSRF_COOKIE,
    OidcApp,
    auth_cookies,
    body_text,
    idle,
    sign_in,
    sign_out,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SMOKE = "tests/browser/apps/login_smoke.py"
ANA = {"sub": "ana-0001", "email": "ana@example.org", "name": "Ana Analyst"}


@pytest.fixture(scope="module")
def smoke(oidc_app: Callable[..., OidcApp]) -> OidcApp:
    """The smoke app, shared by the tests of this module (each uses its own browser context)."""
    return oidc_app(SMOKE)


def _signed_in_as(page: Page) -> str | None:
    """The e-mail the app shows as signed in, or None when it shows "Not signed in"."""
    text = body_text(page)
    for line in text.splitlines():
        if line.startswith("Signed in as: "):
            return line.removeprefix("Signed in as: ").strip()
    assert "Not signed in" in text, text[:400]
    return None


def test_signing_in_at_the_provider_gives_the_app_its_users_email_and_issuer(
    smoke: OidcApp, new_page: Callable[..., Page]
) -> None:
    page = new_page()
    page.goto(smoke.url, wait_until="domcontentloaded")
    idle(page)
    assert _signed_in_as(page) is None
    sign_in(page, smoke, ANA["sub"], email=ANA["email"], name=ANA["name"])
    assert _signed_in_as(page) == ANA["email"]
    text = body_text(page)
    assert f"Subject: {ANA['sub']}" in text
    assert f"Issuer: {smoke.provider.issuer}" in text
    # A new page of the same browser is still signed in (the cookie, not the session).
    page.goto(smoke.url, wait_until="domcontentloaded")
    idle(page)
    assert _signed_in_as(page) == ANA["email"]
    assert page.zb_log.page_errors == []  # type: ignore[attr-defined]


def _serializer(secret: str) -> URLSafeTimedSerializer:
    # How Streamlit signs its auth cookies: itsdangerous, salted with the cookie's name.
    return URLSafeTimedSerializer(secret, salt=USER_COOKIE)


def _replace_user_cookie(page: Page, app: OidcApp, value: str) -> str | None:
    """Put ``value`` in the user cookie, reload, and return who the app says is signed in."""
    page.context.clear_cookies(name=USER_COOKIE)
    page.context.add_cookies([{"name": USER_COOKIE, "value": value, "url": app.url}])
    page.reload(wait_until="domcontentloaded")
    idle(page)
    return _signed_in_as(page)


def test_the_auth_cookie_is_httponly_and_nobody_without_the_secret_can_make_one(
    smoke: OidcApp, new_page: Callable[..., Page]
) -> None:
    page = new_page()
    sign_in(page, smoke, ANA["sub"], email=ANA["email"], name=ANA["name"])
    cookies = auth_cookies(page)
    assert USER_COOKIE in cookies, cookies.keys()
    for name, cookie in cookies.items():
        assert cookie["httpOnly"] is True, name
        assert cookie["sameSite"] == "Lax", name
    # The page's scripts cannot read it (an injected script could not steal it).
    readable = page.evaluate("() => document.cookie")
    assert USER_COOKIE not in readable and XSRF_COOKIE in readable

    # It is signed with the cookie secret, and says who signed in where.
    original = cookies[USER_COOKIE]["value"]
    claims = json.loads(_serializer(smoke.cookie_secret).loads(original))
    assert claims["email"] == ANA["email"] and claims["iss"] == smoke.provider.issuer
    assert claims["origin"] == smoke.url

    forged = json.dumps(dict(claims, email="eve@example.org", sub="eve"))
    # A changed signature, or a changed identity signed with another secret: refused.
    # The signature's first character: all six of its bits are read (the last one's
    # low bits are base64 padding a decoder ignores, so changing it may change nothing).
    head, _, signature = original.rpartition(".")
    bad_signature = f"{head}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"
    assert _replace_user_cookie(page, smoke, bad_signature) is None
    other_secret = _serializer("not-the-cookie-secret").dumps(forged)
    assert _replace_user_cookie(page, smoke, other_secret) is None
    # The control: the same identity signed with the app's own secret is taken —
    # so the secret is what protects the identity, and the two refusals above
    # were refusals of the signature, not of a malformed cookie.
    assert _replace_user_cookie(page, smoke, _serializer(smoke.cookie_secret).dumps(forged)) == (
        "eve@example.org"
    )
    assert _replace_user_cookie(page, smoke, original) == ANA["email"]


def test_xsrf_protection_is_on_in_the_projects_configuration() -> None:
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    server = config.get("server", {})
    assert server.get("enableXsrfProtection", True) is True
    # Turning CORS off makes Streamlit turn XSRF protection off too (without [auth]).
    assert server.get("enableCORS", True) is True


@pytest.mark.parametrize("option", ["default", "turned off"])
def test_an_upload_without_the_xsrf_token_is_refused(
    option: str,
    smoke: OidcApp,
    oidc_app: Callable[..., OidcApp],
    new_page: Callable[..., Page],
) -> None:
    # With [auth] configured, Streamlit keeps XSRF protection on even when the
    # option says otherwise.
    app = (
        smoke
        if option == "default"
        else oidc_app(SMOKE, args=("--server.enableXsrfProtection", "false"))
    )
    page = new_page()
    page.goto(app.url, wait_until="domcontentloaded")
    idle(page)
    cookie = {c["name"]: c for c in page.context.cookies()}.get(XSRF_COOKIE)
    assert cookie is not None, "no XSRF cookie set"

    # A real upload, as the page makes it: with the token in a header.
    upload = {"name": "note.txt", "mimeType": "text/plain", "buffer": b"hello"}
    with page.expect_request(
        lambda r: "/_stcore/upload_file/" in r.url and r.method == "PUT"
    ) as sent:
        page.locator('input[type="file"]').set_input_files(files=[upload])
    page.get_by_text("Uploaded: note.txt").wait_for()
    request = sent.value
    token = request.headers.get("x-xsrftoken")
    assert token, request.headers
    assert request.response() is not None and request.response().status < 300

    # The same request replayed (the browser's cookies included) without the
    # token, or with another one: refused before it reaches the session.
    form = {"file": {"name": "forged.txt", "mimeType": "text/plain", "buffer": b"forged"}}
    api = page.context.request
    missing = api.put(request.url, multipart=form)
    assert missing.status == 403, missing.status
    wrong = api.put(request.url, multipart=form, headers={"X-Xsrftoken": "2|00|00|0"})
    assert wrong.status == 403, wrong.status
    # The control: with the page's token, the same replay is accepted.
    right = api.put(request.url, multipart=form, headers={"X-Xsrftoken": token})
    assert right.status < 300, right.status


def test_signing_out_clears_the_cookies_and_the_identity(
    smoke: OidcApp, new_page: Callable[..., Page]
) -> None:
    page = new_page()
    sign_in(page, smoke, ANA["sub"], email=ANA["email"], name=ANA["name"])
    assert _signed_in_as(page) == ANA["email"]
    sign_out(page, smoke)
    assert _signed_in_as(page) is None
    assert auth_cookies(page) == {}
    assert page.get_by_role("button", name=SIGN_IN, exact=True).count() == 1
    page.goto(smoke.url, wait_until="domcontentloaded")
    idle(page)
    assert _signed_in_as(page) is None


def test_the_client_and_cookie_secrets_reach_neither_the_browser_nor_the_log(
    oidc_app: Callable[..., OidcApp], new_page: Callable[..., Page]
) -> None:
    # Its own server, logging at debug level: the most a log says.
    app = oidc_app(SMOKE, args=("--logger.level", "debug"))
    page = new_page(record=True)
    sign_in(page, app, ANA["sub"], email=ANA["email"], name=ANA["name"])
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": "note.txt", "mimeType": "text/plain", "buffer": b"hello"}]
    )
    page.get_by_text("Uploaded: note.txt").wait_for()
    html = page.content()
    sign_out(page, app)
    sign_in(page, app, ANA["sub"], email=ANA["email"], name=ANA["name"])

    seen = page.zb_log  # type: ignore[attr-defined]
    scripts = [u for u in seen.bodies if u.split("?")[0].endswith(".js")]
    assert scripts and seen.frames, "nothing recorded: the check below would be empty"
    log = app.log_text()
    assert "Uvicorn server started" in log or "You can now view" in log
    places = {
        "page HTML": [html.encode(), page.content().encode()],
        "responses (HTML, JS, JSON)": list(seen.bodies.values()),
        "WebSocket frames": seen.frames,
        "cookies": [c["value"].encode() for c in page.context.cookies()],
        "server log": [log.encode()],
    }
    for secret_name, secret in (
        ("client_secret", app.client_secret),
        ("cookie_secret", app.cookie_secret),
    ):
        for where, blobs in places.items():
            assert not any(secret.encode() in b for b in blobs), f"{secret_name} in the {where}"
