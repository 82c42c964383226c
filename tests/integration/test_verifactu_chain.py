"""verify-chain: every stored record recomputes, links to the one before, and matches its invoice;
altering any field of any record (or the invoice behind it) is caught at that record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection

from omsdesk.db import Database
from omsdesk.invoicing.verifactu import RecordFields, fingerprint
from omsdesk.models.invoice import Invoice, InvoiceRecord
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput
from omsdesk.services.invoicing.credit import cancel_invoice, credit_invoice
from omsdesk.services.invoicing.issue import convert_simplified, issue_invoice
from omsdesk.services.invoicing.records import verify_chain
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import NOW, setup_company

TABLES = ("invoices", "invoice_lines", "invoice_taxes", "invoice_records", "invoice_payments")


@contextmanager
def tamperer(db: Database) -> Iterator[Connection]:
    """A connection with the append-only triggers out of the way, as someone with DBA rights.

    Each statement the caller runs is committed when the block ends, or by conn.commit().
    """
    with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            for t in TABLES:
                conn.execute(text(f"ALTER TABLE {t} DISABLE TRIGGER USER"))
        else:
            for t in TABLES:
                for action in ("update", "delete"):
                    conn.execute(text(f"DROP TRIGGER IF EXISTS trg_{t}_no_{action}"))
        conn.commit()
        try:
            yield conn
            conn.commit()
        finally:
            if db.dialect == "postgresql":
                for t in TABLES:
                    conn.execute(text(f"ALTER TABLE {t} ENABLE TRIGGER USER"))
                conn.commit()


def build_chain(shop: Shop) -> list[int]:
    """Six records of every kind: F1 with a recipient, F2, F3, R4, an anulación, another F1."""
    setup_company(shop.db)
    a, b = shop.product(price=1210), shop.product(price=1040, tax_rate_bp=400)
    buyer = CustomerInput(name="Ana López", tax_id="12345678Z",
                          address=AddressInput(line1="C/ Sol 2", city="Sevilla", postcode="41001"))
    f1 = issue_invoice(shop.db, shop.order({a: 2, b: 1}, customer=buyer), actor=ACTOR, now=NOW)
    t = issue_invoice(shop.db, shop.order({a: 1}), actor=ACTOR, simplified=True, now=NOW)
    convert_simplified(shop.db, t.number, actor=ACTOR, tax_id="B12345674", name="Empresa X", now=NOW)
    credit_invoice(shop.db, f1.number, actor=ACTOR, reason_code="R4", quantities={a: 1}, now=NOW)
    wrong = issue_invoice(shop.db, shop.order({b: 3}), actor=ACTOR, now=NOW)
    cancel_invoice(shop.db, wrong.number, actor=ACTOR, reason="duplicado", now=NOW)
    with shop.db.read() as s:
        ids = list(s.scalars(select(InvoiceRecord.id).order_by(InvoiceRecord.id)))
    assert len(ids) == 6
    return ids


def _altered(value: Any, column: str, other_invoice: int) -> Any:
    if column == "invoice_id":
        return other_invoice
    if value == "":
        return "X"
    # Same length, one character different: VARCHAR limits still hold on PostgreSQL.
    last = value[-1]
    return value[:-1] + ("1" if last != "1" else "2")


def test_an_untouched_chain_verifies(shop: Shop) -> None:
    ids = build_chain(shop)
    report = verify_chain(shop.db)
    assert (report.ok, report.records, report.issuers, report.problem) == (True, len(ids), 1, None)


def test_altering_any_field_of_any_record_fails_at_that_record(shop: Shop) -> None:
    ids = build_chain(shop)
    columns = [c.key for c in inspect(InvoiceRecord).columns if c.key != "id"]
    assert {"hash", "previous_hash", "xml", "cuota_total", "generated_at"} <= set(columns)
    with shop.db.read() as s:
        rows = {r.id: r for r in s.scalars(select(InvoiceRecord))}
        invoice_ids = list(s.scalars(select(Invoice.id).order_by(Invoice.id)))
    checked = 0
    with tamperer(shop.db) as conn:
        for rec_id in ids:
            row = rows[rec_id]
            other = next(i for i in invoice_ids if i != row.invoice_id)
            for column in columns:
                original = getattr(row, column)
                bad = _altered(original, column, other)
                conn.execute(text(f"UPDATE invoice_records SET {column} = :v WHERE id = :id"),
                             {"v": bad, "id": rec_id})
                conn.commit()
                report = verify_chain(shop.db)
                assert not report.ok, f"{column} of record {rec_id} altered but the chain verifies"
                assert report.problem is not None and report.problem.record_id == rec_id, (
                    f"{column} of record {rec_id}: reported {report.problem}")
                conn.execute(text(f"UPDATE invoice_records SET {column} = :v WHERE id = :id"),
                             {"v": original, "id": rec_id})
                conn.commit()
                checked += 1
    assert checked == len(ids) * len(columns)
    assert verify_chain(shop.db).ok


def test_a_consistent_forgery_is_caught_by_the_invoice_and_the_next_link(shop: Shop) -> None:
    ids = build_chain(shop)
    with shop.db.read() as s:
        rec = s.get(InvoiceRecord, ids[0])
        assert rec is not None
        forged = RecordFields(rec.kind, rec.issuer_tax_id, rec.num_serie, rec.issue_date,
                              rec.invoice_type, rec.cuota_total, "1.00", rec.previous_hash,
                              rec.generated_at)
    with tamperer(shop.db) as conn:
        # The forger rewrites the total and a matching fingerprint.
        conn.execute(text("UPDATE invoice_records SET importe_total = '1.00', hash = :h WHERE id = :id"),
                     {"h": fingerprint(forged), "id": ids[0]})
    report = verify_chain(shop.db)
    assert report.problem is not None and report.problem.record_id == ids[0]
    assert "does not match invoice" in report.problem.reason


def test_changing_an_invoice_behind_its_record_is_caught(shop: Shop) -> None:
    ids = build_chain(shop)
    with shop.db.read() as s:
        first = s.scalar(select(Invoice).order_by(Invoice.id))
        assert first is not None
    with tamperer(shop.db) as conn:
        conn.execute(text("UPDATE invoice_taxes SET base = base - 100 WHERE invoice_id = :i"),
                     {"i": first.id})
    report = verify_chain(shop.db)
    assert report.problem is not None
    assert (report.problem.record_id, report.problem.number) == (ids[0], first.number)


def test_a_deleted_record_breaks_the_link_of_the_next_one(shop: Shop) -> None:
    ids = build_chain(shop)
    with tamperer(shop.db) as conn:
        # With the AEAT's answer about it, which refers to the record.
        conn.execute(text("DELETE FROM invoice_record_submissions WHERE record_id = :id"),
                     {"id": ids[2]})
        conn.execute(text("DELETE FROM invoice_records WHERE id = :id"), {"id": ids[2]})
    report = verify_chain(shop.db)
    assert report.problem is not None
    assert (report.problem.record_id, report.problem.position) == (ids[3], 3)
    assert report.problem.reason == "not chained to the previous record"


def test_issuing_refuses_to_extend_a_damaged_chain(shop: Shop) -> None:
    from omsdesk.models import ConflictError

    ids = build_chain(shop)
    with tamperer(shop.db) as conn:
        conn.execute(text("UPDATE invoice_records SET generated_at = '2020-01-01T00:00:00+01:00' "
                          "WHERE id = :id"), {"id": ids[-1]})
    # Orden HAC/1177/2024 art. 7.i: the last record must be sound before another is chained.
    with pytest.raises(ConflictError, match="verify-chain"):
        issue_invoice(shop.db, shop.order({shop.product(): 1}), actor=ACTOR, now=NOW)
    with shop.db.read() as s:
        assert s.scalar(select(InvoiceRecord.id).order_by(InvoiceRecord.id.desc())) == ids[-1]


def test_a_line_changed_behind_a_consistent_invoice_is_reported_by_number(shop: Shop) -> None:
    ids = build_chain(shop)
    with shop.db.read() as s:
        first = s.scalar(select(Invoice).order_by(Invoice.id))
        assert first is not None
    with tamperer(shop.db) as conn:
        # The header, breakdown and record still agree; only a line's net amount says otherwise.
        conn.execute(text("UPDATE invoice_lines SET net = net - 100, total = total - 100 "
                          "WHERE invoice_id = :i AND line_no = 1"), {"i": first.id})
    report = verify_chain(shop.db)
    assert report.problem is not None
    assert (report.problem.record_id, report.problem.number) == (ids[0], first.number)
    assert "its lines add up to base" in report.problem.reason


def test_a_recipient_changed_behind_its_record_is_reported(shop: Shop) -> None:
    ids = build_chain(shop)
    with shop.db.read() as s:
        first = s.scalar(select(Invoice).order_by(Invoice.id))
        assert first is not None
    with tamperer(shop.db) as conn:
        conn.execute(text("UPDATE invoices SET customer_tax_id = '87654321X' WHERE id = :i"),
                     {"i": first.id})
    report = verify_chain(shop.db)
    assert report.problem is not None and report.problem.record_id == ids[0]
    assert "recipient is 12345678Z, the invoice's 87654321X" in report.problem.reason


def test_records_written_before_omsdesk_named_its_producer_still_verify(shop: Shop) -> None:
    """Records of earlier versions named the issuer in SistemaInformatico and left the producer
    columns empty; verify-chain rebuilds them with the issuer, and a record that claims a
    producer other than the one it names fails."""
    build_chain(shop)
    with shop.db.read() as s:
        first = s.scalar(select(InvoiceRecord).order_by(InvoiceRecord.id))
        assert first is not None
        invoice = s.get(Invoice, first.invoice_id)
        assert invoice is not None
        old_xml = first.xml.replace(
            f"<sum1:NombreRazon>{first.producer_name}</sum1:NombreRazon><sum1:NIF>{first.producer_tax_id}",
            f"<sum1:NombreRazon>{invoice.issuer_name}</sum1:NombreRazon><sum1:NIF>{invoice.issuer_tax_id}")
        assert old_xml != first.xml
    with tamperer(shop.db) as conn:
        conn.execute(text("UPDATE invoice_records SET xml = :x, producer_name = '', producer_tax_id = '' "
                          "WHERE id = :i"), {"x": old_xml, "i": first.id})
    assert verify_chain(shop.db).ok
    with tamperer(shop.db) as conn:
        conn.execute(text("UPDATE invoice_records SET producer_tax_id = '00000000T' WHERE id = :i"),
                     {"i": first.id})
    problem = verify_chain(shop.db).problem
    assert problem is not None and problem.record_id == first.id
