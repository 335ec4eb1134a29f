"""Drafts of the editorial screens, and change sets on revisions.

``drafts`` keeps an analyst's unsaved review (a new article with its decisions and
events) so that it survives a reload or a crash; a draft is not a record: it has no
revisions and never reaches the catalog or an export. ``revisions.change_set`` is the
first revision number of the batch that made a revision, shared by the whole batch
(NULL for revisions written before this migration: which batch they came from was
not recorded).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``drafts`` and add ``revisions.change_set`` with its index."""
    op.create_table(
        "drafts",
        sa.Column("draft_id", sa.String(80), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_index("ix_drafts_owner_updated", "drafts", ["owner", "updated_at"])
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("change_set", sa.Integer, nullable=True))
    op.create_index("ix_revisions_change_set", "revisions", ["change_set"])


def downgrade() -> None:
    """Drop the drafts and the change sets."""
    op.drop_index("ix_revisions_change_set", table_name="revisions")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("change_set")
    op.drop_index("ix_drafts_owner_updated", table_name="drafts")
    op.drop_table("drafts")
