"""`omsdesk invoices ...` and `omsdesk company ...` as a clerk or a script runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.services.fulfilment import orders as order_svc
from tests.fixtures.database import ACTOR, Shop


def run(capsys: pytest.CaptureFixture[str], db: Database, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_shop(sqlite_db: Database, capsys: pytest.CaptureFixture[str]) -> Shop:
    code, _out, err = run(capsys, sqlite_db, "company", "set", "--name", "Tienda Demo SL",
                          "--tax-id", "B12345674", "--address", "Calle Mayor 1", "--postcode",
                          "28013", "--city", "Madrid")
    assert code == 0, err
    return Shop(sqlite_db)


def test_issue_list_show_and_pay_with_json(cli_shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    db = cli_shop.db
    sku = cli_shop.product(price=1210)
    ref = cli_shop.order({sku: 2})
    code, out, err = run(capsys, db, "invoices", "issue", ref, "--json")
    assert code == 0, err
    issued = json.loads(out)
    assert issued["invoice_type"] == "F1" and issued["total"] == 2420
    number = issued["number"]
    assert issued["qr_url"].endswith(f"numserie={number}&fecha={issued['issue_date'][8:10]}-"
                                     f"{issued['issue_date'][5:7]}-{issued['issue_date'][:4]}"
                                     "&importe=24.20")
    code, out, _ = run(capsys, db, "invoices", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and [(r["number"], r["status"], r["due"]) for r in rows] == [(number, "issued", 2420)]
    code, out, _ = run(capsys, db, "invoices", "pay", number, "--amount", "420")
    assert code == 0 and "partly_paid" in out
    code, out, _ = run(capsys, db, "invoices", "show", number, "--json")
    detail = json.loads(out)
    assert (detail["paid"], detail["due"], len(detail["records"])) == (420, 2000, 1)
    code, out, _ = run(capsys, db, "invoices", "show", number)
    assert code == 0 and "record alta" in out and number in out


def test_counter_sale_convert_credit_and_verify(cli_shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    db = cli_shop.db
    sku = cli_shop.product(price=1000)
    ref = cli_shop.order({sku: 3}, channel="counter")
    order_svc.pay_order(db, ref, actor=ACTOR)
    code, out, err = run(capsys, db, "invoices", "issue", ref, "--simplified")
    assert code == 0, err
    ticket = out.split()[0]
    assert ticket.startswith("T") and "(F2)" in out
    code, out, err = run(capsys, db, "invoices", "convert", ticket, "--tax-id", "12345678Z",
                         "--name", "Ana López", "--json")
    assert code == 0, err
    full = json.loads(out)["number"]
    code, out, err = run(capsys, db, "invoices", "credit", full, "--line", f"{sku}:1",
                         "--reason", "R4", "--json")
    assert code == 0, err
    assert json.loads(out)["total"] == -1000
    code, out, err = run(capsys, db, "invoices", "verify-chain", "--json")
    assert code == 0 and json.loads(out)["ok"] is True and json.loads(out)["records"] == 3


def test_refusals_exit_1_with_one_line_and_usage_errors_exit_2(
        cli_shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    db = cli_shop.db
    ref = cli_shop.order({cli_shop.product(price=50000): 1})
    code, out, err = run(capsys, db, "invoices", "issue", ref, "--simplified")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "limited to 400.00 EUR" in err
    code, _, err = run(capsys, db, "invoices", "credit", "F2026-999999", "--reason", "R4")
    assert code == 1 and "unknown invoice" in err
    for bad in (["invoices", "credit", "X", "--reason", "R9"],
                ["invoices", "export", "X", "--format", "ubl", "--out", "x"],
                ["invoices", "pay", "X", "--amount", "-5"]):
        with pytest.raises(SystemExit) as exc:
            main(["--db", db.url, *bad])
        assert exc.value.code == 2, bad
    capsys.readouterr()


def test_verify_chain_names_the_altered_record(cli_shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    db = cli_shop.db
    sku = cli_shop.product()
    numbers = []
    for _ in range(3):
        code, out, _ = run(capsys, db, "invoices", "issue", cli_shop.order({sku: 1}), "--json")
        numbers.append(json.loads(out)["number"])
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER trg_invoice_records_no_update"))
        conn.execute(text("UPDATE invoice_records SET importe_total = '0.01' WHERE num_serie = :n"),
                     {"n": numbers[1]})
    code, out, err = run(capsys, db, "invoices", "verify-chain")
    assert code == 1 and out == ""
    assert err.strip() == (f"omsdesk: invoice record chain broken at record 2 (alta of {numbers[1]}, "
                           "issuer B12345674): fingerprint does not match the record's fields")
    code, out, _ = run(capsys, db, "invoices", "verify-chain", "--json")
    assert code == 1 and json.loads(out)["problem"]["number"] == numbers[1]


def test_aged_csv_export_and_pdf(cli_shop: Shop, capsys: pytest.CaptureFixture[str],
                                 tmp_path: Path) -> None:
    db = cli_shop.db
    ref = cli_shop.order({cli_shop.product(price=1210): 1})
    code, out, _ = run(capsys, db, "invoices", "issue", ref, "--json")
    number = json.loads(out)["number"]
    target = tmp_path / "aged.csv"
    code, out, _ = run(capsys, db, "invoices", "aged", "--csv", str(target))
    assert code == 0 and "1 open invoice" in out
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[1][2] == number and rows[1][7] == "12.10"
    code, out, err = run(capsys, db, "invoices", "export", number, "--format", "facturx", "--out",
                         str(tmp_path / "fx.pdf"))
    assert code == 0, err
    assert (tmp_path / "fx.pdf").read_bytes().startswith(b"%PDF")
    code, out, err = run(capsys, db, "invoices", "pdf", number, "--out", str(tmp_path / "inv.pdf"))
    assert code == 0 and (tmp_path / "inv.pdf").stat().st_size > 1000
    code, out, _ = run(capsys, db, "company", "show", "--json")
    assert json.loads(out)["tax_id"] == "B12345674"
    code, _, err = run(capsys, db, "company", "set", "--tax-id", "B12345670")
    assert code == 1 and "invalid tax id" in err


def test_print_invoice_receipt_and_credit_note_to_files(
        cli_shop: Shop, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from pypdf import PdfReader

    db = cli_shop.db
    sku = cli_shop.product(price=1210)
    numbers = []
    for args in (["--json"], ["--json"], ["--simplified", "--json"]):
        code, out, err = run(capsys, db, "invoices", "issue", cli_shop.order({sku: 1}), *args)
        assert code == 0, err
        numbers.append(json.loads(out)["number"])
    code, out, _ = run(capsys, db, "invoices", "credit", numbers[0], "--reason", "R4", "--json")
    credit = json.loads(out)["number"]
    code, out, err = run(capsys, db, "print", "invoice", numbers[0], numbers[1], "--out",
                         str(tmp_path / "inv.pdf"))
    assert code == 0, err
    assert len(PdfReader(tmp_path / "inv.pdf").pages) == 2
    code, out, err = run(capsys, db, "print", "receipt", numbers[2], "--out", str(tmp_path / "r.pdf"))
    assert code == 0, err
    width_mm = float(PdfReader(tmp_path / "r.pdf").pages[0].mediabox.width) / 72 * 25.4
    assert round(width_mm) == 80
    code, out, err = run(capsys, db, "print", "credit-note", credit, "--out", str(tmp_path / "c.pdf"))
    assert code == 0 and numbers[0] in PdfReader(tmp_path / "c.pdf").pages[0].extract_text()
    code, out, err = run(capsys, db, "print", "credit-note", numbers[1], "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "not a credit note" in err


def test_foreign_buyer_is_identified_by_document_and_unidentified_buyer_refused(
        cli_shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    """RD 1619/2012 art. 6.1.d and AEAT Validaciones §3.1.3.13 as the CLI shows them."""
    from omsdesk.services.intake.order_entry import CustomerInput

    db = cli_shop.db
    sku = cli_shop.product(price=1210)
    ref = cli_shop.order({sku: 1}, customer=CustomerInput(name="Acme Imports Inc", email="b@acme.example"))
    code, _out, err = run(capsys, db, "invoices", "issue", ref)
    assert code == 1 and "must identify the customer" in err and "--simplified" in err
    assert err.count("\n") == 1  # one line
    with db.read() as s:
        customer = s.execute(text("select id from customers where name = 'Acme Imports Inc'")).scalar()
    with pytest.raises(SystemExit) as usage:
        run(capsys, db, "customers", "edit", str(customer), "--tax-id", "X1", "--tax-id-type", "09")
    assert usage.value.code == 2 and "--tax-id-type" in capsys.readouterr().err
    code, _out, err = run(capsys, db, "customers", "edit", str(customer), "--tax-id", "P 123456",
                          "--tax-id-type", "03", "--tax-id-country", "US")
    assert code == 0, err
    code, out, err = run(capsys, db, "invoices", "issue", ref, "--json")
    assert code == 0, err
    number = json.loads(out)["number"]
    with db.read() as s:
        xml = s.execute(text("select xml from invoice_records where num_serie = :n"), {"n": number}).scalar()
    assert "<sum1:IDOtro><sum1:CodigoPais>US</sum1:CodigoPais><sum1:IDType>03</sum1:IDType>" \
           "<sum1:ID>P123456</sum1:ID></sum1:IDOtro>" in xml
    code, _out, err = run(capsys, db, "company", "set", "--series-ordinary", "FÑ")
    assert code == 1 and "FÑ" in err
