"""History: every change to one record (who, when, why, what), restore any version; recent changes."""

from __future__ import annotations

import streamlit as st

from lib.model.links import CORRECT_PAGE, record_link
from lib.ui import editing, history_view, router
from lib.ui.record_picker import EDITABLE_KINDS, HISTORY_KINDS, pick_record

router.ensure_router()
st.title("History")
editing.show_flash()
store = editing.open_store(need="viewer")
if store is None:
    st.stop()
who = editing.editor_name()
st.markdown(
    "Every saved change is kept: who made it, when and why, and what it changed. "
    "Any earlier version can be restored — the restore is a new change, with its reason."
)
record = pick_record(store, "history", HISTORY_KINDS)
if record is not None:
    if record.kind in EDITABLE_KINDS:
        editing.page_link(
            "Correct this record", record_link(CORRECT_PAGE, record.kind, record.record_id)
        )
    history_view.show_history(store, record, who)
st.subheader("Recent changes to the whole record")
history_view.show_recent(store)
