"""Accounting exports open cleanly: the layout's headers, real dates, amounts with 2 decimals."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from omsdesk.db import Database
from omsdesk.exports.accounting import (
    CREDIT_MEMO_COLUMNS,
    JOURNAL_COLUMNS,
    QUICKBOOKS_COLUMNS,
    credit_memo_path,
    export_accounting,
)
from omsdesk.exports.contaplus import field_slices, short_number
from omsdesk.models import ValidationError
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.credit import credit_invoice
from omsdesk.services.invoicing.issue import issue_invoice
from tests.fixtures.database import Shop

AMOUNT = re.compile(r"^-?\d+\.\d{2}$")
# Invoices are dated in the company's time zone (Madrid), not the machine's: between 23:00 and
# midnight UTC those are different days.
TODAY = datetime.now(ZoneInfo("Europe/Madrid")).date()
PERIOD = (TODAY - timedelta(days=1), TODAY + timedelta(days=1))


@pytest.fixture
def books(sqlite_db: Database) -> tuple[Shop, str, str]:
    """One paid order invoiced at two VAT rates, and a credit note for one unit."""
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    set_company(sqlite_db, actor=shop.actor, name="Tienda Demo SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")
    a, b = shop.product(price=1210), shop.product(price=1040, tax_rate_bp=400)
    shop.stock(a, 5)
    shop.stock(b, 5)
    ref = shop.order({a: 2, b: 1}, customer=CustomerInput(name="Ana Gil, S.L.", email="a@x.es",
                                                                  tax_id="A58818501"))
    order_svc.pay_order(sqlite_db, ref, actor=shop.actor)
    invoice = issue_invoice(sqlite_db, ref, actor=shop.actor).number
    credit = credit_invoice(sqlite_db, invoice, actor=shop.actor, reason_code="R4",
                            quantities={a: 1}).number
    return shop, invoice, credit


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_quickbooks_writes_invoices_and_credit_memos_to_their_own_imports(
        books: tuple[Shop, str, str], tmp_path: Path) -> None:
    shop, invoice, credit = books
    out = tmp_path / "qbo.csv"

    summary = export_accounting(shop.db, "quickbooks", *PERIOD, out)

    headers, rows = _read(out)
    assert headers == list(QUICKBOOKS_COLUMNS)
    assert [r["Invoice No"] for r in rows] == [invoice, invoice]
    assert all(AMOUNT.match(r["Item Amount"]) and AMOUNT.match(r["Item Rate"]) for r in rows)
    assert all(datetime.strptime(r["Invoice Date"], "%d/%m/%Y").date() == TODAY for r in rows)
    assert [r["Item Amount"] for r in rows] == ["20.00", "10.00"]
    assert rows[0]["Customer"] == "Ana Gil, S.L."  # the comma survives quoting
    memo_headers, memos = _read(credit_memo_path(out))
    assert memo_headers == list(CREDIT_MEMO_COLUMNS)
    # A credit memo is a credit by its type: no negative amounts, no negative quantities.
    assert [(m["Credit Memo No"], m["Item Quantity"], m["Item Rate"], m["Item Amount"])
            for m in memos] == [(credit, "1", "10.00", "10.00")]
    assert (summary.invoices, summary.credit_notes, summary.skipped_payments) == (1, 1, 1)
    assert summary.credit_memo_file == str(credit_memo_path(out))


def test_quickbooks_to_a_stream_needs_a_place_for_the_credit_memos(books: tuple[Shop, str, str]) -> None:
    shop, _, _ = books
    with pytest.raises(ValidationError, match="credit memos"):
        export_accounting(shop.db, "quickbooks", *PERIOD, io.StringIO())


def test_the_journal_balances_every_entry(books: tuple[Shop, str, str], tmp_path: Path) -> None:
    shop, invoice, credit = books
    out = tmp_path / "journal.csv"

    export_accounting(shop.db, "journal", *PERIOD, out, date_format="%Y-%m-%d")

    headers, rows = _read(out)
    assert headers == list(JOURNAL_COLUMNS)
    entries: dict[str, Decimal] = {}
    for r in rows:
        assert AMOUNT.match(r["Debit"]) and AMOUNT.match(r["Credit"])
        assert date.fromisoformat(r["Date"]) == TODAY
        entries[r["Entry"]] = entries.get(r["Entry"], Decimal(0)) + Decimal(r["Debit"]) - Decimal(
            r["Credit"])
    assert len(entries) == 3 and set(entries.values()) == {Decimal("0.00")}
    receivable = [r for r in rows if r["Document"] == invoice and r["Account"] == "430"]
    assert receivable[0]["Debit"] == "34.60"


def test_a_period_without_documents_gives_headers_only(books: tuple[Shop, str, str],
                                                       tmp_path: Path) -> None:
    shop, _, _ = books
    out = tmp_path / "empty.csv"
    summary = export_accounting(shop.db, "journal", date(2001, 1, 1), date(2001, 12, 31), out)
    assert summary.rows == 0 and _read(out) == (list(JOURNAL_COLUMNS), [])


def test_a_period_ending_before_it_starts_is_refused(sqlite_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="ends"):
        export_accounting(sqlite_db, "journal", date(2026, 2, 1), date(2026, 1, 1),
                          tmp_path / "x.csv")


def test_the_cli_writes_the_file(books: tuple[Shop, str, str], tmp_path: Path) -> None:
    shop, invoice, _ = books
    out = tmp_path / "cli.csv"
    done = subprocess.run(
        [sys.executable, "-m", "omsdesk", "--db", shop.db.url, "export", "accounting",
         "--format", "contaplus", "--from", PERIOD[0].isoformat(), "--to", PERIOD[1].isoformat(),
         "--out", str(out), "--subaccount-digits", "10"], capture_output=True, text=True, timeout=120,
        check=False)
    assert done.returncode == 0, done.stderr
    assert "1 invoices, 1 credit notes, 1 payments" in done.stdout
    first = out.read_bytes().decode("cp1252").split("\r\n")[0]
    assert first[field_slices()["NUMEROINV"]].strip() == short_number(invoice, 10)
    assert first[field_slices()["SUBCTA"]].strip().startswith("430") and len(
        first[field_slices()["SUBCTA"]].strip()) == 10


def test_the_cli_refuses_a_subaccount_length_contaplus_has_not(books: tuple[Shop, str, str],
                                                               tmp_path: Path) -> None:
    shop, _, _ = books
    done = subprocess.run(
        [sys.executable, "-m", "omsdesk", "--db", shop.db.url, "export", "accounting",
         "--format", "contaplus", "--from", PERIOD[0].isoformat(), "--to", PERIOD[1].isoformat(),
         "--out", str(tmp_path / "x.txt"), "--subaccount-digits", "13"],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and "4 to 12" in done.stderr
    assert not (tmp_path / "x.txt").exists()
