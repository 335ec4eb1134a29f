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


def feature_items(selection: Selection, limit: int | None = None) -> list[FeatureItem]:
    """The features a selection draws: sites, located crossings, events in the map region.

    Parameters
    ----------
    selection : Selection
        What the map draws (:func:`lib.model.select.select`).
    limit : int, optional
        The first this many only: a store of 100,000 events builds 300 rows, not all.

    Returns
    -------
    list of FeatureItem
        Sites, then crossings, then events by date; each kind in the map's own order.
    """
    if limit is None:
        limit = (
            len(selection.sites) + len(selection.crossings_on_map) + len(selection.events_on_map)
        )
    items = [
        FeatureItem(
            kind=ROLE_LABELS.get(r["role"], str(r["role"])),
            name=str(r["name"]),
            when=f"{r.get('active_from') or '?'} – {r.get('active_to') or 'today'}",
            detail=str(r["group"]),
            precision=precision_words(r.get("precision")),
            confidence=str(r.get("confidence") or ""),
        )
        for r in selection.sites.head(limit).drop(columns="geometry").to_dict("records")
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
        for r in selection.crossings_on_map.head(max(0, limit - len(items)))
        .drop(columns="geometry")
        .to_dict("records")
    ]
    # Sorted (stable: same-day events keep the map's order), then cut, then made rows.
    events = selection.events_on_map.sort_values("date", kind="stable")
    items += [
        FeatureItem(
            kind=f"Event ({r['category']})",
            name=str(r["title"]),
            when=r["date"].isoformat(),
            detail=", ".join(filter(None, [str(r.get("place") or ""), ", ".join(r["groups"])])),
            precision=precision_words(r.get("precision")),
            confidence=str(r.get("confidence") or ""),
        )
        for r in events.head(max(0, limit - len(items))).drop(columns="geometry").to_dict("records")
    ]
    return items


def feature_counts(selection: Selection) -> dict[str, int]:
    """How many features of each kind a selection draws, in the list's order.

    Parameters
    ----------
    selection : Selection
        What the map draws.

    Returns
    -------
    dict of str to int
        Lower-case kind (``base``, ``relocation camp``, ``border crossing``, ``event``)
        to count; kinds with none are left out.
    """
    counts: dict[str, int] = {}
    for role in selection.sites["role"]:
        kind = ROLE_LABELS.get(role, str(role)).lower()
        counts[kind] = counts.get(kind, 0) + 1
    for kind, frame in (
        (kind_label("crossing").lower(), selection.crossings_on_map),
        ("event", selection.events_on_map),
    ):
        if len(frame):
            counts[kind] = len(frame)
    return counts


def map_text_html(selection: Selection, what: str = "the map", limit: int = MAX_ROWS) -> str:
    """The features as a folded table, for the page under the map.

    Parameters
    ----------
    selection : Selection
        What the map draws (:func:`feature_items`, :func:`feature_counts`).
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
    counts = feature_counts(selection)
    total = sum(counts.values())
    # "2 bases", "1 refugee camp", "2 headquarters": how many of each, in words.
    tally = [f"{n} {k}" + ("" if n == 1 or k.endswith("s") else "s") for k, n in counts.items()]
    return render(
        "map_text.html.j2",
        items=feature_items(selection, limit),
        hidden=max(0, total - limit),
        total=total,
        tally=tally,
        what=what,
    )
