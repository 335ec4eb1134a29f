"""Who a session is: the actor, and how a request and a sign-in are turned into one.

Pure functions (no Streamlit, no store): ``lib.ui.auth`` feeds them the request's
headers, its TCP peer and ``st.user``; :mod:`lib.store.access` decides what the
actor may do. See ``docs/access.md``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Mode = Literal["oidc", "local", "anonymous"]
#: Roles, weakest first: each may do what the ones before it may.
ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
#: Headers a proxy adds: a request carrying any of them came through one and is never local.
FORWARDED_HEADERS: tuple[str, ...] = (
    "x-forwarded-for",
    "forwarded",
    "x-real-ip",
    "x-forwarded-host",
    "x-forwarded-proto",
)
#: Host names a browser on this machine uses (anything else may be DNS rebinding).
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
#: Longest ``who`` the revisions keep (the column's size).
WHO_MAX = 200
#: A plain e-mail address (what a role record's id and ``[zagros] admins`` hold).
EMAIL_PATTERN = re.compile(r"^[^@\s<>\"]{1,64}@[^@\s<>\"]{1,255}\.[^@\s<>\".]{1,63}$")


@dataclass(frozen=True)
class Actor:
    """Who a session acts as.

    Attributes
    ----------
    subject : str
        The identity provider's stable id (OIDC ``sub``); ``"local"`` for the
        local editor, ``""`` when nobody is signed in.
    email : str
        Lower-cased, and only when the provider did not say it is unverified.
    name : str
        For people to read.
    issuer : str
        The OIDC issuer that vouched for it (``""`` outside sign-in).
    mode : {"oidc", "local", "anonymous"}
        Signed in, the local editor (no sign-in configured, this machine), or nobody.
    groups : frozenset of str
        The values of the configured admin claim (``admin_claim``), if any.
    """

    subject: str
    email: str
    name: str
    issuer: str
    mode: Mode
    groups: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def label(self) -> str:
        """The actor for people and the history: ``Ana <ana@x.org>``, or a name alone."""
        name = " ".join(self.name.split()) or self.email or self.subject or "anonymous"
        if self.email and self.email != name.lower():
            return f"{name} <{self.email}>"[:WHO_MAX]
        return name[:WHO_MAX]


#: Editing with no sign-in configured, from a browser on the same machine.
LOCAL_EDITOR = Actor("local", "", "local editor", "", "local")
#: Nobody signed in (or a sign-in that was refused).
ANONYMOUS = Actor("", "", "anonymous", "", "anonymous")


# -- which actor a connection is --------------------------------------------------------


@dataclass(frozen=True)
class ConnectionMode:
    """What a session may be, from how it reached the app (:func:`connection_mode`).

    Attributes
    ----------
    mode : {"oidc", "local", "read-only"}
        Sign-in decides; the local editor; or read-only for everyone.
    reason : str
        Why, in words for the sidebar (never a header's value).
    """

    mode: Literal["oidc", "local", "read-only"]
    reason: str


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8501
        return host[1:].partition("]")[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def connection_mode(
    headers: Mapping[str, str], peer: str | None, auth_configured: bool
) -> ConnectionMode:
    """Decide the mode of a session from its request.

    Parameters
    ----------
    headers : mapping
        The request's headers (keys in any case).
    peer : str or None
        The TCP peer's address as the server saw it (None: unknown).
    auth_configured : bool
        Whether ``[auth]`` (OIDC sign-in) is configured.

    Returns
    -------
    ConnectionMode
        ``oidc`` whenever sign-in is configured; else ``local`` only for a direct
        connection from this machine — loopback peer, no proxy header, a Host of
        ``localhost``/``127.0.0.1``/``[::1]`` (another name pointing here may be a
        web page rebinding its DNS to reach the app) —, else ``read-only``.
    """
    if auth_configured:
        return ConnectionMode("oidc", "sign-in configured")
    names = {k.lower() for k in headers}
    proxied = [h for h in FORWARDED_HEADERS if h in names]
    if proxied:
        return ConnectionMode(
            "read-only",
            f"this request came through a proxy ({proxied[0]}) and no sign-in is set up",
        )
    try:
        address = ipaddress.ip_address(peer.strip()) if peer is not None else None
    except ValueError:
        address = None
    # A dual-stack listener (Streamlit's default, on "::") sees 127.0.0.1 as
    # ::ffff:127.0.0.1, which Python before 3.13 does not call loopback.
    mapped = getattr(address, "ipv4_mapped", None)
    loopback = address is not None and (mapped or address).is_loopback
    if not loopback:
        return ConnectionMode(
            "read-only", "editing without sign-in is open only to a browser on this machine"
        )
    host = next((v for k, v in headers.items() if k.lower() == "host"), "")
    if _host_name(host) not in LOOPBACK_HOSTS:
        return ConnectionMode(
            "read-only", "open the app as http://localhost:PORT to edit without sign-in"
        )
    return ConnectionMode("local", "this machine, no sign-in configured")


def _claim_values(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list | tuple):
        return frozenset(str(v) for v in value)
    return frozenset()


def actor_from_claims(
    claims: Mapping[str, Any], expected_issuer: str | None, group_claim: str = ""
) -> tuple[Actor, str | None]:
    """The actor of a signed-in ``st.user``, or ANONYMOUS with the reason it was refused.

    Parameters
    ----------
    claims : mapping
        ``st.user`` as a dict (the ID token's claims, ``is_logged_in``).
    expected_issuer : str or None
        The configured provider's ``issuer`` (from its ``server_metadata_url``);
        None when it could not be read: every sign-in is then refused.
    group_claim : str
        The claim whose values are kept as ``Actor.groups`` (``admin_claim``).

    Returns
    -------
    tuple
        ``(actor, problem)``: ``problem`` is None unless a sign-in was refused.
    """
    if claims.get("is_logged_in") is not True:
        return ANONYMOUS, None
    issuer = str(claims.get("iss") or "")
    subject = str(claims.get("sub") or "").strip()
    if expected_issuer is None:
        return ANONYMOUS, "the sign-in provider's issuer could not be read: sign-in refused"
    if issuer != expected_issuer:
        return ANONYMOUS, "the identity's issuer is not the configured provider: sign-in refused"
    if not subject:
        return ANONYMOUS, "the identity has no subject (sub): sign-in refused"
    email = str(claims.get("email") or "").strip().lower()
    # An address the provider has not verified names nobody: no role or admin by it.
    if claims.get("email_verified") is False or not EMAIL_PATTERN.match(email):
        email = ""
    name = str(claims.get("name") or claims.get("preferred_username") or email or subject)
    groups = _claim_values(claims.get(group_claim)) if group_claim else frozenset()
    return Actor(subject[:300], email[:320], name[:WHO_MAX], issuer, "oidc", groups), None
