"""Direct SQL cannot change an issued invoice on SQLite or PostgreSQL (UPDATE, DELETE, REPLACE,
upserts, new lines, counters), and verify-chain reports a series with a missing number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.records import verify_chain
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import NOW, setup_company

GUARDED = ("invoices", "invoice_lines", "invoice_taxes", "invoice_records", "invoice_payments",
           "invoice_series", "invoice_chains")
REFUSED = "immutable|only move forward"


@dataclass(frozen=True)
class Attack:
    name: str
    statement: str
    # Run first in the same transaction, and must succeed: a setup typo is not a refusal.
    setup: tuple[str, ...] = ()
    dialects: tuple[str, ...] = ("sqlite", "postgresql")


def _copy(table: str, change: str, where: str = "id = :id") -> tuple[str, ...]:
    """A temporary copy of one row with a change, ready to be written back over the original."""
    return (f"CREATE TEMP TABLE forged_{table} AS SELECT * FROM {table} WHERE {where}",
            f"UPDATE forged_{table} SET {change}")


ATTACKS = (
    Attack("update customer", "UPDATE invoices SET customer_name = 'Otro SL', "
           "customer_tax_id = 'B12345674' WHERE id = :id"),
    Attack("update total", "UPDATE invoices SET total = 1 WHERE id = :id"),
    Attack("no-op update", "UPDATE invoices SET issue_date = issue_date WHERE id = :id"),
    Attack("delete invoice", "DELETE FROM invoices WHERE id = :id"),
    Attack("update line", "UPDATE invoice_lines SET qty = qty + 1 WHERE invoice_id = :id"),
    Attack("delete line", "DELETE FROM invoice_lines WHERE invoice_id = :id"),
    Attack("insert line into issued",
           "INSERT INTO invoice_lines (invoice_id, line_no, sku, name, qty, unit_price, discount, "
           "prices_include_tax, tax_rate_bp, recargo_rate_bp, net, tax, recargo, total) "
           "VALUES (:id, 99, 'X', 'extra', 1, 100, 0, true, 2100, 0, 83, 17, 0, 100)"),
    Attack("update tax", "UPDATE invoice_taxes SET tax = 0 WHERE invoice_id = :id"),
    Attack("delete tax", "DELETE FROM invoice_taxes WHERE invoice_id = :id"),
    Attack("insert tax into issued",
           "INSERT INTO invoice_taxes (invoice_id, rate_bp, recargo_rate_bp, base, tax, recargo) "
           "VALUES (:id, 1000, 0, 100, 10, 0)"),
    Attack("update record", "UPDATE invoice_records SET importe_total = '0.01' WHERE invoice_id = :id"),
    Attack("delete record", "DELETE FROM invoice_records WHERE invoice_id = :id"),
    Attack("update payment", "UPDATE invoice_payments SET amount = 1 WHERE invoice_id = :id"),
    Attack("delete payment", "DELETE FROM invoice_payments WHERE invoice_id = :id"),
    Attack("decrement series", "UPDATE invoice_series SET last_number = last_number - 1"),
    Attack("reset series", "UPDATE invoice_series SET last_number = 0"),
    Attack("skip numbers", "UPDATE invoice_series SET last_number = last_number + 3"),
    Attack("rename series", "UPDATE invoice_series SET year = year + 1"),
    Attack("delete series", "DELETE FROM invoice_series"),
    Attack("new series ahead", "INSERT INTO invoice_series (code, year, last_number) "
           "VALUES ('F', 2027, 5)"),
    Attack("reset chain count", "UPDATE invoice_chains SET records = 0"),
    Attack("delete chain", "DELETE FROM invoice_chains"),
    Attack("upsert series", "INSERT INTO invoice_series (code, year, last_number) "
           "VALUES ('F', 2026, 0) ON CONFLICT (code, year) DO UPDATE SET last_number = 0"),
    Attack("upsert invoice from a forged copy",
           "INSERT INTO invoices SELECT * FROM forged_invoices WHERE true ON CONFLICT (id) "
           "DO UPDATE SET customer_name = excluded.customer_name, total = excluded.total",
           setup=_copy("invoices", "customer_name = 'Otro SL', total = 1")),
    # REPLACE deletes the row it collides with and fires no DELETE trigger (recursive_triggers
    # is off in a sqlite3 shell): the two attacks that got through before.
    Attack("replace invoice from a forged copy", "INSERT OR REPLACE INTO invoices SELECT * FROM "
           "forged_invoices", setup=_copy("invoices", "customer_name = 'Otro SL', "
                                                      "customer_tax_id = 'B12345674'"),
           dialects=("sqlite",)),
    Attack("replace invoice total", "REPLACE INTO invoices SELECT * FROM forged_invoices",
           setup=_copy("invoices", "total = 1, total_net = 1, total_tax = 0"), dialects=("sqlite",)),
    Attack("replace invoice under a new id", "INSERT OR REPLACE INTO invoices SELECT * FROM "
           "forged_invoices", setup=_copy("invoices", "id = 999, customer_name = 'Otro SL'"),
           dialects=("sqlite",)),
    Attack("replace line", "INSERT OR REPLACE INTO invoice_lines SELECT * FROM forged_invoice_lines",
           setup=_copy("invoice_lines", "qty = 5", "invoice_id = :id"), dialects=("sqlite",)),
    Attack("replace tax", "INSERT OR REPLACE INTO invoice_taxes SELECT * FROM forged_invoice_taxes",
           setup=_copy("invoice_taxes", "tax = 0", "invoice_id = :id"), dialects=("sqlite",)),
    Attack("replace record", "INSERT OR REPLACE INTO invoice_records SELECT * FROM "
           "forged_invoice_records", setup=_copy("invoice_records", "importe_total = '0.01'",
                                                 "invoice_id = :id"), dialects=("sqlite",)),
    Attack("replace payment", "INSERT OR REPLACE INTO invoice_payments SELECT * FROM "
           "forged_invoice_payments", setup=_copy("invoice_payments", "amount = 1",
                                                  "invoice_id = :id"), dialects=("sqlite",)),
    Attack("replace series", "INSERT OR REPLACE INTO invoice_series VALUES ('F', 2026, 0)",
           dialects=("sqlite",)),
    Attack("replace chain count", "INSERT OR REPLACE INTO invoice_chains SELECT issuer_tax_id, 0 "
           "FROM invoice_chains", dialects=("sqlite",)),
    Attack("truncate payments", "TRUNCATE invoice_payments", dialects=("postgresql",)),
    Attack("truncate series", "TRUNCATE invoice_series", dialects=("postgresql",)),
    Attack("truncate chains", "TRUNCATE invoice_chains", dialects=("postgresql",)),
)


def state(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.engine.connect() as conn:
        return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2"))]
                for t in GUARDED}


@pytest.fixture
def issued(shop: Shop) -> tuple[Shop, int]:
    """One invoice F2026-000001 (id returned) with a payment of its own, and the series and
    chain it moved."""
    setup_company(shop.db)
    inv = issue_invoice(shop.db, shop.order({shop.product(): 2}), actor=ACTOR, now=NOW)
    # An order's invoice is paid through the order's ledger; adding a payment row is allowed
    # (payments are appended), and gives the payment attacks a row to aim at.
    with shop.db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO invoice_payments (invoice_id, amount, currency, method, reference, "
            "paid_at, \"user\") VALUES (:id, 100, 'EUR', 'transfer', 'T-1', :at, 'tester')"),
            {"id": inv.id, "at": NOW})
    return shop, inv.id


def test_every_direct_sql_attack_is_refused_and_changes_nothing(issued: tuple[Shop, int]) -> None:
    shop, invoice_id = issued
    db = shop.db
    before = state(db)
    # Every attack has a row to hit: an UPDATE of no row would pass for a refusal's absence.
    assert all(before[t] for t in GUARDED), {t: len(rows) for t, rows in before.items()}
    attacks = [a for a in ATTACKS if db.dialect in a.dialects]
    assert len(attacks) >= 25
    got_through = []
    for attack in attacks:
        with db.engine.connect() as conn:
            trans = conn.begin()
            for statement in attack.setup:
                conn.execute(text(statement), {"id": invoice_id})
            try:
                conn.execute(text(attack.statement), {"id": invoice_id})
                got_through.append(attack.name)
            except DBAPIError as exc:
                # A refusal by the guards, not a typo in the attack.
                assert any(word in str(exc.orig) for word in REFUSED.split("|")), (attack.name, exc)
            trans.rollback()
            # SQLite may run CREATE TEMP TABLE outside the transaction; the next attack reuses names.
            for table in GUARDED:
                conn.execute(text(f"DROP TABLE IF EXISTS forged_{table}"))
            conn.commit()
    assert got_through == []
    assert state(db) == before
    assert verify_chain(db).ok
    # The guards leave the services' own path open: the next number follows.
    second = issue_invoice(db, shop.order({shop.product(): 1}), actor=ACTOR, now=NOW)
    assert second.number == "F2026-000002"
    assert verify_chain(db).ok


@contextmanager
def triggers_off(db: Database) -> Iterator[Connection]:
    """As someone with owner rights who switches the guards off (PostgreSQL) or drops them (SQLite)."""
    with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            for t in GUARDED:
                conn.execute(text(f"ALTER TABLE {t} DISABLE TRIGGER USER"))
            try:
                yield conn
            finally:
                for t in GUARDED:
                    conn.execute(text(f"ALTER TABLE {t} ENABLE TRIGGER USER"))
                conn.commit()
        else:
            names = conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                f"({', '.join(repr(t) for t in GUARDED)})")).scalars().all()
            for name in names:
                conn.execute(text(f"DROP TRIGGER {name}"))
            yield conn
            conn.commit()


def delete_invoice(conn: Connection, invoice_id: int) -> None:
    # The AEAT's answers refer to the records: an attacker removes them too.
    conn.execute(text("DELETE FROM invoice_record_submissions WHERE record_id IN "
                      "(SELECT id FROM invoice_records WHERE invoice_id = :i)"), {"i": invoice_id})
    for table in ("invoice_payments", "invoice_records", "invoice_taxes", "invoice_lines"):
        conn.execute(text(f"DELETE FROM {table} WHERE invoice_id = :i"), {"i": invoice_id})
    conn.execute(text("DELETE FROM invoices WHERE id = :i"), {"i": invoice_id})


def issue_three(shop: Shop) -> list[int]:
    setup_company(shop.db)
    sku = shop.product()
    return [issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=NOW).id for _ in range(3)]


def test_verify_chain_reports_the_last_invoice_deleted_with_its_record(shop: Shop) -> None:
    ids = issue_three(shop)
    with triggers_off(shop.db) as conn:
        delete_invoice(conn, ids[2])
    report = verify_chain(shop.db)
    # The two records left chain perfectly; only the series shows the invoice is gone.
    assert report.problem is None and not report.ok
    [gap] = report.gaps
    assert (gap.series, gap.year, gap.missing, gap.counter, gap.highest) == ("F", 2026, ((3, 3),), 3, 2)
    assert gap.describe() == "F2026: F2026-000003 missing"


def test_verify_chain_reports_numbers_skipped_by_moving_the_counter(shop: Shop) -> None:
    ids = issue_three(shop)
    # One step forward is what issuing does, so the database cannot tell it apart; the check can.
    with shop.db.engine.begin() as conn:
        conn.execute(text("UPDATE invoice_series SET last_number = last_number + 1"))
    assert [g.missing for g in verify_chain(shop.db).gaps] == [((4, 4),)]
    issue_invoice(shop.db, shop.order({shop.product(): 1}), actor=ACTOR, now=NOW)
    with triggers_off(shop.db) as conn:
        delete_invoice(conn, ids[0])
    report = verify_chain(shop.db)
    # Deleting the first invoice also breaks the chain at the record after it.
    assert report.problem is not None and report.problem.position == 1
    [gap] = report.gaps
    assert gap.missing == ((1, 1), (4, 4)) and (gap.counter, gap.highest) == (5, 5)
    assert gap.describe() == "F2026: F2026-000001, F2026-000004 missing"


def test_verify_chain_cli_names_the_missing_numbers(shop: Shop,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    ids = issue_three(shop)
    with triggers_off(shop.db) as conn:
        delete_invoice(conn, ids[2])
        conn.execute(text("UPDATE invoice_series SET last_number = 6"))
    code = main(["--db", shop.db.url, "invoices", "verify-chain"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.strip() == ("omsdesk: invoice series not gapless: "
                           "F2026: F2026-000003 to F2026-000006 missing")
    code = main(["--db", shop.db.url, "invoices", "verify-chain", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["ok"] is False
    assert report["gaps"][0]["missing"] == [[3, 6]]


def test_an_untouched_series_has_no_gap(shop: Shop) -> None:
    issue_three(shop)
    report = verify_chain(shop.db)
    assert report.ok and report.gaps == ()
