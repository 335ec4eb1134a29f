"""The legend of a briefing map, in two renderings: HTML beside a map, matplotlib in a PNG.

The HTML legend (:func:`legend_html`, template ``templates/legend.html.j2``)
sits beside the map in the presenter view and in the HTML export, so no
meaning hides behind a hover. The PNG legend (:func:`png_legend_handles`)
names the same groups and symbols for :mod:`lib.story.export_png`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from markupsafe import Markup
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from lib.data.catalog import Catalog
from lib.maps.styles import BORDER_COLOUR, KRI_COLOUR
from lib.maps.symbols import symbol_svg
from lib.model.filters import group_label
from lib.story.markup import render

#: Legend of the symbols, shown beside every map (no meaning only on hover):
#: (shape, fill colour, dashed outline, low confidence, label).
SYMBOL_LEGEND: tuple[tuple[str, str, bool, bool, str], ...] = (
    ("square", "#ffffff", False, False, "Base or HQ"),
    ("circle", "#ffffff", False, False, "Camp"),
    ("diamond", "#ffffff", False, False, "Border crossing"),
    ("triangle", "#ffffff", False, False, "Event"),
    ("square", "#ffffff", True, False, "Dashed: stand-in place"),
    ("circle", "#ffffff", False, True, "Low confidence"),
)
#: Text stand-ins for the symbols where SVG is stripped.
_GLYPHS = {"square": "■", "circle": "●", "diamond": "◆", "triangle": "▲"}


class _Group(NamedTuple):
    label: str
    colour: str


class _Symbol(NamedTuple):
    mark: Markup
    label: str


def _groups(catalog: Catalog) -> list[_Group]:
    groups = catalog.curated.groups
    return [
        _Group(group_label(group_id, name), colour)
        for group_id, name, colour in zip(
            groups["group_id"], groups["name"], groups["colour"], strict=True
        )
    ]


def _symbol_mark(shape: str, fill_colour: str, dashed: bool, low: bool, svg: bool) -> Markup:
    if svg:
        return Markup(symbol_svg(shape, fill_colour, dashed, low, 18))
    glyph = "?" if low else ("◌" if dashed else _GLYPHS[shape])
    return Markup("<span class='zb-glyph'>{}</span>").format(glyph)


def legend_html(catalog: Catalog, svg: bool = True) -> str:
    """A compact legend of groups and symbols in plain HTML (escaped), for beside a map.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (the groups and their colours).
    svg : bool
        Draw the map's own SVG symbols; False uses text glyphs instead, for
        places that strip SVG (Streamlit's ``st.html``).

    Returns
    -------
    str
        HTML.
    """
    symbols = [
        _Symbol(_symbol_mark(shape, fill_colour, dashed, low, svg), label)
        for shape, fill_colour, dashed, low, label in SYMBOL_LEGEND
    ]
    return render("legend.html.j2", groups=_groups(catalog), symbols=symbols, svg=svg)


def png_legend_handles(catalog: Catalog, facts: Mapping[str, str]) -> list[Artist]:
    """The legend entries of a step's PNG: the groups, the symbols, the border, the KRI.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (the groups and their colours).
    facts : mapping
        From :func:`lib.story.briefing.briefing_facts` (the measured border length).

    Returns
    -------
    list of matplotlib.artist.Artist
        Handles for ``Axes.legend(handles=...)``; each carries its label.
    """
    handles: list[Artist] = [
        Line2D(
            [], [], marker="s", ls="none", ms=11, mfc=group.colour, mec="#111", label=group.label
        )
        for group in _groups(catalog)
    ]
    handles += [
        Line2D([], [], marker="s", ls="none", ms=11, mfc="#fff", mec="#111", label="Base / HQ"),
        Line2D([], [], marker="o", ls="none", ms=11, mfc="#fff", mec="#111", label="Camp"),
        Patch(facecolor="none", edgecolor="#333", linestyle="--", label="Dashed ring: stand-in"),
        Line2D(
            [], [], marker="D", ls="none", ms=8, mfc="#fff", mec="#111", label="Border crossing"
        ),
        Line2D([], [], marker="^", ls="none", ms=11, mfc="#CC3311", mec="#111", label="Event"),
        Line2D(
            [], [], marker="o", ls="none", ms=16, mfc="none", mec="#111", mew=3, label="Highlighted"
        ),
        Line2D(
            [],
            [],
            color=BORDER_COLOUR,
            lw=2.6,
            label=f"Border, {facts.get('border_km', 'n/a')} measured",
        ),
        Patch(
            facecolor=KRI_COLOUR,
            alpha=0.35,
            edgecolor=KRI_COLOUR,
            label="Kurdistan Region (de jure)",
        ),
    ]
    return handles
