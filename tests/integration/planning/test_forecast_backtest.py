"""The forecast on the demo history: it must beat the naive last-period forecast."""

from __future__ import annotations

from datetime import timedelta

import pytest

from omsdesk.db import Database
from omsdesk.demo.seed import seed_demo
from omsdesk.models.base import utcnow
from omsdesk.planning.backtest import backtest
from omsdesk.queries.planning import daily_demand, product_forecast


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from omsdesk.db import open_database

    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}")
    seed_demo(db, orders=5000, products=120, seed=7)
    return db


def test_holt_winters_beats_naive_on_the_demo_history(demo: Database) -> None:
    with demo.read() as s:
        history = daily_demand(s)
    assert len(history.total) == 84 and sum(history.total) > 1000
    result = backtest(history.total, history.by_product)
    assert result.origins >= 3
    assert result.mase["holt_winters"] < result.mase["naive"]
    assert result.mape["holt_winters"] < result.mape["naive"]
    assert result.product_mase["holt_winters"] < result.product_mase["naive"]


def test_product_forecast_gives_cover_and_stockout(demo: Database) -> None:
    with demo.read() as s:
        history = daily_demand(s)
        best = max(history.by_product, key=lambda p: sum(history.by_product[p]))
        from omsdesk.models import Product

        sku = s.get(Product, best).sku  # type: ignore[union-attr]
        fc = product_forecast(s, sku)
    assert len(fc.forecast) == 28 and sum(fc.forecast) > 0
    assert {w.warehouse for w in fc.warehouses} == {"MAD", "BCN", "SVQ"}
    assert fc.days_of_cover is not None
    available = sum(w.available for w in fc.warehouses)
    assert fc.days_of_cover == pytest.approx(available / (sum(fc.forecast) / 28), rel=0.01)
    if fc.stockout_date is not None:
        assert utcnow().date() <= fc.stockout_date < utcnow().date() + timedelta(days=28)
