"""invoicing: company settings, series, invoices, tax breakdown, VERI*FACTU records, payments

Issued invoices, their lines, breakdown, records and payments are append-only: triggers on
SQLite and PostgreSQL refuse any UPDATE or DELETE of them (and TRUNCATE on PostgreSQL), so
even a direct SQL session cannot rewrite an issued invoice. What receivables need to change
(status, amount paid) is derived from payments and credit notes, never stored on the invoice.

Revision ID: 0200
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0200"
down_revision = "0001"
branch_labels = None
depends_on = None

# Tables whose rows, once written, are never changed or removed.
APPEND_ONLY = ("invoices", "invoice_lines", "invoice_taxes", "invoice_records", "invoice_payments")

REFUSAL = "issued invoices and their records are immutable: issue a credit note instead"

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION omsdesk_refuse_invoice_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'cannot % %: {REFUSAL}', lower(TG_OP), TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
"""


def _create_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(PG_FUNCTION)
    for table in APPEND_ONLY:
        if dialect == "postgresql":
            op.execute(
                f"CREATE TRIGGER trg_{table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION omsdesk_refuse_invoice_change()"
            )
            op.execute(
                f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION omsdesk_refuse_invoice_change()"
            )
        elif dialect == "sqlite":
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER trg_{table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'cannot {action.lower()} {table}: {REFUSAL}'); END"
                )


def _drop_triggers() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_no_truncate ON {table}")
        elif dialect == "sqlite":
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_no_{action}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS omsdesk_refuse_invoice_change()")


