"""Orders reach a live Tryton as sales, once only; products and prices come back; ERP down means wait."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, select

from omsdesk.db import Database
from omsdesk.models import OutboxMessage, Product, utcnow
from omsdesk.models.erp import ErpLink
from omsdesk.services.channels.erp import (
    ErpSettings,
    erp_overview,
    queue_unsent_invoices,
    queue_unsent_orders,
)
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.credit import credit_invoice
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.sync.erp.base import ErpCustomer, ErpInvoice, ErpLine, ErpOrder, ErpRejected
from omsdesk.sync.erp.delivery import deliver_orders, pull_products
from omsdesk.sync.erp.invoice_delivery import deliver_invoices
from omsdesk.sync.erp.tryton import TrytonConnector
from omsdesk.sync.errors import AuthError
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.tryton import TrytonServer, free_port

pytestmark = pytest.mark.tryton

CUSTOMER = CustomerInput(
    name="Ferretería Ruiz SL", email="compras@ruiz.example", tax_id="ESB12345674",
    address=AddressInput(name="Ferretería Ruiz", line1="Calle Mayor 5", city="Madrid",
                         postcode="28013", country="ES"))


@pytest.fixture
def settings() -> ErpSettings:
    # The Tryton database lives for the session; a prefix per test keeps references apart.
    return ErpSettings(erp="tryton", prefix=f"T{uuid.uuid4().hex[:6]}-")


@pytest.fixture
def shop(sqlite_db: Database) -> Shop:
    s = Shop(sqlite_db)
    s.warehouses(("MAD",))
    return s


def _sales(conn: TrytonConnector, reference: str) -> list[dict]:
    return conn.rpc.search_read("sale.sale", [("reference", "=", reference)],
                                ["id", "state", "party.code", "lines", "untaxed_amount",
                                 "tax_amount", "total_amount"])


def test_pushed_orders_appear_in_tryton_as_sales(shop: Shop, tryton: TrytonConnector,
                                                 settings: ErpSettings) -> None:
    sku = shop.product(price=1210)
    refs = [shop.order({sku: 2}, customer=CUSTOMER), shop.order({sku: 1})]
    assert queue_unsent_orders(shop.db, settings) == 2

    report = deliver_orders(shop.db, tryton, settings)

    assert (report.created, report.found, report.failed, report.waiting) == (2, 0, 0, 0), report.errors
    sale, = _sales(tryton, settings.order_ref(refs[0]))
    assert sale["state"] == "draft"
    assert sale["party."]["code"] == f"{settings.prefix}C1"
    # 12.10 with 21 % VAT included is 10.00 before tax, as Tryton prices are; the VAT is
    # Tryton's own, from the 21 % tax the line names.
    assert (sale["untaxed_amount"], sale["tax_amount"], sale["total_amount"]) == (
        Decimal("20.00"), Decimal("4.20"), Decimal("24.20"))
    line, = tryton.rpc.search_read("sale.line", [("sale", "=", sale["id"])],
                                   ["product.code", "quantity", "unit_price"])
    assert (line["product."]["code"], line["quantity"], line["unit_price"]) == (
        sku, 2.0, Decimal("10.00"))
    party, = tryton.rpc.search_read("party.party", [("code", "=", f"{settings.prefix}C1")],
                                    ["name", "identifiers", "addresses"])
    assert party["name"] == "Ferretería Ruiz SL"
    ident, = tryton.rpc.search_read("party.identifier", [("party", "=", party["id"])],
                                    ["type", "code"])
    assert (ident["type"], ident["code"]) == ("eu_vat", "ESB12345674")
    address, = tryton.rpc.search_read("party.address", [("party", "=", party["id"])],
                                      ["city", "postal_code", "country.code"])
    assert (address["city"], address["postal_code"], address["country."]["code"]) == (
        "Madrid", "28013", "ES")
    with shop.db.read() as s:
        links = {(lk.kind, lk.erp_id) for lk in s.scalars(select(ErpLink))}
    assert ("order", sale["id"]) in links and ("customer", party["id"]) in links
    assert erp_overview(shop.db, "tryton").delivered == 2


def test_sales_are_confirmed_when_the_setting_asks(shop: Shop, tryton: TrytonConnector,
                                                    settings: ErpSettings) -> None:
    sku = shop.product()
    ref = shop.order({sku: 3}, customer=CUSTOMER)
    confirming = ErpSettings(erp=settings.erp, prefix=settings.prefix, confirm=True)
    queue_unsent_orders(shop.db, confirming)

    deliver_orders(shop.db, tryton, confirming)

    sale, = _sales(tryton, confirming.order_ref(ref))
    # Confirmed sales move straight on to processing (manual shipment and invoicing).
    assert sale["state"] in ("confirmed", "processing")


def test_pushing_again_after_losing_the_links_creates_no_second_sale(
        shop: Shop, tryton: TrytonConnector, settings: ErpSettings) -> None:
    sku = shop.product()
    ref = shop.order({sku: 1}, customer=CUSTOMER)
    queue_unsent_orders(shop.db, settings)
    deliver_orders(shop.db, tryton, settings)
    # As if omsdesk crashed after Tryton answered: no link, no outbox row.
    with shop.db.write() as s:
        s.execute(delete(ErpLink))
        s.execute(delete(OutboxMessage))
    assert queue_unsent_orders(shop.db, settings) == 1

    report = deliver_orders(shop.db, tryton, settings)

    assert (report.created, report.found) == (0, 1)
    assert len(_sales(tryton, settings.order_ref(ref))) == 1
    parties = tryton.rpc.search_read("party.party", [("code", "=", f"{settings.prefix}C1")],
                                     ["id"])
    assert len(parties) == 1
    assert queue_unsent_orders(shop.db, settings) == 0


def test_a_price_changed_in_tryton_reaches_the_local_product(
        shop: Shop, tryton: TrytonConnector, settings: ErpSettings) -> None:
    sku = shop.product(f"{settings.prefix}P", price=1210)
    shop.order({sku: 1})
    queue_unsent_orders(shop.db, settings)
    deliver_orders(shop.db, tryton, settings)
    before = utcnow() - timedelta(seconds=1)
    product, = tryton.rpc.search_read("product.product", [("code", "=", sku)], ["template"])
    tryton.rpc.call("product.template", "write", [product["template"]],
                    {"list_price": Decimal("20.00"), "name": "Renamed in Tryton"})

    report = pull_products(shop.db, tryton, actor=ACTOR, since=before)

    assert [c.split(":")[0] for c in report.changed] == [sku]
    with shop.db.read() as s:
        local = s.scalars(select(Product).where(Product.sku == sku)).one()
    assert (local.price, local.name) == (2420, "Renamed in Tryton")


def test_orders_wait_in_the_outbox_while_tryton_is_down_then_go(
        shop: Shop, tryton_server: TrytonServer, tryton: TrytonConnector,
        settings: ErpSettings) -> None:
    sku = shop.product()
    ref = shop.order({sku: 1}, customer=CUSTOMER)
    queue_unsent_orders(shop.db, settings)
    down = TrytonConnector(f"http://127.0.0.1:{free_port()}", tryton_server.database,
                           tryton_server.login, tryton_server.password, sleep=lambda _s: None)

    report = deliver_orders(shop.db, down, settings)

    assert report.waiting == 1 and "unreachable" in report.errors[0]
    msg, = shop.outbox("erp.order")
    assert (msg.status, msg.attempts) == ("pending", 1)
    assert msg.next_attempt_at > utcnow()
    # Not due yet: a run now leaves it alone.
    assert deliver_orders(shop.db, tryton, settings).created == 0
    report = deliver_orders(shop.db, tryton, settings, now=msg.next_attempt_at)
    assert report.created == 1
    assert shop.outbox("erp.order")[0].status == "delivered"
    assert len(_sales(tryton, settings.order_ref(ref))) == 1


def test_a_wrong_password_is_reported_as_a_login_problem(tryton_server: TrytonServer) -> None:
    conn = TrytonConnector(tryton_server.url, tryton_server.database, tryton_server.login,
                           "not-the-password", sleep=lambda _s: None)
    with pytest.raises(AuthError, match="refused the login 'admin'"):
        conn.rpc.connect()
    assert not conn.check().ok


def test_the_cli_pushes_orders_and_reports_json(shop: Shop, tryton_server: TrytonServer,
                                                tryton: TrytonConnector,
                                                settings: ErpSettings) -> None:
    sku = shop.product()
    ref = shop.order({sku: 1}, customer=CUSTOMER)
    env = {**os.environ, "OMSDESK_ERP_PASSWORD": tryton_server.password}
    args = [sys.executable, "-m", "omsdesk", "--db", shop.db.url, "erp", "push", "--json",
            "--url", tryton_server.url, "--database", tryton_server.database,
            "--login", tryton_server.login, "--prefix", settings.prefix]

    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120,
                          check=False)

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["queued"] == 1
    assert (result["orders"]["created"], result["orders"]["waiting"]) == (1, 0)
    sale, = _sales(tryton, settings.order_ref(ref))
    assert list(result["orders"]["erp_ids"].values()) == [sale["id"]]


def test_a_record_tryton_refuses_is_reported_with_its_reason(tryton: TrytonConnector) -> None:
    with pytest.raises(ErpRejected, match=r"Tryton refused model\.party\.identifier\.create"):
        tryton.rpc.create("party.identifier", [{"type": "eu_vat", "code": "ES00000000X"}])


def test_an_order_of_a_customer_not_in_tryton_is_refused_clearly(
        tryton: TrytonConnector, settings: ErpSettings) -> None:
    order = ErpOrder(1, f"{settings.prefix}SO-1", f"{settings.prefix}nobody", date.today(), "EUR",
                     (ErpLine("X", "X", 1, 100),))
    with pytest.raises(ErpRejected, match="push customers first"):
        tryton.push_orders([order])


def test_the_benchmark_reports_its_figure_beside_the_baseline(tryton_server: TrytonServer) -> None:
    from bench.erp import bench_erp_push

    result, = bench_erp_push(n=20, baseline_samples=3, url=tryton_server.url,
                             database=tryton_server.database, login=tryton_server.login,
                             password=tryton_server.password)

    assert result["unit"] == "orders/s" and result["value"] > 0 and result["baseline"] > 0
    assert result["ratio"] == pytest.approx(result["value"] / result["baseline"], rel=0.02)
    assert set(result) >= {"name", "value", "unit", "baseline", "ratio", "goal", "passed"}


def test_invoices_and_credit_notes_become_draft_customer_invoices(
        tryton: TrytonConnector, settings: ErpSettings) -> None:
    customer = f"{settings.prefix}C9"
    tryton.push_customers([ErpCustomer(9, customer, "Cliente Factura")])
    lines = (ErpLine(f"{settings.prefix}INV", "Widget", 2, 1000),)
    invoices = [
        ErpInvoice(1, f"{settings.prefix}F1", customer, date(2026, 11, 3), "EUR", lines),
        ErpInvoice(2, f"{settings.prefix}R1", customer, date(2026, 11, 4), "EUR",
                   (ErpLine(f"{settings.prefix}INV", "Widget", -1, 1000),), credit_note=True),
    ]

    first = tryton.push_invoices(invoices)
    again = tryton.push_invoices(invoices)

    assert [r.created for r in first] == [True, True]
    assert [r.created for r in again] == [False, False]
    rows = tryton.rpc.search_read("account.invoice",
                                  [("reference", "in", [i.number for i in invoices])],
                                  ["reference", "state", "total_amount", "type"])
    totals = {r["reference"]: (r["state"], r["type"], r["total_amount"]) for r in rows}
    assert totals == {f"{settings.prefix}F1": ("draft", "out", Decimal("20.00")),
                      f"{settings.prefix}R1": ("draft", "out", Decimal("-10.00"))}


def test_issued_invoices_and_credit_notes_follow_their_orders_to_tryton(
        shop: Shop, tryton: TrytonConnector, settings: ErpSettings) -> None:
    set_company(shop.db, actor=shop.actor, name="Tienda Demo SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")
    sku = shop.product(f"{settings.prefix}I", price=1210)
    shop.stock(sku, 5)
    ref = shop.order({sku: 2}, customer=CUSTOMER)
    order_svc.pay_order(shop.db, ref, actor=shop.actor)
    invoice = issue_invoice(shop.db, ref, actor=shop.actor).number
    credit = credit_invoice(shop.db, invoice, actor=shop.actor, reason_code="R4",
                            quantities={sku: 1}).number
    queue_unsent_orders(shop.db, settings)
    assert queue_unsent_invoices(shop.db, settings) == 2

    deliver_orders(shop.db, tryton, settings)
    report = deliver_invoices(shop.db, tryton, settings)

    assert (report.created, report.failed, report.waiting) == (2, 0, 0), report.errors
    rows = tryton.rpc.search_read(
        "account.invoice", [("reference", "in", [settings.order_ref(invoice),
                                                 settings.order_ref(credit)])],
        ["reference", "total_amount", "party.code", "description"])
    got = {r["reference"]: (r["total_amount"], r["party."]["code"], r["description"])
           for r in rows}
    # With their 21 % VAT: 20.00 + 4.20, and the credit of one unit -(10.00 + 2.10).
    assert got == {settings.order_ref(invoice): (Decimal("24.20"), f"{settings.prefix}C1", ref),
                   settings.order_ref(credit): (Decimal("-12.10"), f"{settings.prefix}C1", ref)}
    assert queue_unsent_invoices(shop.db, settings) == 0
