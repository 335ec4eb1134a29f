"""Text that reaches map HTML: escaping, tooltips and popups.

Folium puts tooltip and popup text into HTML without escaping it, inside
JavaScript template literals (backticks). Every piece of data text therefore
goes through :func:`esc`, which escapes HTML and the characters that would
end or interpolate a template literal. This module is the one place that
builds tooltip and popup HTML (markup: ``templates/popup.html.j2``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lib.data.rows import split_sources
from lib.maps.templating import esc, macro

__all__ = [
    "PRECISION_WORDS",
    "esc",
    "popup_html",
    "precision_words",
    "record_sources",
    "ring_words",
    "source_rows",
    "tooltip_html",
]

PRECISION_WORDS: dict[str, str] = {
    "site": "exact site",
    "town": "stand-in: nearest town (the place is in or near it)",
    "area": "stand-in: somewhere in the wider area",
    "region": "stand-in: only the region is known",
}


def precision_words(precision: str | None) -> str:
    """Plain words for a location precision code."""
    if not precision:
        return "no coordinate"
    return PRECISION_WORDS.get(precision, precision)


def ring_words(ring_km: object) -> str:
    """Plain words for an uncertainty ring's radius; empty when the row has no ring."""
    try:
        km = float(ring_km)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if not km > 0:
        return ""
    return f"{km:,.0f} km radius: holds every position the sources give"


def tooltip_html(title: object, subtitle: object | None = None) -> str:
    """A short hover label: a bold title and an optional second line."""
    return macro("popup.html.j2", "tooltip")(title, subtitle)


def popup_html(
    title: object,
    rows: Sequence[tuple[str, object]],
    sources: Iterable[str] = (),
    kind: str = "",
    passages: Sequence[tuple[str, ...]] = (),
) -> str:
    """The click popup of any map feature.

    Parameters
    ----------
    title : object
        Heading.
    rows : sequence of (label, value)
        Facts shown as a two-column table; empty values are skipped.
    sources : iterable of str
        References listed under “Sources”.
    kind : str
        A short tag shown above the title (``Site``, ``Event``...).
    passages : sequence of (quote, href[, source])
        Article passages that report on the feature, each with a link to it
        (an address built by ``lib.model.links``) and the outlet and date it is
        from. The map's frame may not navigate the page it sits in, so the
        passage opens in a new tab.

    Returns
    -------
    str
        Escaped HTML.
    """
    return macro("popup.html.j2", "popup")(title, rows, list(sources), kind, passages)


def source_rows(record: dict) -> list[tuple[str, object]]:
    """The provenance rows every popup ends with, from a data record."""
    return [
        ("Location", precision_words(record.get("precision"))),
        ("Coordinate", record.get("coord_basis")),
        ("Uncertainty ring", ring_words(record.get("ring_km"))),
        ("Confidence", record.get("confidence")),
        ("Licence", record.get("licence")),
    ]


def record_sources(record: dict) -> list[str]:
    """The references of a record's ``sources`` field."""
    return split_sources(record.get("sources", ""))
