"""Records, revisions and the revision counter.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the three tables and set the counter to 0 (no revision yet)."""
    meta = op.create_table(
        "store_meta",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("head", sa.Integer, nullable=False),
    )
    op.bulk_insert(meta, [{"id": 1, "head": 0}])
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(300), nullable=False),
        sa.Column("parent", sa.String(300)),
        sa.Column("ord", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("retired", sa.Boolean, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("source_text", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("date_from", sa.String(10)),
        sa.Column("date_to", sa.String(10)),
        sa.Column("confidence", sa.Integer),
        sa.Column("groups", sa.Text),
        sa.UniqueConstraint("kind", "record_id", name="uq_records_kind_id"),
    )
    op.create_index("ix_records_kind_ord", "records", ["kind", "ord"])
    op.create_index("ix_records_dates", "records", ["date_from", "date_to"])
    op.create_table(
        "revisions",
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
        sa.CheckConstraint("length(trim(why)) > 0", name="ck_revisions_why"),
        sa.CheckConstraint("length(trim(who)) > 0", name="ck_revisions_who"),
        sa.CheckConstraint(
            "action IN ('create', 'update', 'retire', 'restore')", name="ck_revisions_action"
        ),
    )
    op.create_index("ix_revisions_kind_id", "revisions", ["kind", "record_id"])


def downgrade() -> None:
    """Drop the tables (their content with them)."""
    op.drop_table("revisions")
    op.drop_table("records")
    op.drop_table("store_meta")
