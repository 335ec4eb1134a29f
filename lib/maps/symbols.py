"""Map symbols: SVG shapes (``templates/symbols.svg.j2``) and the markers that carry them."""

from __future__ import annotations

from urllib.parse import quote

import folium

from lib.maps.templating import macro

#: The shapes :func:`symbol_svg` draws.
SHAPES: tuple[str, ...] = ("circle", "square", "diamond", "triangle")


def symbol_svg(
    shape: str,
    fill: str,
    dashed: bool,
    low_confidence: bool,
    size: int = 22,
    mark: str = "plain",
    letter: str | None = None,
) -> str:
    """An SVG map symbol: a coloured circle, square, diamond or triangle, and what is in it.

    Colour is never the only sign: a site's group has a mark inside the shape
    (:mod:`lib.maps.marks`), an event's category a letter.

    Parameters
    ----------
    shape : str
        ``circle`` (camp), ``square`` (base), ``diamond`` (crossing) or
        ``triangle`` (event).
    fill : str
        Fill colour (#RRGGBB, from the data: escaped anyway).
    dashed : bool
        Dashed outline: the coordinate is a stand-in.
    low_confidence : bool
        Adds a "?" badge at the top right.
    size : int
        Width and height in pixels.
    mark : str
        A group mark (:data:`lib.maps.marks.GROUP_MARKS`); ``plain`` draws none.
    letter : str, optional
        A category's letter (:data:`lib.data.schemas.CATEGORY_LETTERS`), escaped.

    Returns
    -------
    str
        SVG markup.

    Raises
    ------
    KeyError
        For a shape not in :data:`SHAPES` or a mark not in ``GROUP_MARKS``.
    """
    if shape not in SHAPES:
        raise KeyError(shape)
    return macro("symbols.svg.j2", "symbol")(
        shape, fill, dashed, low_confidence, size, mark, letter
    )


def symbol_data_uri(svg: str) -> str:
    """A symbol as a ``data:`` URI for an ``<img>``: where inline SVG is stripped (``st.html``).

    Parameters
    ----------
    svg : str
        A symbol's markup (:func:`symbol_svg`).

    Returns
    -------
    str
        ``data:image/svg+xml,…`` (percent-encoded; the SVG namespace added, which an
        image needs and inline markup does not).
    """
    standalone = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return "data:image/svg+xml," + quote(standalone, safe="")


def cell_svg(size: int, colour: str, count: int) -> str:
    """The disc of a grid cell of grouped events, with the (shortened) count in it.

    Parameters
    ----------
    size : int
        Width and height in pixels.
    colour : str
        Fill colour (the cell's most frequent category).
    count : int
        Number of events in the cell.

    Returns
    -------
    str
        SVG markup.
    """
    return macro("symbols.svg.j2", "cell")(size, colour, short_count(count))


def labelled(label: str | None, svg: str) -> str:
    """A marker's icon markup: its name for screen readers (hidden on screen), then its symbol.

    Parameters
    ----------
    label : str or None
        Plain text (escaped here); None adds nothing.
    svg : str
        The symbol's markup.

    Returns
    -------
    str
        HTML for a ``folium.DivIcon``.
    """
    return macro("symbols.svg.j2", "labelled")(label, svg)


def short_count(count: int) -> str:
    """A count in at most four characters: 999, 1.2k, 12k."""
    return (
        f"{count / 1000:.0f}k"
        if count >= 10_000
        else f"{count / 1000:.1f}k"
        if count >= 1000
        else str(count)
    )


def symbol_marker(
    lat: float,
    lon: float,
    svg: str,
    css_class: str,
    tooltip: str,
    popup: str,
    offset: int = 0,
    size: int = 22,
    label: str | None = None,
) -> folium.Marker:
    """A marker drawn as an SVG symbol, with a tooltip and a lazy popup.

    Parameters
    ----------
    lat, lon : float
        Where it stands.
    svg : str
        Its symbol (:func:`symbol_svg`).
    css_class : str
        Classes added after ``zb-symbol`` (tests and the browser find it by them).
    tooltip, popup : str
        Escaped HTML (:mod:`lib.maps.popups`).
    offset : int
        Pixels to the right: fans out items that share a coordinate.
    size : int
        Width and height of the symbol in pixels.
    label : str, optional
        What it is, in plain text (:func:`lib.maps.a11y.feature_name`): Leaflet
        makes the marker a focusable button, and this is the name a screen
        reader gives it (escaped here).

    Returns
    -------
    folium.Marker
        Not yet added to a map.
    """
    icon = folium.DivIcon(
        html=labelled(label, svg),
        icon_size=(size, size),
        # Co-located items are fanned out sideways so each stays clickable.
        icon_anchor=(size // 2 - offset, size // 2),
        class_name=f"zb-symbol {css_class}",
    )
    return folium.Marker(
        location=(lat, lon),
        icon=icon,
        tooltip=folium.Tooltip(tooltip, sticky=False),
        popup=folium.Popup(popup, max_width=400, lazy=True),
    )
