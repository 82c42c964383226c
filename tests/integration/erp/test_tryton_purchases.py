"""Purchase orders reach a live Tryton (purchase module) as purchases, once only; cancels follow."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

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
    purchase_deliveries,
    send_purchase_order,
)
from omsdesk.sync.erp.purchase_delivery import deliver_purchases, supplier_reference
from omsdesk.sync.erp.tryton import TrytonConnector
from omsdesk.sync.purchase_send import deliver_purchase_order
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.tryton import TrytonServer

pytestmark = pytest.mark.tryton


@pytest.fixture
def settings(sqlite_db: Database) -> ErpSettings:
    # The Tryton database lives for the session; a prefix per test keeps references apart.
    erp = ErpSettings(erp="tryton", prefix=f"P{uuid.uuid4().hex[:6]}-")
    with sqlite_db.write() as s:
        erp_channel_in(s, erp)
    return erp


@pytest.fixture
def shop(sqlite_db: Database) -> Shop:
    s = Shop(sqlite_db)
    s.warehouses(("MAD",))
    return s


def _sent_po(shop: Shop, settings: ErpSettings) -> tuple[str, str]:
    sku = f"{settings.prefix}SIL-001"
    shop.product(sku)
    add_supplier(shop.db, "ACME", "Acme Suministros S.L.", actor=ACTOR, tax_id="B12345674")
    ref = create_purchase_order(shop.db, "ACME", "MAD", [(sku, 10, 825)], actor=ACTOR,
                                expected=date(2026, 12, 18)).reference
    send_purchase_order(shop.db, ref, actor=ACTOR)
    return ref, sku


def _purchases(conn: TrytonConnector, reference: str) -> list[dict]:
    return conn.rpc.search_read("purchase.purchase", [("reference", "=", reference)],
                                ["id", "state", "party.code", "lines", "total_amount",
                                 "delivery_date", "warehouse"])


def test_a_sent_purchase_order_becomes_a_draft_purchase_in_tryton(
        shop: Shop, tryton: TrytonConnector, settings: ErpSettings) -> None:
    ref, sku = _sent_po(shop, settings)
    report = deliver_purchases(shop.db, tryton, settings)
    assert (report.created, report.failed, report.errors) == (1, 0, [])
    [purchase] = _purchases(tryton, settings.order_ref(ref))
    assert purchase["state"] == "draft"
    assert purchase["party."]["code"] == supplier_reference(settings, "ACME")
    assert purchase["total_amount"] == Decimal("82.50")
    assert purchase["delivery_date"] == date(2026, 12, 18)
    assert purchase["warehouse"] is not None
    [line] = tryton.rpc.search_read("purchase.line", [("id", "in", purchase["lines"])],
                                    ["quantity", "unit_price", "product.code"])
    assert (line["quantity"], line["unit_price"], line["product."]["code"]) == (
        10.0, Decimal("8.25"), sku)
    with shop.db.read() as s:
        [link] = s.scalars(select(ErpLink).where(ErpLink.kind == "purchase")).all()
        assert link.erp_id == purchase["id"]
        assert [d.status for d in purchase_deliveries(s, ref)] == ["sent"]


def test_delivering_again_creates_no_second_purchase(
        shop: Shop, tryton: TrytonConnector, settings: ErpSettings) -> None:
    ref, _sku = _sent_po(shop, settings)
    deliver_purchases(shop.db, tryton, settings)
    with shop.db.write() as s:
        # As if omsdesk crashed after Tryton answered: the message is due again.
        msg = s.scalars(select(OutboxMessage).where(OutboxMessage.topic == TOPIC_PURCHASE)).one()
        msg.status = "pending"
    again = deliver_purchases(shop.db, tryton, settings)
    assert (again.created, again.found) == (0, 1)
    assert len(_purchases(tryton, settings.order_ref(ref))) == 1


def test_purchasing_send_delivers_to_tryton_at_once_and_cancel_follows(
        shop: Shop, tryton_server: TrytonServer, tryton: TrytonConnector,
        settings: ErpSettings) -> None:
    ref, _sku = _sent_po(shop, settings)

    def factory(_channel: object) -> TrytonConnector:
        return TrytonConnector(tryton_server.url, tryton_server.database, tryton_server.login,
                               tryton_server.password, sleep=lambda _s: None)

    [erp] = deliver_purchase_order(shop.db, ref, erp_factory=factory)  # type: ignore[arg-type]
    assert (erp.channel, erp.status, erp.error) == ("erp:tryton", "sent", "")
    cancel_purchase_order(shop.db, ref, actor=ACTOR, reason="supplier out of stock")
    report = deliver_purchases(shop.db, tryton, settings)
    assert (report.failed, report.errors) == (0, [])
    assert [p["state"] for p in _purchases(tryton, settings.order_ref(ref))] == ["cancelled"]
