"""Every order gets a ship-by: imported and batch orders from their channel's promise, so late shows."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import AuditEntry, Channel, NotFound, Order, ValidationError
from omsdesk.planning.ship_by import ShipByPolicy, ship_by
from omsdesk.queries.order_page import OrderFilter
from omsdesk.queries.orders import list_orders
from omsdesk.services.channels.channels import add_channel, channel_ship_by, set_ship_by
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import LineInput, OrderInput, create_order
from omsdesk.sync.demo_data import CATALOGUE, generate_orders
from omsdesk.sync.importer import import_orders
from omsdesk.sync.shopify import parse_order
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.database import ACTOR, Shop

CHANNEL = "tienda"


@pytest.fixture
def store(db: Database) -> Shop:
    shop = Shop(db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE:
        shop.product(product.sku, price=int(product.price * 100), tax_rate_bp=int(product.rate * 10000))
        shop.stock(product.sku, 500)
    add_channel(db, kind="shopify", name="Tienda", code=CHANNEL, url="https://tienda.myshopify.com",
                actor=ACTOR)
    return shop


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _late(db: Database) -> set[str]:
    with db.read() as s:
        return {r.reference for r in list_orders(s, OrderFilter(late_only=True))}


def test_imported_orders_get_a_ship_by_from_the_channel_and_show_as_late(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    set_ship_by(store.db, CHANNEL, actor=ACTOR, handling_days=2, cutoff="12:00")
    demos = generate_orders(3)  # placed on Monday 2 March 2026 from 10:00 Madrid time
    shopify_shop.add_orders(demos)
    page = [parse_order(shopify_shop._rendered[d.order_id]) for d in demos]
    assert import_orders(store.db, CHANNEL, page, actor=ACTOR).created == 3
    with store.db.read() as s:
        orders = list(s.scalars(select(Order).order_by(Order.id)))
        assert [o.ship_by is not None for o in orders] == [True] * 3
        for o in orders:
            assert o.ship_by is not None
            expected = ship_by(_aware(o.placed_at), ShipByPolicy(2, time(12, 0)))
            assert _aware(o.ship_by) == expected
        # 10:00 Monday is before the 12:00 cut-off: two working days later is Wednesday 12:00.
        assert _aware(orders[0].ship_by) == datetime(2026, 3, 4, 11, 0, tzinfo=UTC)  # type: ignore[arg-type]
        refs = {o.reference for o in orders if o.status not in ("shipped", "cancelled")}
    assert refs and refs <= _late(store.db)


def test_a_batch_order_is_late_only_once_past_its_ship_by(store: Shop) -> None:
    now = datetime.now(UTC)
    sku = CATALOGUE[0].sku
    old, fresh = place_orders(store.db, [
        OrderInput(lines=(LineInput(sku, 1),), channel="manual", placed_at=now - timedelta(days=10)),
        OrderInput(lines=(LineInput(sku, 1),), channel="manual", placed_at=now),
    ], actor=ACTOR)
    with store.db.read() as s:
        by_ref = {o.reference: o for o in s.scalars(select(Order))}
    assert by_ref[old.reference].ship_by is not None and by_ref[fresh.reference].ship_by is not None
    assert _aware(by_ref[fresh.reference].ship_by) > now  # type: ignore[arg-type]
    late = _late(store.db)
    assert old.reference in late and fresh.reference not in late


def test_a_date_from_the_marketplace_wins_over_the_channel_promise(store: Shop) -> None:
    promised = datetime(2026, 3, 20, 18, 0, tzinfo=UTC)
    placed = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    one = create_order(store.db, OrderInput(lines=(LineInput(CATALOGUE[0].sku, 1),), channel="manual",
                                            placed_at=placed, ship_by=promised), actor=ACTOR)
    two = create_order(store.db, OrderInput(lines=(LineInput(CATALOGUE[0].sku, 1),), channel="manual",
                                            placed_at=placed), actor=ACTOR)
    with store.db.read() as s:
        given = s.scalar(select(Order.ship_by).where(Order.id == one.id))
        derived = s.scalar(select(Order.ship_by).where(Order.id == two.id))
    assert given is not None and _aware(given) == promised
    # Default promise: one working day, 14:00 cut-off -> Tuesday 3 March 14:00 Madrid (13:00 UTC).
    assert derived is not None and _aware(derived) == datetime(2026, 3, 3, 13, 0, tzinfo=UTC)


def test_bad_ship_by_settings_are_refused_and_nothing_is_written(store: Shop) -> None:
    with store.db.read() as s:
        before = dict(s.scalar(select(Channel.settings).where(Channel.code == CHANNEL)) or {})
    with pytest.raises(ValidationError, match="0 to 30"):
        set_ship_by(store.db, CHANNEL, actor=ACTOR, handling_days=31)
    with pytest.raises(ValidationError, match="HH:MM"):
        set_ship_by(store.db, CHANNEL, actor=ACTOR, cutoff="25:00")
    with pytest.raises(NotFound, match="unknown channel 'nope'"):
        set_ship_by(store.db, "nope", actor=ACTOR, handling_days=2)
    with store.db.read() as s:
        assert dict(s.scalar(select(Channel.settings).where(Channel.code == CHANNEL)) or {}) == before
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.action == "set_ship_by")) is None
    assert channel_ship_by(store.db, CHANNEL) == ShipByPolicy()


def test_setting_the_promise_is_audited_and_kept(store: Shop) -> None:
    assert set_ship_by(store.db, CHANNEL, actor=ACTOR, cutoff="16:30") == ShipByPolicy(1, time(16, 30))
    assert set_ship_by(store.db, CHANNEL, actor=ACTOR, handling_days=3) == ShipByPolicy(3, time(16, 30))
    assert channel_ship_by(store.db, CHANNEL) == ShipByPolicy(3, time(16, 30))
    with store.db.read() as s:
        reasons = list(s.scalars(select(AuditEntry.reason).where(AuditEntry.action == "set_ship_by")
                                 .order_by(AuditEntry.id)))
    assert reasons == ["handling 1 -> 1 working day(s), cut-off 14:00 -> 16:30",
                       "handling 1 -> 3 working day(s), cut-off 16:30 -> 16:30"]
