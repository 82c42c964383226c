"""A split order's papers: one pick list and one packing slip per warehouse, a wave in each warehouse."""

from __future__ import annotations

import pytest

from omsdesk.models import ValidationError
from omsdesk.queries.documents import packing_slip_doc, pick_list_doc
from omsdesk.queries.picking import wave
from omsdesk.services.fulfilment import shipping
from tests.fixtures.database import ACTOR, Shop


def _split(shop: Shop) -> tuple[str, str, str]:
    """TAZ only in SEV, CAF only in MAD: an order of both is reserved in two warehouses (order-life F5)."""
    taz, caf = shop.product("TAZ-001"), shop.product("CAF-001")
    shop.stock(taz, 2, "SEV")
    shop.stock(caf, 1, "MAD")
    return shop.order_at("allocated", {taz: 2, caf: 1}), taz, caf


def test_a_split_order_gets_one_pick_list_per_warehouse(shop: Shop) -> None:
    ref, taz, caf = _split(shop)
    with shop.db.read() as s:
        with pytest.raises(ValidationError, match="reserved in MAD, SEV: print one pick list per warehouse"):
            pick_list_doc(s, [ref])
        sev = pick_list_doc(s, [ref], warehouse="SEV")
        mad = pick_list_doc(s, [ref], warehouse="MAD")
    assert (sev.warehouse, [(r.sku, r.qty) for r in sev.rows]) == ("Sevilla sur", [(taz, 2)])
    assert (mad.warehouse, [(r.sku, r.qty) for r in mad.rows]) == ("Madrid central", [(caf, 1)])


def test_a_split_order_is_in_the_wave_of_each_warehouse_that_holds_part_of_it(shop: Shop) -> None:
    ref, _taz, _caf = _split(shop)
    with shop.db.read() as s:
        assert [w.reference for w in wave(s, "MAD")] == [ref]
        assert [w.reference for w in wave(s, "SEV")] == [ref]
        assert wave(s, "BCN") == []


def test_each_parcel_has_its_own_packing_slip(shop: Shop) -> None:
    ref, taz, caf = _split(shop)
    with shop.db.read() as s:
        before = packing_slip_doc(s, ref, warehouse="SEV")
    assert [(ln.sku, ln.qty) for ln in before.lines] == [(taz, 2)]
    from omsdesk.services.fulfilment import orders as svc

    svc.pick_order(shop.db, ref, actor=ACTOR)
    svc.pack_order(shop.db, ref, actor=ACTOR)
    shipping.ship_order(shop.db, ref, actor=ACTOR, warehouse="MAD", tracking="M-1")
    with shop.db.read() as s:
        from sqlalchemy import select

        from omsdesk.models import Shipment

        sid = s.scalar(select(Shipment.id).where(Shipment.tracking == "M-1"))
        assert sid is not None
        reprint = packing_slip_doc(s, ref, shipment=sid)
        rest = packing_slip_doc(s, ref, warehouse="SEV")
        with pytest.raises(ValidationError, match="nothing of order .* is reserved in MAD"):
            packing_slip_doc(s, ref, warehouse="MAD")
        with pytest.raises(ValidationError, match="is not a parcel of order"):
            packing_slip_doc(s, ref, shipment=sid + 100)
    assert [(ln.sku, ln.qty) for ln in reprint.lines] == [(caf, 1)]
    assert [(ln.sku, ln.qty) for ln in rest.lines] == [(taz, 2)]


def test_the_slip_of_a_parcel_still_in_its_warehouse_has_no_ship_date(shop: Shop) -> None:
    from omsdesk.services.fulfilment import orders as svc

    ref, taz, caf = _split(shop)
    svc.pick_order(shop.db, ref, actor=ACTOR)
    svc.pack_order(shop.db, ref, actor=ACTOR)
    shipping.ship_order(shop.db, ref, actor=ACTOR, warehouse="MAD", tracking="M-1")
    with shop.db.read() as s:
        rest = packing_slip_doc(s, ref, warehouse="SEV")
        whole = packing_slip_doc(s, ref)
    assert rest.ship_date is None
    assert whole.ship_date is not None  # a reprint of the order names the day something left
