"""Products get a description: the text the shops show, pushed by `omsdesk products push`

Revision ID: 1010
Revises: 0980
Create Date: 2026-12-02 16:00:00

Plain text or simple HTML as the merchant writes it; empty for every existing product, which
a push then leaves alone on the shop (an empty description is never sent over a shop's own).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1010"
down_revision = "0980"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.drop_column("description")
