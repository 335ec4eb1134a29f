"""Drafts of new reporting: kept in the store at every step, found again after a reload.

A review takes a while; a reload, a closed tab or a crashed browser must not lose
it. Every change to a draft is written to the store's drafts table at once (drafts
are not records: no revision, not on any map), the address names the draft
(``?draft=<id>``), and the Add reporting page lists the open drafts to resume.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from lib.editorial.draft import Draft
from lib.model.links import REPORTING_PAGE, page_link
from lib.model.url_state import shorten
from lib.store import StoreError
from lib.store.store import Store
from lib.ui import banners
from lib.ui.editing import EDITOR_KEY

#: Session key of the draft under review (a ``Draft``).
DRAFT_KEY = "zb_draft"
#: Session key of the event form's values, kept in the draft's row with it.
FORM_KEY = "zb_draft_form"
PARAM = "draft"
#: The owner of a draft begun before a name was given.
UNNAMED = "unnamed"


def current(store: Store) -> Draft | None:
    """The draft this session reviews: the session's, else the one the address names.

    Returns
    -------
    Draft or None
        None when there is none (or the address names none the store holds: a notice).
    """
    wanted = st.query_params.get(PARAM)
    draft = st.session_state.get(DRAFT_KEY)
    if isinstance(draft, Draft) and (not wanted or draft.draft_id == wanted):
        return draft
    if not wanted:
        return None
    try:
        row = store.load_draft(str(wanted))
    except StoreError as exc:
        st.error(f"The draft could not be read: {exc}")
        return None
    if row is None:
        st.info(
            banners.md_escape(
                f"Ignored “draft” in the link: no open draft “{shorten(str(wanted))}” "
                "(saved or discarded since)."
            )
        )
        del st.query_params[PARAM]
        return None
    try:
        payload: dict[str, Any] = dict(row.payload)
        draft = Draft.model_validate(payload.get("draft", payload))
    except (ValidationError, TypeError, ValueError) as exc:
        # Kept as it is in the store (never overwritten): the analyst can discard it.
        st.error(f"The draft “{row.title}” cannot be read back ({exc.__class__.__name__}).")
        return None
    draft = draft.model_copy(update={"draft_id": row.draft_id})
    st.session_state[DRAFT_KEY] = draft
    if not st.session_state.get(EDITOR_KEY) and row.owner != UNNAMED:
        # A reload or a new tab is a new session: the draft's owner goes on with it.
        st.session_state[EDITOR_KEY] = row.owner
    st.session_state[FORM_KEY] = dict(payload.get("form") or {})
    return draft


def keep(store: Store, draft: Draft, owner: str) -> Draft:
    """Write the draft to the store now (create or replace) and name it in the address.

    Parameters
    ----------
    store : Store
        Where drafts are kept.
    draft : Draft
        Its current state.
    owner : str
        Who is working on it ("" until a name is given).

    Returns
    -------
    Draft
        The draft with its id.
    """
    payload = {
        "draft": draft.model_dump(mode="json"),
        "form": dict(st.session_state.get(FORM_KEY) or {}),
    }
    draft_id = store.save_draft(draft.draft_id, owner or UNNAMED, draft.meta.title, payload)
    draft = draft.model_copy(update={"draft_id": draft_id})
    st.session_state[DRAFT_KEY] = draft
    st.query_params[PARAM] = draft_id
    return draft


def forget(store: Store, draft: Draft | None, discard: bool) -> None:
    """Leave the draft: discarded from the store (``discard``) or only closed here."""
    if draft is not None and draft.draft_id and discard:
        store.discard_draft(draft.draft_id)
    st.session_state.pop(DRAFT_KEY, None)
    st.session_state.pop(FORM_KEY, None)
    if PARAM in st.query_params:
        del st.query_params[PARAM]


def open_drafts(store: Store) -> None:
    """The drafts in the store, newest first, each a link that resumes it."""
    rows = store.list_drafts()
    if not rows:
        return
    st.subheader(f"Open drafts ({len(rows)})")
    for row in rows:
        when = row.updated_at.strftime("%d %b %Y %H:%M UTC")
        title = banners.md_escape(row.title or "(untitled)")
        owner = banners.md_escape(row.owner)
        href = page_link(REPORTING_PAGE, {PARAM: row.draft_id})
        st.markdown(f"- [{title}](<{href}>) — {owner}, {when}")
