"""An exceptions inbox item can be dismissed with a note, until its cause changes

Revision ID: 0920
Revises: 0880
Create Date: 2026-12-02 04:50:00

`exception_dismissals` keeps who dismissed which item (kind, key), why, and a digest of the
item's cause at that moment; the inbox hides the item while the digest still matches.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0920"
down_revision = "0880"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exception_dismissals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("cause", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("kind", "key", "cause", name="uq_exception_dismissals_cause"),
    )


def downgrade() -> None:
    op.drop_table("exception_dismissals")
