"""Parcels per warehouse, each with its own status (issue 11 point 2), on SQLite and PostgreSQL.

A split allocation makes one open parcel per warehouse; each is picked, packed and shipped on
its own (`orders pick|pack|ship --shipment N | --warehouse W`); shipping one consumes only its
reserved units and leaves the other parcel's reservations in place.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from omsdesk.models import Order, Shipment, ValidationError
from omsdesk.queries.order_detail import order_detail
from omsdesk.queries.picking import wave
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment import shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from tests.fixtures.database import ACTOR, Shop


def _split(shop: Shop) -> tuple[str, str, str]:
    """TAZ only in SEV, CAF only in MAD: an order of both is reserved in two warehouses."""
    taz, caf = shop.product("TAZ-001"), shop.product("CAF-001")
    shop.stock(taz, 2, "SEV")
    shop.stock(caf, 1, "MAD")
    return shop.order_at("allocated", {taz: 2, caf: 1}), taz, caf


def _parcels(shop: Shop, ref: str) -> dict[str, tuple[int | None, str, dict[str, int]]]:
    with shop.db.read() as s:
        d = order_detail(s, ref)
    return {p.warehouse: (p.id, p.status, p.lines) for p in d.open_parcels}


def test_a_split_allocation_makes_one_open_parcel_per_warehouse(shop: Shop) -> None:
    ref, taz, caf = _split(shop)
    parcels = _parcels(shop, ref)
    assert {wh: (status, lines) for wh, (_id, status, lines) in parcels.items()} == {
        "MAD": ("open", {caf: 1}), "SEV": ("open", {taz: 2})}
    assert all(pid is not None for pid, _s, _l in parcels.values())
    assert len({pid for pid, _s, _l in parcels.values()}) == 2


def test_each_parcel_is_picked_packed_and_shipped_on_its_own(shop: Shop) -> None:
    ref, taz, caf = _split(shop)
    mad_id = _parcels(shop, ref)["MAD"][0]
    sev_id = _parcels(shop, ref)["SEV"][0]
    assert mad_id is not None and sev_id is not None

    svc.pick_order(shop.db, ref, actor=ACTOR, warehouse="MAD")
    assert shop.status(ref) == "picking"
    assert _parcels(shop, ref)["MAD"][1] == "picking" and _parcels(shop, ref)["SEV"][1] == "open"
    # The other warehouse's parcel is still in its wave; Madrid's is on a picker's list.
    with shop.db.read() as s:
        assert [w.reference for w in wave(s, "SEV")] == [ref]
        assert wave(s, "MAD") == []

    with pytest.raises(ValidationError, match=rf"parcel {sev_id} of {ref} \(SEV\) is not packed yet: it is open"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, shipment=sev_id, tracking="S-1")
    svc.pack_order(shop.db, ref, actor=ACTOR, shipment=mad_id)
    assert shop.status(ref) == "picking"  # Sevilla is not packed, so the order is not either

    shipping.ship_order(shop.db, ref, actor=ACTOR, shipment=mad_id, carrier="SEUR", tracking="M-1")
    assert shop.status(ref) == "partial"
    assert shop.level(caf, "MAD") == (0, 0)
    assert shop.level(taz, "SEV") == (2, 2)  # the other parcel's reservation stays
    with shop.db.read() as s:
        d = order_detail(s, ref)
    assert [(sh.id, sh.warehouse, sh.status, sh.carrier, sh.tracking, sh.lines) for sh in d.shipments] == [
        (mad_id, "MAD", "shipped", "SEUR", "M-1", {caf: 1})]
    assert [(p.id, p.warehouse, p.status) for p in d.open_parcels] == [(sev_id, "SEV", "open")]
    assert "pick" in d.allowed_actions and "ship" not in d.allowed_actions

    with pytest.raises(ValidationError, match=f"parcel {mad_id} of {ref} has already shipped"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, shipment=mad_id)
    svc.pick_order(shop.db, ref, actor=ACTOR, shipment=sev_id)
    svc.pack_order(shop.db, ref, actor=ACTOR, warehouse="SEV")
    assert shop.status(ref) == "partial"
    shipping.ship_order(shop.db, ref, actor=ACTOR, shipment=sev_id, carrier="GLS", tracking="S-1")
    assert shop.status(ref) == "shipped"
    with shop.db.read() as s:
        d = order_detail(s, ref)
    assert [(sh.warehouse, sh.tracking, sh.lines) for sh in d.shipments] == [
        ("MAD", "M-1", {caf: 1}), ("SEV", "S-1", {taz: 2})]
    assert d.open_parcels == []


def test_a_parcel_of_another_order_or_a_wrong_warehouse_is_refused(shop: Shop) -> None:
    ref, _taz, caf = _split(shop)
    shop.stock(caf, 1, "MAD")
    other = shop.order_at("packed", {caf: 1})
    other_parcel = _parcels(shop, other)["MAD"][0]
    with pytest.raises(ValidationError, match=f"parcel {other_parcel} is not a parcel of order {ref}"):
        svc.pick_order(shop.db, ref, actor=ACTOR, shipment=other_parcel)
    svc.pick_order(shop.db, ref, actor=ACTOR)
    svc.pack_order(shop.db, ref, actor=ACTOR)
    with pytest.raises(ValidationError, match=f"parcel {other_parcel} is not a parcel of order {ref}"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, shipment=other_parcel)
    with pytest.raises(ValidationError, match=f"order {ref} has nothing reserved in BCN"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, warehouse="BCN")
    assert shop.status(ref) == "packed" and shop.status(other) == "packed"


def test_part_of_a_packed_parcel_shipped_leaves_the_rest_packed_in_a_new_parcel(shop: Shop) -> None:
    caf = shop.product("CAF-001")
    shop.stock(caf, 3, "MAD")
    ref = shop.order_at("packed", {caf: 3})
    first = _parcels(shop, ref)["MAD"][0]
    shipping.ship_order(shop.db, ref, actor=ACTOR, quantities={caf: 1}, tracking="T-1")
    parcels = _parcels(shop, ref)
    assert parcels["MAD"][1:] == ("packed", {caf: 2})
    assert parcels["MAD"][0] != first
    shipping.ship_order(shop.db, ref, actor=ACTOR, tracking="T-2")
    assert shop.status(ref) == "shipped"
    assert shop.level(caf, "MAD") == (0, 0)


def test_ship_on_the_order_sends_the_packed_parcel_and_keeps_the_other(shop: Shop) -> None:
    ref, taz, caf = _split(shop)
    svc.pick_order(shop.db, ref, actor=ACTOR)  # both parcels
    svc.pack_order(shop.db, ref, actor=ACTOR, warehouse="SEV")
    shipping.ship_order(shop.db, ref, actor=ACTOR)
    assert shop.status(ref) == "partial"
    assert shop.level(taz, "SEV") == (0, 0) and shop.level(caf, "MAD") == (1, 1)
    assert _parcels(shop, ref)["MAD"][1] == "picking"


def test_cancelling_removes_the_open_parcels_and_a_receipt_opens_one_for_a_backorder(shop: Shop) -> None:
    ref, _taz, _caf = _split(shop)
    svc.cancel_order(shop.db, ref, actor=ACTOR, reason="customer changed mind")
    with shop.db.read() as s:
        order_id = s.scalar(select(Order.id).where(Order.reference == ref))
        assert s.scalars(select(Shipment).where(Shipment.order_id == order_id)).all() == []

    cup = shop.product("CUP-001")
    waiting = shop.order_at("paid", {cup: 2})
    allocate_order(shop.db, waiting, actor=ACTOR)
    assert shop.status(waiting) == "backorder" and _parcels(shop, waiting) == {}
    shop.stock(cup, 2, "BCN")
    assert shop.status(waiting) == "allocated"
    assert {wh: (st, ln) for wh, (_i, st, ln) in _parcels(shop, waiting).items()} == {"BCN": ("open", {cup: 2})}


def test_packages_and_weight_typed_at_shipping_go_on_the_labels(shop: Shop) -> None:
    from omsdesk.queries.documents import label_docs

    caf = shop.product("CAF-001")
    shop.stock(caf, 2, "MAD")
    ref = shop.order_at("packed", {caf: 2})
    with pytest.raises(ValidationError, match="1 to 99 packages"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, tracking="T-9", packages=0)
    shipping.ship_order(shop.db, ref, actor=ACTOR, carrier="SEUR", tracking="T-9", packages=3, weight_g=4500)
    with shop.db.read() as s:
        labels = label_docs(s, ref)
        d = order_detail(s, ref)
    assert [(lb.parcel_index, lb.parcel_count, lb.weight_g, lb.tracking) for lb in labels] == [
        (1, 3, 1500, "T-9"), (2, 3, 1500, "T-9"), (3, 3, 1500, "T-9")]
    assert (d.shipments[0].packages, d.shipments[0].weight_g) == (3, 4500)
