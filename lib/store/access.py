"""Who may do what: the actor behind a session, roles kept in the store, and the one write gate.

Three roles, each including the one before: ``viewer`` (reads everything but
drafts), ``editor`` (adds reporting, corrects and restores the record), ``admin``
(also grants and removes roles). Roles are records of kind ``role`` (id: the
lower-cased e-mail; payload ``{"email", "role", "subject"?}``), so every grant
and removal is a revision with who, when and why; they never leave the store
as data (:data:`lib.store.kinds.PRIVATE_KINDS`). The first admins come from the
configuration (``[zagros]`` in ``.streamlit/secrets.toml``: ``admins``, or an
OIDC claim ``admin_claim`` holding ``admin_group``); a signed-in user the store
does not know has ``default_role`` (viewer).

Every write of the app passes :func:`authorise` first, with the actor the server
resolved for that session (``lib.ui.auth.current_actor``): a hidden button is not
the protection. A refusal raises :class:`WriteRefused` and is logged on
``zagros.access`` (who, what, why; never a token).

No Streamlit here: how a session maps to an actor is decided by the pure
functions :func:`connection_mode` and :func:`actor_from_claims`, which
``lib.ui.auth`` feeds with the request's headers, peer address and ``st.user``.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lib.data.paths import PROJECT_ROOT
from lib.store.errors import InvalidChange, RecordNotFound, StoreError
from lib.store.identity import (
    ANONYMOUS,
    EMAIL_PATTERN,
    FORWARDED_HEADERS,
    LOCAL_EDITOR,
    ROLES,
    Actor,
    ConnectionMode,
    Mode,
    actor_from_claims,
    connection_mode,
)
from lib.store.kinds import ROLE_KIND
from lib.store.records import Record, Revision
from lib.store.store import Store

LOG = logging.getLogger("zagros.access")

__all__ = [
    "ANONYMOUS",
    "FORWARDED_HEADERS",
    "LOCAL_EDITOR",
    "ROLES",
    "AccessConfig",
    "Actor",
    "ConnectionMode",
    "Mode",
    "WriteRefused",
    "actor_from_claims",
    "authorise",
    "connection_mode",
    "grant",
    "list_roles",
    "load_access_config",
    "rank",
    "remove",
    "role_history",
    "role_of",
]


class WriteRefused(StoreError):
    """The actor may not make this change; the message says why (and is logged)."""


@dataclass(frozen=True)
class AccessConfig:
    """The ``[zagros]`` section of ``.streamlit/secrets.toml``.

    Attributes
    ----------
    admins : frozenset of str
        E-mail addresses (lower-cased) that are always admins.
    admin_claim, admin_group : str
        An OIDC claim (``groups``) and the value in it that makes an admin.
    default_role : str
        The role of a signed-in user the store has no role record for.
    require_login_to_view : bool
        Anonymous users see only the sign-in.
    """

    admins: frozenset[str] = frozenset()
    admin_claim: str = ""
    admin_group: str = ""
    default_role: str = "viewer"
    require_login_to_view: bool = False

    @classmethod
    def from_mapping(cls, section: Mapping[str, Any] | None) -> AccessConfig:
        """Read the section; a wrong value is refused with what to write instead.

        Raises
        ------
        ValueError
            ``admins`` not a list of e-mail addresses, an unknown ``default_role``
            (``admin`` is refused: every stranger would be one), a non-boolean flag.
        """
        section = dict(section or {})
        admins = section.get("admins", [])
        if isinstance(admins, str):
            admins = [admins]
        if not isinstance(admins, list | tuple) or not all(
            isinstance(a, str) and EMAIL_PATTERN.match(a.strip()) for a in admins
        ):
            raise ValueError('[zagros] admins must be a list of e-mail addresses: ["a@x.org"]')
        default = str(section.get("default_role", "viewer")).strip().lower()
        if default not in ROLES[:2]:
            raise ValueError('[zagros] default_role must be "viewer" or "editor"')
        flag = section.get("require_login_to_view", False)
        if not isinstance(flag, bool):
            raise ValueError("[zagros] require_login_to_view must be true or false")
        return cls(
            frozenset(a.strip().lower() for a in admins),
            str(section.get("admin_claim", "") or "").strip(),
            str(section.get("admin_group", "") or "").strip(),
            default,
            flag,
        )


def load_access_config(project_root: Path = PROJECT_ROOT) -> AccessConfig:
    """``[zagros]`` of ``<project_root>/.streamlit/secrets.toml`` (defaults without the file)."""
    path = project_root / ".streamlit" / "secrets.toml"
    if not path.is_file():
        return AccessConfig()
    with path.open("rb") as fh:
        return AccessConfig.from_mapping(tomllib.load(fh).get("zagros"))


# -- roles ------------------------------------------------------------------------------


def rank(role: str) -> int:
    """0 viewer, 1 editor, 2 admin (ValueError for anything else)."""
    return ROLES.index(role)


def role_of(store: Store, actor: Actor, config: AccessConfig) -> str:
    """The actor's role now, read from the configuration and the store.

    The local editor is an admin (the machine's owner, who also writes the
    configuration); nobody signed in is a viewer; a signed-in actor is an admin
    if the configuration says so (``admins``, ``admin_claim``/``admin_group``),
    else has the role its role record gives (a record naming another subject for
    the same e-mail is ignored), else ``default_role``.
    """
    if actor.mode == "local":
        return "admin"
    if actor.mode != "oidc":
        return "viewer"
    if actor.email and actor.email in config.admins:
        return "admin"
    if config.admin_claim and config.admin_group and config.admin_group in actor.groups:
        return "admin"
    if actor.email:
        try:
            record = store.get(ROLE_KIND, actor.email)
        except RecordNotFound:
            record = None
        if record is not None and not record.retired:
            subject = record.payload.get("subject")
            role = record.payload.get("role")
            if subject and subject != actor.subject:
                LOG.warning("role record %s names another subject: ignored", actor.email)
            elif role in ROLES:
                return str(role)
    return config.default_role


def authorise(
    store: Store,
    actor: Actor,
    need: str,
    config: AccessConfig | None = None,
    what: str = "a change",
) -> str:
    """Let a change through, or refuse it: the one gate every write of the app passes.

    Parameters
    ----------
    store : Store
        The store the change goes to (the actor's role is read from it now).
    actor : Actor
        Resolved on the server for this session (never taken from the request).
    need : str
        The role the change needs: ``editor`` (records), ``admin`` (roles).
    config : AccessConfig, optional
        Default: :func:`load_access_config`.
    what : str
        The change in a few words, for the message and the log.

    Returns
    -------
    str
        The actor's role.

    Raises
    ------
    WriteRefused
        With why; logged on ``zagros.access`` (who, what, why).
    """
    if need not in ROLES:
        raise ValueError(f"need must be one of {', '.join(ROLES)}")
    config = load_access_config() if config is None else config
    if actor.mode == "anonymous":
        reason = "nobody is signed in: this session is read-only"
        _refuse(actor, what, reason)
    role = role_of(store, actor, config)
    if rank(role) < rank(need):
        reason = f"{actor.label} is {_a(role)}, and “{what}” needs {_a(need)}" + (
            " (an admin grants roles on the Admin page)" if need == "editor" else ""
        )
        _refuse(actor, what, reason)
    LOG.info("allowed: who=%s mode=%s role=%s what=%s", actor.label, actor.mode, role, what)
    return role


def _a(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"


def _refuse(actor: Actor, what: str, reason: str) -> None:
    LOG.warning(
        "refused: who=%s subject=%s mode=%s what=%s why=%s",
        actor.label, actor.subject or "-", actor.mode, what, reason,
    )  # fmt: skip
    raise WriteRefused(f"Not saved: {reason}.")


def normalise_email(email: str) -> str:
    """A role's id: the address trimmed and lower-cased; ValueError if it is not one."""
    text = str(email or "").strip().lower()
    if not EMAIL_PATTERN.match(text) or len(text) > 320:
        raise ValueError(f"“{text[:80]}” is not an e-mail address.")
    return text


def grant(
    store: Store, actor: Actor, email: str, role: str, why: str,
    config: AccessConfig | None = None, subject: str | None = None, who: str = "",
) -> Revision:  # fmt: skip
    """Give ``email`` a role (create, change or bring back its role record), if ``actor`` is an admin.

    Parameters
    ----------
    store, actor, config
        As :func:`authorise` (the actor must be an admin).
    email, role : str
        Whom, and which of :data:`ROLES`.
    why : str
        The reason, kept in the history.
    subject : str, optional
        Tie the role to this OIDC subject too (another account with the address gets none).
    who : str
        The name in the history (default the actor's label).

    Raises
    ------
    WriteRefused, ValueError, InvalidChange
        Not an admin; not an e-mail or a role; the address has that role already.
    """
    if role not in ROLES:
        raise ValueError(f"Unknown role “{role}” (roles: {', '.join(ROLES)}).")
    address = normalise_email(email)
    authorise(store, actor, "admin", config, what=f"granting {role} to {address}")
    payload: dict[str, Any] = {"email": address, "role": role}
    if subject:
        payload["subject"] = subject
    with store.batch(who or actor.label, why, actor, roles=True) as batch:
        current = batch.current(ROLE_KIND, address)
        if current is None:
            return batch.create(ROLE_KIND, address, payload)
        if current.retired:
            return batch.restore(ROLE_KIND, address, payload=payload, base_version=current.version)
        if current.payload == payload:
            raise InvalidChange(f"{address} is already {role}.")
        return batch.update(ROLE_KIND, address, payload, base_version=current.version)


def remove(
    store: Store, actor: Actor, email: str, why: str, config: AccessConfig | None = None,
    who: str = "",
) -> Revision:  # fmt: skip
    """Remove ``email``'s role record (it falls back to ``default_role``), if ``actor`` is an admin."""
    address = normalise_email(email)
    authorise(store, actor, "admin", config, what=f"removing the role of {address}")
    with store.batch(who or actor.label, why, actor, roles=True) as batch:
        current = batch.current(ROLE_KIND, address)
        if current is None or current.retired:
            raise InvalidChange(f"{address} has no role to remove.")
        return batch.retire(ROLE_KIND, address, base_version=current.version)


def list_roles(store: Store) -> list[Record]:
    """The roles granted in the store, by e-mail (removed ones left out)."""
    return sorted(store.query(ROLE_KIND), key=lambda r: r.record_id)


def role_history(store: Store, n: int = 200) -> list[Revision]:
    """The ``n`` newest grants and removals, newest first."""
    return store.recent(n, kind=ROLE_KIND)
