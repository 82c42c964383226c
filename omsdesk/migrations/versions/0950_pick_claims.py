"""Claimed pick work and the sync leader: pick_claims, shipments.claim_id, sync_leader

Revision ID: 0950
Revises: 0880
Create Date: 2026-12-02 04:45:00

A bench claims a wave (SELECT ... FOR UPDATE SKIP LOCKED on the open parcels); the parcels
carry the claim's id until it is done, released or expired. On PostgreSQL a change of a
parcel's claim notifies `omsdesk_orders` with the order's reference, so every queue shows
who claimed it. `sync_leader` is where the holder of the sync advisory lock says who it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0950"
down_revision = "0880"
branch_labels = None
depends_on = None

NOTIFY_CLAIMS = """
CREATE OR REPLACE FUNCTION omsdesk_notify_shipment_claims() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    keys text;
BEGIN
    SELECT string_agg(DISTINCT o.reference, ',') INTO keys
      FROM new_rows n JOIN old_rows p ON p.id = n.id JOIN orders o ON o.id = n.order_id
     WHERE n.claim_id IS DISTINCT FROM p.claim_id;
    IF keys IS NULL THEN
        RETURN NULL;
    END IF;
    IF octet_length(keys) > 7900 THEN
        keys := '*';
    END IF;
    PERFORM pg_notify('omsdesk_orders', keys);
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.create_table(
        "pick_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(100), nullable=False),
        sa.Column("user", sa.String(100), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("parcels", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('active', 'done', 'released', 'expired')",
                           name=op.f("ck_pick_claims_state_known")),
        sa.CheckConstraint("(ended_at IS NULL) = (state = 'active')",
                           name=op.f("ck_pick_claims_ended_when_not_active")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_claims")),
    )
    op.create_index("ix_pick_claims_state_heartbeat", "pick_claims", ["state", "heartbeat_at"])
    # Plain ADD COLUMN: a batch rebuild of `shipments` would trip the foreign keys pointing at it.
    op.add_column("shipments", sa.Column("claim_id", sa.Integer(), nullable=True))
    op.create_index("ix_shipments_claim_id", "shipments", ["claim_id"])
    op.create_table(
        "sync_leader",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(100), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("backend_pid", sa.Integer(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_leader")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(NOTIFY_CLAIMS)
        op.execute("CREATE TRIGGER trg_shipments_notify_claims AFTER UPDATE ON shipments "
                   "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT "
                   "EXECUTE FUNCTION omsdesk_notify_shipment_claims()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_shipments_notify_claims ON shipments")
        op.execute("DROP FUNCTION IF EXISTS omsdesk_notify_shipment_claims()")
    op.drop_table("sync_leader")
    op.drop_index("ix_shipments_claim_id", table_name="shipments")
    op.drop_column("shipments", "claim_id")
    op.drop_index("ix_pick_claims_state_heartbeat", table_name="pick_claims")
    op.drop_table("pick_claims")
