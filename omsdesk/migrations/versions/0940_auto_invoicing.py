"""Automatic invoicing: a policy per channel and per customer, and the report of each run

Revision ID: 0940
Revises: 0880
Create Date: 2026-12-02 04:45:00

No policy means "by hand", as before; a customer's policy overrides its channel's.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0940"
down_revision = "0880"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invoicing_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("invoice_when", sa.String(12), nullable=False),
        sa.Column("simplified_for_consumers", sa.Boolean(), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("invoice_when IN ('manual', 'shipped', 'paid', 'monthly')",
                           name=op.f("ck_invoicing_policies_when_known")),
        sa.CheckConstraint("(channel_id IS NULL) <> (customer_id IS NULL)",
                           name=op.f("ck_invoicing_policies_one_owner")),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"],
                                name=op.f("fk_invoicing_policies_channel_id_channels")),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_invoicing_policies_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoicing_policies")),
        sa.UniqueConstraint("channel_id", name=op.f("uq_invoicing_policies_channel_id")),
        sa.UniqueConstraint("customer_id", name=op.f("uq_invoicing_policies_customer_id")),
    )
    op.create_table(
        "auto_invoice_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("issued", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auto_invoice_runs")),
    )


def downgrade() -> None:
    op.drop_table("auto_invoice_runs")
    op.drop_table("invoicing_policies")
