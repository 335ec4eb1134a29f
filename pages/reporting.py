"""Add reporting: take in a new article, review what it names, save it to the record."""

from __future__ import annotations

import streamlit as st

from lib.ui import banners, cache, drafts, editing, router
from lib.ui.event_form import event_form
from lib.ui.reporting_input import intake_form
from lib.ui.reporting_review import proposals_review, quote_adder, save_section, show_saved

router.ensure_router()
st.title("Add reporting")
editing.show_flash()
show_saved()
store = editing.open_store()
if store is None:
    st.stop()
catalog = cache.get_catalog()
draft = drafts.current(store)  # before the name field: a reopened draft brings its owner's name
who = editing.editor_name()
if draft is None:
    st.markdown(
        "Take in a new article: the app proposes the places, groups, dates and known "
        "events it names; you accept, reject or relink each, add what it missed, create "
        "new events, and save it all as one change with your reason. The draft is kept "
        "at every step until it is saved or discarded."
    )
    draft = intake_form(store, catalog, who)
    if draft is None:
        drafts.open_drafts(store)
        st.stop()
    st.rerun()

meta = draft.meta
st.caption(
    banners.md_escape(
        f"{meta.outlet} · {meta.published:%d %B %Y} · {meta.language} · draft {draft.draft_id}"
    )
)
st.subheader("1 · Review the proposals")
proposals_review(store, catalog, draft, who)
st.subheader("2 · Add an annotation by quoting a passage")
draft = quote_adder(store, catalog, draft, who)
st.subheader("3 · Create a new event from a passage")
for event in draft.events:
    st.markdown(banners.md_escape(f"• {event.date:%d %b %Y} — {event.title} ({event.place})"))
draft = event_form(store, catalog, draft, who)
st.subheader("4 · Save")
save_section(store, catalog, draft, who)
