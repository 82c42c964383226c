"""Cancelling a carrier label: only a packed parcel's, the carrier asked, the parcel packed and bookable again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from omsdesk.carriers.base import CancelRefused
from omsdesk.carriers.booking import Bookings
from omsdesk.carriers.cancel import cancel_label
from omsdesk.db import Database
from omsdesk.models import AuditEntry, Shipment, ValidationError
from omsdesk.queries.order_detail import order_detail
from omsdesk.services.fulfilment.shipping import ship_order
from tests.carriers.conftest import Parcels, fast_factory, make_parcels
from tests.fixtures.database import ACTOR


@pytest.fixture(params=["sendcloud", "correos"])
def parcels(request: pytest.FixtureRequest, sqlite_db: Database, carrier_servers: dict[str, Any]) -> Parcels:
    server = carrier_servers[request.param]
    server.reset()
    return make_parcels(sqlite_db, request.param, server)


def _booked(p: Parcels) -> tuple[str, int, str]:
    ref, sid = p.packed()
    with Bookings(p.db, actor=ACTOR, factory=fast_factory) as bookings:
        outcome = bookings.book(sid)
    assert outcome.tracking and not outcome.error
    return ref, sid, outcome.tracking


def _cancels(p: Parcels) -> list[str]:
    return [r.path for r in p.server.requests if r.path.endswith("/cancel") or r.method == "DELETE"]


def _audit(db: Database, ref: str) -> list[tuple[str, str]]:
    with db.read() as s:
        return [(a.action, a.reason) for a in s.scalars(select(AuditEntry).where(AuditEntry.reference == ref)
                                                        .order_by(AuditEntry.id))]


def test_a_cancelled_label_leaves_the_parcel_packed_and_it_books_again_as_a_new_parcel(parcels: Parcels) -> None:
    ref, sid, tracking = _booked(parcels)
    with parcels.db.read() as s:
        assert order_detail(s, ref).cancellable_labels == (sid,)
    done = cancel_label(parcels.db, ref, actor=ACTOR, factory=fast_factory)
    assert (done.shipment_id, done.tracking, done.queued) == (sid, tracking, False)
    with parcels.db.read() as s:
        parcel = s.get(Shipment, sid)
        assert parcel is not None
        assert (parcel.status, parcel.label, parcel.tracking, parcel.carrier_ref, parcel.booking_key) == (
            "packed", None, "", "", "")
        assert order_detail(s, ref).cancellable_labels == ()
    if parcels.kind == "sendcloud":
        at_carrier = next(p for p in parcels.server.parcels.values() if p["tracking_number"] == tracking)
        assert at_carrier["status"] == {"id": 2000, "message": "Cancelled"}
    else:
        assert tracking not in parcels.server.shipments
    assert ("label-cancel", f"parcel {sid}: label {done.carrier} {tracking} cancelled") in _audit(parcels.db, ref)
    booked = parcels.server.booked
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        again = bookings.book(sid)
    # A fresh booking key: the carrier makes a new parcel instead of handing back the cancelled one.
    assert again.tracking and again.tracking != tracking and not again.error
    assert parcels.server.booked == booked + 1


def test_a_shipped_parcel_keeps_its_label_and_the_carrier_is_not_asked(parcels: Parcels) -> None:
    ref, _sid, _tracking = _booked(parcels)
    ship_order(parcels.db, ref, actor=ACTOR)
    asked = len(_cancels(parcels))  # the server lives for the module: count this test's calls only
    with pytest.raises(ValidationError, match="handed to the carrier"):
        cancel_label(parcels.db, ref, actor=ACTOR, factory=fast_factory)
    assert len(_cancels(parcels)) == asked


def test_the_carriers_refusal_keeps_the_label_and_says_why(parcels: Parcels) -> None:
    ref, sid, tracking = _booked(parcels)
    # The carrier scanned the parcel (collected at the bench) before the clerk cancelled.
    if parcels.kind == "sendcloud":
        parcels.server.scan(tracking, "en-route-to-sorting-center", datetime.now(UTC))
        why = "already accepted"
    else:
        parcels.server.scan(tracking, "Admitido", datetime.now(UTC))
        why = "no puede anularse"
    with pytest.raises(CancelRefused, match=why) as refused:
        cancel_label(parcels.db, ref, actor=ACTOR, factory=fast_factory)
    assert "will not cancel" in str(refused.value)
    with parcels.db.read() as s:
        parcel = s.get(Shipment, sid)
        assert parcel is not None and parcel.label is not None and parcel.tracking == tracking
    assert [a for a, r in _audit(parcels.db, ref) if a == "label-cancel-refused" and why in r]


def test_sendcloud_past_its_deadline_is_a_clear_refusal(sqlite_db: Database, carrier_servers: dict[str, Any]) -> None:
    server = carrier_servers["sendcloud"]
    server.reset()
    p = make_parcels(sqlite_db, "sendcloud", server)
    ref, _sid, _tracking = _booked(p)
    server.refuse_cancel = "the cancellation deadline of the carrier has passed"
    with pytest.raises(CancelRefused, match=r"HTTP 400\): Cancellation is not possible: the cancellation deadline"):
        cancel_label(sqlite_db, ref, actor=ACTOR, factory=fast_factory)


def test_a_queued_sendcloud_cancel_voids_the_label_and_says_so(sqlite_db: Database,
                                                               carrier_servers: dict[str, Any]) -> None:
    server = carrier_servers["sendcloud"]
    server.reset()
    p = make_parcels(sqlite_db, "sendcloud", server)
    ref, sid, tracking = _booked(p)
    server.queue_cancel = True
    done = cancel_label(sqlite_db, ref, actor=ACTOR, factory=fast_factory, parcel=sid)
    assert done.queued
    assert ("label-cancel", f"parcel {sid}: label {done.carrier} {tracking} cancellation queued at the carrier") \
        in _audit(sqlite_db, ref)


def test_an_order_without_a_label_or_with_another_parcel_is_refused(sqlite_db: Database,
                                                                    carrier_servers: dict[str, Any]) -> None:
    server = carrier_servers["sendcloud"]
    server.reset()
    p = make_parcels(sqlite_db, "sendcloud", server)
    ref, sid = p.packed()
    with pytest.raises(ValidationError, match="no carrier label to cancel"):
        cancel_label(sqlite_db, ref, actor=ACTOR, factory=fast_factory)
    with pytest.raises(ValidationError, match=f"has no parcel {sid + 100}"):
        cancel_label(sqlite_db, ref, actor=ACTOR, factory=fast_factory, parcel=sid + 100)