def upgrade() -> None:
    op.create_table('company_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('tax_id', sa.String(length=32), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postcode', sa.String(length=16), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('logo_path', sa.String(length=400), nullable=False),
    sa.Column('series_ordinary', sa.String(length=8), nullable=False),
    sa.Column('series_simplified', sa.String(length=8), nullable=False),
    sa.Column('series_rectifying', sa.String(length=8), nullable=False),
    sa.Column('payment_days', sa.Integer(), nullable=False),
    sa.Column('simplified_limit', sa.Integer(), nullable=False),
    sa.Column('verifactu_environment', sa.String(length=12), nullable=False),
    sa.Column('time_zone', sa.String(length=40), nullable=False),
    sa.Column('installation_id', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_company_settings_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company_settings'))
    )
    op.create_table('invoice_chains',
    sa.Column('issuer_tax_id', sa.String(length=32), nullable=False),
    sa.Column('records', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('issuer_tax_id', name=op.f('pk_invoice_chains'))
    )
    op.create_table('invoice_series',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', 'year', name=op.f('pk_invoice_series'))
    )
    op.create_table('invoices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('series', sa.String(length=8), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('invoice_type', sa.String(length=2), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('operation_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('exchange_rate', sa.String(length=24), nullable=False),
    sa.Column('issuer_name', sa.String(length=120), nullable=False),
    sa.Column('issuer_tax_id', sa.String(length=32), nullable=False),
    sa.Column('issuer_address', sa.Text(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('customer_name', sa.String(length=200), nullable=False),
    sa.Column('customer_tax_id', sa.String(length=32), nullable=False),
    sa.Column('customer_address', sa.Text(), nullable=False),
    sa.Column('customer_country', sa.String(length=2), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('total_net', sa.Integer(), nullable=False),
    sa.Column('total_tax', sa.Integer(), nullable=False),
    sa.Column('total_recargo', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('correction_reason', sa.String(length=300), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=False),
    sa.Column('workstation', sa.String(length=64), nullable=False),
    sa.CheckConstraint('seq > 0', name=op.f('ck_invoices_seq_positive')),
    sa.ForeignKeyConstraint(['corrects_id'], ['invoices.id'], name=op.f('fk_invoices_corrects_id_invoices')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_invoices_customer_id_customers')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_invoices_order_id_orders')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], name=op.f('fk_invoices_shipment_id_shipments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoices')),
    sa.UniqueConstraint('number', name=op.f('uq_invoices_number')),
    sa.UniqueConstraint('series', 'year', 'seq', name='uq_invoices_series_year_seq'),
    sa.UniqueConstraint('shipment_id', name=op.f('uq_invoices_shipment_id'))
    )
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.create_index('ix_invoices_corrects', ['corrects_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoices_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_invoices_issue', ['issue_date', 'id'], unique=False)
        batch_op.create_index('ix_invoices_order', ['order_id'], unique=False)

    op.create_table('invoice_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=True),
    sa.Column('credited_line_id', sa.Integer(), nullable=True),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.Integer(), nullable=False),
    sa.Column('discount', sa.Integer(), nullable=False),
    sa.Column('prices_include_tax', sa.Boolean(), nullable=False),
    sa.Column('tax_rate_bp', sa.Integer(), nullable=False),
    sa.Column('exemption', sa.String(length=2), nullable=True),
    sa.Column('recargo_rate_bp', sa.Integer(), nullable=False),
    sa.Column('net', sa.Integer(), nullable=False),
    sa.Column('tax', sa.Integer(), nullable=False),
    sa.Column('recargo', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.CheckConstraint('net + tax + recargo = total', name=op.f('ck_invoice_lines_amounts_add_up')),
    sa.CheckConstraint('qty <> 0', name=op.f('ck_invoice_lines_qty_not_zero')),
    sa.ForeignKeyConstraint(['credited_line_id'], ['invoice_lines.id'], name=op.f('fk_invoice_lines_credited_line_id_invoice_lines')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoices.id'], name=op.f('fk_invoice_lines_invoice_id_invoices')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'], name=op.f('fk_invoice_lines_order_line_id_order_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice_lines')),
    sa.UniqueConstraint('invoice_id', 'line_no', name='uq_invoice_lines_invoice_line')
    )
    with op.batch_alter_table('invoice_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_lines_credited_line_id'), ['credited_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_lines_invoice_id'), ['invoice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_lines_order_line_id'), ['order_line_id'], unique=False)

    op.create_table('invoice_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=False),
    sa.CheckConstraint('amount <> 0', name=op.f('ck_invoice_payments_amount_not_zero')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoices.id'], name=op.f('fk_invoice_payments_invoice_id_invoices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice_payments'))
    )
    with op.batch_alter_table('invoice_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_payments_invoice_id'), ['invoice_id'], unique=False)

    op.create_table('invoice_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issuer_tax_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('num_serie', sa.String(length=60), nullable=False),
    sa.Column('issue_date', sa.String(length=10), nullable=False),
    sa.Column('invoice_type', sa.String(length=2), nullable=False),
    sa.Column('cuota_total', sa.String(length=20), nullable=False),
    sa.Column('importe_total', sa.String(length=20), nullable=False),
    sa.Column('previous_hash', sa.String(length=64), nullable=False),
    sa.Column('generated_at', sa.String(length=32), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('software_version', sa.String(length=50), nullable=False),
    sa.Column('installation', sa.String(length=100), nullable=False),
    sa.Column('xml', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoices.id'], name=op.f('fk_invoice_records_invoice_id_invoices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice_records')),
    sa.UniqueConstraint('hash', name=op.f('uq_invoice_records_hash'))
    )
    with op.batch_alter_table('invoice_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_records_invoice_id'), ['invoice_id'], unique=False)
        batch_op.create_index('ix_invoice_records_issuer', ['issuer_tax_id', 'id'], unique=False)

    op.create_table('invoice_taxes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('rate_bp', sa.Integer(), nullable=False),
    sa.Column('exemption', sa.String(length=2), nullable=True),
    sa.Column('recargo_rate_bp', sa.Integer(), nullable=False),
    sa.Column('base', sa.Integer(), nullable=False),
    sa.Column('tax', sa.Integer(), nullable=False),
    sa.Column('recargo', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoices.id'], name=op.f('fk_invoice_taxes_invoice_id_invoices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice_taxes'))
    )
    with op.batch_alter_table('invoice_taxes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_taxes_invoice_id'), ['invoice_id'], unique=False)

    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    with op.batch_alter_table('invoice_taxes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoice_taxes_invoice_id'))

    op.drop_table('invoice_taxes')
    with op.batch_alter_table('invoice_records', schema=None) as batch_op:
        batch_op.drop_index('ix_invoice_records_issuer')
        batch_op.drop_index(batch_op.f('ix_invoice_records_invoice_id'))

    op.drop_table('invoice_records')
    with op.batch_alter_table('invoice_payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoice_payments_invoice_id'))

    op.drop_table('invoice_payments')
    with op.batch_alter_table('invoice_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoice_lines_order_line_id'))
        batch_op.drop_index(batch_op.f('ix_invoice_lines_invoice_id'))
        batch_op.drop_index(batch_op.f('ix_invoice_lines_credited_line_id'))

    op.drop_table('invoice_lines')
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.drop_index('ix_invoices_order')
        batch_op.drop_index('ix_invoices_issue')
        batch_op.drop_index(batch_op.f('ix_invoices_customer_id'))
        batch_op.drop_index('ix_invoices_corrects')

    op.drop_table('invoices')
    op.drop_table('invoice_series')
    op.drop_table('invoice_chains')
    op.drop_table('company_settings')
