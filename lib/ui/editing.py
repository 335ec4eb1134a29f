"""What every editorial page shares: the store to write to, who writes, and one way to write.

Every change an analyst makes goes through :func:`write`: it needs the store (a data
folder read as files cannot be edited), a name for the history and a reason, and it
reports a refused or failed write in words without losing what was typed (the
widgets keep their values). After a write the page reruns on the new revision, so
every page draws what was saved.

Before anything else :func:`write` asks the gate (``lib.store.access.authorise``)
with the actor the server resolved for this session (``lib.ui.auth``): a viewer's
replayed click is refused there, said in the page and logged, and nothing is
stored. Signed in, the name in the history is the signed-in identity; the name
field exists only for the local editor (no sign-in configured).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from lib.store import StoreError
from lib.store.access import ROLES, WriteRefused, authorise, rank
from lib.store.batch import acting_as
from lib.store.store import Store
from lib.ui import auth, banners, cache

T = TypeVar("T")

#: Session key of the analyst's name (asked once per session, kept across pages).
EDITOR_KEY = "zb_editor_name"
#: Session key of a message to show after the rerun that follows a save.
FLASH_KEY = "zb_flash"
#: Longest name or reason kept (the history shows them in full).
MAX_NAME = 80
MAX_REASON = 500


#: What a page that needs a role says to a session without it.
NEEDS = {
    "editor": "Adding reporting, drafts and corrections are for editors",
    "admin": "Managing roles is for admins",
}


def open_store(need: str = "editor") -> Store | None:
    """The store this run edits, or None (nothing to edit here, or not for this session).

    Parameters
    ----------
    need : str
        The role the page needs (``editor``: drafts and corrections; ``viewer``:
        a page that only reads, such as History, whose writes still pass the gate).

    Draws why editing is off when it is.
    """
    if need not in ROLES:
        raise ValueError(f"need must be one of {', '.join(ROLES)}")
    try:
        store = cache.current_store()
    except StoreError as exc:
        st.error(f"The store cannot be opened for writing: {exc}")
        return None
    if store is None:
        st.warning(
            "Editing needs the store: this app reads a data folder as files "
            "(ZAGROS_GEODATA_DIR without ZAGROS_BRIEF_DB), or the store cannot be "
            "read just now (see the banner). Nothing can be saved here."
        )
        return None
    if need != "viewer":
        access = auth.resolve()
        role = auth.session_role(store, access.actor)
        if rank(role) < rank(need):
            st.info(
                f"{NEEDS[need]}. {auth.status_line(access, role, banners.md_escape)}."
                + (" An admin can grant you a role." if access.actor.mode == "oidc" else ""),
                icon=":material/lock:",
            )
            return None
    return store


def can_edit(store: Store | None) -> bool:
    """Whether this session may change the record (to hide controls; the gate still decides)."""
    return store is not None and rank(auth.session_role(store)) >= rank("editor")


def editor_name() -> str:
    """Who this session's changes are recorded as.

    Signed in: the signed-in identity (``Ana <ana@x.org>``). The local editor (no
    sign-in configured, this machine) gives a name in the sidebar, kept for the
    session. Read-only: "".

    Returns
    -------
    str
        The name, trimmed ("" until one is given).
    """
    actor = auth.current_actor()
    if actor.mode == "oidc":
        return actor.label
    if actor.mode != "local":
        return ""
    name = st.sidebar.text_input(
        "Your name (kept with every change you save)",
        key=EDITOR_KEY,
        max_chars=MAX_NAME,
        placeholder="e.g. A. Analyst",
    )
    return " ".join(str(name or "").split())


def reason_input(label: str, key: str) -> str:
    """A required reason for a change (one line, trimmed)."""
    text = st.text_input(
        label, key=key, max_chars=MAX_REASON, placeholder="Why: the source, the correction…"
    )
    return " ".join(str(text or "").split())


def page_link(label: str, href: str) -> None:
    """A link to another page of the app (an address :mod:`lib.model.links` built)."""
    st.markdown(f"[{banners.md_escape(label)}](<{href}>)")


def flash(message: str) -> None:
    """Keep a success message for the next run (a save reruns the page)."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """Show, once, the message a save left."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


def write(
    store: Store,
    who: str,
    why: str,
    action: Callable[[Store, str, str], T],
    done: str,
    need: str = "editor",
) -> T | None:
    """Make one change through the store, with who and why, if this session may; rerun on success.

    Parameters
    ----------
    store : Store
        Where to write.
    who, why : str
        The analyst's name and the reason (both required: refused when empty).
    action : callable
        ``action(store, who, why)`` making the change (one batch).
    done : str
        The message shown after the rerun.
    need : str
        The role the change needs (``editor``; ``admin`` for roles).

    Returns
    -------
    object or None
        None when refused or failed (the message is drawn); on success the page
        reruns and this does not return.
    """
    # The gate first, with the actor the server resolved for this session: whatever
    # the page drew or the browser sent, a session without the role stores nothing.
    actor = auth.current_actor()
    try:
        authorise(store, actor, need, auth.access_config(), what=done.rstrip("."))
    except WriteRefused as exc:
        st.error(banners.md_escape(str(exc)), icon=":material/block:")
        return None
    if actor.mode == "oidc":
        who = actor.label
    if not who:
        st.error("Give your name in the sidebar first: every change records who made it.")
        return None
    if not why:
        st.error("Say why: every change records its reason.")
        return None
    try:
        with acting_as(actor):
            result = action(store, who, why)
    except (StoreError, ValueError) as exc:
        # StoreError: stale edit, missing record, lost connection; ValueError: a
        # check of the content. Nothing was saved; the form keeps what was typed.
        message = str(exc)
        prefix = "" if message.startswith("Not saved") else "Not saved. "
        st.error(prefix + banners.md_escape(message))
        return None
    flash(done)
    cache.refresh()
    st.rerun()
    return result
