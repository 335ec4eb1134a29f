"""Filters and map view in the page address, so a copied link reopens the same map.

Query parameters are untrusted: each value is checked against what the data
allows (known group ids, dates inside the domain, numbers in range, short
lengths). A value that fails is ignored and reported as a notice; parsing
never raises and never touches the file system.

Parameters: ``groups`` (comma-separated ids, ``-`` for none; absent: all),
``from`` and ``to`` (YYYY-MM-DD), ``conf`` (minimum confidence), ``lat``,
``lon`` and ``z`` (map view), ``basemap`` (``online`` or ``offline``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from lib.data.validation import CONFIDENCE_LEVELS
from lib.model.filters import Filters
from lib.model.map_view import MAX_ZOOM, MIN_ZOOM, MapView

FILTER_KEYS: tuple[str, ...] = ("groups", "from", "to", "conf")
BASEMAP_KEY = "basemap"
BASEMAPS: dict[str, str] = {
    "online": "Online map tiles (needs the internet)",
    "offline": "Built-in map (works without the internet)",
}
BASEMAP_VALUES: tuple[str, ...] = tuple(BASEMAPS)
VIEW_KEYS: tuple[str, ...] = ("lat", "lon", "z")
NO_GROUPS = "-"
#: Longer values are refused outright: no legitimate link needs more.
MAX_VALUE_LENGTH = 300


@dataclass(frozen=True)
class UrlState:
    """What a page address asks for, after checking.

    Attributes
    ----------
    filters : Filters
        The defaults with every valid parameter applied.
    view : MapView or None
        The map view, when the address gives a complete valid one.
    notices : list of str
        One line per ignored parameter, for the user.
    """

    filters: Filters
    view: MapView | None
    notices: list[str] = field(default_factory=list)


def shorten(value: object, limit: int = 40) -> str:
    """A value cut to ``limit`` characters, for quoting untrusted input in a message."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def first_value(params: Mapping[str, object], key: str) -> str | None:
    """A query parameter as text (a list gives its last item), or None."""
    value = params.get(key)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    return None if value is None else str(value)


def parse_url_state(params: Mapping[str, object], defaults: Filters) -> UrlState:
    """Read filters and view from query parameters.

    Parameters
    ----------
    params : mapping
        Query parameters (``st.query_params`` or a plain dict; list values
        take their last item).
    defaults : Filters
        Filters that show everything; their groups are the allowed ids and
        their dates the allowed span.

    Returns
    -------
    UrlState
        Checked filters and view, with a notice per ignored value.
    """
    notices: list[str] = []
    values: dict[str, str] = {}
    for key in (*FILTER_KEYS, *VIEW_KEYS):
        raw = first_value(params, key)
        if raw is None:
            continue
        if len(raw) > MAX_VALUE_LENGTH:
            notices.append(f"Ignored “{key}” in the link: value too long ({len(raw)} characters).")
            continue
        values[key] = raw.strip()

    groups = defaults.groups
    if "groups" in values:
        raw = values["groups"]
        asked = [] if raw == NO_GROUPS else [g.strip() for g in raw.split(",") if g.strip()]
        known = [g for g in asked if g in defaults.groups]
        unknown = [g for g in asked if g not in defaults.groups]
        if unknown:
            names = ", ".join(f"“{shorten(g)}”" for g in unknown[:5])
            notices.append(f"Ignored unknown group(s) in the link: {names}.")
        if known or raw == NO_GROUPS:
            groups = frozenset(known)

    def read_date(key: str, fallback: dt.date) -> dt.date:
        if key not in values:
            return fallback
        try:
            day = dt.date.fromisoformat(values[key])
        except ValueError:
            notices.append(f"Ignored “{key}” in the link: “{shorten(values[key])}” is not a date.")
            return fallback
        if not defaults.date_from <= day <= defaults.date_to:
            notices.append(
                f"Ignored “{key}” in the link: {day} is outside "
                f"{defaults.date_from} – {defaults.date_to}."
            )
            return fallback
        return day

    date_from = read_date("from", defaults.date_from)
    date_to = read_date("to", defaults.date_to)
    if date_from > date_to:
        notices.append("Ignored the dates in the link: “from” is after “to”.")
        date_from, date_to = defaults.date_from, defaults.date_to

    confidence = defaults.min_confidence
    if "conf" in values:
        if values["conf"] in CONFIDENCE_LEVELS:
            confidence = values["conf"]
        else:
            notices.append(
                f"Ignored “conf” in the link: “{shorten(values['conf'])}” is not one of "
                f"{', '.join(CONFIDENCE_LEVELS)}."
            )

    view = _view_from(values, notices)
    return UrlState(Filters(groups, date_from, date_to, confidence), view, notices)


