"""invoicing: the same refusals on SQLite as on PostgreSQL, and guarded series counters (issue 12)

0200 refuses UPDATE and DELETE of issued invoices, lines, taxes, records and payments. This adds
what a direct SQL session could still do:
- SQLite `INSERT OR REPLACE` (and `REPLACE INTO`) deletes the old row
  without firing DELETE triggers (unless recursive_triggers is on, which a sqlite3 shell does
  not set), so a BEFORE INSERT trigger refuses any row whose key is already taken.
- Lines and tax rows added to an invoice once it is issued, on both databases. An invoice is
  issued once its VERI*FACTU alta record exists: the issuing transaction writes the invoice,
  its lines and taxes, then that record.
- Series numbers and record counts (invoice_series, invoice_chains): they only move forward by
  one, start at 0 and are never deleted, so nobody can reuse a number or skip some. The
  services insert a counter row only when it is missing (see invoice_numbering).

Revision ID: 0210
Revises: 0200
"""

from __future__ import annotations

from alembic import op

revision = "0210"
down_revision = "0200"
branch_labels = None
depends_on = None

IMMUTABLE = "issued invoices and their records are immutable: issue a credit note instead"
FORWARD = "invoice numbers and record counts only move forward, one per issued invoice"

# Every key a REPLACE could collide on (it deletes the row holding any of them).
UNIQUE_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "invoices": (("id",), ("number",), ("series", "year", "seq"), ("shipment_id",)),
    "invoice_lines": (("id",), ("invoice_id", "line_no")),
    "invoice_taxes": (("id",),),
    "invoice_records": (("id",), ("hash",)),
    "invoice_payments": (("id",),),
}
# Rows that belong to an invoice and are written before its alta record.
PART_OF_INVOICE = ("invoice_lines", "invoice_taxes")
# Counter table -> (key columns, counter column).
COUNTERS: dict[str, tuple[tuple[str, ...], str]] = {
    "invoice_series": (("code", "year"), "last_number"),
    "invoice_chains": (("issuer_tax_id",), "records"),
}

ISSUED = "EXISTS (SELECT 1 FROM invoice_records r WHERE r.invoice_id = NEW.invoice_id)"


def _taken(table: str, columns: tuple[str, ...]) -> str:
    match = " AND ".join(f"t.{c} = NEW.{c}" for c in columns)
    return f"EXISTS (SELECT 1 FROM {table} t WHERE {match})"


def _sqlite_triggers() -> dict[str, str]:
    """Trigger name -> CREATE statement."""
    made: dict[str, str] = {}

    def trigger(name: str, event: str, table: str, when: str, message: str) -> None:
        made[name] = (f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW WHEN {when} "
                      f"BEGIN SELECT RAISE(ABORT, '{message}'); END")

    for table, keys in UNIQUE_KEYS.items():
        taken = " OR ".join(_taken(table, cols) for cols in keys)
        trigger(f"trg_{table}_no_replace", "INSERT", table, f"({taken})",
                f"cannot replace {table}: {IMMUTABLE}")
    for table in PART_OF_INVOICE:
        trigger(f"trg_{table}_not_into_issued", "INSERT", table, ISSUED,
                f"cannot insert {table} into an issued invoice: {IMMUTABLE}")
    for table, (key_columns, counter) in COUNTERS.items():
        moved = " OR ".join(f"NEW.{k} IS NOT OLD.{k}" for k in key_columns)
        trigger(f"trg_{table}_forward", "UPDATE", table,
                f"({moved} OR NEW.{counter} IS NOT OLD.{counter} + 1)",
                f"cannot update {table}: {FORWARD}")
        trigger(f"trg_{table}_no_delete", "DELETE", table, "1",
                f"cannot delete {table}: {FORWARD}")
        trigger(f"trg_{table}_no_replace", "INSERT", table,
                f"({_taken(table, key_columns)} OR NEW.{counter} IS NOT 0)",
                f"cannot insert {table} except a new counter at 0: {FORWARD}")
    return made


PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION omsdesk_refuse_insert_into_issued() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM invoice_records r WHERE r.invoice_id = NEW.invoice_id) THEN
        RAISE EXCEPTION 'cannot insert % into an issued invoice: {IMMUTABLE}', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE FUNCTION omsdesk_refuse_counter_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'cannot % %: {FORWARD}', lower(TG_OP), TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
"""


def _pg_triggers() -> dict[str, tuple[str, str]]:
    """Trigger name -> (table, CREATE statement)."""
    made: dict[str, tuple[str, str]] = {}
    for table in PART_OF_INVOICE:
        made[f"trg_{table}_not_into_issued"] = (table, (
            f"CREATE TRIGGER trg_{table}_not_into_issued BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION omsdesk_refuse_insert_into_issued()"))
    for table, (key_columns, counter) in COUNTERS.items():
        moved = " OR ".join(f"NEW.{k} IS DISTINCT FROM OLD.{k}" for k in key_columns)
        refuse = "EXECUTE FUNCTION omsdesk_refuse_counter_change()"
        made[f"trg_{table}_forward"] = (table, (
            f"CREATE TRIGGER trg_{table}_forward BEFORE UPDATE ON {table} FOR EACH ROW "
            f"WHEN ({moved} OR NEW.{counter} IS DISTINCT FROM OLD.{counter} + 1) {refuse}"))
        made[f"trg_{table}_no_delete"] = (table, (
            f"CREATE TRIGGER trg_{table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW {refuse}"))
        made[f"trg_{table}_no_truncate"] = (table, (
            f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT {refuse}"))
        # An existing row is kept by ON CONFLICT DO NOTHING; a new one must start at 0.
        made[f"trg_{table}_starts_at_zero"] = (table, (
            f"CREATE TRIGGER trg_{table}_starts_at_zero BEFORE INSERT ON {table} FOR EACH ROW "
            f"WHEN (NEW.{counter} <> 0) {refuse}"))
    return made


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _sqlite_triggers().values():
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(PG_FUNCTIONS)
        for _table, statement in _pg_triggers().values():
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in _sqlite_triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for name, (table, _statement) in _pg_triggers().items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS omsdesk_refuse_insert_into_issued()")
        op.execute("DROP FUNCTION IF EXISTS omsdesk_refuse_counter_change()")
