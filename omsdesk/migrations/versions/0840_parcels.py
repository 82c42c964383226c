"""Parcels exist before they ship: a status per shipment (open, picking, packed, shipped, delivered)

Revision ID: 0840
Revises: 0830
Create Date: 2026-12-02 02:00:00

Every warehouse an order has units reserved in gets an open parcel, so it can be picked,
packed, labelled and named before it leaves (`orders ship --shipment N`). Orders already
allocated when this runs get theirs here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0840"
down_revision = "0830"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # Batch mode rebuilds the table: shipment lines, invoices and returns point at it, so
        # foreign keys are checked at commit (the ids are copied unchanged), not at the drop.
        op.execute("PRAGMA defer_foreign_keys = ON")
    with op.batch_alter_table("shipments") as batch:
        batch.add_column(sa.Column("status", sa.String(12), nullable=False, server_default="shipped"))
        batch.alter_column("shipped_at", existing_type=sa.DateTime(timezone=True), nullable=True)
    op.execute("UPDATE shipments SET status = 'delivered' WHERE delivered_at IS NOT NULL")
    op.execute(
        """
        INSERT INTO shipments (order_id, warehouse_id, status, carrier, tracking)
        SELECT o.id, r.warehouse_id,
               CASE o.status WHEN 'picking' THEN 'picking' WHEN 'packed' THEN 'packed' ELSE 'open' END,
               '', ''
        FROM reservations r
        JOIN order_lines ol ON ol.id = r.order_line_id
        JOIN orders o ON o.id = ol.order_id
        GROUP BY o.id, r.warehouse_id, o.status
        ORDER BY o.id, r.warehouse_id
        """
    )
    with op.batch_alter_table("shipments") as batch:
        batch.create_check_constraint(
            "status_known", "status IN ('open', 'picking', 'packed', 'shipped', 'delivered')")
        batch.create_check_constraint(
            "shipped_at_when_shipped", "(shipped_at IS NULL) = (status IN ('open', 'picking', 'packed'))")


def downgrade() -> None:
    op.execute("DELETE FROM shipments WHERE status IN ('open', 'picking', 'packed')")
    with op.batch_alter_table("shipments") as batch:
        batch.drop_constraint("ck_shipments_shipped_at_when_shipped", type_="check")
        batch.drop_constraint("ck_shipments_status_known", type_="check")
        batch.alter_column("shipped_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.drop_column("status")
