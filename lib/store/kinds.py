"""The kinds of record the store holds, and the columns derived from a record for SQL filters.

Curated CSV rows are records of a singular kind (``event``, ``site``…; see
:data:`CSV_KINDS`); documents are records too: ``article``, ``briefing``,
``annotation_collection`` (a JSON-LD collection without its items) and
``annotation`` (one item, id ``<collection>#<item id>``). ``layer`` records are the
tables of ``curated/CATALOG.toml``; ``file`` records keep what a file needs besides
its rows (a CSV's header, the catalog's own text). Records of a *private* kind
(:data:`PRIVATE_KINDS`: ``role``, who may edit) live in the store with their
history but never leave it as data: not in a snapshot, an export, a materialised
folder, the catalog, an unfiltered query or the recent changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from lib.data.schemas import NO_GROUP
from lib.data.validation import CONFIDENCE_LEVELS, parse_partial_date, precision_interval

#: CATALOG.toml table -> (record kind, id column; None: rows numbered ``row-N``).
CSV_KINDS: dict[str, tuple[str, str | None]] = {
    "groups": ("group", "group_id"),
    "sites": ("site", "site_id"),
    "crossings": ("crossing", "crossing_id"),
    "source_positions": ("source_position", "position_id"),
    "events": ("event", "event_id"),
    "camp_counts": ("camp_count", None),
    "published_border_lengths": ("published_figure", "figure_id"),
    "places": ("place", "place_id"),
    "claims": ("claim", "claim_id"),
    "disputed_districts": ("disputed_district", "pcode"),
}
DOCUMENT_KINDS: tuple[str, ...] = (
    "article",
    "annotation_collection",
    "annotation",
    "briefing",
    "layer",
    "file",
)


#: Who may do what (``lib.store.access``): id the lower-cased e-mail, payload
#: ``{"email", "role", "subject"?}``.
ROLE_KIND = "role"
#: Kinds kept out of every export, snapshot and catalog (and out of the editorial screens).
PRIVATE_KINDS: tuple[str, ...] = (ROLE_KIND,)


def table_kind(table: str) -> str:
    """The record kind of a CATALOG.toml table (a table the code does not know: its own name)."""
    return CSV_KINDS.get(table, (table, None))[0]


def known_kinds(tables: list[str] | None = None) -> set[str]:
    """Every record kind: documents, the known tables' kinds, the private ones, and ``tables``'."""
    kinds = {kind for kind, _ in CSV_KINDS.values()} | set(DOCUMENT_KINDS) | set(PRIVATE_KINDS)
    return kinds | {table_kind(t) for t in tables or []}


def _float(value: object) -> float | None:
    try:
        return float(str(value))
    except (TypeError, ValueError):
        return None


def _interval(text: object) -> tuple[dt.date, dt.date] | None:
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return parse_partial_date(text)
    except ValueError:
        return None


def _split(text: object) -> list[str]:
    return [p.strip() for p in str(text or "").split(";") if p.strip()]


def derived_columns(kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The indexed columns of a record, computed from its payload.

    Parameters
    ----------
    kind : str
        The record kind.
    payload : mapping
        The record as in its file (CSV cells as strings).

    Returns
    -------
    dict
        ``lat``, ``lon`` (floats or None), ``date_from``, ``date_to`` (ISO days
        or None: open), ``confidence`` (rank: low 0, medium 1, high 2; None for
        kinds without one) and ``groups`` (``;KDPI;Komala;``, None for kinds the
        group filter does not apply to). Dates and groups follow the app's
        filters (lib.model.filters): an event covers its date (a week-precise one its
        Monday–Sunday week), a site the
        period it was in use; an event tied to no group counts as
        :data:`NO_GROUP`.
    """
    out: dict[str, Any] = {
        "lat": None,
        "lon": None,
        "date_from": None,
        "date_to": None,
        "confidence": None,
        "groups": None,
    }
    if kind in DOCUMENT_KINDS or kind in PRIVATE_KINDS:
        return out
    lat, lon = _float(payload.get("lat")), _float(payload.get("lon"))
    if lat is not None and lon is not None:
        out["lat"], out["lon"] = lat, lon
    if "date" in payload:
        span = _interval(payload.get("date"))
        if span and payload.get("date_precision") == "week":
            span = precision_interval(span[0], "week")
        if span:
            out["date_from"], out["date_to"] = span[0].isoformat(), span[1].isoformat()
    start, end = _interval(payload.get("active_from")), _interval(payload.get("active_to"))
    if start:
        out["date_from"] = start[0].isoformat()
    if end:
        out["date_to"] = end[1].isoformat()
    level = payload.get("confidence")
    if level in CONFIDENCE_LEVELS:
        out["confidence"] = CONFIDENCE_LEVELS.index(str(level))
    groups: list[str] | None = None
    if kind == "event":
        groups = _split(payload.get("groups")) or [NO_GROUP]
    elif kind == "site":
        groups = [str(payload.get("group") or "")]
    elif kind == "group":
        groups = [str(payload.get("group_id") or "")]
    if groups is not None:
        out["groups"] = ";" + ";".join(groups) + ";"
    return out


# TOML has dates and times; JSON does not. They travel in the payload tagged.
_TOML_TAG = "$toml"


def to_json(value: Any) -> Any:
    """A parsed TOML value made JSON-safe (dates and times tagged, reversibly)."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return {_TOML_TAG: type(value).__name__, "value": value.isoformat()}
    return value


def from_json(value: Any) -> Any:
    """The inverse of :func:`to_json`."""
    if isinstance(value, dict):
        if set(value) == {_TOML_TAG, "value"}:
            parse = {
                "datetime": dt.datetime.fromisoformat,
                "date": dt.date.fromisoformat,
                "time": dt.time.fromisoformat,
            }[value[_TOML_TAG]]
            return parse(value["value"])
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value
