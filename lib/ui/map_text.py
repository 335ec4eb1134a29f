"""The map as text under a map: the features it draws, for screen readers (issue 15)."""

from __future__ import annotations

import streamlit as st

from lib.maps.text_alternative import feature_items, map_text_html
from lib.model.select import Selection


def show_map_text(selection: Selection, what: str = "the map") -> None:
    """Draw the folded table of a map's features (:mod:`lib.maps.text_alternative`).

    Parameters
    ----------
    selection : Selection
        What the map beside it draws (the same object the map was drawn from).
    what : str
        Which map, in the summary line.
    """
    st.html(map_text_html(feature_items(selection), what))
