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
from matplotlib.path import Path as MplPath

from lib.data.catalog import Catalog
from lib.data.schemas import EVENT_CATEGORIES
from lib.maps.marks import MARK_GLYPHS, mark_polygons
from lib.maps.styles import BORDER_COLOUR, CATEGORY_COLOURS, CATEGORY_LETTERS, KRI_COLOUR
from lib.maps.symbols import symbol_svg
from lib.model.filters import group_label, group_marks
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
    mark: str


class _Key(NamedTuple):
    """One legend entry: its symbol (trusted SVG) or, where SVG is stripped, a glyph."""

    label: str
    svg: Markup | None
    glyph: str
    colour: str | None = None


def _groups(catalog: Catalog) -> list[_Group]:
    groups = catalog.curated.groups
    marks = group_marks(groups)
    return [
        _Group(group_label(group_id, name), colour, marks[group_id])
        for group_id, name, colour in zip(
            groups["group_id"], groups["name"], groups["colour"], strict=True
        )
    ]


def _drawn(
    svg: bool,
    shape: str,
    fill: str,
    dashed: bool = False,
    low: bool = False,
    mark: str = "plain",
    letter: str | None = None,
) -> Markup | None:
    """The map's own symbol at legend size, or None where SVG is stripped."""
    if not svg:
        return None
    return Markup(symbol_svg(shape, fill, dashed, low, 18, mark=mark, letter=letter))


def legend_html(catalog: Catalog, svg: bool = True) -> str:
    """A compact legend of groups, symbols and event categories in plain HTML, for beside a map.

    As on the map, colour is never the only sign: each group shows its mark,
    each category its letter.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (the groups, their colours and marks).
    svg : bool
        Draw the map's own SVG symbols; False uses text glyphs on colour swatches
        instead, for places that strip SVG (Streamlit's ``st.html``).

    Returns
    -------
    str
        HTML.
    """

    groups = [
        _Key(g.label, _drawn(svg, "circle", g.colour, mark=g.mark), MARK_GLYPHS[g.mark], g.colour)
        for g in _groups(catalog)
    ]
    symbols = [
        _Key(
            label,
            _drawn(svg, shape, fill, dashed, low),
            "?" if low else ("◌" if dashed else _GLYPHS[shape]),
        )
        for shape, fill, dashed, low, label in SYMBOL_LEGEND
    ]
    categories = [
        _Key(
            category.capitalize(),
            _drawn(svg, "triangle", colour, letter=CATEGORY_LETTERS[category]),
            CATEGORY_LETTERS[category],
            colour,
        )
        for category, colour in ((c, CATEGORY_COLOURS[c]) for c in EVENT_CATEGORIES)
    ]
    return render("legend.html.j2", groups=groups, symbols=symbols, categories=categories, svg=svg)


def mark_marker(mark: str) -> MplPath | None:
    """A group mark as a matplotlib marker path (:mod:`lib.maps.marks`); None for ``plain``."""
    polygons = mark_polygons(mark)
    if not polygons:
        return None
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for polygon in polygons:
        vertices += [*polygon, polygon[0]]
        codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(polygon) - 1) + [MplPath.CLOSEPOLY]
    return MplPath(vertices, codes)


def _marked(shape: str, colour: str, mark: str, size: float) -> Artist | tuple[Artist, ...]:
    """A legend handle: a coloured symbol with its white mark over it."""
    base = Line2D([], [], marker=shape, ls="none", ms=size, mfc=colour, mec="#111")
    path = mark_marker(mark)
    if path is None:
        return base
    return (
        base,
        Line2D([], [], marker=path, ls="none", ms=size * 0.6, mfc="#fff", mec="#111", mew=0.8),
    )


def png_legend_handles(
    catalog: Catalog, facts: Mapping[str, str]
) -> list[tuple[Artist | tuple[Artist, ...], str]]:
    """The legend entries of a step's PNG: the groups, the symbols, the categories, the lines.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (the groups, their colours and marks).
    facts : mapping
        From :func:`lib.story.briefing.briefing_facts` (the measured border length).

    Returns
    -------
    list of (handle, label)
        For ``Axes.legend(handles, labels)``; a group's handle is its coloured
        symbol and its mark drawn over it (a tuple: matplotlib overlays them).
    """
    entries: list[tuple[Artist | tuple[Artist, ...], str]] = [
        (_marked("o", group.colour, group.mark, 13), group.label) for group in _groups(catalog)
    ]
    entries += [
        (Line2D([], [], marker="s", ls="none", ms=11, mfc="#fff", mec="#111"), "Base / HQ"),
        (Line2D([], [], marker="o", ls="none", ms=11, mfc="#fff", mec="#111"), "Camp"),
        (Patch(facecolor="none", edgecolor="#333", linestyle="--"), "Dashed ring: stand-in"),
        (Line2D([], [], marker="D", ls="none", ms=8, mfc="#fff", mec="#111"), "Border crossing"),
        (
            Line2D([], [], marker="o", ls="none", ms=16, mfc="none", mec="#111", mew=3),
            "Highlighted",
        ),
        (
            Line2D([], [], color=BORDER_COLOUR, lw=2.6),
            f"Border, {facts.get('border_km', 'n/a')} measured",
        ),
        (
            Patch(facecolor=KRI_COLOUR, alpha=0.35, edgecolor=KRI_COLOUR),
            "Kurdistan Region (de jure)",
        ),
    ]
    # Events: the triangle with the category's letter (a text marker), as on the map.
    entries += [
        (
            (
                Line2D([], [], marker="^", ls="none", ms=15, mfc=CATEGORY_COLOURS[c], mec="#111"),
                Line2D(
                    [],
                    [],
                    marker=f"${CATEGORY_LETTERS[c]}$",
                    ls="none",
                    ms=6.5,
                    mfc="#fff",
                    mec="#111",
                    mew=0.4,
                ),
            ),
            f"Event {CATEGORY_LETTERS[c]}: {c}",
        )
        for c in EVENT_CATEGORIES
    ]
    return entries
