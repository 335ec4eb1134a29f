"""What must hold before anything is saved: the article, its events, targets, record edits.

The rules are the data's own (row models of :mod:`lib.data.schemas`, the map region
of :data:`lib.data.validation.REGION_BOUNDS`), plus what only an editor can get
wrong: a date in the future, a target that is unknown or retired.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dateparser

from lib.data.catalog import Catalog
from lib.data.schemas import (
    CLAIMS_SCHEMA,
    EVENT_CATEGORIES,
    GROUPS_SCHEMA,
    PLACES_SCHEMA,
    crossings_schema,
    events_schema,
    sites_schema,
)
from lib.data.validation import ID_RE, REGION_BOUNDS, TableSchema, parse_rows
from lib.editorial.draft import ArticleMeta, EventDraft
from lib.editorial.errors import Problem
from lib.store import RecordNotFound, Store

#: Kinds a page may edit with :func:`check_record`.
EDITABLE_KINDS: tuple[str, ...] = ("event", "site", "crossing", "place", "group", "claim")


def _missing(value: object) -> bool:
    return not str(value if value is not None else "").strip()


def check_meta(meta: ArticleMeta, today: dt.date) -> list[Problem]:
    """Problems of an article's metadata: required fields, a published date not in the future.

    Parameters
    ----------
    meta : ArticleMeta
        As the analyst filled it in.
    today : datetime.date
        The day "the future" starts after.
    """
    problems = [
        Problem(name, "required")
        for name in ("title", "outlet", "language")
        if _missing(getattr(meta, name))
    ]
    if meta.published > today:
        problems.append(
            Problem("published", f"{meta.published.isoformat()} is in the future (today is "
                                 f"{today.isoformat()})")
        )  # fmt: skip
    if meta.url and not meta.url.startswith(("http://", "https://")):
        problems.append(Problem("url", f"“{meta.url[:60]}” is not a web address (http… or https…)"))
    if meta.article_id and not ID_RE.match(meta.article_id):
        problems.append(Problem("article_id", f"“{meta.article_id[:40]}” is not a valid id"))
    return problems


def latest_date() -> dt.date:
    """The latest calendar date anywhere on Earth now (UTC+14).

    A date after it is in the future wherever the analyst and the server are, so
    an article published "today" in Baghdad is never refused by a server on UTC.
    Every editorial check of "the future" uses this one clock.
    """
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def typed_date(text: str, field: str, today: dt.date) -> tuple[dt.date | None, list[Problem]]:
    """A date the analyst typed: ISO (``2025-08-16``) or words (``16 Aug 2025``), not future.

    Parameters
    ----------
    text : str
        As typed.
    field : str
        How problems name the field.
    today : datetime.date
        The day "the future" starts after.

    Returns
    -------
    tuple
        The date (None when unusable) and the problems found.
    """
    text = " ".join(str(text or "").split())
    if not text:
        return None, [
            Problem(field, "required: the article's date (dates in the text are read against it)")
        ]
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        # Offline: dateparser reads "16 Aug 2025", "August 16, 2025", "16/08/2025" (day first).
        parsed = dateparser.parse(
            text[:60],
            languages=["en"],
            settings={
                "STRICT_PARSING": True,
                "DATE_ORDER": "DMY",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
        day = parsed.date() if parsed else None
    if day is None:
        return None, [
            Problem(field, f"“{text[:40]}” is not a date (write it as 2025-08-16 or 16 Aug 2025)")
        ]
    if day > today:
        return None, [
            Problem(field, f"{day.isoformat()} is in the future (today is {today.isoformat()})")
        ]
    return day, []


def in_region(lat: float, lon: float) -> bool:
    """Whether a point lies in the map region (the rule curated rows are checked with)."""
    west, south, east, north = REGION_BOUNDS
    return west <= lon <= east and south <= lat <= north


def group_ids(catalog: Catalog) -> set[str]:
    """The group ids the data knows."""
    return set(catalog.curated.groups["group_id"])


def check_event(
    event: EventDraft, catalog: Catalog, today: dt.date, where: str = "", article_source: str = ""
) -> list[Problem]:
    """Problems of a new event: required fields, date, region, known groups, sources.

    Parameters
    ----------
    event : EventDraft
        As coded by the analyst.
    catalog : Catalog
        For the known group and event ids.
    today : datetime.date
        A date after it is refused.
    where : str
        Prefix of each problem's field (``events[2].``), to say which event.
    article_source : str
        The article the event comes from, when saving a draft: it is a source
        itself, so ``event.sources`` (the others) may then be empty.
    """
    problems: list[Problem] = []
    for name in ("title", "place", "coord_basis", "quote"):
        if _missing(getattr(event, name)):
            problems.append(Problem(f"{where}{name}", "required"))
    if event.category not in EVENT_CATEGORIES:
        problems.append(Problem(f"{where}category", f"“{event.category}” is not one of "
                                                     f"{', '.join(EVENT_CATEGORIES)}"))  # fmt: skip
    if event.date > today:
        problems.append(Problem(f"{where}date", f"{event.date.isoformat()} is in the future"))
    if not (-90 <= event.lat <= 90 and -180 <= event.lon <= 180):
        problems.append(
            Problem(f"{where}lat/lon", f"({event.lat}, {event.lon}) is not a coordinate")
        )
    elif not event.off_region and not in_region(event.lat, event.lon):
        west, south, east, north = REGION_BOUNDS
        problems.append(
            Problem(f"{where}lat/lon", f"({event.lat}, {event.lon}) is outside the map region "
                    f"(lon {west:g}–{east:g}, lat {south:g}–{north:g}); mark it off-region if "
                    "that is intended")
        )  # fmt: skip
    unknown = [g for g in event.groups if g not in group_ids(catalog)]
    if unknown:
        problems.append(Problem(f"{where}groups", f"unknown group id(s): {', '.join(unknown)}"))
    if not article_source.strip() and not any(s.strip() for s in event.sources):
        problems.append(Problem(f"{where}sources", "at least one source is required"))
    if event.event_id:
        if not ID_RE.match(event.event_id):
            problems.append(
                Problem(f"{where}event_id", f"“{event.event_id[:40]}” is not a valid id")
            )
        elif event.event_id in set(catalog.curated.events["event_id"]):
            problems.append(Problem(f"{where}event_id", f"an event “{event.event_id}” exists"))
    return problems


def check_target(
    target: str | None, catalog: Catalog, store: Store | None = None, where: str = "target"
) -> list[Problem]:
    """Problems of an annotation target (``kind:id`` or ``geonames:<id>``).

    Parameters
    ----------
    target : str or None
        What the annotation is to point to.
    catalog : Catalog
        Known ids per kind (a retired record is not in it).
    store : Store, optional
        When given, a target the catalog does not know is looked up there, so the
        message can say it was retired.
    where : str
        The problem's field.
    """
    if not target or ":" not in target:
        return [Problem(where, f"“{target or ''}” names nothing (kind:id)")]
    kind, _, ref = target.partition(":")
    if kind == "geonames":
        towns = catalog.gazetteer
        known = towns is not None and ref in set(towns["geonameid"].astype(str))
        return [] if known else [Problem(where, f"GeoNames place {ref} is not in the gazetteer")]
    ids = catalog.focus_ids()
    if kind not in ids or kind == "town":
        return [Problem(where, f"“{kind}” is not a kind an annotation can point to")]
    if ref in ids[kind]:
        return []
    if store is not None:
        try:
            if store.get(kind, ref).retired:
                return [Problem(where, f"{target} was retired: restore it or link another")]
        except RecordNotFound:
            pass
    return [Problem(where, f"{target} is not in the data")]


def record_schema(kind: str, catalog: Catalog) -> TableSchema:
    """The table schema a record of ``kind`` is checked with."""
    groups = tuple(sorted(group_ids(catalog)))
    schemas = {
        "event": lambda: events_schema(groups),
        "site": lambda: sites_schema(groups),
        "crossing": crossings_schema,
        "place": lambda: PLACES_SCHEMA,
        "group": lambda: GROUPS_SCHEMA,
        "claim": lambda: CLAIMS_SCHEMA,
    }
    if kind not in schemas:
        raise ValueError(
            f"“{kind}” records are not edited here (editable: {', '.join(EDITABLE_KINDS)})"
        )
    return schemas[kind]()


def check_record(kind: str, payload: dict[str, Any], catalog: Catalog) -> list[Problem]:
    """Problems of an edited curated row (cells as text, as in its CSV).

    Parameters
    ----------
    kind : str
        One of :data:`EDITABLE_KINDS`.
    payload : dict
        The row, column -> text.
    catalog : Catalog
        For the known group ids.

    Returns
    -------
    list of Problem
        Each bad cell (the row model's message), then the table's row checks
        (region, precision needs a coordinate…).
    """
    schema = record_schema(kind, catalog)
    cells = {k: "" if v is None else str(v) for k, v in payload.items()}
    unknown = sorted(set(cells) - set(schema.columns))
    problems = [Problem(name, "not a column of this table") for name in unknown]
    [(row, errors)] = parse_rows(schema, [cells])
    problems.extend(Problem(f, p) for f, p in errors)
    if row is not None:
        for check in schema.row_checks:
            problems.extend(Problem(f, p) for f, p in check(row))
    article = cells.get("article_id", "")
    if kind == "claim" and article and article not in catalog.articles:
        # A claim may be attached to any article the record holds, and only to one.
        problems.append(Problem("article_id", f"no article “{article[:60]}” in the record"))
    return problems
