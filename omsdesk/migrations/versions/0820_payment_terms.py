"""Payment terms and credit limit per customer

Revision ID: 0820
Revises: 0810
Create Date: 2026-12-01 23:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0820"
down_revision = "0810"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("payment_terms", sa.String(16), nullable=False,
                                         server_default="immediate"))
    op.add_column("customers", sa.Column("credit_limit", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("customers", "credit_limit")
    op.drop_column("customers", "payment_terms")
