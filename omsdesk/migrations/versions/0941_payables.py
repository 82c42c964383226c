"""Accounts payable: supplier invoices matched to purchase orders and receipts, payments, supplier terms

Revision ID: 0941
Revises: 0940, 0400
Create Date: 2026-12-02 04:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0941"
down_revision = ("0940", "0400")  # suppliers and purchase orders live on the planning branch
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("suppliers", sa.Column("payment_terms", sa.String(16), nullable=False,
                                         server_default="net30"))
    op.create_table(
        "supplier_invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("purchase_order_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_net", sa.Integer(), nullable=False),
        sa.Column("total_tax", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("has_differences", sa.Boolean(), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by", sa.String(64), nullable=False),
        sa.Column("approval_reason", sa.String(300), nullable=False),
        sa.Column("notes", sa.String(500), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("total = total_net + total_tax", name=op.f("ck_supplier_invoices_totals_add_up")),
        sa.ForeignKeyConstraint(["purchase_order_id"], ["purchase_orders.id"],
                                name=op.f("fk_supplier_invoices_purchase_order_id_purchase_orders")),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_supplier_invoices_supplier_id_suppliers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_invoices")),
        sa.UniqueConstraint("supplier_id", "number", name="uq_supplier_invoices_supplier_number"),
    )
    op.create_index("ix_supplier_invoices_due", "supplier_invoices", ["due_date", "id"])
    op.create_index(op.f("ix_supplier_invoices_purchase_order_id"), "supplier_invoices", ["purchase_order_id"])
    op.create_index(op.f("ix_supplier_invoices_supplier_id"), "supplier_invoices", ["supplier_id"])
    op.create_table(
        "supplier_invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_invoice_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("purchase_order_line_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.Column("tax_rate_bp", sa.Integer(), nullable=False),
        sa.Column("net", sa.Integer(), nullable=False),
        sa.Column("ordered_qty", sa.Integer(), nullable=False),
        sa.Column("received_qty", sa.Integer(), nullable=False),
        sa.Column("previously_invoiced", sa.Integer(), nullable=False),
        sa.Column("ordered_price", sa.Integer(), nullable=False),
        sa.Column("differences", sa.String(100), nullable=False),
        sa.CheckConstraint("qty > 0", name=op.f("ck_supplier_invoice_lines_qty_positive")),
        sa.CheckConstraint("unit_price >= 0", name=op.f("ck_supplier_invoice_lines_price_not_negative")),
        sa.ForeignKeyConstraint(["purchase_order_line_id"], ["purchase_order_lines.id"],
                                name=op.f("fk_supplier_invoice_lines_purchase_order_line_id_purchase_order_lines")),
        sa.ForeignKeyConstraint(["supplier_invoice_id"], ["supplier_invoices.id"],
                                name=op.f("fk_supplier_invoice_lines_supplier_invoice_id_supplier_invoices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_invoice_lines")),
    )
    op.create_index(op.f("ix_supplier_invoice_lines_purchase_order_line_id"), "supplier_invoice_lines",
                    ["purchase_order_line_id"])
    op.create_index(op.f("ix_supplier_invoice_lines_supplier_invoice_id"), "supplier_invoice_lines",
                    ["supplier_invoice_id"])
    op.create_table(
        "supplier_invoice_taxes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_invoice_id", sa.Integer(), nullable=False),
        sa.Column("rate_bp", sa.Integer(), nullable=False),
        sa.Column("base", sa.Integer(), nullable=False),
        sa.Column("tax", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["supplier_invoice_id"], ["supplier_invoices.id"],
                                name=op.f("fk_supplier_invoice_taxes_supplier_invoice_id_supplier_invoices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_invoice_taxes")),
    )
    op.create_index(op.f("ix_supplier_invoice_taxes_supplier_invoice_id"), "supplier_invoice_taxes",
                    ["supplier_invoice_id"])
    op.create_table(
        "supplier_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_invoice_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_supplier_payments_amount_positive")),
        sa.ForeignKeyConstraint(["supplier_invoice_id"], ["supplier_invoices.id"],
                                name=op.f("fk_supplier_payments_supplier_invoice_id_supplier_invoices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_payments")),
    )
    op.create_index(op.f("ix_supplier_payments_supplier_invoice_id"), "supplier_payments",
                    ["supplier_invoice_id"])


def downgrade() -> None:
    op.drop_table("supplier_payments")
    op.drop_table("supplier_invoice_taxes")
    op.drop_table("supplier_invoice_lines")
    op.drop_table("supplier_invoices")
    with op.batch_alter_table("suppliers") as batch:
        batch.drop_column("payment_terms")
