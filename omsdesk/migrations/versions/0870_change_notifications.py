"""PostgreSQL tells every workstation what changed: NOTIFY per table in the writing transaction

Revision ID: 0870
Revises: 0860, 0220
Create Date: 2026-12-02 03:00:00

Statement triggers on orders, stock levels, invoices and the outbox send
`pg_notify('omsdesk_<kind>', keys)` with the keys the statement touched (order references,
product ids, invoice numbers, outbox ids; '*' when they would not fit the 8000-byte payload).
A notification is delivered only if the transaction commits, so a listener never refreshes
for a change that was rolled back. Every writer goes through them, the ORM and set-based
inserts alike. SQLite has one desk and the in-process signals; nothing to do there.
"""

from __future__ import annotations

from alembic import op

revision = "0870"
down_revision = ("0860", "0220")  # invoices live on the invoicing branch
branch_labels = None
depends_on = None

# table -> (channel kind, key column)
WATCHED = {
    "orders": ("orders", "reference"),
    "stock_levels": ("stock", "product_id"),
    "invoices": ("invoices", "number"),
    "outbox": ("outbox", "id"),
}

FUNCTION = """
CREATE OR REPLACE FUNCTION omsdesk_notify_{table}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    keys text;
BEGIN
    SELECT string_agg(DISTINCT {column}::text, ',') INTO keys FROM changed_rows;
    IF keys IS NULL THEN
        RETURN NULL;
    END IF;
    IF octet_length(keys) > 7900 THEN
        keys := '*';
    END IF;
    PERFORM pg_notify('omsdesk_{kind}', keys);
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, (kind, column) in WATCHED.items():
        op.execute(FUNCTION.format(table=table, kind=kind, column=column))
        for event, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            op.execute(
                f"CREATE TRIGGER trg_{table}_notify_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {rows} TABLE AS changed_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION omsdesk_notify_{table}()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WATCHED:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_notify_{event} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS omsdesk_notify_{table}()")
