"""Pick one record of the store: from the address (``?record=kind:id``) or from two lists.

The Correct and History pages open on the record a link names (a map popup, the
recent-changes list); the choice is written back to the address so the page can be
shared or reloaded as it is. An address naming nothing the store holds is ignored
with a notice.
"""

from __future__ import annotations

import streamlit as st

from lib.model.url_state import shorten
from lib.store import StoreError
from lib.store.records import Record
from lib.store.store import Store
from lib.ui import banners

#: The kinds an analyst corrects, with how the lists name them.
EDITABLE_KINDS: dict[str, str] = {
    "event": "Events",
    "site": "Bases and camps",
    "crossing": "Border crossings",
    "place": "Places",
    "article": "Articles",
    "claim": "Claims checked in articles",
}
#: The History page also lists what the editorial screens write besides features.
HISTORY_KINDS: dict[str, str] = {
    **EDITABLE_KINDS,
    "annotation": "Annotations",
    "group": "Groups",
}
PARAM = "record"


def record_label(record: Record) -> str:
    """A record in a few words: its name or title, its id, and whether it is retired."""
    payload = record.payload
    name = str(payload.get("name") or payload.get("title") or record.record_id)
    date = str(payload.get("date") or payload.get("published") or "")[:10]
    text = f"{name} ({date})" if date else name
    return f"{text} · {record.record_id}" + (" · retired" if record.retired else "")


def _from_address(store: Store, kinds: dict[str, str]) -> Record | None:
    text = st.query_params.get(PARAM)
    if not text:
        return None
    kind, _, record_id = str(text).partition(":")
    if kind in kinds and record_id:
        try:
            return store.get(kind, record_id)
        except StoreError:
            pass
    st.info(
        banners.md_escape(f"Ignored “record” in the link: the store holds no “{shorten(text)}”.")
    )
    return None


def pick_record(store: Store, key: str, kinds: dict[str, str] = EDITABLE_KINDS) -> Record | None:
    """Two lists (kind, then record, retired ones included) opened on the address's record.

    Parameters
    ----------
    store : Store
        Where the records are.
    key : str
        Widget key prefix (one picker per page).
    kinds : dict
        The kinds offered, with their labels.

    Returns
    -------
    Record or None
        The chosen record, as the store holds it now.
    """
    wanted = _from_address(store, kinds)
    names = list(kinds)
    kind_key, record_key = f"{key}_kind", f"{key}_record"
    if wanted is not None and st.session_state.get("_zb_pick_seen") != wanted.ref:
        # A new address chooses; afterwards the lists do.
        st.session_state["_zb_pick_seen"] = wanted.ref
        st.session_state[kind_key] = wanted.kind
        st.session_state[record_key] = wanted.record_id
    left, right = st.columns([1, 3])
    kind = left.selectbox("Kind", names, format_func=kinds.__getitem__, key=kind_key)
    records = sorted(
        store.query(kind, include_retired=True), key=lambda r: record_label(r).casefold()
    )
    if not records:
        right.info("The store holds none of these.")
        return None
    by_id = {r.record_id: r for r in records}
    if st.session_state.get(record_key) not in by_id:
        st.session_state[record_key] = records[0].record_id
    record_id = right.selectbox(
        "Record",
        list(by_id),
        format_func=lambda rid: record_label(by_id[rid]),
        key=record_key,
    )
    record = by_id[record_id]
    st.query_params[PARAM] = record.ref
    return record
