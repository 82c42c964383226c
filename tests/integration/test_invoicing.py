"""Issuing, numbering, crediting and converting invoices on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from omsdesk.db import Database
from omsdesk.invoicing.verifactu_xml import NS_SF
from omsdesk.models import ConflictError, NotFound, Order, Shipment, ValidationError
from omsdesk.models.invoice import ImmutableInvoice, Invoice, InvoicePayment, InvoiceRecord
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment import shipping
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from omsdesk.services.invoicing.company import get_company, set_company
from omsdesk.services.invoicing.credit import cancel_invoice, credit_invoice
from omsdesk.services.invoicing.issue import convert_simplified, issue_invoice
from omsdesk.services.invoicing.payments import record_invoice_payment
from omsdesk.services.invoicing.records import verify_chain
from tests.fixtures.database import ACTOR, Shop

ISSUER_NIF = "B12345674"
CUSTOMER_NIF = "12345678Z"
NOW = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)


def setup_company(db: Database, **extra: Any) -> None:
    set_company(db, actor=ACTOR, name="Tienda Demo SL", tax_id=ISSUER_NIF, address="Calle Mayor 1",
                postcode="28013", city="Madrid", **extra)


def invoice_row(db: Database, number: str) -> Invoice:
    with db.read() as s:
        inv = s.scalar(select(Invoice).where(Invoice.number == number))
        assert inv is not None
        _ = (inv.lines, inv.taxes)  # load while the session is open
        return inv


def balance(db: Database, number: str) -> Any:
    """The invoice as the list shows it on the day of NOW (so nothing is overdue yet)."""
    from omsdesk.queries.invoices import invoice_detail

    with db.read() as s:
        return invoice_detail(s, number, today=NOW.date())


@pytest.fixture
def company_shop(shop: Shop) -> Shop:
    setup_company(shop.db)
    return shop


# -- issuing and numbering ------------------------------------------------------


def test_whole_order_invoice_matches_the_order_and_numbers_from_one(company_shop: Shop) -> None:
    shop = company_shop
    a, b = shop.product(price=1210), shop.product(price=2080, tax_rate_bp=400)
    ref = shop.order({a: 3, b: 2})
    inv = issue_invoice(shop.db, ref, actor=ACTOR, now=NOW)
    assert (inv.number, inv.invoice_type, inv.kind) == ("F2026-000001", "F1", "ordinary")
    with shop.db.read() as s:
        order = s.scalar(select(Order).where(Order.reference == ref))
        assert order is not None
        assert (inv.total, inv.total_net, inv.total_tax) == (order.total, order.subtotal, order.tax_total)
    row = invoice_row(shop.db, inv.number)
    assert [(t.rate_bp, t.base, t.tax) for t in row.taxes] == [(2100, 3000, 630), (400, 4000, 160)]
    assert row.total == sum(t.base + t.tax for t in row.taxes)
    assert row.due_date.toordinal() - row.issue_date.toordinal() == 30
    second = issue_invoice(shop.db, shop.order({a: 1}), actor=ACTOR, now=NOW)
    assert second.number == "F2026-000002"
    with pytest.raises(ConflictError, match="already fully invoiced"):
        issue_invoice(shop.db, ref, actor=ACTOR, now=NOW)


def test_each_series_and_year_numbers_on_its_own(company_shop: Shop) -> None:
    shop = company_shop
    sku = shop.product(price=1000)
    f1 = issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=NOW)
    t1 = issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, simplified=True, now=NOW)
    r1 = credit_invoice(shop.db, f1.number, actor=ACTOR, reason_code="R4", now=NOW)
    # The year is the issuer's local one: 23:30 UTC on 31 December 2026 is already 2027 in Madrid.
    late = issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR,
                         now=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    nxt = issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR,
                        now=datetime(2027, 1, 2, 9, 0, tzinfo=UTC))
    assert [f1.number, t1.number, r1.number, late.number, nxt.number] == [
        "F2026-000001", "T2026-000001", "R2026-000001", "F2027-000001", "F2027-000002"]


def test_a_record_is_not_written_behind_the_last_one(company_shop: Shop) -> None:
    shop = company_shop
    sku = shop.product()
    issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=NOW)
    # Orden HAC/1177/2024 art. 7.i.2: refuse when the clock went back more than a minute.
    with pytest.raises(ConflictError, match="check the date and time"):
        issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=NOW - timedelta(minutes=2))
    again = issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=NOW - timedelta(seconds=30))
    assert again.number == "F2026-000002"


def test_a_failed_issue_leaves_no_gap(company_shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    shop = company_shop
    sku = shop.product()
    ref = shop.order({sku: 1})
    import omsdesk.services.invoicing.writer as writer

    real = writer.write_record

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk full while writing the record")

    monkeypatch.setattr(writer, "write_record", broken)
    with pytest.raises(RuntimeError):
        issue_invoice(shop.db, ref, actor=ACTOR, now=NOW)
    monkeypatch.setattr(writer, "write_record", real)
    with shop.db.read() as s:
        assert s.scalar(select(Invoice.id)) is None
    assert issue_invoice(shop.db, ref, actor=ACTOR, now=NOW).number == "F2026-000001"


def test_issuing_needs_the_company_data(shop: Shop) -> None:
    sku = shop.product()
    with pytest.raises(ValidationError, match="company's name and tax id"):
        issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR)
    with pytest.raises(ValidationError, match="invalid tax id"):
        set_company(shop.db, actor=ACTOR, name="X", tax_id="B12345670")
    with pytest.raises(ValidationError, match="Spanish NIF"):
        set_company(shop.db, actor=ACTOR, name="X", tax_id="FR40303265045")
    with pytest.raises(ValidationError, match="three different series"):
        set_company(shop.db, actor=ACTOR, series_simplified="F")
    setup_company(shop.db)
    assert get_company(shop.db).tax_id == ISSUER_NIF
    with pytest.raises(NotFound):
        issue_invoice(shop.db, "SO-1999-000001", actor=ACTOR)


# -- simplified invoices ----------------------------------------------------------


def test_simplified_invoice_is_refused_above_the_limit(company_shop: Shop) -> None:
    shop = company_shop
    sku = shop.product(price=20050)
    ref = shop.order({sku: 2})  # 401.00 EUR VAT included
    with pytest.raises(ValidationError, match=r"limited to 400\.00 EUR .*this sale is 401\.00 EUR"):
        issue_invoice(shop.db, ref, actor=ACTOR, simplified=True)
    # Retail may go to 3,000 EUR (RD 1619/2012 art. 4.1).
    set_company(shop.db, actor=ACTOR, simplified_limit=300000)
    t = issue_invoice(shop.db, ref, actor=ACTOR, simplified=True, now=NOW)
    assert (t.number, t.invoice_type, t.total) == ("T2026-000001", "F2", 40100)


def test_simplified_invoice_converts_to_an_ordinary_f3(company_shop: Shop) -> None:
    shop = company_shop
    sku = shop.product(price=1210)
    ref = shop.order({sku: 2}, channel="counter")
    order_svc.pay_order(shop.db, ref, actor=ACTOR)  # paid at the counter
    t = issue_invoice(shop.db, ref, actor=ACTOR, simplified=True, now=NOW)
    assert balance(shop.db, t.number).status == "paid"
    with pytest.raises(ValidationError, match="invalid tax id"):
        convert_simplified(shop.db, t.number, actor=ACTOR, tax_id="12345678A", name="Ana")
    f3 = convert_simplified(shop.db, t.number, actor=ACTOR, tax_id=CUSTOMER_NIF, name="Ana López",
                            address="C/ Sol 2\n41001 Sevilla", now=NOW)
    assert (f3.number, f3.invoice_type, f3.total) == ("F2026-000001", "F3", t.total)
    assert balance(shop.db, t.number).status == "replaced"
    d = balance(shop.db, f3.number)
    # The payment at the counter now settles the F3.
    assert (d.corrects, d.customer_tax_id, d.status, d.due) == (t.number, CUSTOMER_NIF, "paid", 0)
    with pytest.raises(ConflictError, match="replaced by F2026-000001"):
        convert_simplified(shop.db, t.number, actor=ACTOR, tax_id=CUSTOMER_NIF, name="Ana")
    with pytest.raises(ConflictError, match="already fully invoiced"):
        issue_invoice(shop.db, ref, actor=ACTOR)
    with shop.db.read() as s:
        xml = s.scalar(select(InvoiceRecord.xml).join(Invoice).where(Invoice.number == f3.number))
    root = etree.fromstring(xml)
    ns = {"sf": NS_SF}
    assert root.findtext("sf:FacturasSustituidas/sf:IDFacturaSustituida/sf:NumSerieFactura",
                         namespaces=ns) == t.number
    assert root.findtext("sf:Destinatarios/sf:IDDestinatario/sf:NIF", namespaces=ns) == CUSTOMER_NIF


# -- credit notes -------------------------------------------------------------------


def test_partial_credit_then_the_rest_brings_the_balance_to_zero(company_shop: Shop) -> None:
    shop = company_shop
    a, b = shop.product(price=1000), shop.product(price=333, tax_rate_bp=1000)
    inv = issue_invoice(shop.db, shop.order({a: 3, b: 7}), actor=ACTOR, now=NOW)
    r1 = credit_invoice(shop.db, inv.number, actor=ACTOR, reason_code="R4", quantities={b: 3},
                        reason="devolución de 3 unidades", now=NOW)
    assert r1.number == "R2026-000001" and r1.total < 0
    assert balance(shop.db, inv.number).status == "issued"
    with pytest.raises(ValidationError, match="only 4 left to credit"):
        credit_invoice(shop.db, inv.number, actor=ACTOR, reason_code="R4", quantities={b: 5})
    r2 = credit_invoice(shop.db, inv.number, actor=ACTOR, reason_code="R4", now=NOW)
    assert r1.total + r2.total == -inv.total
    assert r1.total_tax + r2.total_tax == -inv.total_tax
    d = balance(shop.db, inv.number)
    assert (d.status, d.due, d.credited) == ("credited", 0, inv.total)
    assert d.corrected_by == (r1.number, r2.number)
    credit = balance(shop.db, r1.number)
    assert (credit.corrects, credit.correction_reason) == (inv.number, "R4: devolución de 3 unidades")
    with pytest.raises(ConflictError, match="already fully credited"):
        credit_invoice(shop.db, inv.number, actor=ACTOR, reason_code="R4")


def test_credit_reason_codes_follow_the_invoice_type(company_shop: Shop) -> None:
    shop = company_shop
    sku = shop.product()
    f = issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=NOW)
    t = issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, simplified=True, now=NOW)
    with pytest.raises(ValidationError, match="credit it with reason R5"):
        credit_invoice(shop.db, t.number, actor=ACTOR, reason_code="R4")
    with pytest.raises(ValidationError, match="R5 is the reason"):
        credit_invoice(shop.db, f.number, actor=ACTOR, reason_code="R5")
    with pytest.raises(ValidationError, match="unknown reason"):
        credit_invoice(shop.db, f.number, actor=ACTOR, reason_code="R9")
    r = credit_invoice(shop.db, t.number, actor=ACTOR, reason_code="r5", now=NOW)
    assert r.invoice_type == "R5"
    with pytest.raises(ValidationError, match="itself a credit note"):
        credit_invoice(shop.db, r.number, actor=ACTOR, reason_code="R4")
    with pytest.raises(ValidationError, match="not on invoice"):
        credit_invoice(shop.db, f.number, actor=ACTOR, reason_code="R4", quantities={"NOPE": 1})


_SKUS = itertools.count(1)  # one database serves every example: SKUs must not repeat


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_crediting_everything_in_random_steps_zeroes_the_balance(sqlite_db: Database,
                                                                  data: st.DataObject) -> None:
    db = sqlite_db
    if not get_company(db).complete:
        setup_company(db)
    shop = Shop(db)
    lines: dict[str, int] = {}
    discounts: list[LineInput] = []
    for _ in range(data.draw(st.integers(1, 5))):
        qty = data.draw(st.integers(1, 9))
        price = data.draw(st.integers(1, 99_999))
        sku = shop.product(f"PROP-{next(_SKUS):05d}", price=price,
                           tax_rate_bp=data.draw(st.sampled_from((2100, 1000, 400, 0))))
        lines[sku] = qty
        discounts.append(LineInput(sku=sku, qty=qty, discount=data.draw(st.integers(0, qty * price))))
    order = create_order(db, OrderInput(lines=tuple(discounts), customer=CustomerInput(name="Prop", tax_id="12345678Z")),
                         actor=ACTOR)
    inv = issue_invoice(db, order.reference, actor=ACTOR, recargo=data.draw(st.booleans()))
    row = invoice_row(db, inv.number)
    assert row.total == row.total_net + row.total_tax + row.total_recargo
    assert row.total == sum(t.base + t.tax + t.recargo for t in row.taxes)
    assert row.total == sum(ln.total for ln in row.lines)
    left = dict(lines)
    credits = 0
    while any(left.values()):
        sku = data.draw(st.sampled_from(sorted(k for k, v in left.items() if v)))
        qty = data.draw(st.integers(1, left[sku]))
        credits += credit_invoice(db, inv.number, actor=ACTOR, reason_code="R4",
                                  quantities={sku: qty}).total
        left[sku] -= qty
    assert credits == -inv.total
    d = balance(db, inv.number)
    assert d.due == 0 and (d.status == "credited" or inv.total == 0)


# -- per shipment ---------------------------------------------------------------------


def test_per_shipment_invoices_take_only_what_shipped(company_shop: Shop) -> None:
    shop = company_shop
    sku = shop.product(price=1000)
    shop.stock(sku, 10)
    ref = shop.order_at("packed", {sku: 3})
    shipping.ship_order(shop.db, ref, actor=ACTOR, quantities={sku: 1})
    with shop.db.read() as s:
        shipment_id = s.scalar(select(Shipment.id).join(Order).where(Order.reference == ref))
    assert shipment_id is not None
    # Issued now, as the parcel left now: an invoice dated before its goods shipped would
    # state an operation after its issue (AEAT validation 3.1.3.1) and is refused.
    first = issue_invoice(shop.db, ref, actor=ACTOR, shipment_id=shipment_id)
    assert invoice_row(shop.db, first.number).lines[0].qty == 1
    assert first.total == 1000
    with pytest.raises(ConflictError, match="already invoiced"):
        issue_invoice(shop.db, ref, actor=ACTOR, shipment_id=shipment_id)
    with pytest.raises(NotFound):
        issue_invoice(shop.db, ref, actor=ACTOR, shipment_id=shipment_id + 1000)
    rest = issue_invoice(shop.db, ref, actor=ACTOR)
    assert invoice_row(shop.db, rest.number).lines[0].qty == 2
    assert first.total + rest.total == 3000


# -- taxes, currencies -----------------------------------------------------------------


def test_recargo_and_exemptions_appear_in_breakdown_and_record(company_shop: Shop) -> None:
    shop = company_shop
    a, b = shop.product(price=12100), shop.product(price=1040, tax_rate_bp=400)
    rec = issue_invoice(shop.db, shop.order({a: 1, b: 1}), actor=ACTOR, recargo=True, now=NOW)
    row = invoice_row(shop.db, rec.number)
    assert [(t.rate_bp, t.recargo_rate_bp, t.base, t.tax, t.recargo) for t in row.taxes] == [
        (2100, 520, 10000, 2100, 520), (400, 50, 1000, 40, 5)]
    assert rec.total == 10000 + 2100 + 520 + 1000 + 40 + 5
    with shop.db.read() as s:
        record = s.scalar(select(InvoiceRecord).where(InvoiceRecord.invoice_id == row.id))
    assert record is not None
    # CuotaTotal is VAT plus recargo; ImporteTotal everything.
    assert (record.cuota_total, record.importe_total) == ("26.65", "136.65")
    ex = issue_invoice(shop.db, shop.order({a: 1}), actor=ACTOR, exemption="E2", now=NOW)
    assert (ex.total_tax, ex.total) == (0, 10000)
    with pytest.raises(ValidationError, match="intra-community"):
        issue_invoice(shop.db, shop.order({a: 1}), actor=ACTOR, simplified=True, exemption="E5")


def test_foreign_currency_records_the_rate_and_reports_euros(company_shop: Shop) -> None:
    shop = company_shop
    sku = shop.product(price=11000)
    ref = shop.order({sku: 1}, currency="USD")
    with pytest.raises(ValidationError, match="needs its exchange rate"):
        issue_invoice(shop.db, ref, actor=ACTOR)
    inv = issue_invoice(shop.db, ref, actor=ACTOR, exchange_rate="0.9", now=NOW)
    row = invoice_row(shop.db, inv.number)
    assert (row.currency, row.exchange_rate, row.total) == ("USD", "0.9", 11000)
    with shop.db.read() as s:
        record = s.scalar(select(InvoiceRecord).where(InvoiceRecord.invoice_id == row.id))
    assert record is not None and record.importe_total == "99.00"  # 110.00 USD x 0.9


# -- immutability ------------------------------------------------------------------------


def test_the_orm_refuses_to_change_or_delete_an_issued_invoice(company_shop: Shop) -> None:
    shop = company_shop
    inv = issue_invoice(shop.db, shop.order({shop.product(): 1}), actor=ACTOR, now=NOW)
    with pytest.raises(ImmutableInvoice, match="immutable"), shop.db.write() as s:
        row = s.scalar(select(Invoice).where(Invoice.number == inv.number))
        assert row is not None
        row.total = 1
    with pytest.raises(ImmutableInvoice), shop.db.write() as s:
        row = s.scalar(select(Invoice).where(Invoice.number == inv.number))
        s.delete(row)
    assert invoice_row(shop.db, inv.number).total == inv.total


@pytest.mark.parametrize(("table", "change"), [
    ("invoices", "total = total + 1"),
    ("invoices", "customer_name = 'Someone else'"),
    ("invoice_lines", "qty = qty + 1"),
    ("invoice_taxes", "tax = 0"),
    ("invoice_records", "hash = 'X'"),
    ("invoice_payments", "amount = 1"),
])
def test_the_database_refuses_raw_update_and_delete(company_shop: Shop, table: str, change: str) -> None:
    shop = company_shop
    inv = issue_invoice(shop.db, shop.order({shop.product(): 2}), actor=ACTOR, now=NOW)
    # A payment of an order's invoice goes to the order's ledger; invoice_payments keeps the
    # payments of invoices without an order, and those rows are as immutable as the invoice.
    with shop.db.write() as s:
        invoice_id = s.scalar(select(Invoice.id).where(Invoice.number == inv.number))
        s.add(InvoicePayment(invoice_id=invoice_id, amount=100, currency="EUR", method="transfer", paid_at=NOW))
    for statement in (f"UPDATE {table} SET {change}", f"DELETE FROM {table}"):
        with pytest.raises(DBAPIError, match="immutable"), shop.db.engine.begin() as conn:
            conn.execute(text(statement))
    with shop.db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() >= 1
    assert verify_chain(shop.db).ok


# -- cancellation and outbox ------------------------------------------------------------------


def test_cancel_writes_an_anulacion_and_frees_the_order_lines(company_shop: Shop) -> None:
    shop = company_shop
    sku = shop.product()
    ref = shop.order({sku: 1})
    inv = issue_invoice(shop.db, ref, actor=ACTOR, now=NOW)
    cancelled = cancel_invoice(shop.db, inv.number, actor=ACTOR, reason="duplicado", now=NOW)
    assert balance(shop.db, inv.number).status == "cancelled"
    again = issue_invoice(shop.db, ref, actor=ACTOR, now=NOW)
    assert again.number == "F2026-000002"  # the cancelled number stays used, no reuse
    kinds = [m.payload["kind"] for m in shop.outbox("verifactu.record")]
    assert kinds == ["alta", "anulacion", "alta"]
    assert shop.outbox("verifactu.record")[1].payload["hash"] == cancelled.record_hash
    with pytest.raises(ConflictError, match="cancelled"):
        credit_invoice(shop.db, inv.number, actor=ACTOR, reason_code="R4")
    # Money paid on an order's invoice lives on the order's ledger: annulling the invoice leaves
    # it there, and the invoice issued in its place is paid from it.
    paid_ref = shop.order({sku: 1})
    paid = issue_invoice(shop.db, paid_ref, actor=ACTOR, now=NOW)
    record_invoice_payment(shop.db, paid.number, actor=ACTOR, amount=10, now=NOW)
    cancel_invoice(shop.db, paid.number, actor=ACTOR, reason="x", now=NOW)
    replacement = issue_invoice(shop.db, paid_ref, actor=ACTOR, now=NOW)
    assert balance(shop.db, replacement.number).paid == 10
    assert verify_chain(shop.db).ok


def test_every_record_is_queued_with_its_aeat_xml(company_shop: Shop) -> None:
    shop = company_shop
    inv = issue_invoice(shop.db, shop.order({shop.product(): 1}), actor=ACTOR, now=NOW)
    (msg,) = shop.outbox("verifactu.record")
    assert msg.idempotency_key == f"verifactu:{inv.record_hash}"
    root = etree.fromstring(msg.payload["xml"])
    assert etree.QName(root).localname == "RegFactuSistemaFacturacion"
    ns = {"sf": NS_SF}
    assert root.findtext(".//sf:Huella", namespaces=ns) == inv.record_hash
    assert root.findtext(".//sf:ObligadoEmision/sf:NIF", namespaces=ns) == ISSUER_NIF
    audit = [e.action for e in shop.audit(inv.number)]
    assert audit == ["issue"]


def test_order_payments_count_towards_the_invoice(company_shop: Shop) -> None:
    shop = company_shop
    ref = shop.order({shop.product(price=5000): 1})
    order_svc.pay_order(shop.db, ref, actor=ACTOR, amount=2000)
    inv = issue_invoice(shop.db, ref, actor=ACTOR, now=NOW)
    d = balance(shop.db, inv.number)
    assert (d.paid, d.due, d.status) == (2000, 3000, "partly_paid")
    order_svc.pay_order(shop.db, ref, actor=ACTOR)  # the rest, after invoicing
    assert balance(shop.db, inv.number).status == "paid"
    with pytest.raises(ValidationError, match="exceeds"):
        record_invoice_payment(shop.db, inv.number, actor=ACTOR, amount=1)


def test_an_order_invoiced_after_it_shipped_states_the_day_it_shipped(company_shop: Shop) -> None:
    """RD 1619/2012 art. 6.1.i: the date of the operation when it differs from the issue date;
    the record's FechaOperacion (SuministroInformacion.xsd, before DescripcionOperacion), DD-MM-AAAA."""
    from sqlalchemy import update

    from omsdesk.models import Shipment
    from omsdesk.models.invoice import InvoiceRecord
    from omsdesk.services.fulfilment import shipping

    shop = company_shop
    sku = shop.product()
    shop.stock(sku, 2)
    ref = shop.order_at("packed", {sku: 2})
    shipping.ship_order(shop.db, ref, actor=ACTOR, tracking="T-1")
    shipped = datetime(2026, 3, 2, 16, 30, tzinfo=UTC)
    with shop.db.write() as s:
        s.execute(update(Shipment).values(shipped_at=shipped))
    inv = issue_invoice(shop.db, ref, actor=ACTOR, now=NOW)
    row = invoice_row(shop.db, inv.number)
    assert (row.issue_date.isoformat(), row.operation_date and row.operation_date.isoformat()) == (
        "2026-03-10", "2026-03-02")
    with shop.db.read() as s:
        xml = s.scalar(select(InvoiceRecord.xml).where(InvoiceRecord.invoice_id == row.id))
    root = etree.fromstring(xml)
    tags = [etree.QName(el).localname for el in root]
    assert root.findtext("sf:FechaOperacion", namespaces={"sf": NS_SF}) == "02-03-2026"
    assert tags.index("FechaOperacion") == tags.index("DescripcionOperacion") - 1
    # The message the AEAT receives with it still passes SuministroLR.xsd.
    from omsdesk.sync.aeat.soap import envelope

    [msg] = [m for m in shop.outbox("verifactu.record") if m.payload.get("number", inv.number) == inv.number][-1:]
    assert envelope(msg.payload["xml"]).startswith(b"<?xml")
    # Invoiced the day it shipped: no operation date of its own.
    shop.stock(sku, 1)
    today = shop.order_at("shipped", {sku: 1})
    assert invoice_row(shop.db, issue_invoice(shop.db, today, actor=ACTOR).number).operation_date is None
