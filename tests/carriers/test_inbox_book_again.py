"""A failed booking in the exceptions inbox: "Book again" books it through the carrier and it leaves the inbox."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from omsdesk.carriers.booking import Bookings
from omsdesk.db import Database
from omsdesk.ui.context import AppContext
from omsdesk.ui.exceptions_view import ExceptionsView
from tests.carriers.conftest import fast_factory, make_parcels
from tests.fixtures.database import ACTOR
from tests.fixtures.gui_data import GUI_ACTOR


def test_book_again_from_the_inbox(qtbot: QtBot, sqlite_db: Database, carrier_servers: dict[str, Any]) -> None:
    server = carrier_servers["sendcloud"]
    server.reset()
    parcels = make_parcels(sqlite_db, "sendcloud", server)
    ref, sid = parcels.packed()
    server.fail(503, times=2)
    with Bookings(sqlite_db, actor=ACTOR, factory=fast_factory) as bookings:
        assert "503" in bookings.book(sid).error
    view = ExceptionsView(AppContext(sqlite_db, GUI_ACTOR))
    view.carrier_factory = fast_factory
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(view.items) == 1, timeout=10_000)
    assert view.table.item(0, 0).text() == "Carrier booking failed" and view.table.item(0, 1).text() == ref
    assert "503" in view.table.item(0, 3).text()
    view.table.selectRow(0)
    assert view.act_button.text().startswith("Book again")
    with qtbot.waitSignal(view.acted, timeout=10_000) as acted:
        view.act_button.click()
    assert acted.args == ["book", ref]
    qtbot.waitUntil(lambda: view.items == [], timeout=10_000)
    assert server.booked >= 1


def test_a_booked_label_can_be_cancelled_at_either_carrier(sqlite_db: Database, carrier_servers: dict[str, Any]) -> None:
    from omsdesk.carriers.accounts import connect
    from omsdesk.services.fulfilment.carriers import account_for

    for kind in ("sendcloud", "correos"):
        server = carrier_servers[kind]
        server.reset()
    parcels = make_parcels(sqlite_db, "correos", carrier_servers["correos"])
    _ref, sid = parcels.packed()
    with Bookings(sqlite_db, actor=ACTOR, factory=fast_factory) as bookings:
        code = bookings.book(sid).tracking
    with sqlite_db.read() as s:
        account = account_for(s)
    assert account is not None
    carrier = connect(account, fast_factory)
    try:
        carrier.cancel(code)
    finally:
        carrier.close()
    assert code not in carrier_servers["correos"].shipments
    # Sendcloud, straight through its connector.
    from omsdesk.carriers.base import Address, CarrierConfig, ParcelRequest
    from tests.carriers.conftest import SECRETS, server_url

    sendcloud = carrier_servers["sendcloud"]
    connector = fast_factory(CarrierConfig("sc", "sendcloud", server_url("sendcloud", sendcloud), SECRETS["sendcloud"]))
    try:
        booking = connector.book(ParcelRequest(
            key="cancel-test-1", reference="SO-X", sender=Address("Tienda", "Calle A 1"),
            recipient=Address("Ana", "Calle B 2", postcode="28013", city="Madrid"), weight_g=500))
        connector.cancel(booking.carrier_ref)
    finally:
        connector.close()
    assert sendcloud.parcels[int(booking.carrier_ref)]["status"]["message"] == "Cancelled"
