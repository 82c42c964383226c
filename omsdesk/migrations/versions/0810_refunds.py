"""Refunds as first-class money out, and order lines closed unshipped (cancel-rest)

Revision ID: 0810
Revises: 0800
Create Date: 2026-12-01 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0810"
down_revision = "0800"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "refunds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=False, index=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False, server_default=""),
        sa.Column("reason", sa.String(200), nullable=False, server_default=""),
        sa.Column("user", sa.String(64), nullable=False, server_default=""),
        sa.Column("workstation", sa.String(64), nullable=False, server_default=""),
        sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name="ck_refunds_amount_positive"),
    )
    # Plain ADD COLUMNs: a batch rebuild of orders/order_lines would trip the foreign keys.
    op.add_column("orders", sa.Column("refunded_amount", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("order_lines", sa.Column("qty_cancelled", sa.Integer(), nullable=False, server_default="0"))
    if op.get_bind().dialect.name == "postgresql":
        op.create_check_constraint(op.f("ck_orders_refunded_within_paid"), "orders",
                                   "refunded_amount >= 0 AND refunded_amount <= paid_amount")
        op.create_check_constraint(op.f("ck_order_lines_cancelled_within_open"), "order_lines",
                                   "qty_cancelled >= 0 AND qty_cancelled + qty_shipped <= qty")
    else:
        # SQLite cannot add a CHECK to an existing table without rebuilding it: triggers say the same.
        op.execute("CREATE TRIGGER trg_orders_refunded_within_paid BEFORE UPDATE OF refunded_amount, paid_amount "
                   "ON orders WHEN NEW.refunded_amount < 0 OR NEW.refunded_amount > NEW.paid_amount "
                   "BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: refunded_within_paid'); END")
        op.execute("CREATE TRIGGER trg_order_lines_cancelled_within_open BEFORE UPDATE OF qty_cancelled, qty_shipped "
                   "ON order_lines WHEN NEW.qty_cancelled < 0 OR NEW.qty_cancelled + NEW.qty_shipped > NEW.qty "
                   "BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: cancelled_within_open'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("ck_order_lines_cancelled_within_open", "order_lines")
        op.drop_constraint("ck_orders_refunded_within_paid", "orders")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_order_lines_cancelled_within_open")
        op.execute("DROP TRIGGER IF EXISTS trg_orders_refunded_within_paid")
    op.drop_column("order_lines", "qty_cancelled")
    op.drop_column("orders", "refunded_amount")
    op.drop_table("refunds")
