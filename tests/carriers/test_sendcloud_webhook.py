"""Sendcloud's webhook: signed calls only, the parcel tracked through the polling path, each event stored once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import requests
from sqlalchemy import func, select

from omsdesk.carriers.booking import Bookings
from omsdesk.carriers.sendcloud_webhook import SIGNATURE_HEADER, WebhookReceiver, signature
from omsdesk.carriers.tracking import poll_tracking
from omsdesk.db import Database
from omsdesk.models import Order
from omsdesk.models.carrier import TrackingEvent
from omsdesk.services.fulfilment.shipping import ship_order
from tests.carriers.conftest import fast_factory, make_parcels
from tests.carriers.servers.sendcloud import SECRET
from tests.fixtures.database import ACTOR


def test_the_signature_is_sendclouds_documented_hmac() -> None:
    # The example on https://sendcloud.dev/api/v2/webhooks.
    assert signature(b'{"key": "value"}', "secretkey") == \
        "1eed4b3d41f4653ac64fd56f1bf1cbfd349e4482cbc11dff7134bd93e5da4b0a"


def test_a_signed_status_change_delivers_the_order_once_with_polling(sqlite_db: Database,
                                                                     carrier_servers: dict[str, Any]) -> None:
    server = carrier_servers["sendcloud"]
    server.reset()
    p = make_parcels(sqlite_db, "sendcloud", server)
    ref, sid = p.packed()
    with Bookings(sqlite_db, actor=ACTOR, factory=fast_factory) as bookings:
        booked = bookings.book(sid)
    ship_order(sqlite_db, ref, actor=ACTOR)
    server.scan(booked.tracking, "delivered", datetime.now(UTC), "Delivered")
    body = json.dumps({"action": "parcel_status_changed", "timestamp": 1764672000000,
                       "parcel": {"id": int(next(k for k, v in server.parcels.items()
                                                 if v["tracking_number"] == booked.tracking)),
                                  "tracking_number": booked.tracking,
                                  "status": {"id": 11, "message": "Delivered"}}}).encode()
    receiver = WebhookReceiver(sqlite_db, "sendcloud-es", actor=ACTOR, factory=fast_factory).start()
    try:
        forged = requests.post(receiver.url, data=body, headers={SIGNATURE_HEADER: signature(body, "not-the-key")},
                               timeout=10)
        assert forged.status_code == 401
        with sqlite_db.read() as s:
            assert s.scalar(select(Order.status).where(Order.reference == ref)) == "shipped"
        signed = {SIGNATURE_HEADER: signature(body, SECRET)}
        first = requests.post(receiver.url, data=body, headers=signed, timeout=10)
        assert first.status_code == 200 and first.json() == {"action": "parcel_status_changed", "tracked": 1}
        again = requests.post(receiver.url, data=body, headers=signed, timeout=10)
        assert again.status_code == 200 and again.json()["tracked"] == 0  # delivered: nothing more to ask
    finally:
        receiver.stop()
    poll_tracking(sqlite_db, actor=ACTOR, factory=fast_factory, every=True)
    with sqlite_db.read() as s:
        assert s.scalar(select(Order.status).where(Order.reference == ref)) == "delivered"
        delivered = s.scalar(select(func.count()).select_from(TrackingEvent).where(
            TrackingEvent.shipment_id == sid, TrackingEvent.status == "delivered"))
    assert delivered == 1
