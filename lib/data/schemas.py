"""The curated tables' schemas: one pydantic row model per CSV file, and its row checks.

A row model's fields are the file's columns in file order; their cell types
(:mod:`lib.data.cells`) read and check one cell each. Checks across fields of a
row (a coordinate in the map region, a date range the right way round) are the
schema's row checks, run on rows whose cells are all valid. Tables that name other
tables' ids (a site's group, a source position's site) get their schema from a
function given the known ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator, create_model

from lib.data.cells import (
    Flag,
    HexColour,
    Id,
    IsoDate,
    PartialDate,
    Text,
    list_of,
    number,
    one_of,
)
from lib.data.validation import (
    CONFIDENCE_LEVELS,
    DATE_PRECISIONS,
    PRECISION_LEVELS,
    RowModel,
    TableSchema,
    check_date_order,
    check_region,
)

SITE_ROLES: tuple[str, ...] = ("headquarters", "base", "refugee_camp", "relocation_camp")
CAMP_ROLES: tuple[str, ...] = ("refugee_camp", "relocation_camp")
SITE_PHASES: tuple[str, ...] = ("before-relocation", "after-relocation", "ongoing")
EVENT_CATEGORIES: tuple[str, ...] = (
    "protest",
    "strike",
    "agreement",
    "deadline",
    "relocation",
    "diplomacy",
    "infrastructure",
)
#: Event colours (Paul Tol's "muted" scheme, told apart by colour-blind readers).
CATEGORY_COLOURS: dict[str, str] = {
    "protest": "#882255",
    "strike": "#CC3311",
    "agreement": "#117733",
    "deadline": "#DDAA33",
    "relocation": "#332288",
    "diplomacy": "#44AA99",
    "infrastructure": "#666666",
}
#: The letter in an event's triangle: its category without colour (legends say it too).
#: A deadline is "!" (a warning sign's triangle), so diplomacy can have its D.
CATEGORY_LETTERS: dict[str, str] = {
    "protest": "P",
    "strike": "S",
    "agreement": "A",
    "deadline": "!",
    "relocation": "R",
    "diplomacy": "D",
    "infrastructure": "I",
}
CROSSING_STATUSES: tuple[str, ...] = ("official", "semi-official")
POSITION_KINDS: tuple[str, ...] = ("site", "crossing")
CLAIM_KINDS: tuple[str, ...] = ("border_length", "event_date", "camp_count")
DISPUTED_EXTENTS: tuple[str, ...] = ("whole", "part")

Lat = number(-90.0, 90.0)
Lon = number(-180.0, 180.0)
Confidence = one_of(CONFIDENCE_LEVELS)
Precision = one_of(PRECISION_LEVELS)
_OCHA_DISTRICT_PCODE = re.compile(r"IQG\d{2}Q\d{2}")


def _ocha_pcode(value: str) -> str:
    if not _OCHA_DISTRICT_PCODE.fullmatch(value):
        raise ValueError(f"“{value[:20]}” is not an OCHA district P-code (IQGnnQnn)")
    return value


#: A district's id: its OCHA P-code (IQGnnQnn).
Pcode = Annotated[Id, AfterValidator(_ocha_pcode)]


class GroupRow(RowModel):
    """A row of ``groups.csv``."""

    group_id: Id
    name: Text
    aliases: list_of() = ()
    colour: HexColour
    description: Text | None = None
    sources: Text


class SiteRow(RowModel):
    """A row of ``sites.csv`` (``group`` is narrowed to the known ids by :func:`sites_schema`)."""

    site_id: Id
    name: Text
    group: Text
    role: one_of(SITE_ROLES)
    phase: one_of(SITE_PHASES)
    active_from: PartialDate | None = None
    active_to: PartialDate | None = None
    lat: Lat
    lon: Lon
    coord_basis: Text
    precision: Precision
    confidence: Confidence
    sources: Text
    notes: Text | None = None


class CrossingRow(RowModel):
    """A row of ``crossings.csv``; a crossing may lack a coordinate (then it is listed, not drawn)."""

    crossing_id: Id
    name: Text
    iraq_name: Text
    iran_name: Text
    iraq_governorate: Text
    iran_province: Text
    status: one_of(CROSSING_STATUSES)
    lat: Lat | None = None
    lon: Lon | None = None
    coord_basis: Text
    precision: Precision | None = None
    confidence: Confidence
    sources: Text
    notes: Text | None = None


class SourcePositionRow(RowModel):
    """A row of ``source_positions.csv`` (see :func:`source_positions_schema`)."""

    position_id: Id
    kind: one_of(POSITION_KINDS)
    ref: Text
    label: Text
    lat: Lat
    lon: Lon
    basis: Text
    drawn_from: Flag = False
    confidence: Confidence
    sources: Text


class EventRow(RowModel):
    """A row of ``events.csv`` (``groups`` is narrowed to the known ids by :func:`events_schema`)."""

    event_id: Id
    date: IsoDate
    date_precision: one_of(DATE_PRECISIONS)
    title: Text
    category: one_of(EVENT_CATEGORIES)
    place: Text
    lat: Lat | None = None
    lon: Lon | None = None
    coord_basis: Text
    precision: Precision | None = None
    off_region: Flag = False
    groups: list_of() = ()
    actors: Text | None = None
    in_seed_article: Text | None = None
    confidence: Confidence
    sources: Text


class PlaceRow(RowModel):
    """A row of ``places.csv``: a place the reporting names (a city, the al-Hol camp...)."""

    place_id: Id
    name: Text
    aliases: list_of() = ()
    lat: Lat
    lon: Lon
    off_region: Flag = False
    coord_basis: Text
    precision: Precision
    confidence: Confidence
    sources: Text


class ClaimRow(RowModel):
    """A row of ``claims.csv``: a checkable figure or date in an article."""

    claim_id: Id
    article_id: Text
    statement: Text
    kind: one_of(CLAIM_KINDS)
    subject: Text | None = None
    claimed_value: Text | None = None
    note: Text | None = None


class CampCountRow(RowModel):
    """A row of ``camp_counts.csv``: an official count of the camps."""

    date: IsoDate
    claim: Text
    by: Text
    sources: Text


class PublishedLengthRow(RowModel):
    """A row of ``published_border_lengths.csv``."""

    figure_id: Id
    figure_km: number(100.0, 5000.0)
    by: Text
    # YYYY, YYYY-MM or YYYY-MM-DD as precise as the source allows; empty if it has none.
    date: PartialDate | None = None
    # The source's own words, quoted, where they were read.
    wording: Text | None = None
    confidence: Confidence
    note: Text | None = None
    sources: Text


class DisputedDistrictRow(RowModel):
    """A row of ``disputed_districts.csv``: a district of the disputed territories (Article 140)."""

    pcode: Pcode
    name: Text
    governorate: Text
    extent: one_of(DISPUTED_EXTENTS)
    basis: Text
    confidence: Confidence
    sources: Text
    notes: Text | None = None


def _precision_needs_coordinate(row: dict[str, Any]) -> list[tuple[str, str]]:
    if row.get("lat") is not None and not row.get("precision"):
        return [("precision", "required when the row has a coordinate")]
    return []


def _undated_needs_note(row: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """A published figure without a date must say why in its note."""
    if not row.get("date") and not row.get("note"):
        yield "note", "required when the date is empty: say why the source gives no date"


GROUPS_SCHEMA = TableSchema("groups", GroupRow)
#: The pseudo-group of an event tied to no group (filters, store columns: one value).
NO_GROUP = "none"
PLACES_SCHEMA = TableSchema("places", PlaceRow, (check_region(allow_flag="off_region"),))
CLAIMS_SCHEMA = TableSchema("claims", ClaimRow)
CAMP_COUNTS_SCHEMA = TableSchema("camp_counts", CampCountRow)
PUBLISHED_LENGTHS_SCHEMA = TableSchema(
    "published_border_lengths", PublishedLengthRow, (_undated_needs_note,)
)
DISPUTED_DISTRICTS_SCHEMA = TableSchema("disputed_districts", DisputedDistrictRow)


@lru_cache(maxsize=16)
def sites_schema(group_ids: tuple[str, ...]) -> TableSchema:
    """Schema of ``sites.csv``, given the known group ids (one model per set of ids)."""
    model = create_model("SiteRow", __base__=SiteRow, group=(one_of(group_ids), ...))
    return TableSchema(
        "sites", model, (check_region(), check_date_order("active_from", "active_to"))
    )


def crossings_schema() -> TableSchema:
    """Schema of ``crossings.csv``; a crossing may lack a coordinate (then it is listed, not drawn)."""
    return TableSchema("crossings", CrossingRow, (check_region(), _precision_needs_coordinate))


def source_positions_schema(
    site_ids: tuple[str, ...], crossing_ids: tuple[str, ...]
) -> TableSchema:
    """Schema of ``source_positions.csv``: the positions the sources give for an item.

    Each row is one position a source's words put a stand-in site or crossing
    at (a town, "10 km S of the city"...), with ``basis`` saying how the
    coordinate was derived. ``drawn_from`` is ``yes`` on the position a
    crossing's drawn point was taken from (the border point nearest it). The
    item's uncertainty ring is made wide enough to hold every position.
    """
    known = {"site": set(site_ids), "crossing": set(crossing_ids)}

    def known_item(row: dict[str, Any]) -> list[tuple[str, str]]:
        kind, ref = row.get("kind"), row.get("ref")
        if kind in known and ref not in known[kind]:
            return [("ref", f"“{str(ref)[:40]}” is not a known {kind} id")]
        return []

    return TableSchema("source_positions", SourcePositionRow, (check_region(), known_item))


@lru_cache(maxsize=16)
def events_schema(group_ids: tuple[str, ...]) -> TableSchema:
    """Schema of ``events.csv``, given the known group ids (one model per set of ids).

    An event may lack a coordinate when no source says where it happened
    (``coord_basis`` then says so); it is listed, not drawn
    (:func:`lib.data.rows.events_on_map`).
    """
    model = create_model("EventRow", __base__=EventRow, groups=(list_of(group_ids), ()))
    return TableSchema(
        "events", model, (check_region(allow_flag="off_region"), _precision_needs_coordinate)
    )
