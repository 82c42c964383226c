"""Saved batches: the orders each batch run took and how each ended, to reopen them later

Revision ID: 0960
Revises: 0880
Create Date: 2026-12-02 05:00:00

The clerk's "the 200 just allocated" (to print their slips) or "the 3 that failed" outlive the
queue's filters and tabs.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0960"
down_revision = "0880"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_batches")),
    )
    op.create_index("ix_saved_batches_finished", "saved_batches", ["finished_at", "id"])
    op.create_table(
        "saved_batch_orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("batch_id", sa.Integer(),
                  sa.ForeignKey("saved_batches.id", name=op.f("fk_saved_batch_orders_batch_id_saved_batches"),
                                ondelete="CASCADE"), nullable=False),
        sa.Column("order_id", sa.Integer(),
                  sa.ForeignKey("orders.id", name=op.f("fk_saved_batch_orders_order_id_orders")), nullable=False),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.CheckConstraint("outcome IN ('done', 'failed', 'cancelled')",
                           name=op.f("ck_saved_batch_orders_outcome_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_batch_orders")),
    )
    op.create_index("ix_saved_batch_orders_batch", "saved_batch_orders", ["batch_id", "order_id"], unique=True)
    op.create_index(op.f("ix_saved_batch_orders_order_id"), "saved_batch_orders", ["order_id"])


def downgrade() -> None:
    op.drop_table("saved_batch_orders")
    op.drop_table("saved_batches")
