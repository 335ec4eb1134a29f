"""The map as text under a map: the features it draws, for screen readers (issue 15)."""

from __future__ import annotations

import streamlit as st

from lib.maps.text_alternative import map_text_html
from lib.model.select import Selection


@st.cache_resource(max_entries=16, show_spinner=False)
def _cached_html(signature: str, what: str, _selection: Selection) -> str:
    return map_text_html(_selection, what)


def show_map_text(
    selection: Selection, what: str = "the map", signature: str | None = None
) -> None:
    """Draw the folded table of a map's features (:mod:`lib.maps.text_alternative`).

    Parameters
    ----------
    selection : Selection
        What the map beside it draws (the same object the map was drawn from).
    what : str
        Which map, in the summary line.
    signature : str, optional
        The map's cache signature (:func:`lib.ui.components.show_cached_map`): the
        text is then made once per signature too (sorting 100,000 events' dates
        took 0.25 s a run).
    """
    html = (
        map_text_html(selection, what)
        if signature is None
        else _cached_html(signature, what, selection)
    )
    st.html(html)
