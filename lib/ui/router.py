"""Routing: every page runs through ``app.py``, the router that draws the sidebar."""

from __future__ import annotations

import streamlit as st

ROUTER_FLAG = "zb_router"


def mark_router_ran() -> None:
    """Record that this session went through ``app.py`` (the router)."""
    st.session_state[ROUTER_FLAG] = True


def ensure_router() -> None:
    """Re-enter through ``app.py`` when Streamlit ran a page file on its own.

    Until some session has called ``st.navigation``, Streamlit treats a
    ``pages/`` folder as an old-style multipage app: the first visitor of a
    fresh server who opens a deep link (``/article?ann=…``) gets the page file
    run without the router, its sidebar and its filters. Switching Streamlit
    to ``st.navigation`` mode and rerunning sends that visitor through the
    router to the page they asked for.
    """
    if st.session_state.get(ROUTER_FLAG):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def forward_to(page: st.Page) -> None:
    """Open another page in place of this one, with every query parameter kept.

    Used by the hidden ``/map`` page: Streamlit serves the default page (the
    map) at the root only, and would otherwise show “Page not found”.
    """
    params = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    st.switch_page(page, query_params=params)
