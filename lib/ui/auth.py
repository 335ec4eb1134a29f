"""Who this session is, decided on the server: sign-in (OIDC), the local editor, or read-only.

Three modes (``docs/access.md``):

- ``[auth]`` in ``.streamlit/secrets.toml``: Streamlit's own ``st.login`` /
  ``st.user`` (OpenID Connect). A signed-in ``st.user`` becomes an
  :class:`~lib.store.access.Actor` only if its ``iss`` is the issuer the
  configured provider's ``server_metadata_url`` names; anything else is
  anonymous, and the refusal is logged.
- no ``[auth]``: a browser on this machine (loopback peer, no proxy header, a
  loopback Host) is the local editor; every other client reads only.

The actor is resolved from the request on every run; nothing the browser sends
as a widget value can change it. Under ``AppTest`` (``global.appTest``, a server
option, never a request) there is no connection: :data:`TEST_CONNECTION` stands
for it, this machine by default, so page tests run as the local editor unless a
test sets another.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit import config as st_config
from streamlit import runtime
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from lib.store.access import (
    ANONYMOUS,
    LOCAL_EDITOR,
    AccessConfig,
    Actor,
    ConnectionMode,
    actor_from_claims,
    connection_mode,
    role_of,
)
from lib.store.store import Store
from lib.ui.banners import md_escape

LOG = logging.getLogger("zagros.access")

#: Under AppTest only: (headers, TCP peer) of the pretend connection.
TEST_CONNECTION: tuple[dict[str, str], str | None] | None = None
_TEST_DEFAULT: tuple[dict[str, str], str | None] = ({"Host": "localhost:8501"}, "127.0.0.1")
#: Session key: the last refused sign-in already logged (log once per session, not per run).
_LOGGED_KEY = "_zb_auth_refusal_logged"
#: Seconds a provider's issuer is kept, and before a failed read is tried again.
ISSUER_TTL_S = 3600.0
ISSUER_RETRY_S = 30.0
_issuers: dict[str, tuple[float, str | None]] = {}


@dataclass(frozen=True)
class SessionAccess:
    """This run's identity.

    Attributes
    ----------
    actor : Actor
        Who writes (``ANONYMOUS``: nobody).
    connection : ConnectionMode
        oidc, local or read-only, and why.
    problem : str or None
        Why a sign-in was refused (shown in the sidebar).
    """

    actor: Actor
    connection: ConnectionMode
    problem: str | None = None


def _section(name: str) -> dict[str, Any]:
    try:
        value = st.secrets.get(name)
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return {}
    if isinstance(value, Mapping):
        return json.loads(json.dumps(dict(value), default=dict))
    return {}


def providers() -> dict[str, dict[str, Any]]:
    """Configured OIDC providers: ``default`` (``[auth]`` itself) and ``[auth.<name>]``."""
    auth = _section("auth")
    found = {}
    if auth.get("server_metadata_url"):
        found["default"] = auth
    for name, value in auth.items():
        if isinstance(value, dict) and value.get("server_metadata_url"):
            found[name] = value
    return found


def auth_configured() -> bool:
    """Whether ``[auth]`` names at least one OIDC provider (then sign-in decides)."""
    return bool(providers())


def access_config() -> AccessConfig:
    """``[zagros]`` from the secrets; a wrong value is shown and the safe defaults used."""
    try:
        return AccessConfig.from_mapping(_section("zagros"))
    except ValueError as exc:
        st.error(f"The access settings are wrong ({exc}): using the defaults (nobody is admin).")
        return AccessConfig()


def _fetch_issuer(url: str) -> str | None:
    # The provider's discovery document names its issuer; a token from any other is refused.
    with urllib.request.urlopen(url, timeout=5) as response:
        issuer = json.loads(response.read(1_000_000)).get("issuer")
    return issuer if isinstance(issuer, str) and issuer else None


def provider_issuer(provider: str) -> str | None:
    """The issuer of a configured provider (read from its ``server_metadata_url``, cached)."""
    url = str(providers().get(provider, {}).get("server_metadata_url") or "")
    if not url.startswith(("http://", "https://")):
        return None
    now = time.monotonic()
    cached = _issuers.get(url)
    if cached and now - cached[0] < (ISSUER_TTL_S if cached[1] else ISSUER_RETRY_S):
        return cached[1]
    try:
        issuer = _fetch_issuer(url)
    except (OSError, ValueError) as exc:
        LOG.warning("cannot read the provider's metadata (%s): %s", provider, type(exc).__name__)
        issuer = None
    _issuers[url] = (now, issuer)
    return issuer


def _connection() -> tuple[dict[str, str], str | None]:
    """The request's headers and TCP peer (not ``st.context.ip_address``: it hides loopback)."""
    if st_config.get_option("global.appTest"):
        return TEST_CONNECTION or _TEST_DEFAULT
    headers = {str(k): str(v) for k, v in st.context.headers.items()}
    peer = None
    ctx = get_script_run_ctx()
    try:
        client = runtime.get_instance().get_client(ctx.session_id) if ctx else None
        remote = getattr(getattr(client, "client_context", None), "remote_ip", None)
        peer = remote if isinstance(remote, str) else None
    except (RuntimeError, AttributeError):
        peer = None  # unknown: never local
    return headers, peer


