"""Pick & Pack with a carrier: the wave's carrier labels are booked and printed in a worker, with progress and cancel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from omsdesk.carriers.accounts import add_carrier
from omsdesk.carriers.base import Carrier, CarrierConfig
from omsdesk.carriers.labels import label_kind
from omsdesk.carriers.registry import create_carrier
from omsdesk.db import Database
from omsdesk.models import Shipment
from omsdesk.services.catalog import ProductInput, add_product, add_warehouse
from omsdesk.services.context import Actor
from omsdesk.services.customers import AddressInput
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from omsdesk.sync.http import RetryPolicy, Timeouts
from omsdesk.ui.context import AppContext
from omsdesk.ui.pickpack import PickPackView
from tests.carriers.servers.sendcloud import PUBLIC, SECRET, SendcloudServer
from tests.fixtures.database import ACTOR, next_ean


def _factory(config: CarrierConfig) -> Carrier:
    return create_carrier(config, timeouts=Timeouts(connect=2.0, read=5.0),
                          retry=RetryPolicy(attempts=1, connect_attempts=1), sleep=lambda _s: None)


@pytest.fixture
def server() -> Iterator[SendcloudServer]:
    with SendcloudServer() as running:
        assert isinstance(running, SendcloudServer)
        yield running


@pytest.fixture
def bench(qtbot: QtBot, sqlite_db: Database, tmp_path: Path, server: SendcloudServer,
          monkeypatch: pytest.MonkeyPatch) -> tuple[PickPackView, Path, list[str]]:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    add_warehouse(sqlite_db, "MAD", "Madrid central", actor=ACTOR, city="Madrid", postcode="28021")
    add_product(sqlite_db, ProductInput(sku="MUG-01", name="Taza", price=1210, ean=next_ean(), weight_g=400),
                actor=ACTOR)
    receive_stock(sqlite_db, "MUG-01", 10, "MAD", actor=ACTOR, reason="test")
    add_carrier(sqlite_db, kind="sendcloud", name="sendcloud", url=server.api, secret=f"{PUBLIC}:{SECRET}",
                actor=ACTOR)
    refs = []
    for i in range(3):
        ref = create_order(sqlite_db, OrderInput(
            lines=(LineInput(sku="MUG-01", qty=1),), customer=CustomerInput(name=f"Cliente {i}"),
            ship_to=AddressInput(name=f"Cliente {i}", line1="Calle Mayor 1", city="Madrid", postcode="28013")),
            actor=ACTOR).reference
        order_svc.pay_order(sqlite_db, ref, actor=ACTOR)
        allocate_order(sqlite_db, ref, actor=ACTOR)
        refs.append(ref)
    ctx = AppContext(sqlite_db, Actor("picker", "pack-1"))
    out = tmp_path / "printed"
    ctx.settings.update({"output_dir": str(out), "language": "en"})
    view = PickPackView(ctx)
    view.carrier_factory = _factory
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view, out, refs


def _pick_and_pack(qtbot: QtBot, view: PickPackView) -> Any:
    view.refresh()
    qtbot.keyClick(view.scan, Qt.Key.Key_F8)
    for _ in range(3):
        qtbot.keyClicks(view.scan, "MUG-01")
        qtbot.keyClick(view.scan, Qt.Key.Key_Return)
    with qtbot.waitSignal(view.packed, timeout=20000) as packed:
        qtbot.keyClick(view.scan, Qt.Key.Key_F10)
    return packed.args[0]


def test_packing_a_wave_books_and_prints_every_carrier_label_with_progress(qtbot: QtBot, bench: Any,
                                                                           server: SendcloudServer) -> None:
    view, out, refs = bench
    seen: list[tuple[int, int]] = []
    view.labels_bar.valueChanged.connect(lambda v: seen.append((v, view.labels_bar.maximum())))
    with qtbot.waitSignal(view.labels_done, timeout=30000) as done:
        result = _pick_and_pack(qtbot, view)
        assert result.carrier and len(result.parcels) == 3
        assert view.labels_bar.isVisible() and view.cancel_labels_button.isVisible()
    report = done.args[0]
    assert [o.error for o in report.outcomes] == ["", "", ""] and not report.cancelled
    assert (3, 3) in seen and any(v < 3 for v, _ in seen)
    assert not view.labels_bar.isVisible()
    assert "3 printed, 0 not" in view.banner.text()
    saved = sorted(out.glob("label-*.pdf"))
    assert len(saved) == 3 and all(label_kind(p.read_bytes()) == "pdf" for p in saved)
    assert not list(out.glob("labels-*.pdf"))  # our own label is not printed beside the carrier's
    assert server.booked == 3
    with view.ctx.db.read() as s:
        assert all(t.startswith("3SSND") for t in s.scalars(select(Shipment.tracking)))
    # A reprint prints the same labels again and books nothing.
    with qtbot.waitSignal(view.labels_done, timeout=30000):
        qtbot.keyClick(view.scan, Qt.Key.Key_F9)
    assert server.booked == 3


def test_stopping_the_labels_leaves_the_rest_for_later(qtbot: QtBot, bench: Any, server: SendcloudServer) -> None:
    view, _out, _refs = bench
    server.stall_booking, server.stall_seconds = 1, 0.5  # the first label takes a moment
    with qtbot.waitSignal(view.labels_done, timeout=30000) as done:
        _pick_and_pack(qtbot, view)
        # Stopped while the first parcel is at the carrier: that one finishes, the rest wait.
        qtbot.waitUntil(lambda: any(r.method == "POST" for r in server.requests), timeout=10000)
        qtbot.keyClick(view.scan, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        assert not view.cancel_labels_button.isEnabled()
    report = done.args[0]
    assert report.cancelled and len(report.outcomes) == 1 and len(report.skipped) == 2
    assert "stopped, 2 left for later" in view.banner.text()
    assert server.booked == 1
