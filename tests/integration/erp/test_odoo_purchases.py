"""Purchase orders reach Odoo as draft purchase.order (RFQs), once only; cancels follow."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import OutboxMessage
from omsdesk.models.erp import ErpLink
from omsdesk.services.channels.erp import ErpSettings, erp_channel_in
from omsdesk.services.goods_in.purchasing import (
    TOPIC_PURCHASE,
    add_supplier,
    cancel_purchase_order,
    create_purchase_order,
    send_purchase_order,
)
from omsdesk.sync.erp.odoo import OdooConnector
from omsdesk.sync.erp.purchase_delivery import deliver_purchases, supplier_reference
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.odoo_server import FakeOdoo


@pytest.fixture
def settings(sqlite_db: Database) -> ErpSettings:
    erp = ErpSettings(erp="odoo")
    with sqlite_db.write() as s:
        erp_channel_in(s, erp)
    return erp


@pytest.fixture
def shop(sqlite_db: Database) -> Shop:
    s = Shop(sqlite_db)
    s.warehouses(("MAD",))
    return s


def _sent_po(shop: Shop) -> str:
    shop.product("SIL-001")
    add_supplier(shop.db, "ACME", "Acme Suministros S.L.", actor=ACTOR, tax_id="B12345674")
    ref = create_purchase_order(shop.db, "ACME", "MAD", [("SIL-001", 10, 825)], actor=ACTOR,
                                expected=date(2026, 12, 18)).reference
    send_purchase_order(shop.db, ref, actor=ACTOR)
    return ref


def test_a_sent_purchase_order_becomes_a_draft_purchase_order_in_odoo(
        shop: Shop, odoo_server: FakeOdoo, odoo: OdooConnector, settings: ErpSettings) -> None:
    ref = _sent_po(shop)

    report = deliver_purchases(shop.db, odoo, settings)

    assert (report.created, report.failed, report.errors) == (1, 0, [])
    order, = odoo_server.records["purchase.order"].values()
    assert (order["origin"], order["state"], order["date_planned"]) == (
        ref, "draft", "2026-12-18 00:00:00")
    partner = odoo_server.records["res.partner"][order["partner_id"]]
    assert partner["ref"] == supplier_reference(settings, "ACME")
    line, = (odoo_server.records["purchase.order.line"][i] for i in order["order_line"])
    assert (line["product_qty"], line["price_unit"], order["amount_untaxed"]) == (10, 8.25, 82.5)
    assert line["taxes_id"] == [8]  # the vendor tax, never a sale tax
    with shop.db.read() as s:
        link, = s.scalars(select(ErpLink).where(ErpLink.kind == "purchase")).all()
    assert (link.erp_id, link.erp_name) == (order["id"], order["name"])


def test_delivering_again_finds_the_purchase_order_by_its_origin(
        shop: Shop, odoo_server: FakeOdoo, odoo: OdooConnector, settings: ErpSettings) -> None:
    _sent_po(shop)
    deliver_purchases(shop.db, odoo, settings)
    with shop.db.write() as s:
        msg = s.scalars(select(OutboxMessage).where(OutboxMessage.topic == TOPIC_PURCHASE)).one()
        msg.status = "pending"

    again = deliver_purchases(shop.db, odoo, settings)

    assert (again.created, again.found) == (0, 1)
    assert len(odoo_server.records["purchase.order"]) == 1


def test_a_cancelled_purchase_order_cancels_the_rfq_in_odoo(
        shop: Shop, odoo_server: FakeOdoo, odoo: OdooConnector, settings: ErpSettings) -> None:
    ref = _sent_po(shop)
    deliver_purchases(shop.db, odoo, settings)
    cancel_purchase_order(shop.db, ref, actor=ACTOR, reason="supplier out of stock")

    report = deliver_purchases(shop.db, odoo, settings)

    assert (report.failed, report.errors) == (0, [])
    assert [o["state"] for o in odoo_server.records["purchase.order"].values()] == ["cancel"]
