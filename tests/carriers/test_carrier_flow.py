"""From pack to the door with a real carrier API (local Sendcloud and Correos servers), and every fault on the way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from omsdesk.carriers.booking import Bookings, LabelOutcome, book_and_print
from omsdesk.carriers.labels import label_kind
from omsdesk.carriers.tracking import poll_tracking
from omsdesk.db import Database
from omsdesk.models import Order, OutboxMessage, Shipment
from omsdesk.models.carrier import TrackingEvent
from omsdesk.queries.exceptions import exceptions
from omsdesk.services.fulfilment.shipping import ship_order
from tests.carriers.conftest import Parcels, fast_factory, make_parcels
from tests.fixtures.database import ACTOR

KINDS = ["sendcloud", "correos"]
# What each carrier says as a parcel travels, in its own words.
JOURNEY = {
    "sendcloud": [("en-route-to-sorting-center", "in_transit"), ("driver-en-route", "out_for_delivery"),
                  ("delivered", "delivered")],
    "correos": [("En tránsito", "in_transit"), ("En reparto", "out_for_delivery"), ("Entregado", "delivered")],
}


@pytest.fixture(params=KINDS)
def parcels(request: pytest.FixtureRequest, sqlite_db: Database, carrier_servers: dict[str, Any]) -> Parcels:
    server = carrier_servers[request.param]
    server.reset()
    return make_parcels(sqlite_db, request.param, server)


def _parcel(db: Database, sid: int) -> Shipment:
    with db.read() as s:
        parcel = s.get(Shipment, sid)
        assert parcel is not None
        s.expunge(parcel)
        return parcel


def _scan(p: Parcels, tracking: str, code: str, at: datetime) -> None:
    if p.kind == "sendcloud":
        p.server.scan(tracking, code, at, code)
    else:
        p.server.scan(tracking, code, at)


def _files(tmp_path: Path) -> Any:
    def write(outcome: LabelOutcome) -> str:
        path = tmp_path / f"{outcome.reference}.{outcome.label_format}"
        path.write_bytes(outcome.label)
        return str(path)
    return write


def test_packed_parcel_is_booked_labelled_shipped_tracked_and_delivered(parcels: Parcels, tmp_path: Path) -> None:
    ref, sid = parcels.packed()
    report = book_and_print(parcels.db, [sid], actor=ACTOR, printer=None, factory=fast_factory,
                            render=_files(tmp_path))
    [outcome] = report.outcomes
    assert outcome.error == "" and outcome.tracking
    assert label_kind(Path(outcome.printed).read_bytes()) == "pdf"
    parcel = _parcel(parcels.db, sid)
    assert parcel.status == "packed" and parcel.tracking == outcome.tracking and parcel.label_format == "pdf"
    # Shipping without typing anything keeps the carrier's number.
    ship_order(parcels.db, ref, actor=ACTOR)
    assert _parcel(parcels.db, sid).tracking == outcome.tracking
    # After the carrier's own "booked" scan (stamped with the real time), whatever the date.
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    for i, (code, status) in enumerate(JOURNEY[parcels.kind][:2]):
        _scan(parcels, outcome.tracking, code, start + timedelta(hours=i))
        polled = poll_tracking(parcels.db, actor=ACTOR, factory=fast_factory, now=start + timedelta(hours=i, minutes=5))
        assert polled.statuses == {outcome.tracking: status}
    delivered_at = start + timedelta(hours=5, minutes=12)
    _scan(parcels, outcome.tracking, JOURNEY[parcels.kind][2][0], delivered_at)
    # Not due yet (out for delivery is asked again after 20 minutes): nothing is asked.
    assert poll_tracking(parcels.db, actor=ACTOR, factory=fast_factory, now=start + timedelta(hours=1, minutes=6)).polled == 0
    done = poll_tracking(parcels.db, actor=ACTOR, factory=fast_factory, now=start + timedelta(hours=6))
    assert done.delivered == [ref]
    with parcels.db.read() as s:
        order = s.scalar(select(Order).where(Order.reference == ref))
        assert order is not None and order.status == "delivered"
        parcel_row = s.get(Shipment, sid)
        assert parcel_row is not None and parcel_row.delivered_at == delivered_at
        statuses = s.scalars(select(TrackingEvent.status).where(TrackingEvent.shipment_id == sid)
                             .order_by(TrackingEvent.happened_at)).all()
    assert statuses[-3:] == ["in_transit", "out_for_delivery", "delivered"]
    # Delivered parcels are asked about no more.
    assert poll_tracking(parcels.db, actor=ACTOR, factory=fast_factory, now=start + timedelta(days=2)).polled == 0


def test_a_field_error_says_which_field_and_leaves_the_parcel_packed(parcels: Parcels) -> None:
    ref, sid = parcels.packed(postcode="ABC12")
    before = parcels.server.booked
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        outcome = bookings.book(sid)
    assert "postal" in outcome.error.lower() or "CP" in outcome.error
    assert parcels.server.booked == before
    parcel = _parcel(parcels.db, sid)
    assert parcel.status == "packed" and parcel.label is None and parcel.booking_error == outcome.error
    with parcels.db.read() as s:
        [item] = [i for i in exceptions(s, kinds=("booking_failed",)) if i.key == ref]
    assert item.action == "book" and item.parcel == sid and outcome.error in item.reason


def test_missing_weight_is_refused_before_the_carrier_is_asked(parcels: Parcels) -> None:
    ref, sid = parcels.packed(weight_g=0)
    sent = len(parcels.server.requests)
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        outcome = bookings.book(sid)
        assert "weight missing" in outcome.error
        assert len(parcels.server.requests) == sent
        # Typed at the bench, it books.
        assert bookings.book(sid, weight_g=1200).tracking


def test_a_5xx_is_recorded_and_the_retry_books_once(parcels: Parcels) -> None:
    ref, sid = parcels.packed()
    parcels.server.fail(503, times=2)  # Sendcloud's lookup is retried once; Correos' booking is not
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        failed = bookings.book(sid)
        assert "answered HTTP 503" in failed.error
        parcels.server.reset()
        assert _parcel(parcels.db, sid).status == "packed"
        before = parcels.server.booked
        booked = bookings.book(sid)
        again = bookings.book(sid)  # a label already there: nothing is asked, nothing booked
    assert booked.error == "" and booked.tracking == again.tracking
    assert parcels.server.booked == before + 1
    with parcels.db.read() as s:
        assert [i for i in exceptions(s, kinds=("booking_failed",)) if i.key == ref] == []


def test_a_timeout_after_the_carrier_booked_never_books_twice(parcels: Parcels) -> None:
    _ref, sid = parcels.packed()
    before = parcels.server.booked
    parcels.server.stall_booking = 1
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        failed = bookings.book(sid)
        assert "did not answer in time" in failed.error
        assert parcels.server.booked == before + 1  # the carrier did book it
        retried = bookings.book(sid)
    assert retried.error == "" and retried.tracking
    assert parcels.server.booked == before + 1


def test_a_label_in_an_unexpected_format_is_not_printed_and_the_retry_fetches_it(parcels: Parcels,
                                                                                  tmp_path: Path) -> None:
    _ref, sid = parcels.packed()
    parcels.server.bad_label = b"<html><body>Label temporarily unavailable</body></html>"
    before = parcels.server.booked
    first = book_and_print(parcels.db, [sid], actor=ACTOR, printer=None, factory=fast_factory, render=_files(tmp_path))
    assert "neither PDF nor ZPL" in first.outcomes[0].error and not first.outcomes[0].printed
    assert _parcel(parcels.db, sid).label is None
    second = book_and_print(parcels.db, [sid], actor=ACTOR, printer=None, factory=fast_factory, render=_files(tmp_path))
    assert second.outcomes[0].error == "" and second.outcomes[0].printed
    assert parcels.server.booked == before + 1


def test_a_rate_limit_is_waited_out(parcels: Parcels) -> None:
    _ref, sid = parcels.packed()
    parcels.server.fail(429, times=1, retry_after="0")
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        assert bookings.book(sid).error == ""


def test_refused_credentials_are_named(parcels: Parcels) -> None:
    import keyring

    _ref, sid = parcels.packed()
    keyring.set_password("omsdesk-channel", f"carrier:{parcels.kind}-es", "wrong:credentials")
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        assert "refused the account's credentials" in bookings.book(sid).error


def test_tracking_a_parcel_the_carrier_does_not_know_goes_to_the_inbox(parcels: Parcels) -> None:
    ref, sid = parcels.packed()
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        tracking = bookings.book(sid).tracking
    ship_order(parcels.db, ref, actor=ACTOR)
    store = parcels.server.parcels if parcels.kind == "sendcloud" else parcels.server.shipments
    for key in [k for k, v in store.items() if tracking in (v.get("tracking_number"), v.get("code"))]:
        del store[key]
    now = datetime.now(UTC)
    report = poll_tracking(parcels.db, actor=ACTOR, factory=fast_factory, now=now)
    assert report.unknown == [tracking]
    parcel = _parcel(parcels.db, sid)
    assert parcel.status == "shipped" and parcel.tracking_failures == 1
    assert parcel.tracking_next_at is not None and parcel.tracking_next_at > now
    with parcels.db.read() as s:
        [item] = [i for i in exceptions(s, kinds=("delivery_failed",)) if i.key == ref]
    assert "does not know" in item.reason
    # Backoff: the next poll is not before its time.
    assert poll_tracking(parcels.db, actor=ACTOR, factory=fast_factory, now=now + timedelta(minutes=1)).polled == 0


def test_a_failed_delivery_is_in_the_inbox(parcels: Parcels) -> None:
    ref, sid = parcels.packed()
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        tracking = bookings.book(sid).tracking
    ship_order(parcels.db, ref, actor=ACTOR)
    code = "delivery-attempt-failed" if parcels.kind == "sendcloud" else "Ausente. Se dejó aviso"
    _scan(parcels, tracking, code, datetime.now(UTC))
    poll_tracking(parcels.db, actor=ACTOR, factory=fast_factory)
    with parcels.db.read() as s:
        [item] = [i for i in exceptions(s, kinds=("delivery_failed",)) if i.key == ref]
    assert item.state == "delivery_failed" and item.action == "open"
    # The buyer of this phone/manual order is told once per failed attempt, not once per poll.
    poll_tracking(parcels.db, actor=ACTOR, factory=fast_factory)
    with parcels.db.read() as s:
        mails = s.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.idempotency_key.like("buyer-mail:%:delivery_failed:%"))).all()
    assert len(mails) == 1 and f":delivery_failed:{sid}:" in mails[0], mails


def test_the_scheduler_tracks_booked_parcels_to_delivered(parcels: Parcels) -> None:
    from omsdesk.sync.scheduler import SyncScheduler, report_dict

    ref, sid = parcels.packed()
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        tracking = bookings.book(sid).tracking
    ship_order(parcels.db, ref, actor=ACTOR)
    _scan(parcels, tracking, JOURNEY[parcels.kind][2][0], datetime.now(UTC))
    scheduler = SyncScheduler(parcels.db, carrier_factory=fast_factory)
    reports = [report_dict(r) for r in scheduler.run_once()]
    [track] = [r for r in reports if r["job"] == "track_parcels"]
    assert track["status"] == "ok" and track["counts"]["delivered"] == 1
    with parcels.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.reference == ref)) == "delivered"


def test_a_third_party_carrier_is_found_through_its_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.carriers import registry

    class EntryPoint:
        name, value = "mrw", "omsdesk.carriers.correos:CorreosCarrier"

    monkeypatch.setattr(registry, "entry_points", lambda group: [EntryPoint()] if group == "omsdesk.carriers" else [])
    assert registry.available_carriers()["mrw"] == EntryPoint.value
    assert registry.carrier_class("mrw").__name__ == "CorreosCarrier"


def test_cash_on_delivery_is_collected_when_the_carrier_delivers(sqlite_db: Database,
                                                                 carrier_servers: dict[str, Any]) -> None:
    from omsdesk.models import Payment
    from omsdesk.services.customers import AddressInput, CustomerFields, add_customer
    from omsdesk.services.fulfilment import orders as order_svc
    from omsdesk.services.fulfilment.allocation import allocate_order
    from omsdesk.services.intake.order_entry import LineInput, OrderInput, create_order

    server = carrier_servers["correos"]
    server.reset()
    p = make_parcels(sqlite_db, "correos", server)
    _ref, _sid = p.packed()  # makes the product COR-0001 with stock
    from omsdesk.services.goods_in.receiving import receive_stock

    receive_stock(sqlite_db, "COR-0001", 1, "MAD", actor=ACTOR, reason="test receipt")
    buyer = add_customer(sqlite_db, CustomerFields(name="Bar Pepe", terms="cod", shipping=AddressInput(
        name="Bar Pepe", line1="Plaza Mayor 2", city="Madrid", postcode="28012")), actor=ACTOR)
    ref = create_order(sqlite_db, OrderInput(lines=(LineInput(sku="COR-0001", qty=1),), customer_id=buyer.id),
                       actor=ACTOR).reference
    allocate_order(sqlite_db, ref, actor=ACTOR)  # cash on delivery: ships unpaid
    order_svc.pick_order(sqlite_db, ref, actor=ACTOR)
    order_svc.pack_order(sqlite_db, ref, actor=ACTOR)
    with sqlite_db.read() as s:
        sid = s.scalar(select(Shipment.id).join(Order).where(Order.reference == ref))
        total = s.scalar(select(Order.total).where(Order.reference == ref))
    assert sid is not None and total
    with Bookings(sqlite_db, actor=ACTOR, factory=fast_factory) as bookings:
        tracking = bookings.book(sid).tracking
    [sent] = [r.json() for r in server.requests if r.method == "POST" and r.json()["Envio"]["ReferenciaCliente2"] == ref]
    assert sent["Envio"]["ValoresAnadidos"]["Reembolso"]["Importe"] == total
    ship_order(sqlite_db, ref, actor=ACTOR)
    at = datetime(2026, 12, 2, 11, 30, tzinfo=UTC)
    server.scan(tracking, "Entregado", at)
    poll_tracking(sqlite_db, actor=ACTOR, factory=fast_factory)
    with sqlite_db.read() as s:
        order = s.scalar(select(Order).where(Order.reference == ref))
        assert order is not None and order.status == "delivered" and order.balance_due == 0
        [payment] = s.scalars(select(Payment).where(Payment.order_id == order.id)).all()
    assert (payment.method, payment.amount, payment.paid_at) == ("cod", total, at)
    assert payment.reference == f"correos {tracking}"
    # The same delivery reported again (a second poll, a webhook) records no second payment.
    from omsdesk.services.fulfilment.carriers import EventIn, record_tracking

    assert record_tracking(sqlite_db, sid, [EventIn("Entregado", "delivered", at)], actor=ACTOR) == "delivered"
    poll_tracking(sqlite_db, actor=ACTOR, factory=fast_factory, every=True)
    with sqlite_db.read() as s:
        assert s.scalars(select(Payment.amount).where(Payment.order_id == order.id)).all() == [total]


@pytest.mark.parametrize("kind", ["sendcloud"])
def test_booking_and_delivery_on_sqlite_and_postgresql(db: Database, carrier_servers: dict[str, Any],
                                                       kind: str) -> None:
    server = carrier_servers[kind]
    server.reset()
    p = make_parcels(db, kind, server)
    ref, sid = p.packed()
    report = book_and_print(db, [sid], actor=ACTOR, printer=None, factory=fast_factory, render=lambda o: "sink")
    tracking = report.outcomes[0].tracking
    assert tracking and report.outcomes[0].printed == "sink"
    ship_order(db, ref, actor=ACTOR)
    _scan(p, tracking, "delivered", datetime.now(UTC))
    assert poll_tracking(db, actor=ACTOR, factory=fast_factory).delivered == [ref]
    with db.read() as s:
        assert s.scalar(select(Order.status).where(Order.reference == ref)) == "delivered"


def test_shipping_with_a_typed_number_after_a_failed_booking_clears_the_inbox(parcels: Parcels) -> None:
    ref, sid = parcels.packed(postcode="ABC12")
    with Bookings(parcels.db, actor=ACTOR, factory=fast_factory) as bookings:
        assert bookings.book(sid).error
    ship_order(parcels.db, ref, actor=ACTOR, carrier="SEUR", tracking="SEUR-123")  # the manual carrier
    assert _parcel(parcels.db, sid).tracking == "SEUR-123"
    with parcels.db.read() as s:
        assert [i for i in exceptions(s, kinds=("booking_failed",)) if i.key == ref] == []
