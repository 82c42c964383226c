"""erp: links between local records and their ERP records

Revision ID: 0500
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0500"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erp_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("erp", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("erp_id", sa.Integer(), nullable=False),
        sa.Column("erp_name", sa.String(length=120), nullable=False),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erp_links")),
        sa.UniqueConstraint("erp", "kind", "local_id", name="uq_erp_links_erp_kind_local"),
    )
    op.create_index("ix_erp_links_remote", "erp_links", ["erp", "kind", "erp_id"])


def downgrade() -> None:
    op.drop_index("ix_erp_links_remote", table_name="erp_links")
    op.drop_table("erp_links")
