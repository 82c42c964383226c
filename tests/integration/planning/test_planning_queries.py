"""Read side of planning: low-stock alerts, available to sell per channel, analytics and CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from omsdesk.models import Channel
from omsdesk.queries import analytics
from omsdesk.queries.planning import (
    available_to_sell,
    changed_only,
    low_stock_alerts,
    low_stock_count,
)
from omsdesk.services.fulfilment import returns
from omsdesk.services.fulfilment.routing import set_channel_rule
from omsdesk.services.goods_in.purchasing import set_reorder_rule
from tests.fixtures.database import ACTOR, Shop


def _channel_id(shop: Shop, code: str) -> int:
    with shop.db.read() as s:
        return s.execute(select(Channel.id).where(Channel.code == code)).scalar_one()


def test_low_stock_alerts_use_the_rule_minimum_over_the_reorder_point(shop: Shop) -> None:
    low, fine = shop.product(), shop.product()
    shop.stock(low, 4, "MAD")
    shop.stock(fine, 40, "MAD")
    set_reorder_rule(shop.db, low, "MAD", actor=ACTOR, min_qty=5)
    set_reorder_rule(shop.db, fine, "MAD", actor=ACTOR, min_qty=5)
    with shop.db.read() as s:
        alerts = low_stock_alerts(s)
        count = low_stock_count(s)
    assert [(a.sku, a.warehouse, a.available, a.threshold) for a in alerts] == [(low, "MAD", 4, 5)]
    assert count == 1


def test_available_to_sell_skips_excluded_warehouses_and_holds_back_the_buffer(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 10, "MAD")
    shop.stock(sku, 6, "BCN")
    shop.order_at("allocated", {sku: 3})          # reserves 3 in MAD; creates the manual channel
    channel = _channel_id(shop, "manual")
    with shop.db.read() as s:
        assert available_to_sell(s, channel)[sku] == 13
    set_channel_rule(shop.db, "manual", "BCN", "exclude", actor=ACTOR)
    with shop.db.write() as s:
        ch = s.get(Channel, channel)
        assert ch is not None
        ch.settings = {**ch.settings, "stock_buffer": 2}
    with shop.db.read() as s:
        assert available_to_sell(s, channel)[sku] == 5   # 10 - 3 reserved - 2 buffer


def test_push_list_has_only_changed_figures() -> None:
    assert changed_only({"A": 5, "B": 0, "C": 7}, {"A": 5, "B": 1}) == {"B": 0, "C": 7}


def test_analytics_value_top_sellers_stockouts_and_csv(shop: Shop, tmp_path: Path) -> None:
    hot, cold = shop.product(price=1000), shop.product(price=500)
    shop.stock(hot, 3, "MAD")
    shop.stock(cold, 2, "BCN")
    ref = shop.order_at("shipped", {hot: 3})      # Madrid runs out of hot
    assert shop.status(ref) == "shipped"
    with shop.db.read() as s:
        value = {r.warehouse: (r.units, r.value) for r in analytics.stock_value(s)}
        top = analytics.top_sellers(s)
        outs = analytics.stockouts(s)
        turns = {r.sku: r for r in analytics.turnover(s)}
    assert value == {"BCN": (2, 1000)}
    assert [(r.warehouse, r.rank, r.sku, r.units) for r in top] == [("MAD", 1, hot, 3)]
    assert [(r.sku, r.warehouse, r.events, r.out_now) for r in outs] == [(hot, "MAD", 1, True)]
    assert turns[hot].sold == 3 and turns[cold].sold == 0
    path = tmp_path / "top.csv"
    assert analytics.write_csv(top, path) == 1
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows == [{"warehouse": "MAD", "rank": "1", "sku": hot, "name": f"Product {hot}", "units": "3"}]


def test_returned_goods_count_back_in_value(shop: Shop) -> None:
    sku = shop.product(price=700)
    shop.stock(sku, 2, "MAD")
    ref = shop.order_at("shipped", {sku: 2})
    returns.return_order(shop.db, ref, actor=ACTOR, reason="damaged box")
    with shop.db.read() as s:
        assert [(r.warehouse, r.units, r.value) for r in analytics.stock_value(s)] == [("MAD", 2, 1400)]


def test_daily_demand_buckets_orders_by_utc_day_and_skips_cancelled(shop: Shop) -> None:
    from datetime import timedelta

    from omsdesk.models.base import utcnow
    from omsdesk.queries.planning import daily_demand
    from omsdesk.services.fulfilment.orders import cancel_order
    from omsdesk.services.intake.order_entry import (
        CustomerInput,
        LineInput,
        OrderInput,
        create_order,
    )

    sku = shop.product()
    when = utcnow() - timedelta(days=3)
    for qty in (2, 5):
        create_order(shop.db, OrderInput(lines=(LineInput(sku=sku, qty=qty),), placed_at=when,
                                         customer=CustomerInput(name="Ana")), actor=ACTOR)
    dropped = create_order(shop.db, OrderInput(lines=(LineInput(sku=sku, qty=9),), placed_at=when,
                                               customer=CustomerInput(name="Ana")), actor=ACTOR)
    cancel_order(shop.db, dropped.reference, actor=ACTOR)
    with shop.db.read() as s:
        history = daily_demand(s, days=7)
    day = (when.date() - history.start).days
    assert history.total[day] == 7.0 and sum(history.total) == 7.0
    assert list(history.by_product.values()) == [history.total]
