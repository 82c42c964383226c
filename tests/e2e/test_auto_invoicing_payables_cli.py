"""`omsdesk invoices auto|policy` and `omsdesk payables ...` as a clerk or a script runs them."""

from __future__ import annotations

import json

import pytest

from omsdesk.db import Database
from omsdesk.services.goods_in.purchasing import (
    create_purchase_order,
    receive_purchase_order,
    send_purchase_order,
)
from omsdesk.services.intake.order_entry import CustomerInput
from tests.e2e.test_invoices_cli import run
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import CUSTOMER_NIF, setup_company


@pytest.fixture
def cli_shop(sqlite_db: Database) -> Shop:
    setup_company(sqlite_db)
    return Shop(sqlite_db)


def test_policy_then_dry_run_then_auto_with_json(cli_shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    db: Database = cli_shop.db
    cli_shop.warehouses(("MAD",))
    sku = cli_shop.product()
    cli_shop.stock(sku, 5)
    shipped = cli_shop.order_at("shipped", {sku: 1}, customer=CustomerInput(name="Norte SL", tax_id=CUSTOMER_NIF))
    waiting = cli_shop.order_at("paid", {sku: 1}, customer=CustomerInput(name="Norte SL", tax_id=CUSTOMER_NIF))
    code, out, err = run(capsys, db, "invoices", "policy", "--channel", "manual", "--when", "shipped")
    assert code == 0 and "invoiced shipped" in out, err
    code, out, _ = run(capsys, db, "invoices", "auto", "--dry-run")
    assert code == 0 and f"would issue F1 {shipped}" in out and "would issue 1, skipped 1" in out
    code, out, _ = run(capsys, db, "invoices", "auto", "--json")
    report = json.loads(out)
    assert (report["issued"], report["skipped_by_reason"]) == (1, {"not_shipped": 1})
    assert {i["order"]: i["outcome"] for i in report["items"]} == {shipped: "issued", waiting: "skipped"}
    code, out, _ = run(capsys, db, "invoices", "auto", "--last")
    assert "issued 1, skipped 1" in out
    code, out, _ = run(capsys, db, "invoices", "policy", "--json")
    assert json.loads(out)[0]["when"] == "shipped"


def test_policy_usage_errors_exit_2(cli_shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, cli_shop.db, "invoices", "policy", "--channel", "manual")
    assert code == 2 and "--when is required" in err
    with pytest.raises(SystemExit) as exc:
        run(capsys, cli_shop.db, "invoices", "policy", "--channel", "manual", "--when", "weekly")
    assert exc.value.code == 2


def test_record_pay_and_age_supplier_invoices(cli_shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    db = cli_shop.db
    cli_shop.warehouses(("MAD",))
    a = cli_shop.product()
    code, _out, err = run(capsys, db, "purchasing", "supplier", "ACME", "Acme SL", "--terms", "net30")
    assert code == 0, err
    ref = create_purchase_order(db, "ACME", "MAD", [(a, 10, 500)], actor=ACTOR).reference
    send_purchase_order(db, ref, actor=ACTOR)
    receive_purchase_order(db, ref, {a: 6}, actor=ACTOR)
    code, out, err = run(capsys, db, "payables", "record", "--supplier", "ACME", "--po", ref, "--number", "F-1",
                         "--date", "2026-11-01", "--line", f"{a}:6:500", "--json")
    assert code == 0, err
    recorded = json.loads(out)
    assert (recorded["status"], recorded["total"], recorded["due_date"]) == ("open", 3630, "2026-12-01")
    code, out, _ = run(capsys, db, "payables", "record", "--supplier", "ACME", "--po", ref, "--number", "F-2",
                       "--date", "2026-11-02", "--line", f"{a}:2:550")
    assert code == 0 and "DIFF over_received,price" in out
    code, _out, err = run(capsys, db, "payables", "record", "--supplier", "ACME", "--po", ref, "--number", "F-3",
                          "--date", "2026-11-02", "--line", f"{a}:two:550")
    assert code == 1 and "SKU:QTY:UNIT_PRICE_CENTS" in err
    code, out, _ = run(capsys, db, "payables", "pay", str(recorded["id"]), "--amount", "1000", "--json")
    assert (json.loads(out)["status"], json.loads(out)["due"]) == ("partly_paid", 2630)
    code, out, _ = run(capsys, db, "payables", "aged", "--json")
    aged = json.loads(out)
    assert sorted(i["number"] for i in aged["items"]) == ["F-1", "F-2"]
    code, out, _ = run(capsys, db, "payables", "list", "--open")
    assert "on_hold" in out and "partly_paid" in out
