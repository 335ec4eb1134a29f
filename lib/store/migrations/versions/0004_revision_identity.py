"""Who made a revision, as the sign-in names them: the OIDC subject and e-mail.

``revisions.who`` stays the readable name the history shows; ``who_subject`` (the
identity provider's stable id for the user, ``sub``) and ``who_email`` say which
signed-in account made the change. Both are NULL for revisions written before
this migration, by the command line, the seed, or the local editor (no sign-in).
Role records (kind ``role``) need no new table: they are records with history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``revisions.who_subject`` and ``revisions.who_email`` (nullable), e-mail indexed."""
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("who_subject", sa.String(300), nullable=True))
        batch.add_column(sa.Column("who_email", sa.String(320), nullable=True))
    op.create_index("ix_revisions_who_email", "revisions", ["who_email"])


def downgrade() -> None:
    """Drop the identity columns."""
    op.drop_index("ix_revisions_who_email", table_name="revisions")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("who_email")
        batch.drop_column("who_subject")
