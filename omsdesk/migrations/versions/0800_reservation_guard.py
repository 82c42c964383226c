"""The database refuses a reservation beyond its order line's open quantity

Revision ID: 0800
Revises: 0700
Create Date: 2026-12-01 23:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0800"
down_revision = "0700"
branch_labels = None
depends_on = None

MESSAGE = "reservation exceeds the open quantity of its order line"

# PostgreSQL: the order line's row is locked before the sum is read, so two transactions that
# reserve for the same line at once are checked one after the other (under READ COMMITTED the
# second one's sum then includes the first one's committed reservation).
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION omsdesk_reservation_within_open() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    open_qty integer;
    held integer;
BEGIN
    SELECT qty - qty_shipped INTO open_qty FROM order_lines WHERE id = NEW.order_line_id FOR UPDATE;
    SELECT COALESCE(SUM(qty), 0) INTO held FROM reservations
        WHERE order_line_id = NEW.order_line_id AND id <> NEW.id;
    IF held + NEW.qty > open_qty THEN
        RAISE EXCEPTION '{MESSAGE} (line %: % open, % already reserved, % more asked)',
            NEW.order_line_id, open_qty, held, NEW.qty USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
"""

SQLITE_TRIGGERS = (
    f"""
CREATE TRIGGER trg_reservations_within_open_insert BEFORE INSERT ON reservations
WHEN NEW.qty + (SELECT COALESCE(SUM(qty), 0) FROM reservations WHERE order_line_id = NEW.order_line_id)
     > (SELECT qty - qty_shipped FROM order_lines WHERE id = NEW.order_line_id)
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
""",
    f"""
CREATE TRIGGER trg_reservations_within_open_update BEFORE UPDATE OF qty, order_line_id ON reservations
WHEN NEW.qty + (SELECT COALESCE(SUM(qty), 0) FROM reservations
                WHERE order_line_id = NEW.order_line_id AND id <> OLD.id)
     > (SELECT qty - qty_shipped FROM order_lines WHERE id = NEW.order_line_id)
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
""",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute("CREATE TRIGGER trg_reservations_within_open BEFORE INSERT OR UPDATE OF qty, order_line_id "
                   "ON reservations FOR EACH ROW EXECUTE FUNCTION omsdesk_reservation_within_open()")
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_reservations_within_open ON reservations")
        op.execute("DROP FUNCTION IF EXISTS omsdesk_reservation_within_open()")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_reservations_within_open_insert")
        op.execute("DROP TRIGGER IF EXISTS trg_reservations_within_open_update")
