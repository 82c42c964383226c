"""Pick waves on SQLite and PostgreSQL: orders claimed by one picker stay out of the next wave."""

from __future__ import annotations

import pytest

from omsdesk.models import ValidationError
from omsdesk.queries.picking import pickable_orders, wave
from omsdesk.services.fulfilment.picking import PickProgress, assign_bin, pack_picked, start_picking
from tests.fixtures.database import ACTOR, Shop


def test_a_claimed_wave_is_not_handed_to_the_next_picker_but_can_be_resumed(shop: Shop) -> None:
    shop.product("MUG-01")
    shop.stock("MUG-01", 10)
    assign_bin(shop.db, "MUG-01", "MAD", "a-3", actor=ACTOR)
    first, second = (shop.order_at("allocated", {"MUG-01": n}) for n in (1, 2))
    with shop.db.read() as s:
        assert [w.reference for w in wave(s, "MAD")] == [first, second]
    plan = start_picking(shop.db, [first], actor=ACTOR, resume=False)
    assert [(r.bin, r.qty) for r in plan.doc.rows] == [("A-3", 1)]
    with shop.db.read() as s:
        assert [w.reference for w in wave(s, "MAD")] == [second]
        assert [(w.reference, w.units) for w in pickable_orders(s, [second, first])] == [
            (second, 2), (first, 1)]
    with pytest.raises(ValidationError, match="none of the chosen orders"):
        start_picking(shop.db, [first], actor=ACTOR, resume=False)
    resumed = start_picking(shop.db, [first], actor=ACTOR, resume=True)
    progress = PickProgress(resumed.doc.rows)
    progress.scan("MUG-01")
    packed = pack_picked(shop.db, resumed, progress, actor=ACTOR)
    assert packed.references == (first,) and shop.status(first) == "packed"
    assert [lb.tracking for lb in packed.labels] == [first]


def test_packing_before_everything_is_picked_is_refused(shop: Shop) -> None:
    shop.product("MUG-01")
    shop.stock("MUG-01", 10)
    ref = shop.order_at("allocated", {"MUG-01": 2})
    plan = start_picking(shop.db, [ref], actor=ACTOR)
    progress = PickProgress(plan.doc.rows)
    progress.scan("MUG-01")
    with pytest.raises(ValidationError, match="1 unit"):
        pack_picked(shop.db, plan, progress, actor=ACTOR)
    assert shop.status(ref) == "picking"


@pytest.mark.postgres
@pytest.mark.parametrize("db", ["postgres"], indirect=True)
def test_an_order_another_workstation_is_claiming_is_skipped_not_waited_for(shop: Shop) -> None:
    import threading

    from sqlalchemy import select

    from omsdesk.models import Order

    shop.product("MUG-01")
    shop.stock("MUG-01", 10)
    busy, free = (shop.order_at("allocated", {"MUG-01": 1}) for _ in range(2))
    locked, release = threading.Event(), threading.Event()

    def other_workstation() -> None:
        with shop.db.write() as s:
            s.execute(select(Order.id).where(Order.reference == busy).with_for_update())
            locked.set()
            release.wait(30)

    holder = threading.Thread(target=other_workstation)
    holder.start()
    try:
        assert locked.wait(30)
        plan = start_picking(shop.db, [busy, free], actor=ACTOR, resume=False)
    finally:
        release.set()
        holder.join(30)
    assert plan.references == (free,) and plan.skipped == (busy,)
    assert (shop.status(busy), shop.status(free)) == ("allocated", "picking")
