"""The Odoo connector against a local server that speaks Odoo's external JSON-RPC protocol."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Channel
from omsdesk.models.sync_state import ChannelSyncState, SyncRun
from omsdesk.services.channels.erp import ErpSettings, erp_overview, queue_unsent_orders
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput
from omsdesk.sync.erp.base import (
    ErpCustomer,
    ErpInvoice,
    ErpLine,
    ErpOrder,
    ErpProduct,
    ErpRejected,
)
from omsdesk.sync.erp.delivery import deliver_orders
from omsdesk.sync.erp.odoo import OdooConnector
from omsdesk.sync.errors import AuthError
from tests.fixtures.database import Shop
from tests.fixtures.odoo_server import DATABASE, LOGIN, FakeOdoo


@pytest.fixture
def shop(sqlite_db: Database) -> Shop:
    s = Shop(sqlite_db)
    s.warehouses(("MAD",))
    return s


def test_orders_become_partners_and_sale_orders(shop: Shop, odoo_server: FakeOdoo,
                                                odoo: OdooConnector) -> None:
    sku = shop.product(price=1210)
    ref = shop.order({sku: 2}, customer=CustomerInput(
        name="Ana Gil", email="ana@example.es", tax_id="ESB12345674",
        address=AddressInput(line1="Calle Sol 3", city="Sevilla", postcode="41001")))
    settings = ErpSettings(erp="odoo", confirm=True)
    queue_unsent_orders(shop.db, settings)

    report = deliver_orders(shop.db, odoo, settings)

    assert report.created == 1, report.errors
    partner, = odoo_server.calls("res.partner", "create")[0][0]
    assert (partner["ref"], partner["city"], partner["country_id"]) == ("C1", "Sevilla", 1)
    assert partner["vat"] in ("B12345674", "ESB12345674")
    sale, = odoo_server.records["sale.order"].values()
    assert sale["client_order_ref"] == ref and sale["state"] == "sale"
    line, = (odoo_server.records["sale.order.line"][i] for i in sale["order_line"])
    assert (line["product_uom_qty"], line["price_unit"], line["tax_id"]) == (2, 10.0, [1])
    assert (sale["amount_untaxed"], sale["amount_tax"], sale["amount_total"]) == (
        20.0, 4.2, 24.2)
    product = odoo_server.records["product.product"][line["product_id"]]
    assert product["default_code"] == sku
    assert report.erp_ids == {sale["name"]: sale["id"]}


def test_pushing_twice_searches_first_and_creates_nothing(odoo_server: FakeOdoo,
                                                          odoo: OdooConnector) -> None:
    customer = ErpCustomer(7, "C7", "Luis")
    order = ErpOrder(7, "SO-7", "C7", date(2026, 11, 2), "EUR",
                     (ErpLine("A-1", "Widget", 1, 500),))
    products = [ErpProduct(0, "A-1", "Widget", None, 500, "EUR")]
    first = odoo.push_customers([customer]), odoo.push_orders([order], products)
    second = odoo.push_customers([customer]), odoo.push_orders([order], products)

    assert [r.created for r in first[0] + first[1]] == [True, True]
    assert [r.created for r in second[0] + second[1]] == [False, False]
    assert second[1][0].erp_id == first[1][0].erp_id
    assert len(odoo_server.calls("sale.order", "create")) == 1
    assert len(odoo_server.records["res.partner"]) == 1


def test_invoices_and_credit_notes_become_customer_moves(odoo_server: FakeOdoo,
                                                          odoo: OdooConnector) -> None:
    odoo.push_customers([ErpCustomer(1, "C1", "Ana")])
    lines = (ErpLine("A-1", "Widget", 2, 1000),)
    results = odoo.push_invoices([
        ErpInvoice(1, "F2026-1", "C1", date(2026, 11, 3), "EUR", lines, order_reference="SO-1"),
        ErpInvoice(2, "R2026-1", "C1", date(2026, 11, 4), "EUR",
                   (ErpLine("A-1", "Widget", -1, 1000),), credit_note=True),
    ])

    moves = {m["ref"]: m for m in odoo_server.records["account.move"].values()}
    assert moves["F2026-1"]["move_type"] == "out_invoice"
    assert moves["R2026-1"]["move_type"] == "out_refund"
    refund_line = odoo_server.records["account.move.line"][moves["R2026-1"]["invoice_line_ids"][0]]
    assert refund_line["quantity"] == 1
    assert moves["F2026-1"]["invoice_date"] == "2026-11-03"
    assert [r.created for r in results] == [True, True]
    assert [r.created for r in odoo.push_invoices([ErpInvoice(
        1, "F2026-1", "C1", date(2026, 11, 3), "EUR", lines)])] == [False]


def test_pull_products_since_a_time_returns_only_changed_ones(odoo_server: FakeOdoo,
                                                              odoo: OdooConnector) -> None:
    odoo_server.records["product.product"] = {
        1: {"id": 1, "default_code": "A-1", "name": "Old", "barcode": "4006381333931",
            "list_price": 9.99, "write_date": "2026-01-01 00:00:00"},
        2: {"id": 2, "default_code": "B-2", "name": "Other", "barcode": False,
            "list_price": 1.5, "write_date": "2026-01-01 00:00:00"},
    }
    odoo_server.touch("product.product", 1, list_price=12.5, name="New")

    changed = odoo.pull_products(since=datetime(2026, 6, 1, tzinfo=UTC))
    everything = odoo.pull_products()

    assert [(p.code, p.name, p.list_price, p.ean) for p in changed] == [
        ("A-1", "New", 1250, "4006381333931")]
    assert {p.code: p.list_price for p in everything} == {"A-1": 1250, "B-2": 150}
    assert changed[0].changed_at is not None
    assert changed[0].changed_at > datetime.now(UTC) - timedelta(minutes=5)


def test_a_wrong_password_is_a_login_error(odoo_server: FakeOdoo) -> None:
    conn = OdooConnector(odoo_server.url, DATABASE, LOGIN, "wrong", sleep=lambda _s: None)
    with pytest.raises(AuthError, match="refused the login"):
        conn.rpc.connect()
    assert not conn.check().ok


def test_an_odoo_validation_error_is_reported_as_refused(odoo: OdooConnector) -> None:
    with pytest.raises(ErpRejected, match="Missing required value for the field 'partner_id'"):
        odoo.rpc.execute("sale.order", "create", [{"client_order_ref": "X"}])


def test_orders_wait_while_odoo_answers_503_then_go(shop: Shop, odoo_server: FakeOdoo,
                                                    odoo: OdooConnector) -> None:
    sku = shop.product()
    shop.order({sku: 1})
    settings = ErpSettings(erp="odoo")
    queue_unsent_orders(shop.db, settings)
    odoo_server.down = True

    waiting = deliver_orders(shop.db, odoo, settings)
    msg, = shop.outbox("erp.order")
    odoo_server.down = False
    delivered = deliver_orders(shop.db, odoo, settings, now=msg.next_attempt_at)

    assert waiting.waiting == 1 and "503" in waiting.errors[0]
    assert (msg.status, msg.attempts) == ("pending", 1)
    assert delivered.created == 1
    assert len(odoo_server.records["sale.order"]) == 1


def test_erp_runs_and_health_show_up_like_a_channel(shop: Shop, odoo_server: FakeOdoo,
                                                    odoo: OdooConnector) -> None:
    shop.order({shop.product(): 1})
    settings = ErpSettings(erp="odoo")
    queue_unsent_orders(shop.db, settings)
    odoo_server.down = True
    deliver_orders(shop.db, odoo, settings)
    with shop.db.read() as s:
        channel = s.scalars(select(Channel).where(Channel.code == "erp-odoo")).one()
        offline = s.get(ChannelSyncState, channel.id)
        assert offline is not None and offline.offline and "503" in offline.last_error
    odoo_server.down = False
    msg, = shop.outbox("erp.order")

    deliver_orders(shop.db, odoo, settings, now=msg.next_attempt_at)

    assert msg.channel_id == channel.id
    with shop.db.read() as s:
        runs = s.scalars(select(SyncRun).where(SyncRun.channel_id == channel.id)
                         .order_by(SyncRun.id)).all()
        assert [(r.job, r.status, r.delivered) for r in runs] == [("erp_push", "failed", 0),
                                                                  ("erp_push", "ok", 1)]
        healthy = s.get(ChannelSyncState, channel.id)
        assert healthy is not None and not healthy.offline and healthy.consecutive_failures == 0
    assert erp_overview(shop.db, "odoo").delivered == 1
