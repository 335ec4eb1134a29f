"""Sign-in modes in the running app (AppTest): local editor, read-only, signed in with OIDC.

AppTest has no browser connection: ``lib.ui.auth.TEST_CONNECTION`` (read only under
``global.appTest``, never from a request) stands for the request's headers and peer.
Sign-in runs on ``at.secrets`` (an ``[auth]`` section whose ``server_metadata_url`` is a
real HTTP server on a local port serving a discovery document) and ``at.user`` (the
claims Streamlit would have put in ``st.user`` after ``st.login``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib.store import Store
from lib.store.access import AccessConfig, Actor, grant, role_of
from lib.ui import auth
from lib.ui.editing import EDITOR_KEY
from tests.apptest_utils import APP

GATE_SCRIPT = Path(__file__).with_name("access_gate_app.py")


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A discovery document on a local port: the issuer the app must hold tokens to."""
    holder: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"issuer": holder["issuer"]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["issuer"] = f"http://127.0.0.1:{server.server_port}/realm"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield holder["issuer"]
    server.shutdown()


def secrets(issuer: str, **zagros: Any) -> dict[str, Any]:
    return {
        "auth": {
            "redirect_uri": "http://localhost:8501/oauth2callback",
            "cookie_secret": "test-cookie-secret-not-used",
            "client_id": "zagros",
            "client_secret": "test-client-secret-not-used",
            "server_metadata_url": f"{issuer}/.well-known/openid-configuration",
        },
        "zagros": {"admins": ["root@x.org"], **zagros},
    }


def claims(issuer: str, who: str) -> dict[str, Any]:
    return {
        "is_logged_in": True,
        "iss": issuer,
        "sub": f"sub-{who}",
        "email": f"{who}@x.org",
        "email_verified": True,
        "name": who.title(),
        "provider": "default",
    }


def open_page(
    page: str, *, secrets_: dict | None = None, user: dict | None = None, name: str = ""
) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if secrets_:
        for key, value in secrets_.items():
            at.secrets[key] = value
    if user is not None:
        at.user = user
    if name:
        at.session_state[EDITOR_KEY] = name
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def text(at: AppTest, kind: str) -> str:
    """The elements' text as the browser shows it (Markdown escapes undone)."""
    return " ".join(str(e.value) for e in at.get(kind)).replace("\\", "")


def mode_line(at: AppTest) -> str:
    """The sidebar's mode line as the browser shows it (Markdown escapes undone)."""
    prefixes = ("Signed in as ", "Local editor", "Read-only")
    (line,) = [str(c.value) for c in at.caption if str(c.value).startswith(prefixes)]
    return line.replace("\\", "")


