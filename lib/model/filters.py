"""The filters every page shares: groups, date range and minimum confidence.

Sites pass the date filter when the period they were in use overlaps the
range (unknown start: since ever; unknown end: still in use). Events pass
when their date lies in the range. An event tied to no group passes the
group filter when :data:`NO_GROUP` is selected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from lib.data.catalog import Catalog
from lib.data.schemas import NO_GROUP
from lib.data.validation import CONFIDENCE_LEVELS, parse_partial_date, precision_interval

#: Pseudo-group for events that concern no particular group (the railway, say).
NO_GROUP_LABEL = "Not tied to a group"


@dataclass(frozen=True)
class Filters:
    """A selection of groups, a date range and a minimum confidence.

    Attributes
    ----------
    groups : frozenset of str
        Group ids to show (may include :data:`NO_GROUP`).
    date_from, date_to : datetime.date
        Inclusive date range.
    min_confidence : str
        ``low``, ``medium`` or ``high``.
    """

    groups: frozenset[str]
    date_from: dt.date
    date_to: dt.date
    min_confidence: str = "low"


#: Colour of a site whose group has none (or is unknown).
UNKNOWN_GROUP_COLOUR = "#8C8C8C"
#: The marks inside a site's symbol that tell the groups apart without colour
#: (figures: :mod:`lib.maps.marks`), given to the groups in the order of their file.
#: ``plain`` (no mark) comes fifth: the seed's fifth group is "group unclear".
GROUP_MARKS: tuple[str, ...] = ("dot", "bar", "cross", "ring", "plain", "slash")
#: The mark of a site whose group is not in the groups table.
UNKNOWN_GROUP_MARK = "plain"


def group_label(group_id: str, name: str) -> str:
    """How a group is named in short: its id (KDPI), or for pseudo-groups its name.

    Lower-case ids (``unclear``) are pseudo-groups whose name ("Group unclear")
    says more than the id; :data:`NO_GROUP` reads as :data:`NO_GROUP_LABEL`.
    """
    if group_id == NO_GROUP:
        return NO_GROUP_LABEL
    return name if group_id.islower() else group_id


def group_labels(groups: pd.DataFrame) -> dict[str, str]:
    """Short label of every group id (and of :data:`NO_GROUP`)."""
    labels = {
        gid: group_label(gid, name)
        for gid, name in zip(groups["group_id"], groups["name"], strict=True)
    }
    labels[NO_GROUP] = NO_GROUP_LABEL
    return labels


def group_colours(groups: pd.DataFrame) -> dict[str, str]:
    """Colour of every group id (use :data:`UNKNOWN_GROUP_COLOUR` for a missing one)."""
    return dict(zip(groups["group_id"], groups["colour"], strict=True))


def group_marks(groups: pd.DataFrame) -> dict[str, str]:
    """The mark of every group id: :data:`GROUP_MARKS` in the order of the groups table.

    A group keeps its mark as long as the groups before it stay (new groups go at
    the end of the file). Past six groups the marks repeat, each time with other
    colours; use :data:`UNKNOWN_GROUP_MARK` for a missing id.
    """
    return {
        group_id: GROUP_MARKS[i % len(GROUP_MARKS)] for i, group_id in enumerate(groups["group_id"])
    }


def confidence_rank(level: str) -> int:
    """Rank of a confidence level: low 0, medium 1, high 2 (unknown: -1)."""
    return CONFIDENCE_LEVELS.index(level) if level in CONFIDENCE_LEVELS else -1


def group_options(groups: pd.DataFrame) -> list[str]:
    """All values the group filter offers: the groups' ids, then :data:`NO_GROUP`."""
    return [*groups["group_id"].tolist(), NO_GROUP]


def date_domain(events: pd.DataFrame, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The span the date filter offers: whole years around the events.

    Parameters
    ----------
    events : pandas.DataFrame
        Events with a ``date`` column of ``datetime.date``.
    today : datetime.date, optional
        Used when there are no events.

    Returns
    -------
    tuple of datetime.date
        1 January of the first event's year, 31 December of the last's.
    """
    today = today or dt.date.today()
    dates = [d for d in events["date"] if isinstance(d, dt.date)] or [today]
    return dt.date(min(dates).year, 1, 1), dt.date(max(dates).year, 12, 31)


def default_filters(groups: pd.DataFrame, events: pd.DataFrame) -> Filters:
    """Filters that show everything."""
    start, end = date_domain(events)
    return Filters(frozenset(group_options(groups)), start, end, "low")


def show_all(catalog: Catalog) -> Filters:
    """The filters that show everything in the data: all groups, the whole date span.

    Parameters
    ----------
    catalog : lib.data.catalog.Catalog
        Loaded data.

    Returns
    -------
    Filters
        Every group (and :data:`NO_GROUP`), whole years around the events, any confidence.
    """
    return default_filters(catalog.curated.groups, catalog.curated.events)


def _confidence_mask(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    floor = confidence_rank(filters.min_confidence)
    return frame["confidence"].map(confidence_rank) >= floor


def _active_in_range(active_from: object, active_to: object, filters: Filters) -> bool:
    start = parse_partial_date(active_from)[0] if active_from else dt.date.min
    end = parse_partial_date(active_to)[1] if active_to else dt.date.max
    return start <= filters.date_to and end >= filters.date_from


def filter_sites(sites: gpd.GeoDataFrame, filters: Filters) -> gpd.GeoDataFrame:
    """Sites of the selected groups, in use during the range, confident enough.

    Parameters
    ----------
    sites : geopandas.GeoDataFrame
        As loaded by :func:`lib.data.curated.load_curated` (not modified).
    filters : Filters
        The selection.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame with the matching rows.
    """
    if sites.empty:
        return sites.copy()
    in_groups = sites["group"].isin(filters.groups)
    active = [
        _active_in_range(a, b, filters)
        for a, b in zip(sites["active_from"], sites["active_to"], strict=True)
    ]
    mask = in_groups & pd.Series(active, index=sites.index) & _confidence_mask(sites, filters)
    return sites[mask].copy()


def filter_events(events: gpd.GeoDataFrame, filters: Filters) -> gpd.GeoDataFrame:
    """Events in the date range that concern a selected group, confident enough.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        As loaded by :func:`lib.data.curated.load_curated` (not modified).
    filters : Filters
        The selection.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame with the matching rows.
    """
    if events.empty:
        return events.copy()
    dates = events["date"]
    in_range = (dates >= filters.date_from) & (dates <= filters.date_to)
    if "date_precision" in events:
        # A week-precise event covers its Monday–Sunday week: in range if the week overlaps.
        weekly = events["date_precision"] == "week"
        for index in events.index[weekly]:
            first, last = precision_interval(events.at[index, "date"], "week")
            in_range.at[index] = last >= filters.date_from and first <= filters.date_to
    # Whole-column operations: one event may name several groups.
    groups = events["groups"]
    untied = groups.map(len) == 0
    named = groups.explode().isin(filters.groups).groupby(level=0).any()
    in_groups = (named & ~untied) | (untied & (NO_GROUP in filters.groups))
    return events[in_range & in_groups & _confidence_mask(events, filters)].copy()


def filter_crossings(crossings: gpd.GeoDataFrame, filters: Filters) -> gpd.GeoDataFrame:
    """Crossings confident enough (crossings belong to no group and have no dates)."""
    if crossings.empty:
        return crossings.copy()
    return crossings[_confidence_mask(crossings, filters)].copy()