def parse_view(params: Mapping[str, object]) -> MapView | None:
    """Only the map view of query parameters (None if absent or invalid).

    Parameters
    ----------
    params : mapping
        Query parameters.

    Returns
    -------
    MapView or None
        The checked view.
    """
    values = {}
    for key in VIEW_KEYS:
        raw = first_value(params, key)
        if raw is not None and len(raw) <= MAX_VALUE_LENGTH:
            values[key] = raw.strip()
    return _view_from(values, [])


def _view_from(values: dict[str, str], notices: list[str]) -> MapView | None:
    present = [k for k in VIEW_KEYS if k in values]
    if not present:
        return None
    if len(present) < len(VIEW_KEYS):
        notices.append("Ignored the map view in the link: it needs lat, lon and z together.")
        return None
    try:
        lat, lon = float(values["lat"]), float(values["lon"])
        zoom = int(values["z"])
    except ValueError:
        notices.append("Ignored the map view in the link: lat, lon and z must be numbers.")
        return None
    if not (
        math.isfinite(lat)
        and math.isfinite(lon)
        and -85 <= lat <= 85
        and -180 <= lon <= 180
        and MIN_ZOOM <= zoom <= MAX_ZOOM
    ):
        notices.append("Ignored the map view in the link: values out of range.")
        return None
    return MapView(round(lat, 4), round(lon, 4), zoom)


def encode_filters(filters: Filters, defaults: Filters) -> dict[str, str]:
    """Query parameters for filters, leaving out those equal to the defaults.

    Parameters
    ----------
    filters : Filters
        The selection to encode.
    defaults : Filters
        The show-everything filters.

    Returns
    -------
    dict of str to str
        Parameters that :func:`parse_url_state` reads back to ``filters``.
    """
    params: dict[str, str] = {}
    if filters.groups != defaults.groups:
        ordered = [g for g in sorted(defaults.groups) if g in filters.groups]
        params["groups"] = ",".join(ordered) if ordered else NO_GROUPS
    if filters.date_from != defaults.date_from:
        params["from"] = filters.date_from.isoformat()
    if filters.date_to != defaults.date_to:
        params["to"] = filters.date_to.isoformat()
    if filters.min_confidence != defaults.min_confidence:
        params["conf"] = filters.min_confidence
    return params


def encode_view(view: MapView) -> dict[str, str]:
    """Query parameters for a map view."""
    return {"lat": f"{view.lat:.4f}", "lon": f"{view.lon:.4f}", "z": str(view.zoom)}


def parse_basemap(params: Mapping[str, object]) -> tuple[str, list[str]]:
    """Read the basemap choice (``online``, the default, or ``offline``).

    Parameters
    ----------
    params : mapping
        Query parameters.

    Returns
    -------
    tuple
        The basemap and notices for an ignored value.
    """
    raw = first_value(params, BASEMAP_KEY)
    if raw is None or raw in BASEMAP_VALUES:
        return raw or BASEMAP_VALUES[0], []
    return BASEMAP_VALUES[0], [
        f"Ignored “basemap” in the link: “{shorten(raw)}” is not one of {', '.join(BASEMAP_VALUES)}."
    ]
