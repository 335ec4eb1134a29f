"""A real OpenID Connect provider on this machine, apps that sign in through it, and a browser.

The provider is ``oidc-provider-mock`` (discovery, JWKS, RS256-signed ID
tokens, an authorization form, RP-initiated logout) run as a subprocess on
``127.0.0.1:<free port>``. An app is ``streamlit run`` with a secrets file of
its own, passed with ``--secrets.files``: that option *replaces* Streamlit's
default search list (``~/.streamlit/secrets.toml``,
``<cwd>/.streamlit/secrets.toml``), so neither the repo's ``.streamlit`` folder
nor a developer's own secrets are read or touched.

Signing in (:func:`sign_in`): the app's "Sign in" button → Streamlit's
``/auth/login`` → the provider's authorization form, where a subject is typed
and "Authorize" pressed → ``/oauth2callback`` (the code exchanged, the ID token
checked against the provider's keys) → the app, with Streamlit's signed,
HttpOnly ``_streamlit_user`` cookie. The provider keeps claims per subject,
set beforehand with :meth:`OidcProvider.set_user` (``PUT /users/<sub>``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import tomli_w

from lib.data.paths import PROJECT_ROOT, STATIC_DIR
from lib.tools.deploy_local import streamlit_command
from tests.browser import waits
from tests.browser.conftest import _ENV_KEEP, _free_port, _log_tail, _Server, _stop, _wait_healthy

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: The client id every test app uses (the mock accepts any id and secret).
CLIENT_ID = "zagros-brief-test"
#: Button labels of the smoke app and of the real app's sidebar (the ISSUE14 contract).
SIGN_IN = "Sign in"
SIGN_OUT = "Sign out"
#: Streamlit's auth cookies (user claims; provider tokens) and its XSRF cookie.
USER_COOKIE = "_streamlit_user"
TOKENS_COOKIE = "_streamlit_user_tokens"
XSRF_COOKIE = "_streamlit_xsrf"


def require_packages() -> None:
    """Skip (fail under CI) when the provider or Authlib (``st.login`` needs it) is missing."""
    for module, package in (("oidc_provider_mock", "oidc-provider-mock"), ("authlib", "Authlib")):
        if importlib.util.find_spec(module) is None:
            reason = f"{package} is not installed (pip install -e '.[test]')"
            if waits.in_ci():
                pytest.fail(f"{reason}; required in CI", pytrace=False)
            pytest.skip(reason)


def _wait_url(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + waits.timeout_s()
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"exited with {proc.returncode}; log:\n{_log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} not answering; log:\n{_log_tail(log)}")


def _child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: os.environ[k] for k in _ENV_KEEP if k in os.environ}
    env.update(HOME=str(home), PYTHONUNBUFFERED="1", **extra)
    return env


@dataclass
class OidcProvider:
    """A running ``oidc-provider-mock`` server.

    Attributes
    ----------
    url : str
        ``http://127.0.0.1:<port>``; also its issuer (the mock names itself
        after the host it is asked through, and everything here uses this one).
    log : Path
        Its log file.
    """

    url: str
    log: Path
    proc: subprocess.Popen[bytes] = field(repr=False)

    @property
    def issuer(self) -> str:
        """The ``iss`` of the ID tokens it signs."""
        return self.url

    @property
    def server_metadata_url(self) -> str:
        """Its discovery document (``[auth] server_metadata_url``)."""
        return f"{self.url}/.well-known/openid-configuration"

    def set_user(self, sub: str, **claims: Any) -> None:
        """Set the claims the provider puts in ``sub``'s ID token (replacing earlier ones).

        Standard claims come out only with their scope (Streamlit asks for
        ``openid email profile``: ``email``, ``name`` …); others (``groups``)
        always.
        """
        req = urllib.request.Request(
            f"{self.url}/users/{urllib.parse.quote(sub, safe='')}",
            data=json.dumps(claims).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.status == 204, resp.status

    def authorize(self, page: Page, sub: str) -> None:
        """On the provider's authorization form (the page is on its way there): sign in as ``sub``."""
        page.wait_for_url(f"{self.url}/oauth2/authorize**")
        page.locator('input[name="sub"]').fill(sub)
        page.get_by_role("button", name="Authorize", exact=True).click()


def start_provider(work: Path) -> Iterator[OidcProvider]:
    """Run a provider until the generator is closed (for a fixture to ``yield from``)."""
    require_packages()
    port = _free_port()
    log = work / f"oidc-provider-{port}.log"
    cmd = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            env=_child_env(work, NO_COLOR="1"),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole
        )
    provider = OidcProvider(url=f"http://127.0.0.1:{port}", log=log, proc=proc)
    try:
        _wait_url(provider.server_metadata_url, proc, log)
        yield provider
    finally:
        _stop(proc)


