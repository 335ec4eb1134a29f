"""Records by kind, group, date range, confidence and bounding box, filtered in SQL.

The same rules as the app's pandas filters (``lib.model.filters``): a site passes
the date filter when the period it was in use overlaps the range (no start: since
ever; no end: still in use), an event when its date lies in it; an event tied to
no group counts as the pseudo-group ``none``; kinds without groups, dates or a
confidence are not filtered on them. On PostgreSQL the box is a PostGIS
``ST_Intersects`` on the GiST-indexed point; on SQLite, plain comparisons of the
``lat``/``lon`` columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from geoalchemy2 import functions as gfunc

from lib.data.validation import CONFIDENCE_LEVELS
from lib.store.kinds import PRIVATE_KINDS
from lib.store.schema import RECORD_COLUMNS, geom_column, records

#: (west, south, east, north) in degrees, as ``lib.data.validation.REGION_BOUNDS``.
BBox = tuple[float, float, float, float]


def select_records(
    dialect: str,
    kind: str | Iterable[str] | None = None,
    groups: Iterable[str] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    min_confidence: str | None = None,
    bbox: BBox | None = None,
    include_retired: bool = False,
) -> sa.Select:
    """The SELECT for a filtered set of records, in file order.

    Parameters
    ----------
    dialect : str
        ``postgresql`` (PostGIS box) or anything else (plain comparisons).
    kind : str or iterable of str, optional
        Record kind(s); default all but the private ones (``role``: ask for it by name).
    groups : iterable of str, optional
        Keep records tied to any of these groups (``none``: events tied to none).
    date_from, date_to : datetime.date, optional
        Inclusive range the record's date or period must meet.
    min_confidence : str, optional
        ``low``, ``medium`` or ``high``.
    bbox : tuple of float, optional
        (west, south, east, north); records without a position are left out.
    include_retired : bool
        Keep retired records too.

    Returns
    -------
    sqlalchemy.Select
        Selects the record columns (never ``geom``).
    """
    query = sa.select(*RECORD_COLUMNS)
    if not include_retired:
        query = query.where(records.c.retired.is_(False))
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        query = query.where(records.c.kind.in_(kinds))
    else:
        query = query.where(records.c.kind.not_in(PRIVATE_KINDS))
    if groups is not None:
        tied = [records.c.groups.contains(f";{g};", autoescape=True) for g in groups]
        query = query.where(sa.or_(records.c.groups.is_(None), *tied))
    if date_from is not None:
        start = date_from.isoformat()
        query = query.where(sa.or_(records.c.date_to.is_(None), records.c.date_to >= start))
    if date_to is not None:
        end = date_to.isoformat()
        query = query.where(sa.or_(records.c.date_from.is_(None), records.c.date_from <= end))
    if min_confidence is not None:
        if min_confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"min_confidence must be one of {', '.join(CONFIDENCE_LEVELS)}")
        floor = CONFIDENCE_LEVELS.index(min_confidence)
        query = query.where(sa.or_(records.c.confidence.is_(None), records.c.confidence >= floor))
    if bbox is not None:
        west, south, east, north = bbox
        if dialect == "postgresql":
            envelope = gfunc.ST_MakeEnvelope(west, south, east, north, 4326)
            query = query.where(gfunc.ST_Intersects(geom_column(), envelope))
        else:
            query = query.where(
                records.c.lat.between(south, north), records.c.lon.between(west, east)
            )
    return query.order_by(records.c.kind, records.c.ord, records.c.record_id)
