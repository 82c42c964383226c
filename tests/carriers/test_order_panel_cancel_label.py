"""The order panel's "Cancel label…": asks first, the carrier voids the label in a worker, the parcel books again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from omsdesk.carriers.booking import Bookings
from omsdesk.db import Database
from omsdesk.models import Shipment
from omsdesk.ui.context import AppContext
from omsdesk.ui.order_detail import OrderDetailView
from tests.carriers.conftest import fast_factory, make_parcels
from tests.fixtures.database import ACTOR
from tests.fixtures.gui_data import GUI_ACTOR


def _view(qtbot: QtBot, db: Database, ref: str) -> OrderDetailView:
    view = OrderDetailView(AppContext(db, GUI_ACTOR))
    view.carrier_factory = fast_factory
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_order(ref)
    return view


def test_cancel_label_asks_then_voids_the_label_and_the_parcel_stays_packed(
        qtbot: QtBot, sqlite_db: Database, carrier_servers: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.ui import confirm

    server = carrier_servers["sendcloud"]
    server.reset()
    ref, sid = make_parcels(sqlite_db, "sendcloud", server).packed()
    view = _view(qtbot, sqlite_db, ref)
    assert not view.cancel_label_button.isEnabled()  # packed, nothing booked yet
    with Bookings(sqlite_db, actor=ACTOR, factory=fast_factory) as bookings:
        tracking = bookings.book(sid).tracking
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.reload()
    assert view.cancel_label_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(confirm, "confirm", lambda _p, _t, text: asked.append(text) or len(asked) > 1)
    view.cancel_label_button.click()  # answered No: the carrier is not asked
    assert not [r for r in server.requests if r.path.endswith("/cancel")]
    with qtbot.waitSignal(view.action_done, timeout=10_000) as done:
        view.cancel_label_button.click()
    assert done.args == [ref, "cancel-label"] and f"parcel {sid}" in asked[1]
    with sqlite_db.read() as s:
        parcel = s.get(Shipment, sid)
        assert parcel is not None and (parcel.status, parcel.label, parcel.tracking) == ("packed", None, "")
    at_carrier = next(p for p in server.parcels.values() if p["tracking_number"] == tracking)
    assert at_carrier["status"]["message"] == "Cancelled"
    qtbot.waitUntil(lambda: not view.cancel_label_button.isEnabled(), timeout=10_000)


def test_a_refusal_is_shown_and_the_label_stays(qtbot: QtBot, sqlite_db: Database, carrier_servers: dict[str, Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from omsdesk.ui import confirm

    server = carrier_servers["sendcloud"]
    server.reset()
    ref, sid = make_parcels(sqlite_db, "sendcloud", server).packed()
    with Bookings(sqlite_db, actor=ACTOR, factory=fast_factory) as bookings:
        tracking = bookings.book(sid).tracking
    server.scan(tracking, "en-route-to-sorting-center", datetime.now(UTC))  # picked up before the poll saw it
    view = _view(qtbot, sqlite_db, ref)
    monkeypatch.setattr(confirm, "confirm", lambda *_a: True)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    view.cancel_label_button.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
    assert "will not cancel" in warned[0] and "already accepted" in warned[0]
    with sqlite_db.read() as s:
        assert s.scalar(select(Shipment.tracking).where(Shipment.id == sid)) == tracking