@dataclass
class OidcApp:
    """A Streamlit server signing in through an :class:`OidcProvider`.

    Attributes
    ----------
    url : str
        ``http://127.0.0.1:<port>``, the origin of its ``redirect_uri``: open
        it by this host, not ``localhost``, or Streamlit ignores the auth cookie.
    log : Path
        Its stdout and stderr.
    secrets_file : Path
        The secrets file it was started with.
    client_secret, cookie_secret : str
        The random secrets in that file (tests check that they never leak).
    db : str
        Its store's URL (``ZAGROS_BRIEF_DB``).
    provider : OidcProvider
        Where it signs in.
    """

    url: str
    log: Path
    secrets_file: Path
    client_secret: str
    cookie_secret: str
    db: str
    provider: OidcProvider
    server: _Server = field(repr=False)

    def log_text(self) -> str:
        """Everything the server has logged so far."""
        return self.log.read_text("utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server now (otherwise at the end of the session)."""
        _stop(self.server.proc)


def auth_secrets(
    provider: OidcProvider,
    redirect_uri: str,
    *,
    client_secret: str,
    cookie_secret: str,
    admins: Sequence[str] = (),
    zagros: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The secrets of an app signing in through ``provider``: ``[auth]`` and ``[zagros]``."""
    return {
        "auth": {
            "redirect_uri": redirect_uri,
            "cookie_secret": cookie_secret,
            "client_id": CLIENT_ID,
            "client_secret": client_secret,
            "server_metadata_url": provider.server_metadata_url,
        },
        "zagros": {"admins": list(admins), **(zagros or {})},
    }


def start_app(
    work: Path,
    provider: OidcProvider,
    script: str | Path = "app.py",
    *,
    admins: Sequence[str] = (),
    zagros: dict[str, Any] | None = None,
    db: str | None = None,
    cookie_secret: str | None = None,
    args: Sequence[str] = (),
    env: dict[str, str] | None = None,
) -> OidcApp:
    """Start ``streamlit run script`` in the empty folder ``work`` (its HOME, secrets, log, store).

    Parameters
    ----------
    work : Path
        An empty folder of the test session's.
    provider : OidcProvider
        Where the app signs in (``[auth] server_metadata_url``).
    script : str or Path
        Relative to the project root, or absolute.
    admins : sequence of str
        ``[zagros] admins``: the first admins' e-mail addresses.
    zagros : dict, optional
        More ``[zagros]`` settings (``default_role``, ``admin_claim`` …).
    db : str, optional
        The store's URL; default a new SQLite file in ``work`` (seeded from
        geodata/ on first use, like every store).
    cookie_secret : str, optional
        Default a new random one; pass another app's to share it, as replicas do.
    args : sequence of str
        More ``streamlit run`` options (e.g. ``--logger.level debug``).
    env : dict, optional
        More environment variables.
    """
    require_packages()
    script_path = (PROJECT_ROOT / script).resolve()
    if not script_path.is_file():
        raise FileNotFoundError(script_path)
    home = work / "home"  # no ~/.streamlit of the developer's
    home.mkdir()
    run_path = script_path
    if script_path.parent != PROJECT_ROOT:
        # Streamlit serves static/ from the main script's folder (see tests/browser/conftest).
        STATIC_DIR.mkdir(exist_ok=True)
        (work / "static").symlink_to(STATIC_DIR, target_is_directory=True)
        run_path = work / script_path.name
        run_path.symlink_to(script_path)

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    client_secret = "cs-" + secrets.token_urlsafe(24)
    cookie_secret = cookie_secret or "ck-" + secrets.token_urlsafe(32)
    conf = auth_secrets(
        provider,
        f"{url}/oauth2callback",
        client_secret=client_secret,
        cookie_secret=cookie_secret,
        admins=admins,
        zagros=zagros,
    )
    secrets_file = work / "secrets.toml"
    secrets_file.touch(mode=0o600)
    secrets_file.write_text(tomli_w.dumps(conf), "utf-8")
    db = db or f"sqlite:///{work / 'store.sqlite'}"

    cmd = streamlit_command(run_path, port, "--secrets.files", str(secrets_file), *args)
    log = work / f"streamlit-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=PROJECT_ROOT,
            env=_child_env(home, PYTHONPATH=str(PROJECT_ROOT), ZAGROS_BRIEF_DB=db, **(env or {})),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = _Server(proc=proc, url=url, log=log)
    app = OidcApp(url, log, secrets_file, client_secret, cookie_secret, db, provider, server)
    try:
        _wait_healthy(server)
    except BaseException:
        app.stop()
        raise
    return app


# --- In the browser ---------------------------------------------------------------


def idle(page: Page) -> None:
    """Wait for the run a click or a page load started to finish (it starts within ~0.1 s)."""
    page.wait_for_timeout(400)
    waits.wait_for_app(page)


def body_text(page: Page) -> str:
    """The page's visible text."""
    return str(page.evaluate("() => document.body.innerText"))


def _on_app(app: OidcApp) -> re.Pattern[str]:
    return re.compile(re.escape(app.url) + r"(/.*)?$")


def sign_in(page: Page, app: OidcApp, sub: str, **claims: Any) -> None:
    """Sign in to ``app`` as ``sub`` with ``claims`` (``email=``, ``name=``, ``groups=`` …).

    A page not on the app is sent to its front page first. The app must show
    a "Sign in" button. Returns on the app, its script run over.
    """
    app.provider.set_user(sub, **claims)
    if not page.url.startswith(app.url):
        page.goto(app.url, wait_until="domcontentloaded")
    idle(page)
    page.get_by_role("button", name=SIGN_IN, exact=True).first.click()
    app.provider.authorize(page, sub)
    page.wait_for_url(_on_app(app))
    idle(page)


def sign_out(page: Page, app: OidcApp) -> None:
    """Press "Sign out", confirm on the provider's end-session page; back on the app."""
    page.get_by_role("button", name=SIGN_OUT, exact=True).first.click()
    # Streamlit clears its cookies, then sends the browser to the provider's
    # end_session_endpoint (RP-initiated logout), which asks to confirm.
    page.wait_for_url(f"{app.provider.url}/oauth2/end_session**")
    page.get_by_role("button", name="End session", exact=True).click()
    page.wait_for_url(_on_app(app))
    idle(page)


def auth_cookies(page: Page) -> dict[str, dict[str, Any]]:
    """Streamlit's auth cookies in the page's context, by name (chunks included)."""
    return {
        c["name"]: dict(c)
        for c in page.context.cookies()
        if c["name"].startswith(USER_COOKIE)  # also _streamlit_user_tokens and chunks
    }
