"""Correct the record: edit any event, base, crossing, place or article, with a reason."""

from __future__ import annotations

import streamlit as st

from lib.model.links import HISTORY_PAGE, record_link
from lib.ui import cache, editing, router
from lib.ui.article_form import article_editor
from lib.ui.record_form import record_editor
from lib.ui.record_picker import pick_record

router.ensure_router()
st.title("Correct the record")
editing.show_flash()
store = editing.open_store()
if store is None:
    st.stop()
catalog = cache.get_catalog()
who = editing.editor_name()
st.markdown(
    "Move a feature (click the map or type coordinates), change its dates, precision, "
    "confidence or sources, or retire it. Every save is a new version with your name "
    "and reason; nothing is overwritten — the History page keeps every version."
)
record = pick_record(store, "correct")
if record is not None:
    editing.page_link(
        "History of this record", record_link(HISTORY_PAGE, record.kind, record.record_id)
    )
    if record.kind == "article":
        article_editor(store, catalog, record, who)
    else:
        record_editor(store, catalog, record, who)
