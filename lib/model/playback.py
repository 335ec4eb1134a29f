"""Time playback: the weeks or months a selection's events span, and when each feature shows.

A playback steps through *frames* — calendar weeks (Monday to Sunday) or calendar
months — from the first to the last event the filters keep. In each frame the
events dated in it are shown, earlier ones faded and later ones hidden, and the
sites in use at some time during it (their ``active_from``/``active_to``, which
may be a decade, a year, a month or a day). Everything here is computed from the
data: nothing about the story is typed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import geopandas as gpd

from lib.data.catalog import Catalog
from lib.data.validation import parse_partial_date
from lib.model.filters import Filters
from lib.model.select import Selection, select

#: The lengths a playback can step by.
PERIODS = ("month", "week")
#: More frames than this are refused (ten years of weeks): the slider would be
#: too fine to scrub and the map would carry a list that long.
MAX_FRAMES = 520


@dataclass(frozen=True)
class Frame:
    """One step of a playback: a calendar week or month.

    Attributes
    ----------
    start, end : datetime.date
        First and last day (inclusive).
    label : str
        How it is shown, large, on the map (``March 2023``, ``Week of 13 Mar 2023``).
    """

    start: dt.date
    end: dt.date
    label: str


@dataclass(frozen=True)
class Playback:
    """What a playback map needs: its frames and when each feature is shown.

    Attributes
    ----------
    period : str
        ``week`` or ``month``.
    frames : tuple of Frame
        In order, without gaps.
    events : dict of str to int
        Event id → the index of the frame its date falls in.
    sites : dict of str to (int, int)
        Site id → the first and last frame during which it is in use.
    """

    period: str
    frames: tuple[Frame, ...]
    events: dict[str, int]
    sites: dict[str, tuple[int, int]]


class PlaybackError(ValueError):
    """A playback that cannot be made (nothing dated, too many frames, a bad period)."""


def _month_frame(day: dt.date) -> Frame:
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return Frame(start, following - dt.timedelta(days=1), f"{start:%B %Y}")


def _week_frame(day: dt.date) -> Frame:
    start = day - dt.timedelta(days=day.weekday())
    return Frame(start, start + dt.timedelta(days=6), f"Week of {start.day} {start:%b %Y}")


def make_frames(first: dt.date, last: dt.date, period: str) -> tuple[Frame, ...]:
    """The calendar weeks or months from the one holding ``first`` to the one holding ``last``.

    Parameters
    ----------
    first, last : datetime.date
        The first and last day to cover (``first <= last``).
    period : str
        ``week`` (Monday to Sunday) or ``month``.

    Returns
    -------
    tuple of Frame

    Raises
    ------
    PlaybackError
        An unknown period, ``last`` before ``first``, or more than :data:`MAX_FRAMES`.
    """
    if period not in PERIODS:
        raise PlaybackError(f"period must be one of {', '.join(PERIODS)}, not “{period}”")
    if last < first:
        raise PlaybackError(f"the last day ({last}) is before the first ({first})")
    frame_of = _week_frame if period == "week" else _month_frame
    frames = [frame_of(first)]
    while frames[-1].end < last:
        if len(frames) >= MAX_FRAMES:
            raise PlaybackError(
                f"{first} to {last} is more than {MAX_FRAMES} {period}s: play it by month, "
                "or narrow the dates in the sidebar"
            )
        frames.append(frame_of(frames[-1].end + dt.timedelta(days=1)))
    return tuple(frames)


def frame_index(frames: tuple[Frame, ...], day: dt.date) -> int | None:
    """The index of the frame holding ``day``, or None when it is outside them all."""
    for index, frame in enumerate(frames):
        if frame.start <= day <= frame.end:
            return index
    return None


def span_indices(frames: tuple[Frame, ...], start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """The first and last frame overlapping ``start``–``end``, or None when none does."""
    overlapping = [i for i, f in enumerate(frames) if f.start <= end and f.end >= start]
    return (overlapping[0], overlapping[-1]) if overlapping else None


def site_in_use(active_from: object, active_to: object) -> tuple[dt.date, dt.date]:
    """The days a site is in use: from the first day its start can mean to the last of its end.

    An empty start is "always before"; an empty end is "still in use"; a value that
    is not a date (the loaders report those) counts as unknown, i.e. open.
    """
    try:
        start = parse_partial_date(str(active_from))[0] if active_from else dt.date.min
    except ValueError:
        start = dt.date.min
    try:
        end = parse_partial_date(str(active_to))[1] if active_to else dt.date.max
    except ValueError:
        end = dt.date.max
    return start, end


def make_playback(
    events: gpd.GeoDataFrame, sites: gpd.GeoDataFrame, filters: Filters, period: str
) -> Playback:
    """The frames from the first to the last event shown, and when each event and site shows.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        The events drawn (``Selection.events_on_map``: ``event_id``, ``date``).
    sites : geopandas.GeoDataFrame
        The sites drawn (``site_id``, ``active_from``, ``active_to``).
    filters : Filters
        The reader's date range bounds the frames.
    period : str
        ``week`` or ``month``.

    Returns
    -------
    Playback

    Raises
    ------
    PlaybackError
        No dated event in the selection, or too many frames.
    """
    dates = [d for d in events["date"] if filters.date_from <= d <= filters.date_to]
    if not dates:
        raise PlaybackError("no dated event on the map to play: widen the filters")
    frames = make_frames(min(dates), max(dates), period)
    placed = {
        event_id: frame_index(frames, day)
        for event_id, day in zip(events["event_id"], events["date"], strict=True)
    }
    in_use = {}
    for site_id, active_from, active_to in zip(
        sites["site_id"], sites["active_from"], sites["active_to"], strict=True
    ):
        span = span_indices(frames, *site_in_use(active_from, active_to))
        if span is not None:
            in_use[site_id] = span
    return Playback(
        period=period,
        frames=frames,
        events={k: v for k, v in placed.items() if v is not None},
        sites=in_use,
    )


def select_on_day(catalog: Catalog, filters: Filters, day: dt.date) -> Selection:
    """A map of one moment: the sites in use on ``day``, the events from the range's start to it.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    filters : Filters
        Groups, confidence and the range whose start the events count from.
    day : datetime.date
        The moment shown.

    Returns
    -------
    Selection
        As :func:`lib.model.select.select` would draw it.
    """
    on_day = select(catalog, replace(filters, date_from=day, date_to=day))
    until = select(catalog, replace(filters, date_to=day))
    return replace(
        on_day,
        events=until.events,
        events_on_map=until.events_on_map,
        counts={**on_day.counts, "events": until.counts["events"]},
    )
