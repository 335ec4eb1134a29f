"""Presenter views (briefing, speaker notes): the chrome, the step bar, the keys, the step.

The address holds the briefing and the step (``?b=<id>&step=<n>``), so a copied
link opens the same step; both values are untrusted and only looked up in the
loaded briefings. The briefing and notes pages step in the browser through the
deck (:mod:`lib.ui.deck`); the server-side step bar here (buttons that change the
address, arrow keys and a clicker's Page Up/Down pressing them) remains for views
that redraw on each step.
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from lib.data.catalog import Catalog
from lib.data.validation import DataIssue
from lib.story.briefing import (
    DRAFT_ID,
    Briefing,
    draft_briefing,
    load_briefings,
    resolve_step,
)
from lib.story.export_keys import keyboard_script
from lib.ui.banners import issues_table, md_escape
from lib.ui.cache import briefing_vocabulary, data_dir
from lib.ui.markup import inject_css, render

#: Session-state keys shared by the map page (which adds steps) and the briefing pages.
DRAFT_STATE_KEY = "zb_briefing_draft"
UPLOADS_STATE_KEY = "zb_briefing_uploads"


def presenter_style(page_css: str | None = None) -> None:
    """Hide Streamlit's chrome and sidebar for a presenter view (briefing, notes).

    Parameters
    ----------
    page_css : str, optional
        A stylesheet of ``lib/ui/static/`` for the page's own elements, added after
        the shared presenter one.
    """
    inject_css("presenter.css", *([page_css] if page_css else []))


def go_to_step(briefing_id: str, number: int) -> None:
    """Show another briefing step: the address changes, so a copied link opens it too."""
    st.query_params["b"] = briefing_id
    st.query_params["step"] = str(number)


def step_buttons(prev_col, next_col, briefing_id: str, index: int, total: int) -> None:
    """Previous/Next buttons of a presenter view, driven by the arrow keys as well.

    Parameters
    ----------
    prev_col, next_col : Streamlit containers
        Where the two buttons go.
    briefing_id : str
        The briefing shown.
    index : int
        The current step, from 0.
    total : int
        The number of steps.
    """
    prev_col.button(
        "← Previous",
        key="zb_prev",
        on_click=go_to_step,
        args=(briefing_id, index),
        disabled=index == 0,
        help="Previous step (← or Page Up)",
    )
    next_col.button(
        "Next →",
        key="zb_next",
        on_click=go_to_step,
        args=(briefing_id, index + 2),
        disabled=index == total - 1,
        type="primary",
        help="Next step (→ or Page Down)",
    )
    components.html(keyboard_script("zb_prev", "zb_next"), height=0)


def step_bar(
    briefing_id: str,
    index: int,
    total: int,
    title: str,
    *,
    exit_href: str | None = None,
    notes_href: str | None = None,
) -> None:
    """The top row of a presenter view: counter and step title, then Previous/Next.

    Parameters
    ----------
    briefing_id : str
        The briefing shown.
    index : int
        The current step, from 0.
    total : int
        The number of steps.
    title : str
        The step's title (data text: escaped by the template).
    exit_href, notes_href : str, optional
        The presenter view's links back to the map and to the speaker notes; with
        them the counter also carries the id ``zb-counter``.
    """
    bar, prev_col, next_col = st.columns([8, 1.3, 1.3], vertical_alignment="center")
    bar.html(
        render(
            "step_bar.html.j2",
            index=index,
            total=total,
            title=title,
            counter_id=exit_href is not None,
            exit_href=exit_href,
            notes_href=notes_href,
        )
    )
    step_buttons(prev_col, next_col, briefing_id, index, total)


def current_briefing(
    catalog: Catalog,
) -> tuple[dict[str, Briefing], Briefing, int, list[DataIssue]]:
    """The briefing and step the address asks for, among files, uploads and the draft.

    Notices for ignored values are shown and the address is corrected to name
    what is shown, so stepping on works from there. Stops the page when no
    briefing loads at all.

    Returns
    -------
    tuple
        Every briefing on offer (by id), the one shown, its 0-based step index,
        and the problems of the briefing files.
    """
    vocab = briefing_vocabulary(catalog)
    files, file_issues = load_briefings(data_dir() / "briefings", vocab)
    briefings: dict[str, Briefing] = {**files, **st.session_state.setdefault(UPLOADS_STATE_KEY, {})}
    draft = st.session_state.setdefault(DRAFT_STATE_KEY, [])
    if draft:
        briefings[DRAFT_ID] = draft_briefing(draft)
    if not briefings:
        st.error("No briefing could be loaded: see the problems below.")
        issues_table(file_issues)
        st.stop()
    briefing, index, notices = resolve_step(
        briefings, st.query_params.to_dict(), next(iter(briefings))
    )
    for notice in notices:
        st.info(md_escape(notice))  # it quotes the address, which anyone can write
    if notices:
        st.query_params["b"] = briefing.briefing_id
        st.query_params["step"] = str(index + 1)
    return briefings, briefing, index, file_issues
