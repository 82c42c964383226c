"""Foreign recipient ids (IDOtro) and the producer of the invoicing system on each record

Revision ID: 0930
Revises: 0880
Create Date: 2026-12-02 04:45:00

A customer without a Spanish NIF or EU VAT number is identified by an id type of list L7
(03 passport, 04 official id of the country of residence, 05 residence certificate, 06 other)
and the country that issued it; the invoice keeps the type it was issued with, so its record can
be rebuilt. Each record keeps the producer it named in SistemaInformatico (empty on records
written before: those named the issuer).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0930"
down_revision = "0880"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch rebuild would drop the append-only triggers of invoices/records.
    op.add_column("customers", sa.Column("tax_id_type", sa.String(2), nullable=False, server_default=""))
    op.add_column("customers", sa.Column("tax_id_country", sa.String(2), nullable=False, server_default=""))
    op.add_column("invoices", sa.Column("customer_id_type", sa.String(2), nullable=False, server_default=""))
    op.add_column("invoice_records", sa.Column("producer_name", sa.String(120), nullable=False,
                                               server_default=""))
    op.add_column("invoice_records", sa.Column("producer_tax_id", sa.String(32), nullable=False,
                                               server_default=""))


def downgrade() -> None:
    op.drop_column("customers", "tax_id_country")
    op.drop_column("customers", "tax_id_type")
    op.drop_column("invoice_records", "producer_tax_id")
    op.drop_column("invoice_records", "producer_name")
    op.drop_column("invoices", "customer_id_type")