def buttons(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def test_on_this_machine_without_sign_in_the_local_editor_edits(store: Store) -> None:
    at = open_page("pages/reporting.py", name="alice")
    assert mode_line(at) == "Local editor (this machine, no sign-in configured)"
    assert "Sign in" not in buttons(at) and "Sign out" not in buttons(at)
    assert EDITOR_KEY in {t.key for t in at.text_input}  # the name field stays, locally
    assert "Propose annotations" in buttons(at)


def test_local_editor_grants_a_role_on_the_admin_page(store: Store) -> None:
    head = store.latest_revision()
    at = open_page("pages/admin.py", name="alice")
    at.text_input(key="zb_admin_email").input("Ana@x.org")
    at.selectbox(key="zb_admin_role").set_value("editor")
    at.text_input(key="zb_admin_grant_why").input("joins the desk")
    at.button(key="zb_admin_grant").click().run()
    assert not at.exception
    (rev,) = store.history("role", "ana@x.org")
    assert (rev.revision, rev.action, rev.who, rev.why) == (
        head + 1,
        "create",
        "alice",
        "joins the desk",
    )
    assert rev.after == {"email": "ana@x.org", "role": "editor"}
    assert "Granted editor to Ana@x.org" in text(at, "success")
    assert at.dataframe[-1].value.to_dict("records")[0]["why"] == "joins the desk"


def test_behind_a_proxy_without_sign_in_nobody_edits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_draft(None, "alice", "Secret draft title", {"draft": {}})
    monkeypatch.setattr(
        auth,
        "TEST_CONNECTION",
        ({"Host": "brief.example", "X-Forwarded-For": "203.0.113.9"}, "127.0.0.1"),
    )
    at = open_page("pages/reporting.py")
    line = mode_line(at)
    assert line.startswith("Read-only: ")
    assert "proxy" in line and "203.0.113.9" not in line
    assert EDITOR_KEY not in {t.key for t in at.text_input}
    assert "Propose annotations" not in buttons(at)
    assert "Secret draft title" not in text(at, "markdown")  # drafts are editors' only
    for page in ("pages/correct.py", "pages/admin.py"):
        at = open_page(page)
        assert not at.text_input and not [b for b in at.button if b.label != "Sign in"]
    # The map still draws for everyone.
    at = open_page("pages/map.py")
    assert not at.exception


def test_a_viewer_signed_in_sees_no_editing_and_no_drafts(store: Store, provider: str) -> None:
    store.save_draft(None, "alice", "Secret draft title", {"draft": {}})
    at = open_page("pages/reporting.py", secrets_=secrets(provider), user=claims(provider, "bob"))
    assert mode_line(at) == "Signed in as Bob <bob@x.org> · viewer"
    assert "Sign out" in buttons(at) and "Sign in" not in buttons(at)
    assert "Propose annotations" not in buttons(at)
    assert "Secret draft title" not in text(at, "markdown")
    assert EDITOR_KEY not in {t.key for t in at.text_input}


def test_a_viewers_write_is_refused_by_the_gate_and_nothing_is_stored(
    store: Store, provider: str, caplog: pytest.LogCaptureFixture
) -> None:
    # A page that calls editing.write directly, as a replayed click would reach it.
    caplog.set_level(logging.INFO, logger="zagros.access")
    head = store.latest_revision()
    at = AppTest.from_file(str(GATE_SCRIPT), default_timeout=60)
    for key, value in secrets(provider).items():
        at.secrets[key] = value
    at.user = claims(provider, "bob")
    at.run().button[0].click().run()
    assert "Not saved: Bob <bob@x.org> is a viewer" in text(at, "error")
    assert store.latest_revision() == head
    assert any("refused: who=Bob <bob@x.org>" in r.getMessage() for r in caplog.records)
    # Granted editor by an admin, the same session's write goes through, with its identity.
    root = Actor("sub-root", "root@x.org", "Root", provider, "oidc")
    grant(
        store,
        root,
        "bob@x.org",
        "editor",
        "joins the desk",
        AccessConfig(frozenset({"root@x.org"})),
    )
    at.button[0].click().run()
    (rev,) = store.recent(1)
    assert rev.kind == "site" and store.get("site", rev.record_id).retired
    assert (rev.who, rev.who_subject, rev.who_email, rev.action) == (
        "Bob <bob@x.org>",
        "sub-bob",
        "bob@x.org",
        "retire",
    )


def test_an_admin_grants_a_viewer_editor_rights_and_it_is_in_the_history(
    store: Store, provider: str
) -> None:
    config = secrets(provider)
    at = open_page("pages/admin.py", secrets_=config, user=claims(provider, "root"))
    assert mode_line(at) == "Signed in as Root <root@x.org> · admin"
    at.text_input(key="zb_admin_email").input("bob@x.org")
    at.selectbox(key="zb_admin_role").set_value("editor")
    at.text_input(key="zb_admin_grant_why").input("covers the night desk")
    at.button(key="zb_admin_grant").click().run()
    assert not at.exception
    (rev,) = store.history("role", "bob@x.org")
    assert (rev.who, rev.who_subject, rev.who_email) == (
        "Root <root@x.org>",
        "sub-root",
        "root@x.org",
    )
    assert (
        role_of(store, Actor("sub-bob", "bob@x.org", "Bob", provider, "oidc"), AccessConfig())
        == "editor"
    )
    (row,) = at.dataframe[-1].value.to_dict("records")
    assert (row["what"], row["role"], row["why"]) == (
        "create bob@x.org",
        "editor",
        "covers the night desk",
    )
    assert row["who"] == "Root <root@x.org>"
    # Bob, now an editor, gets the editing controls; a viewer gets no Admin page.
    at = open_page("pages/reporting.py", secrets_=config, user=claims(provider, "bob"))
    assert "Propose annotations" in buttons(at)
    at = open_page("pages/admin.py", secrets_=config, user=claims(provider, "bob"))
    assert not at.text_input and "Managing roles is for admins" in text(at, "info")


def test_a_crafted_identity_from_another_issuer_is_refused(
    store: Store, provider: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="zagros.access")
    forged = {**claims("https://attacker.example/realm", "root")}
    at = open_page("pages/admin.py", secrets_=secrets(provider), user=forged)
    line = mode_line(at)
    assert line.startswith("Read-only: ")
    assert "issuer" in line
    assert not at.text_input
    assert any("refused sign-in" in r.getMessage() for r in caplog.records)


def test_require_login_to_view_shows_only_the_sign_in(store: Store, provider: str) -> None:
    config = secrets(provider, require_login_to_view=True)
    at = open_page("pages/map.py", secrets_=config, user={})
    assert buttons(at) == {"Sign in"}
    assert "Sign in to see the brief" in text(at, "info")
    assert not at.get("iframe") and not at.multiselect  # no map, no filters
    at = open_page("pages/map.py", secrets_=config, user=claims(provider, "bob"))
    assert "Sign out" in buttons(at) and at.multiselect
