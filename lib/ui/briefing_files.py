"""Choose, load and save briefings: the picker, a briefing file's upload, the download.

An upload is kept in the session beside the briefings of ``geodata/briefings/``
and the draft built on the map page; it never replaces either.
"""

from __future__ import annotations

import streamlit as st

from lib.data.catalog import Catalog
from lib.story import briefing as bf
from lib.ui.banners import issues_table, md_escape
from lib.ui.cache import briefing_vocabulary
from lib.ui.presenter import DRAFT_STATE_KEY, UPLOADS_STATE_KEY, go_to_step


def library(catalog: Catalog, briefings: dict[str, bf.Briefing], briefing: bf.Briefing) -> None:
    """The “Choose, load or save a briefing” expander of the presenter view.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (an upload is checked against its names).
    briefings : dict[str, Briefing]
        Every briefing on offer, by id (``presenter.current_briefing``).
    briefing : Briefing
        The one shown.
    """
    with st.expander("Choose, load or save a briefing"):
        ids = list(briefings)
        chosen = st.selectbox(
            "Briefing",
            ids,
            index=ids.index(briefing.briefing_id),
            format_func=lambda i: f"{briefings[i].title} ({len(briefings[i].steps)} steps)",
        )
        if chosen != briefing.briefing_id:
            go_to_step(chosen, 1)
            st.rerun()
        _upload(catalog, briefings, briefing)
        _save(briefing)


def upload_id(loaded_id: str, briefings: dict[str, bf.Briefing], uploads: dict) -> str:
    """The id an uploaded briefing is kept under: never that of a data file or the draft."""
    if (loaded_id in briefings and loaded_id not in uploads) or loaded_id == bf.DRAFT_ID:
        return f"upload-{loaded_id}"
    return loaded_id


def _upload(catalog: Catalog, briefings: dict[str, bf.Briefing], briefing: bf.Briefing) -> None:
    upload = st.file_uploader(
        "Load a briefing file (.toml)",
        type=["toml"],
        key="zb_briefing_upload",
        help="A file downloaded from here or written by hand (see geodata/briefings/).",
    )
    if upload is None:
        return
    loaded, issues = bf.load_briefing_text(
        upload.getvalue(),
        f"uploaded file “{upload.name}”",
        briefing_vocabulary(catalog),
        default_id="uploaded",
    )
    if issues:
        message = (
            "This file has problems; the steps named below are left out."
            if loaded
            else "This file cannot be presented."
        )
        st.error(f"{message} ({len(issues)} problem(s))")
        issues_table(issues)
    if loaded is None:
        return
    uploads: dict[str, bf.Briefing] = st.session_state[UPLOADS_STATE_KEY]
    key = upload_id(loaded.briefing_id, briefings, uploads)
    uploads[key] = bf.Briefing(key, loaded.title, loaded.steps, loaded.subtitle)
    st.success(f"Loaded “{md_escape(loaded.title)}”: {len(loaded.steps)} step(s).")
    if key != briefing.briefing_id:
        st.button("Present it", key="zb_present_upload", on_click=go_to_step, args=(key, 1))


def _save(briefing: bf.Briefing) -> None:
    st.download_button(
        "Download this briefing as a file (.toml)",
        lambda: bf.dump_briefing(briefing),
        file_name=bf.file_name(briefing),
        mime="application/toml",
        on_click="ignore",
    )
    draft: list[bf.Step] = st.session_state[DRAFT_STATE_KEY]
    if draft:
        st.caption(
            f"Your draft has {len(draft)} step(s), added from the map page; it is kept "
            "while this browser tab is open."
        )
    else:
        st.caption("Add your own steps from the map page: “Add this view as a briefing step”.")
