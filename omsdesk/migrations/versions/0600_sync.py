"""sync: channel SKU mapping, shop order links, quarantine, sync runs, channel health (issue 6)

Revision ID: 0600
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0600"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_skus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("external_sku", sa.String(length=64), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"],
                                name=op.f("fk_channel_skus_channel_id_channels")),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"],
                                name=op.f("fk_channel_skus_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_skus")),
        sa.UniqueConstraint("channel_id", "external_sku", name="uq_channel_skus_channel_external"),
    )
    op.create_index(op.f("ix_channel_skus_product_id"), "channel_skus", ["product_id"])
    op.create_table(
        "channel_order_links",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("external_number", sa.String(length=64), nullable=False),
        sa.Column("external_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("line_ids", sa.JSON(), nullable=False),
        sa.Column("shop_status", sa.String(length=40), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("shipping_total", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"],
                                name=op.f("fk_channel_order_links_channel_id_channels")),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"],
                                name=op.f("fk_channel_order_links_order_id_orders")),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_channel_order_links")),
        sa.UniqueConstraint("channel_id", "external_id",
                            name="uq_channel_order_links_channel_external"),
    )
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=True),
        sa.Column("external_number", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("normalized", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("seen_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"],
                                name=op.f("fk_sync_quarantine_channel_id_channels")),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"],
                                name=op.f("fk_sync_quarantine_order_id_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_quarantine")),
        sa.UniqueConstraint("channel_id", "external_id", "kind", name="uq_sync_quarantine_key"),
    )
    op.create_index("ix_sync_quarantine_open", "sync_quarantine", ["status", "channel_id", "id"])
    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("quarantined", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("delivered", sa.Integer(), nullable=False),
        sa.Column("cursor_before", sa.String(length=64), nullable=False),
        sa.Column("cursor_after", sa.String(length=64), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"],
                                name=op.f("fk_sync_runs_channel_id_channels")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
    )
    op.create_index("ix_sync_runs_channel", "sync_runs", ["channel_id", "id"])
    op.create_table(
        "channel_sync_state",
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("cursor", sa.String(length=64), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("credentials_invalid", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"],
                                name=op.f("fk_channel_sync_state_channel_id_channels")),
        sa.PrimaryKeyConstraint("channel_id", name=op.f("pk_channel_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("channel_sync_state")
    op.drop_index("ix_sync_runs_channel", table_name="sync_runs")
    op.drop_table("sync_runs")
    op.drop_index("ix_sync_quarantine_open", table_name="sync_quarantine")
    op.drop_table("sync_quarantine")
    op.drop_table("channel_order_links")
    op.drop_index(op.f("ix_channel_skus_product_id"), table_name="channel_skus")
    op.drop_table("channel_skus")
