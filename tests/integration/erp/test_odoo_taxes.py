"""Sales and invoices reach Odoo with each line's own tax: Odoo's totals are omsdesk's to the cent.

The protocol server (tests/fixtures/odoo_server.py) computes amounts as Odoo 17 does with the
company's default 'Round per Line' (Odoo documentation, Accounting > Taxes > "Rounding
method": per line, the tax is computed and rounded on each line): price_unit and discount
rounded to their decimal precision on write, subtotal = price_unit x (1 - discount / 100) x
quantity rounded to the cent, each tax = subtotal x amount / 100 rounded half up per line;
a line without tax_id takes the product's taxes, and a product created without taxes_id the
company's default 21 % (how the review found F5).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from omsdesk.db import Database
from omsdesk.services.channels.erp import (
    ErpSettings,
    erp_overview,
    queue_unsent_invoices,
    queue_unsent_orders,
)
from omsdesk.sync.erp.delivery import deliver_orders
from omsdesk.sync.erp.invoice_delivery import deliver_invoices
from omsdesk.sync.erp.odoo import OdooConnector
from tests.fixtures.database import Shop
from tests.fixtures.erp_orders import CUSTOMER, mixed_shop, omsdesk_totals, with_company
from tests.fixtures.odoo_server import DATABASE, LOGIN, PASSWORD, FakeOdoo


@pytest.fixture
def shop(sqlite_db: Database) -> Shop:
    s = Shop(sqlite_db)
    s.warehouses(("MAD",))
    return with_company(s)


def _cents(value: float) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value())


def _odoo_totals(server: FakeOdoo, model: str, ref_field: str) -> dict[str, tuple[int, int, int]]:
    # A refund (out_refund) keeps positive amounts; omsdesk's credit note is negative.
    def sign(r: dict) -> int:
        return -1 if r.get("move_type") == "out_refund" else 1

    return {r[ref_field]: (sign(r) * _cents(r["amount_untaxed"]), sign(r) * _cents(r["amount_tax"]),
                           sign(r) * _cents(r["amount_total"]))
            for r in server.records.get(model, {}).values()}


def test_every_sale_and_invoice_has_omsdesk_untaxed_tax_and_total_in_odoo(
        shop: Shop, odoo_server: FakeOdoo, odoo: OdooConnector) -> None:
    """Compared: sale.order and account.move amount_untaxed, amount_tax, amount_total."""
    settings = ErpSettings(erp="odoo")
    refs, numbers = mixed_shop(shop, "")
    queue_unsent_orders(shop.db, settings)
    queue_unsent_invoices(shop.db, settings)

    orders = deliver_orders(shop.db, odoo, settings)
    invoices = deliver_invoices(shop.db, odoo, settings)

    assert (orders.created, orders.failed, invoices.created, invoices.failed) == (24, 0, 9, 0), \
        orders.errors + invoices.errors
    ours_sales, ours_invoices = omsdesk_totals(shop, "", refs, numbers)
    sales = _odoo_totals(odoo_server, "sale.order", "client_order_ref")
    moves = _odoo_totals(odoo_server, "account.move", "ref")
    differ = {k: (sales.get(k), v) for k, v in ours_sales.items() if sales.get(k) != v}
    differ |= {k: (moves.get(k), v) for k, v in ours_invoices.items() if moves.get(k) != v}
    assert len(sales) + len(moves) == 33
    assert differ == {}
    assert sales[refs[0]] == (3335, 700, 4035)  # 3 x 13.45 at 21 %: net 33.35, not 33.36
    names = {t["id"]: t["name"] for t in odoo_server.records["account.tax"].values()}
    used = {names[t] for ln in odoo_server.records["sale.order.line"].values() for t in ln["tax_id"]}
    assert {"21% G", "10% G", "4% G", "0% EU G"} <= used
    recargo = {names[t] for ln in odoo_server.records["account.move.line"].values()
               for t in ln["tax_ids"]}
    assert {"5.2% RE", "1.4% RE", "0.5% RE"} & recargo  # the two recargo invoices
    # Lines whose VAT omsdesk split off a tax-included price go with Odoo's included VAT.
    assert {"21% G incl."} <= used and "21% G soportado" not in used


def test_a_rate_odoo_lacks_fails_its_order_alone_naming_the_rate(
        shop: Shop, odoo_server: FakeOdoo, odoo: OdooConnector) -> None:
    del odoo_server.records["account.tax"][3]  # no 4 % sale tax in this Odoo
    settings = ErpSettings(erp="odoo")
    general = shop.product("G-1", price=1210)
    super_reduced = shop.product("S-1", price=1040, tax_rate_bp=400)
    refs = [shop.order({general: 1}, customer=CUSTOMER),
            shop.order({super_reduced: 1}, customer=CUSTOMER)]
    queue_unsent_orders(shop.db, settings)

    report = deliver_orders(shop.db, odoo, settings)

    assert (report.created, report.failed) == (1, 1)
    failed, = [m for m in shop.outbox("erp.order") if m.status == "failed"]
    assert f"{refs[1]}: Odoo has no tax for VAT 4 % on S-1" in failed.last_error
    assert "omsdesk erp set-tax --erp odoo --rate 400 --tax ID" in failed.last_error
    assert [s["client_order_ref"] for s in odoo_server.records["sale.order"].values()] == [refs[0]]
    assert erp_overview(shop.db, "odoo").failed == 1


def test_two_taxes_of_one_rate_are_ambiguous_until_one_is_configured(
        odoo_server: FakeOdoo, odoo: OdooConnector) -> None:
    odoo_server.records["account.tax"][9] = {
        "id": 9, "name": "10% S", "amount": 10.0, "amount_type": "percent",
        "type_tax_use": "sale", "price_include": False, "active": True}

    choice = next(c for c in odoo.tax_mapping() if c.key == "vat:1000")
    assert choice.erp_id is None and "2 10% G" in choice.note and "9 10% S" in choice.note

    odoo.use_taxes({"vat:1000": 9})
    choice = next(c for c in odoo.tax_mapping() if c.key == "vat:1000")
    assert (choice.erp_id, choice.name, choice.source) == (9, "10% S", "configured")


@pytest.mark.parametrize("status", [200, 500])
def test_an_odoo_error_answer_splits_the_batch_and_fails_only_the_culprit(
        shop: Shop, odoo_server: FakeOdoo, odoo: OdooConnector, status: int) -> None:
    """200: Odoo's JSON-RPC error member; 500: a bare HTTP error whose body is the message."""
    settings = ErpSettings(erp="odoo")
    sku = shop.product("W-1", price=1210)
    refs = [shop.order({sku: i + 1}, customer=CUSTOMER) for i in range(9)]
    culprit = refs[6]

    def refuse(model: str, method: str, args: list) -> tuple[int, str] | None:
        if model == "sale.order" and method == "create":
            batch = args[0]
            if len(batch) > 2:
                return status, "statement too complex for one call"
            if any(v["client_order_ref"] == culprit for v in batch):
                return status, f"order {culprit} breaks a custom constraint"
        return None

    odoo_server.refuse = refuse
    queue_unsent_orders(shop.db, settings)

    report = deliver_orders(shop.db, odoo, settings)

    assert (report.created, report.failed, report.waiting) == (8, 1, 0), report.errors
    failed, = [m for m in shop.outbox("erp.order") if m.status == "failed"]
    assert f"order {culprit} breaks a custom constraint" in failed.last_error
    overview = erp_overview(shop.db, "odoo")  # what `omsdesk erp status` prints
    assert (overview.failed, overview.pending) == (1, 0)
    assert f"order {culprit} breaks a custom constraint" in overview.last_error
    created = sorted(s["client_order_ref"] for s in odoo_server.records["sale.order"].values())
    assert created == sorted(r for r in refs if r != culprit)
    # First the whole batch, refused; then halves down to the culprit alone.
    sizes = [len(c[0]) for c in odoo_server.calls("sale.order", "create")]
    assert sizes[0] == 9 and 1 in sizes and sizes[-1] < 9


