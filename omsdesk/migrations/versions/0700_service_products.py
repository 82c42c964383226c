"""Products that carry no stock (shipping, services)

Revision ID: 0700
Revises: 0001
Create Date: 2026-11-25 04:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0700"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite supports it with a default): a batch rebuild of `products` would
    # trip the foreign keys that point at it.
    op.add_column("products", sa.Column("stock_tracked", sa.Boolean(), nullable=False,
                                        server_default=sa.true()))


def downgrade() -> None:
    op.drop_column("products", "stock_tracked")  # SQLite 3.35+ drops a column natively
