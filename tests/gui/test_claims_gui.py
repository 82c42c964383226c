"""Claimed work on the desktop (issue 17): Load wave claims for this bench, the queue shows who
holds each order, the heartbeat keeps the claim and says when another desk expired it; the Sync
view names the sync leader."""

from __future__ import annotations

import os
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.models.base import utcnow
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.claims import claim_wave
from omsdesk.sync.lock import SyncLock
from omsdesk.ui.context import AppContext
from omsdesk.ui.order_queue_model import OrderQueueModel
from omsdesk.ui.orders_view import OrdersView
from omsdesk.ui.pickpack import PickPackView
from omsdesk.ui.sync_view import SyncView
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import wait_for_pool

BENCH = Actor("picker", "bench-7")


def _claimed_column(queue: OrdersView) -> dict[str, str]:
    col = OrderQueueModel.COLUMNS.index("claimed")
    m = queue.model
    return {m.row_at(r).reference: m.data(m.index(r, col)) for r in range(m.rowCount())}


def test_load_wave_claims_for_this_bench_and_the_queue_shows_the_claim(
        qtbot: QtBot, sqlite_db: Database) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    shop.product("MUG-01")
    shop.stock("MUG-01", 10)
    refs = [shop.order_at("allocated", {"MUG-01": 1}) for _ in range(3)]
    ctx = AppContext(sqlite_db, BENCH)
    ctx.settings["language"] = "en"
    queue = OrdersView(ctx)
    pick = PickPackView(ctx)
    for w in (queue, pick):
        qtbot.addWidget(w)
        w.resize(1280, 800)
    qtbot.waitUntil(lambda: not queue.model.loading and queue.model.rowCount() == 3, timeout=15_000)
    assert set(_claimed_column(queue).values()) == {""}

    pick.wave_size.setValue(2)
    pick.refresh()  # F5 on this screen: Load wave
    assert pick.claim is not None and pick.chosen_orders() == refs[:2]
    assert "claimed for bench-7/picker" in pick.banner.text()
    # The claim told every view (orders_changed): the queue reloads and shows the holder.
    qtbot.waitUntil(lambda: _claimed_column(queue).get(refs[0]) == "bench-7/picker", timeout=15_000)
    assert _claimed_column(queue) == {refs[0]: "bench-7/picker", refs[1]: "bench-7/picker", refs[2]: ""}
    row = next(r for r in range(queue.model.rowCount()) if queue.model.row_at(r).reference == refs[0])
    tip = queue.model.data(queue.model.index(row, OrderQueueModel.COLUMNS.index("claimed")),
                           Qt.ItemDataRole.ToolTipRole)
    assert pick.claim.name in tip

    # The heartbeat (a worker) keeps it; a new wave gives the unstarted one back first.
    with qtbot.waitSignal(pick.heartbeat_done, timeout=10_000) as beat:
        pick.heartbeat()
    assert beat.args[0] == {pick.claim.id}
    first = pick.claim.id
    pick.load_wave()
    assert pick.claim is not None and pick.claim.id != first
    assert pick.chosen_orders() == refs[:2]

    # Bench 7 goes silent; another desk claims 3 minutes later and expires its wave.
    other = claim_wave(sqlite_db, actor=Actor("ana", "bench-1"), warehouse="MAD",
                       now=utcnow() + timedelta(minutes=3))
    assert other.references == tuple(refs)
    with qtbot.waitSignal(pick.heartbeat_done, timeout=10_000):
        pick.heartbeat()
    assert pick.claim is None and pick.chosen_orders() == []
    assert pick.banner.level == "error" and "expired" in pick.banner.text()
    wait_for_pool()


def test_the_sync_view_names_the_leader(qtbot: QtBot, sqlite_db: Database) -> None:
    lock = SyncLock(sqlite_db, workstation="daemon-1")
    assert lock.acquire()
    try:
        view = SyncView(AppContext(sqlite_db, BENCH))
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: view.snapshot is not None, timeout=10_000)
        assert view.leader_label.text().startswith(f"Sync leader: daemon-1, process {os.getpid()}, since ")
    finally:
        lock.release()
    view.refresh()
    qtbot.waitUntil(lambda: "none" in view.leader_label.text(), timeout=10_000)
    wait_for_pool()
