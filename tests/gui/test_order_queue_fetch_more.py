"""The queue model's next page when the view asks for it during a reload (issue 13/17)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import LineInput, OrderInput
from omsdesk.ui.order_queue_model import PAGE, OrderQueueModel
from tests.fixtures.database import ACTOR, Shop


def test_reaching_the_bottom_during_a_reload_still_brings_the_next_page(qtbot: QtBot, sqlite_db: Database) -> None:
    """Qt asks for more once, when the clerk reaches the bottom; if a reload (another desk's
    change, the sync) is running then, the next page follows it instead of never coming."""
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    sku = shop.product()
    place_orders(sqlite_db, [OrderInput(lines=(LineInput(sku=sku, qty=1),), channel="manual")
                             for _ in range(PAGE + 50)], actor=ACTOR)
    model = OrderQueueModel(sqlite_db)
    try:
        model.refresh()
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() == PAGE, timeout=15_000)
        model.refresh()
        assert model.loading
        model.fetchMore()  # what QAbstractItemView does at the bottom, while the reload runs
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() == PAGE + 50, timeout=15_000)
        assert len({r.id for r in model.rows()}) == PAGE + 50
        assert not model.canFetchMore()
    finally:
        model.pool.waitForDone(20_000)
