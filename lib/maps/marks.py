"""Marks inside map symbols, so that nothing on a map relies on colour alone.

A site's symbol has its role's shape (square: base, circle: camp) and its group's
colour; the small white figure inside it — its *group mark* — names the group for
readers who cannot tell the colours apart (and on a grey-scale print). An event's
triangle carries its category's letter (:data:`lib.data.schemas.CATEGORY_LETTERS`).

Each mark is drawn from one geometry, here: polygons in unit coordinates (centre 0,
y up, within a radius of about 0.65). The SVG symbols (:func:`mark_path`), the
briefing PNG's matplotlib markers and the border page's chart all draw the same
figures from it. Holes (the ring) wind the other way, so the non-zero and the
even-odd fill rules both leave them open.
"""

from __future__ import annotations

import math

from lib.model.filters import GROUP_MARKS

__all__ = [
    "GROUP_MARKS",
    "MARK_GLYPHS",
    "MARK_NAMES",
    "knockout_path",
    "mark_path",
    "mark_polygons",
]

Polygon = tuple[tuple[float, float], ...]


def _circle(radius: float, sides: int = 16, hole: bool = False) -> Polygon:
    points = tuple(
        (
            round(radius * math.cos(2 * math.pi * i / sides), 4),
            round(radius * math.sin(2 * math.pi * i / sides), 4),
        )
        for i in range(sides)
    )
    return points[::-1] if hole else points


#: The figures, counter-clockwise outlines (holes clockwise).
_POLYGONS: dict[str, tuple[Polygon, ...]] = {
    "dot": (_circle(0.36, 12),),
    "bar": (((-0.62, -0.18), (0.62, -0.18), (0.62, 0.18), (-0.62, 0.18)),),
    "cross": (
        (
            (-0.17, -0.62),
            (0.17, -0.62),
            (0.17, -0.17),
            (0.62, -0.17),
            (0.62, 0.17),
            (0.17, 0.17),
            (0.17, 0.62),
            (-0.17, 0.62),
            (-0.17, 0.17),
            (-0.62, 0.17),
            (-0.62, -0.17),
            (-0.17, -0.17),
        ),
    ),
    "ring": (_circle(0.56, 12), _circle(0.27, 12, hole=True)),
    "slash": (((-0.62, -0.6), (-0.22, -0.6), (0.62, 0.6), (0.22, 0.6)),),
    "plain": (),
}

#: What each mark is called in words (legends' text alternatives, a screen reader).
MARK_NAMES: dict[str, str] = {
    "dot": "white dot",
    "bar": "white bar",
    "cross": "white cross",
    "ring": "white ring",
    "slash": "white slash",
    "plain": "no mark",
}
#: Text stand-ins for the marks where SVG is stripped (Streamlit's ``st.html``).
MARK_GLYPHS: dict[str, str] = {
    "dot": "•",
    "bar": "–",
    "cross": "+",
    "ring": "○",
    "slash": "/",
    "plain": "",
}


def mark_polygons(mark: str) -> tuple[Polygon, ...]:
    """The polygons of a mark in unit coordinates (y up); none for ``plain``.

    Raises
    ------
    KeyError
        For a name not in :data:`GROUP_MARKS`.
    """
    return _POLYGONS[mark]


def mark_path(mark: str, cx: float = 0.0, cy: float = 0.0, scale: float = 1.0) -> str:
    """A mark as an SVG path (``d``), centred on (cx, cy) in SVG coordinates (y down).

    Parameters
    ----------
    mark : str
        One of :data:`GROUP_MARKS`.
    cx, cy : float
        Centre in pixels.
    scale : float
        Pixels per unit (the mark spans about 1.3 units).

    Returns
    -------
    str
        Path data; empty for ``plain``.

    Raises
    ------
    KeyError
        For a name not in :data:`GROUP_MARKS`.
    """
    return " ".join(
        "M" + " L".join(f"{cx + x * scale:.2f},{cy - y * scale:.2f}" for x, y in polygon) + " Z"
        for polygon in _POLYGONS[mark]
    )


def knockout_path(mark: str, shape: str = "circle") -> str:
    """A disc (or diamond) with the mark cut out of it, as an SVG path within [-1, 1].

    For charts whose points take one custom shape each (Vega-Lite's ``shape``
    channel): the point's colour fills the disc, the mark shows through as a hole.

    Parameters
    ----------
    mark : str
        One of :data:`GROUP_MARKS`.
    shape : str
        ``circle`` or ``diamond``.

    Returns
    -------
    str
        Path data (y down).
    """
    outline = (
        _circle(1.0, 24)
        if shape == "circle"
        else ((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0))
    )
    # Reversed winding: the mark's outlines become holes, its holes filled again.
    polygons = (outline, *(polygon[::-1] for polygon in _POLYGONS[mark]))
    return " ".join(
        "M" + " L".join(f"{x:.3f},{-y:.3f}" for x, y in polygon) + " Z" for polygon in polygons
    )