def resolve() -> SessionAccess:
    """This session's actor, from the request and ``st.user`` (never from widget values)."""
    headers, peer = _connection()
    connection = connection_mode(headers, peer, auth_configured())
    if connection.mode == "local":
        return SessionAccess(LOCAL_EDITOR, connection)
    if connection.mode == "read-only":
        return SessionAccess(ANONYMOUS, connection)
    claims = st.user.to_dict()
    provider = str(claims.get("provider") or "default")
    expected = provider_issuer(provider) if provider in providers() else None
    actor, problem = actor_from_claims(claims, expected, access_config().admin_claim)
    if problem and st.session_state.get(_LOGGED_KEY) != problem:
        st.session_state[_LOGGED_KEY] = problem
        LOG.warning(
            "refused sign-in: provider=%s subject=%s why=%s",
            provider, str(claims.get("sub") or "-")[:80], problem,
        )  # fmt: skip
    return SessionAccess(actor, connection, problem)


def current_actor() -> Actor:
    """Who this session writes as (``ANONYMOUS`` when nobody may)."""
    return resolve().actor


def session_role(store: Store | None, actor: Actor | None = None) -> str:
    """The role of this session's actor (read in the store when there is one)."""
    actor = current_actor() if actor is None else actor
    if store is None:
        return "admin" if actor.mode == "local" else "viewer"
    return role_of(store, actor, access_config())


def _sign_in_provider() -> str | None:
    names = list(providers())
    return None if not names or names[0] == "default" else names[0]


def sign_in_button(key: str = "zb_sign_in") -> None:
    """The "Sign in" button: Streamlit's login redirect to the configured provider."""
    if st.button("Sign in", key=key, icon=":material/login:"):
        st.login(_sign_in_provider())


def status_line(access: SessionAccess, role: str, escape: Callable[[str], str] = str) -> str:
    """The sidebar's mode line ("Signed in as …", "Local editor …", "Read-only: …").

    ``escape`` is applied to what the identity provider sent (a name, an address):
    the line's own words stay readable as Markdown.
    """
    actor = access.actor
    if actor.mode == "oidc":
        return f"Signed in as {escape(actor.label)} · {role}"
    if actor.mode == "local":
        return "Local editor (this machine, no sign-in configured)"
    if access.connection.mode == "oidc":
        return "Read-only: " + (access.problem or "not signed in")
    return f"Read-only: {access.connection.reason}"


def sidebar_status(store: Store | None) -> SessionAccess:
    """Say in the sidebar which mode is on, with the Sign in / Sign out button."""
    access = resolve()
    role = session_role(store, access.actor) if access.actor.mode == "oidc" else "viewer"
    with st.sidebar:
        st.caption(status_line(access, role, md_escape))
        if access.connection.mode == "oidc":
            if access.actor.mode == "oidc" or st.user.get("is_logged_in"):
                if st.button("Sign out", key="zb_sign_out", icon=":material/logout:"):
                    st.logout()
            else:
                sign_in_button()
    return access


def require_view() -> None:
    """With ``require_login_to_view``, a session nobody signed in to sees only the sign-in."""
    if not access_config().require_login_to_view:
        return
    access = resolve()
    if access.actor.mode != "anonymous":
        return
    st.title("Zagros Brief")
    if access.connection.mode == "oidc":
        st.info("Sign in to see the brief.")
        if access.problem:
            st.warning(access.problem)
        sign_in_button("zb_sign_in_main")
    else:
        st.info("This brief is open only to signed-in users, and sign-in is not configured here.")
    st.stop()
