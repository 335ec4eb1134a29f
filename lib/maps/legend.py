"""The main map's legend: markup (``templates/legend.html.j2``) and its Leaflet control."""

from __future__ import annotations

import pandas as pd

from lib.data.schemas import EVENT_CATEGORIES
from lib.geo.geodesy import format_km
from lib.maps.base_map import Snippet
from lib.maps.styles import (
    BORDER_COLOUR,
    CATEGORY_COLOURS,
    CATEGORY_LETTERS,
    DISPUTED_COLOUR,
    KRI_COLOUR,
)
from lib.maps.templating import MAP_PLACEHOLDER, render
from lib.model.filters import group_label, group_marks


def legend_html(
    groups: pd.DataFrame, border_km: float, article_km: float | None, open_: bool = True
) -> str:
    """The legend: border, areas, groups, symbols and event categories.

    Each group is shown with its colour and its mark, each category with its
    colour and its letter: as on the map, colour is never the only sign.

    Parameters
    ----------
    groups : pandas.DataFrame
        All the groups (``group_id``, ``name``, ``colour``), in file order (their marks).
    border_km : float
        Measured border length (0 when not available).
    article_km : float or None
        The length the article gives.
    open_ : bool
        Unfolded (on the overview) or folded (when the map opens on a place).

    Returns
    -------
    str
        One line of escaped HTML.
    """
    length = f"{format_km(border_km)} measured" if border_km else "length not available"
    article = f" · article: {format_km(article_km)}" if article_km else ""
    marks = group_marks(groups)
    return render(
        "legend.html.j2",
        border_colour=BORDER_COLOUR,
        kri_colour=KRI_COLOUR,
        disputed_colour=DISPUTED_COLOUR,
        length=length,
        article=article,
        groups=[
            (colour, group_label(group_id, name), marks[group_id])
            for group_id, name, colour in zip(
                groups["group_id"], groups["name"], groups["colour"], strict=True
            )
        ],
        categories=[
            (CATEGORY_COLOURS[c], c.capitalize(), CATEGORY_LETTERS[c]) for c in EVENT_CATEGORIES
        ],
        open=open_,
    )


def legend_control(legend: str) -> Snippet:
    """The legend as a Leaflet control (it stays on the map in fullscreen).

    Parameters
    ----------
    legend : str
        Its markup (:func:`legend_html`).

    Returns
    -------
    Snippet
        To add to the map.
    """
    return Snippet(render("legend_control.js.j2", legend=legend, map=MAP_PLACEHOLDER))
