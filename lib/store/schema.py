"""The store's tables, as SQLAlchemy Core: records, revisions, the revision counter, drafts.

The migrations in :mod:`lib.store.migrations` create these tables; this module
describes them for the queries. On PostgreSQL the ``records`` table also has a
``geom`` column (PostGIS point, SRID 4326, computed from ``lat``/``lon``, GiST
index), which only the SQL of :func:`geom_column` refers to, so the same table
object serves both engines.
"""

from __future__ import annotations

import sqlalchemy as sa
from geoalchemy2 import Geometry

metadata = sa.MetaData()

#: One row (id 1): ``head`` is the number of the latest revision. Every write
#: increments it first, which serialises writers on both engines and keeps the
#: revision numbers gap-free.
store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("head", sa.Integer, nullable=False),
)

#: The current state of every record, retired ones included.
records = sa.Table(
    "records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(300), nullable=False),
    # The document a record belongs to (an annotation's collection), else NULL.
    sa.Column("parent", sa.String(300)),
    # Position in its file, so that an export writes rows in the seed's order.
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("retired", sa.Boolean, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    # The row or document exactly as in its file: CSV cells as strings, documents parsed.
    sa.Column("payload", sa.JSON, nullable=False),
    # The seed file's own text for the record, written back while it still says the same.
    sa.Column("source_text", sa.Text),
    # Derived from the payload, for filtering in SQL.
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("date_from", sa.String(10)),
    sa.Column("date_to", sa.String(10)),
    sa.Column("confidence", sa.Integer),
    sa.Column("groups", sa.Text),
    sa.UniqueConstraint("kind", "record_id", name="uq_records_kind_id"),
)

#: Every change ever made, in order; never updated, never deleted.
revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("revision", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("why", sa.Text, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(300), nullable=False),
    sa.Column("action", sa.String(10), nullable=False),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("retired", sa.Boolean, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    # The first revision of the batch that made this one (a batch's revisions share it).
    sa.Column("change_set", sa.Integer),
    # The signed-in account that made it (OIDC subject and e-mail; migration 0004).
    # NULL for the seed, the command line and the local editor (no sign-in).
    sa.Column("who_subject", sa.String(300)),
    sa.Column("who_email", sa.String(320)),
    sa.CheckConstraint("length(trim(why)) > 0", name="ck_revisions_why"),
    sa.CheckConstraint("length(trim(who)) > 0", name="ck_revisions_who"),
    sa.CheckConstraint(
        "action IN ('create', 'update', 'retire', 'restore')", name="ck_revisions_action"
    ),
)

#: Unsaved editorial drafts: not records (no revisions, never in the catalog or exports).
drafts = sa.Table(
    "drafts",
    metadata,
    sa.Column("draft_id", sa.String(80), primary_key=True),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
)

#: Columns a query returns (never ``geom``: the PostGIS column is for filtering).
RECORD_COLUMNS = [
    records.c.kind,
    records.c.record_id,
    records.c.parent,
    records.c.ord,
    records.c.version,
    records.c.retired,
    records.c.revision,
    records.c.payload,
    records.c.source_text,
]


def geom_column() -> sa.ColumnClause:
    """``records.geom`` (PostgreSQL only), typed for GeoAlchemy2's spatial functions."""
    return sa.column("geom", Geometry("POINT", srid=4326), _selectable=records)


#: The SQL that computes ``geom`` from ``lat``/``lon`` (a stored generated column).
GEOM_EXPRESSION = (
    "CASE WHEN lat IS NOT NULL AND lon IS NOT NULL "
    "THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END"
)
