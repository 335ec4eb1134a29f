"""The main map as text: the features it draws, as a table a screen reader reads.

Built from the same :class:`lib.model.select.Selection` the map is drawn from, so
the list and the map cannot disagree. Markup: ``templates/map_text.html.j2`` (a
folded ``<details>`` with a real ``<table>``); the page draws it under the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.maps.popups import precision_words
from lib.maps.styles import ROLE_LABELS
from lib.maps.templating import render
from lib.model.kinds import kind_label
from lib.model.select import Selection

#: Rows shown at most: beyond this the list says how many more there are (the
#: page's table and downloads hold them all), so a large record stays readable.
MAX_ROWS = 300


@dataclass(frozen=True)
class FeatureItem:
    """One drawn feature, in words.

    Attributes
    ----------
    kind : str
        What it is (``Base``, ``Border crossing``, ``Event (clash)``...).
    name : str
        Its name or title.
    when : str
        Its date or the span it was in use; empty when it has none.
    detail : str
        Its group(s), a crossing's status or an event's place.
    precision : str
        Where it is, in words (exact site, or which kind of stand-in).
    confidence : str
        ``high``, ``medium`` or ``low``.
    """

    kind: str
    name: str
    when: str
    detail: str
    precision: str
    confidence: str


def feature_items(selection: Selection) -> list[FeatureItem]:
    """The features a selection draws: sites, located crossings, events in the map region.

    Parameters
    ----------
    selection : Selection
        What the map draws (:func:`lib.model.select.select`).

    Returns
    -------
    list of FeatureItem
        Sites, then crossings, then events by date; each kind in the map's own order.
    """
    items = [
        FeatureItem(
            kind=ROLE_LABELS.get(r["role"], str(r["role"])),
            name=str(r["name"]),
            when=f"{r.get('active_from') or '?'} – {r.get('active_to') or 'today'}",
            detail=str(r["group"]),
            precision=precision_words(r.get("precision")),
            confidence=str(r.get("confidence") or ""),
        )
        for r in selection.sites.drop(columns="geometry").to_dict("records")
    ]
    items += [
        FeatureItem(
            kind=kind_label("crossing"),
            name=str(r["name"]),
            when="",
            detail=str(r.get("status") or ""),
            precision=precision_words(r.get("precision")),
            confidence=str(r.get("confidence") or ""),
        )
        for r in selection.crossings_on_map.drop(columns="geometry").to_dict("records")
    ]
    events = selection.events_on_map.drop(columns="geometry").to_dict("records")
    items += [
        FeatureItem(
            kind=f"Event ({r['category']})",
            name=str(r["title"]),
            when=r["date"].isoformat(),
            detail=", ".join(filter(None, [str(r.get("place") or ""), ", ".join(r["groups"])])),
            precision=precision_words(r.get("precision")),
            confidence=str(r.get("confidence") or ""),
        )
        for r in sorted(events, key=lambda r: r["date"])
    ]
    return items


def map_text_html(items: list[FeatureItem], what: str = "the map", limit: int = MAX_ROWS) -> str:
    """The features as a folded table, for the page under the map.

    Parameters
    ----------
    items : list of FeatureItem
        From :func:`feature_items`.
    what : str
        Which map, in the summary line (``the map``, ``this step's map``).
    limit : int
        Rows shown at most; the rest are counted.

    Returns
    -------
    str
        HTML (every data text escaped): a ``<details>`` whose summary says how
        many features there are, holding a ``<table>`` with a caption and headers.
    """
    counts: dict[str, int] = {}
    for item in items:
        kind = "event" if item.kind.startswith("Event") else item.kind.lower()
        counts[kind] = counts.get(kind, 0) + 1
    # "2 bases", "1 refugee camp", "2 headquarters": how many of each, in words.
    tally = [f"{n} {k}" + ("" if n == 1 or k.endswith("s") else "s") for k, n in counts.items()]
    return render(
        "map_text.html.j2",
        items=items[:limit],
        hidden=max(0, len(items) - limit),
        total=len(items),
        tally=tally,
        what=what,
    )
