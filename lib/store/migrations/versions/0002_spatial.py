"""Spatial lookup: a PostGIS point with a GiST index on PostgreSQL, a lat/lon index on SQLite.

SQLite needs no SpatiaLite: its bounding-box queries compare the ``lat``/``lon``
columns. On PostgreSQL ``geom`` is a stored generated column computed from them,
so it can never disagree with the coordinates.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

from lib.store.schema import GEOM_EXPRESSION

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the spatial column and index for the dialect."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        op.add_column(
            "records",
            sa.Column(
                "geom",
                Geometry("POINT", srid=4326, spatial_index=False),
                sa.Computed(GEOM_EXPRESSION, persisted=True),
            ),
        )
        op.create_index("ix_records_geom", "records", ["geom"], postgresql_using="gist")
    else:
        op.create_index("ix_records_lat_lon", "records", ["lat", "lon"])


def downgrade() -> None:
    """Remove the spatial column or index."""
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_records_geom", table_name="records")
        op.drop_column("records", "geom")
    else:
        op.drop_index("ix_records_lat_lon", table_name="records")
