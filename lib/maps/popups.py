"""Text that reaches map HTML: escaping, tooltips and popups.

Folium puts tooltip and popup text into HTML without escaping it, inside
JavaScript template literals (backticks). Every piece of data text therefore
goes through :func:`esc`, which escapes HTML and the characters that would
end or interpolate a template literal. This module is the one place that
builds tooltip and popup HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from lib.data.curated import split_sources

_JS_TEMPLATE_ESCAPES = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})

PRECISION_WORDS: dict[str, str] = {
    "site": "exact site",
    "town": "stand-in: nearest town (the place is in or near it)",
    "area": "stand-in: somewhere in the wider area",
}


def esc(value: object, limit: int = 2000) -> str:
    """Escape any value for HTML inside a JavaScript template literal.

    Parameters
    ----------
    value : object
        Text (or anything with ``str``); ``None`` gives an empty string.
    limit : int
        Longer text is cut and ends with an ellipsis, so a runaway field
        cannot swamp the map.

    Returns
    -------
    str
        Safe HTML text.
    """
    text = "" if value is None else str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return html.escape(text, quote=True).translate(_JS_TEMPLATE_ESCAPES)


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
    second = f"<br><span class='zb-tip-sub'>{esc(subtitle, 200)}</span>" if subtitle else ""
    return f"<b>{esc(title, 200)}</b>{second}"


def popup_html(
    title: object,
    rows: Sequence[tuple[str, object]],
    sources: Iterable[str] = (),
    kind: str = "",
    passages: Sequence[tuple[str, str]] = (),
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
    passages : sequence of (quote, href)
        Article passages that report on the feature, each with a link to it
        (an address built by ``lib.model.links``). The map's frame may not navigate
        the page it sits in, so the passage opens in a new tab.

    Returns
    -------
    str
        Escaped HTML.
    """
    parts = ["<div class='zb-popup'>"]
    if kind:
        parts.append(f"<div class='zb-kind'>{esc(kind, 80)}</div>")
    parts.append(f"<h4>{esc(title, 300)}</h4><table>")
    for label, value in rows:
        if value is None or value == "" or value == ():
            continue
        parts.append(f"<tr><th>{esc(label, 80)}</th><td>{esc(value)}</td></tr>")
    parts.append("</table>")
    if passages:
        items = "".join(
            f"<li>“{esc(quote, 300)}” <a href='{esc(href, 500)}' target='_blank' rel='noopener'>read in the article</a></li>"
            for quote, href in passages
        )
        parts.append(f"<div class='zb-passages'><b>In the article</b><ul>{items}</ul></div>")
    source_list = list(sources)
    if source_list:
        items = "".join(f"<li>{esc(s, 400)}</li>" for s in source_list)
        parts.append(f"<div class='zb-sources'><b>Sources</b><ul>{items}</ul></div>")
    parts.append("</div>")
    return "".join(parts)


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
