"""Returns (RMA) with a disposition per line; damaged stock kept apart from sellable stock

Revision ID: 0830
Revises: 0820
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0830"
down_revision = "0820"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "returns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(32), nullable=False),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id", name=op.f("fk_returns_order_id_orders")),
                  nullable=False),
        sa.Column("shipment_id", sa.Integer(),
                  sa.ForeignKey("shipments.id", name=op.f("fk_returns_shipment_id_shipments")), nullable=True),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returns")),
        sa.UniqueConstraint("reference", name=op.f("uq_returns_reference")),
    )
    op.create_index(op.f("ix_returns_order_id"), "returns", ["order_id"])
    op.create_table(
        "return_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("return_id", sa.Integer(),
                  sa.ForeignKey("returns.id", name=op.f("fk_return_lines_return_id_returns")), nullable=False),
        sa.Column("order_line_id", sa.Integer(),
                  sa.ForeignKey("order_lines.id", name=op.f("fk_return_lines_order_line_id_order_lines")),
                  nullable=False),
        sa.Column("warehouse_id", sa.Integer(),
                  sa.ForeignKey("warehouses.id", name=op.f("fk_return_lines_warehouse_id_warehouses")),
                  nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("disposition", sa.String(16), nullable=False),
        sa.CheckConstraint("qty > 0", name=op.f("ck_return_lines_qty_positive")),
        sa.CheckConstraint("disposition IN ('restock', 'damaged', 'scrap')",
                           name=op.f("ck_return_lines_disposition_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_lines")),
    )
    op.create_index(op.f("ix_return_lines_return_id"), "return_lines", ["return_id"])
    op.create_index(op.f("ix_return_lines_order_line_id"), "return_lines", ["order_line_id"])
    # Damaged units are stock of the warehouse but never on hand for sale.
    op.add_column("stock_levels", sa.Column("damaged", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    op.drop_column("stock_levels", "damaged")
    op.drop_table("return_lines")
    op.drop_table("returns")