def test_the_cli_shows_the_tax_mapping_and_sets_one(shop: Shop, odoo_server: FakeOdoo) -> None:
    env = {**os.environ, "OMSDESK_ERP_PASSWORD": PASSWORD}
    base = [sys.executable, "-m", "omsdesk", "--db", shop.db.url, "erp"]
    connection = ["--erp", "odoo", "--url", odoo_server.url, "--database", DATABASE,
                  "--login", LOGIN]

    def run(*args: str) -> dict:
        done = subprocess.run([*base, *args], env=env, capture_output=True, text=True,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    shown = run("taxes", "--json", *connection)
    by_key = {t["key"]: t for t in shown["taxes"]}
    assert (by_key["vat:1000"]["tax_id"], by_key["vat:1000"]["source"]) == (2, "found")
    assert by_key["re:520"]["name"] == "5.2% RE"
    assert "vat:500" in shown["missing"] and "vat:2100" not in shown["missing"]

    assert run("set-tax", "--erp", "odoo", "--rate", "500", "--tax", "2", "--json")["taxes"] == {
        "vat:500": 2}
    shown = run("taxes", "--json", *connection)
    five = next(t for t in shown["taxes"] if t["key"] == "vat:500")
    assert (five["tax_id"], five["source"]) == (2, "configured")
