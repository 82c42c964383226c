"""Carrier accounts, booked parcels (label, carrier id, booking key and error) and tracking events

Revision ID: 0910
Revises: 0880
Create Date: 2026-12-02 04:45:00

Issue 16: a parcel packed for a configured carrier is booked with it; the label is kept on the
parcel so a reprint never books again, and tracking events are stored as the carrier said them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0910"
down_revision = "0880"
branch_labels = None
depends_on = None

_SHIPMENT_COLUMNS = (
    ("service", sa.String(60), ""), ("booking_key", sa.String(80), ""), ("carrier_ref", sa.String(80), ""),
    ("label_format", sa.String(8), ""), ("booking_error", sa.Text(), ""), ("tracking_status", sa.String(20), ""),
    ("tracking_error", sa.Text(), ""),
)


def upgrade() -> None:
    op.create_table(
        "carrier_accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False, unique=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("url", sa.String(300), nullable=False, server_default=""),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "tracking_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("shipment_id", sa.Integer(), sa.ForeignKey("shipments.id"), nullable=False, index=True),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False, server_default=""),
        sa.Column("cod_collected", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("shipment_id", "code", "happened_at", name="uq_tracking_event"),
    )
    # Plain ADD COLUMNs: a batch rebuild of `shipments` would trip the foreign keys pointing at it.
    # The foreign key to carrier_accounts is declared on the model; SQLite cannot add one by
    # ALTER, and the account is never deleted (removing it deactivates it), so nothing dangles.
    op.add_column("shipments", sa.Column("carrier_account_id", sa.Integer(), nullable=True))
    for name, kind, default in _SHIPMENT_COLUMNS:
        op.add_column("shipments", sa.Column(name, kind, nullable=False, server_default=default))
    op.add_column("shipments", sa.Column("label", sa.LargeBinary(), nullable=True))
    for name in ("booked_at", "booking_failed_at", "tracking_at", "tracking_next_at"):
        op.add_column("shipments", sa.Column(name, sa.DateTime(timezone=True), nullable=True))
    op.add_column("shipments", sa.Column("tracking_failures", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_shipments_tracking_next", "shipments", ["tracking_next_at"])


def downgrade() -> None:
    op.drop_index("ix_shipments_tracking_next", table_name="shipments")
    for name in ("tracking_failures", "tracking_next_at", "tracking_at", "booking_failed_at", "booked_at", "label",
                 *(c[0] for c in _SHIPMENT_COLUMNS), "carrier_account_id"):
        op.drop_column("shipments", name)
    op.drop_table("tracking_events")
    op.drop_table("carrier_accounts")
