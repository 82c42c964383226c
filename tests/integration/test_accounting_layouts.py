"""A month of books in each accounting layout: positions and columns as the vendors' import layouts
say, debe = haber in every entry, and totals equal to the invoices to the cent.

ContaPlus layout checked against the published record of ContaPlus's Diario table (the ASCII copy
is XDiario.TXT): "Estructura del fichero de asientos diarios", Gestool prg/Contaplu.prg
(github.com/manuelcalerosolis/Gestool), and SimplyGest's "Avisos de ContaPlus al importar asientos
desde archivos XDiario.TXT" (balanced entries, a contrapartida on every 472/477 line, one
subaccount length). QuickBooks Online: Intuit's "How to import credit notes" (Import Data >
Import credit notes, a separate import from invoices).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from omsdesk.exports.accounting import (
    CREDIT_MEMO_COLUMNS,
    JOURNAL_COLUMNS,
    QUICKBOOKS_COLUMNS,
    Accounts,
    credit_memo_path,
    export_accounting,
)
from omsdesk.exports.contaplus import RECORD_WIDTH, field_slices, short_number
from omsdesk.models import ValidationError
from omsdesk.models.invoice import Invoice
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.goods_in.purchasing import (
    add_supplier,
    create_purchase_order,
    receive_purchase_order,
    send_purchase_order,
)
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.credit import credit_invoice
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.payables.invoices import InvoicedLine, record_supplier_invoice
from tests.fixtures.database import ACTOR, Shop

TODAY = datetime.now(ZoneInfo("Europe/Madrid")).date()
PERIOD = (TODAY - timedelta(days=1), TODAY + timedelta(days=1))

# The published Diario record, field by field (name, type, width, decimals), written out here on
# its own so a change to the exporter's table cannot pass unnoticed.
PUBLISHED = [
    ("ASIEN", "N", 6, 0), ("FECHA", "D", 8, 0), ("SUBCTA", "C", 12, 0), ("CONTRA", "C", 12, 0),
    ("PTADEBE", "N", 12, 0), ("CONCEPTO", "C", 25, 0), ("PTAHABER", "N", 12, 0),
    ("FACTURA", "N", 7, 0), ("BASEIMPO", "N", 11, 0), ("IVA", "N", 5, 2), ("RECEQUIV", "N", 5, 2),
    ("DOCUMENTO", "C", 6, 0), ("DEPARTA", "C", 3, 0), ("CLAVE", "C", 6, 0), ("ESTADO", "C", 1, 0),
    ("NCASADO", "N", 6, 0), ("TCASADO", "N", 1, 0), ("TRANS", "N", 6, 0), ("CAMBIO", "N", 16, 6),
    ("DEBEME", "N", 16, 6), ("HABERME", "N", 16, 6), ("AUXILIAR", "C", 1, 0), ("SERIE", "C", 1, 0),
    ("SUCURSAL", "C", 4, 0), ("CODDIVISA", "C", 1, 0), ("IMPAUXME", "N", 16, 6),
    ("MONEDAUSO", "C", 1, 0), ("EURODEBE", "N", 16, 2), ("EUROHABER", "N", 16, 2),
    ("BASEEURO", "N", 16, 2), ("NOCONV", "L", 1, 0), ("NUMEROINV", "C", 10, 0),
]


def _published_slices() -> dict[str, slice]:
    out, pos = {}, 0
    for name, _kind, width, _dec in PUBLISHED:
        out[name] = slice(pos, pos + width)
        pos += width
    return out


@pytest.fixture
def month(shop: Shop) -> dict[str, str]:
    """Ordinary invoice at 21, 10 and 4 %, a simplified invoice, a credit note, a payment and a
    supplier invoice at 21 and 10 %, all dated today."""
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")
    a = shop.product(price=1210, tax_rate_bp=2100)
    b = shop.product(price=1100, tax_rate_bp=1000)
    c = shop.product(price=1040, tax_rate_bp=400)
    for sku in (a, b, c):
        shop.stock(sku, 10)
    ref = shop.order({a: 2, b: 1, c: 3}, customer=CustomerInput(
        name="Ñandú Distribución, S.L.", email="n@x.es", tax_id="A58818501"))
    order_svc.pay_order(shop.db, ref, actor=ACTOR)
    ordinary = issue_invoice(shop.db, ref, actor=ACTOR).number
    ticket_ref = shop.order({a: 1, b: 1})
    simplified = issue_invoice(shop.db, ticket_ref, actor=ACTOR, simplified=True).number
    credit = credit_invoice(shop.db, ordinary, actor=ACTOR, reason_code="R4",
                            quantities={a: 1, c: 1}).number
    add_supplier(shop.db, "ACME", "Acme Suministros SL", actor=ACTOR)
    po = create_purchase_order(shop.db, "ACME", "MAD", [(a, 10, 500), (b, 4, 250)], actor=ACTOR).reference
    send_purchase_order(shop.db, po, actor=ACTOR)
    receive_purchase_order(shop.db, po, {a: 10, b: 4}, actor=ACTOR)
    record_supplier_invoice(shop.db, supplier="ACME", po_reference=po, number="A-77",
                            invoice_date=TODAY, lines=[InvoicedLine(a, 10, 500), InvoicedLine(b, 4, 250)],
                            actor=ACTOR)
    return {"ordinary": ordinary, "simplified": simplified, "credit": credit}


def _invoices(shop: Shop) -> dict[str, Invoice]:
    with shop.db.read() as s:
        out = {}
        for inv in s.scalars(select(Invoice)):
            _ = inv.taxes, inv.lines
            out[inv.number] = inv
        return out


def _cents(text: str) -> int:
    return int((Decimal(text.strip()) * 100).to_integral_value())


def _contaplus(shop: Shop, out: Path) -> list[dict[str, str]]:
    export_accounting(shop.db, "contaplus", *PERIOD, out)
    raw = out.read_bytes()
    assert raw.endswith(b"\r\n")
    lines = raw.decode("cp1252").split("\r\n")[:-1]
    assert lines and all(len(line) == RECORD_WIDTH == 275 for line in lines)
    slices = _published_slices()
    return [{name: line[sl] for name, sl in slices.items()} for line in lines]


def test_the_exporter_writes_the_published_record(month: dict[str, str]) -> None:
    assert field_slices() == _published_slices()


def test_contaplus_entries_balance_and_carry_the_iva_register(month: dict[str, str], shop: Shop,
                                                             tmp_path: Path) -> None:
    records = _contaplus(shop, tmp_path / "XDiario.txt")
    invoices = _invoices(shop)
    entries: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in records:
        entries[r["ASIEN"]].append(r)
        assert r["ASIEN"].strip().isdigit() and len(r["ASIEN"]) == 6
        assert r["FECHA"] == TODAY.strftime("%Y%m%d")
        assert r["MONEDAUSO"] == "2" and r["NOCONV"] == "F"
        assert len(r["SUBCTA"].strip()) == 8 and r["SUBCTA"].strip().isdigit()
        assert r["CONTRA"].strip(), "ContaPlus refuses a line without contrapartida on IVA lines"
        debe, haber = _cents(r["EURODEBE"]), _cents(r["EUROHABER"])
        assert (debe == 0) != (haber == 0), "a line is debe or haber, never both"
        assert r["PTADEBE"].strip() == r["PTAHABER"].strip() == "0"
        # Right-aligned numbers with the documented decimals.
        assert r["EURODEBE"][-3] == "." and r["IVA"][-3] == "." and r["EURODEBE"][0] == " "
    for lines in entries.values():
        assert sum(_cents(r["EURODEBE"]) for r in lines) == sum(_cents(r["EUROHABER"]) for r in lines)

    def entry_of(number: str) -> list[dict[str, str]]:
        found = [ls for ls in entries.values() if ls[0]["NUMEROINV"].strip() == short_number(number, 10)]
        assert len(found) == 1
        return found[0]

    ordinary = invoices[month["ordinary"]]
    lines = entry_of(ordinary.number)
    assert [r["SUBCTA"][:3] for r in lines] == ["430", "700", "477", "477", "477"]
    assert _cents(lines[0]["EURODEBE"]) == ordinary.total
    assert _cents(lines[1]["EUROHABER"]) == ordinary.total_net
    vat = {r["IVA"].strip(): (_cents(r["BASEEURO"]), _cents(r["EUROHABER"])) for r in lines[2:]}
    assert vat == {f"{t.rate_bp / 100:.2f}": (t.base, t.tax) for t in ordinary.taxes}
    assert set(vat) == {"21.00", "10.00", "4.00"}
    assert all(r["CONTRA"] == lines[0]["SUBCTA"] for r in lines[2:])
    # Windows-1252 keeps the Ñ and the accent, one byte each, so the record keeps its width.
    assert lines[0]["CONCEPTO"] == f"Fra. {ordinary.number} Ñandú D"

    credit = invoices[month["credit"]]
    assert credit.total < 0
    lines = entry_of(credit.number)
    assert _cents(lines[0]["EUROHABER"]) == -credit.total       # the customer is credited
    assert _cents(lines[1]["EURODEBE"]) == -credit.total_net    # sales reversed
    assert all(_cents(r["EURODEBE"]) > 0 for r in lines[2:])    # output VAT reversed
    assert sorted(_cents(r["BASEEURO"]) for r in lines[2:]) == sorted(t.base for t in credit.taxes)
    assert all(_cents(r["BASEEURO"]) < 0 for r in lines[2:])

    simplified = invoices[month["simplified"]]
    lines = entry_of(simplified.number)
    assert _cents(lines[0]["EURODEBE"]) == simplified.total

    purchase = [ls for ls in entries.values() if ls[0]["NUMEROINV"].strip() == "A-77"]
    assert len(purchase) == 1
    p = purchase[0]
    assert [r["SUBCTA"][:3] for r in p] == ["600", "472", "472", "400"]
    assert _cents(p[0]["EURODEBE"]) == 6000
    assert {(r["IVA"].strip(), _cents(r["BASEEURO"]), _cents(r["EURODEBE"])) for r in p[1:3]} == {
        ("21.00", 5000, 1050), ("10.00", 1000, 100)}
    assert _cents(p[3]["EUROHABER"]) == 6000 + 1050 + 100

    # The 430 account moves by exactly the invoices' totals less what was collected.
    sales_docs = {short_number(i.number, 10) for i in invoices.values()}
    assert len(sales_docs) == len(invoices), "the series survives the 10-character field"
    on_430 = sum(_cents(r["EURODEBE"]) - _cents(r["EUROHABER"]) for r in records
                 if r["SUBCTA"].startswith("430") and r["NUMEROINV"].strip() in sales_docs)
    assert on_430 == sum(i.total for i in invoices.values())
    output_vat = sum(_cents(r["EUROHABER"]) - _cents(r["EURODEBE"]) for r in records
                     if r["SUBCTA"].startswith("477"))
    assert output_vat == sum(i.total_tax + i.total_recargo for i in invoices.values())


def test_contaplus_takes_the_companys_subaccount_length(month: dict[str, str], shop: Shop,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    export_accounting(shop.db, "contaplus", *PERIOD, out, accounts=Accounts(subaccount_digits=12))
    lines = out.read_bytes().decode("cp1252").split("\r\n")[:-1]
    sub = _published_slices()["SUBCTA"]
    assert {len(line[sub].strip()) for line in lines} == {12}
    with pytest.raises(ValidationError, match="4 to 12"):
        export_accounting(shop.db, "contaplus", *PERIOD, out, accounts=Accounts(subaccount_digits=3))


def test_quickbooks_credit_memos_are_credit_memos(month: dict[str, str], shop: Shop,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "qbo.csv"
    summary = export_accounting(shop.db, "quickbooks", *PERIOD, out)
    invoices = _invoices(shop)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == list(QUICKBOOKS_COLUMNS)
        rows = list(reader)
    with credit_memo_path(out).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == list(CREDIT_MEMO_COLUMNS)
        memos = list(reader)
    assert {r["Invoice No"] for r in rows} == {month["ordinary"], month["simplified"]}
    assert {m["Credit Memo No"] for m in memos} == {month["credit"]}
    assert all(Decimal(r["Item Amount"]) > 0 for r in rows + memos)
    assert all(int(m["Item Quantity"]) > 0 for m in memos)
    for number in (month["ordinary"], month["simplified"]):
        assert sum(_cents(r["Item Amount"]) for r in rows if r["Invoice No"] == number) == \
            invoices[number].total_net
    assert sum(_cents(m["Item Amount"]) for m in memos) == -invoices[month["credit"]].total_net
    assert {m["Item Tax Code"] for m in memos} == {"21%", "4%"}
    assert summary.rows == len(rows) + len(memos) and summary.credit_notes == 1


def test_the_journal_balances_with_the_supplier_invoice(month: dict[str, str], shop: Shop,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "journal.csv"
    export_accounting(shop.db, "journal", *PERIOD, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == list(JOURNAL_COLUMNS)
        rows = list(reader)
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        totals[r["Entry"]] += _cents(r["Debit"]) - _cents(r["Credit"])
    assert set(totals.values()) == {0}
    assert {r["Kind"] for r in rows} >= {"invoice", "credit_note", "purchase_invoice", "payment"}
