"""Claimed pick work (issue 17): a bench takes a wave, heartbeats it, finishes or loses it.

On SQLite and PostgreSQL; the race of two benches claiming at once runs on PostgreSQL only,
where `SELECT ... FOR UPDATE SKIP LOCKED` is what keeps them apart.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from omsdesk.models import Shipment, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.claims import PickClaim
from omsdesk.queries.claims import holder_of, list_claims
from omsdesk.queries.order_detail import order_detail
from omsdesk.queries.picking import wave
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.claims import (
    NothingToClaim,
    claim_wave,
    heartbeat,
    release_claim,
)
from omsdesk.services.fulfilment.picking import PickProgress, pack_picked, start_picking
from tests.fixtures.database import Shop

BENCH_1 = Actor("ana", "bench-1")
BENCH_2 = Actor("luis", "bench-2")


def _orders(shop: Shop, n: int) -> list[str]:
    shop.product("MUG-01")
    shop.stock("MUG-01", 10 * n)
    return [shop.order_at("allocated", {"MUG-01": 1}) for _ in range(n)]


def test_a_claim_records_bench_and_user_and_keeps_its_orders_from_the_next_bench(shop: Shop) -> None:
    refs = _orders(shop, 5)
    first = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=3)
    assert first.references == tuple(refs[:3])
    assert (first.workstation, first.user) == ("bench-1", "ana")
    second = claim_wave(shop.db, actor=BENCH_2, warehouse="MAD", size=3)
    assert second.references == tuple(refs[3:])
    with pytest.raises(NothingToClaim, match="no order waits"):
        claim_wave(shop.db, actor=BENCH_2, warehouse="MAD")
    with shop.db.read() as s:
        holder = holder_of(s, refs[0])
        assert holder is not None and holder.label == "bench-1/ana" and holder.wave == first.name
        assert holder_of(s, refs[4]).label == "bench-2/luis"  # type: ignore[union-attr]
        assert wave(s, "MAD") == []  # claimed parcels are out of the plain wave list too
        detail = order_detail(s, refs[0])
        assert detail.claimed_by == "bench-1/ana" and detail.claim_wave == first.name
        assert [c.orders for c in list_claims(s)] == [tuple(refs[3:]), tuple(refs[:3])]
    assert [e.action for e in shop.audit(refs[0])][-1] == "claim"


def test_start_picking_a_claim_takes_only_its_orders_frees_the_unchecked_and_packing_ends_it(
        shop: Shop) -> None:
    refs = _orders(shop, 3)
    claim = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=3)
    # Another bench cannot pick what bench 1 holds, even naming it.
    with pytest.raises(ValidationError, match="none of the chosen orders"):
        start_picking(shop.db, [refs[0]], actor=BENCH_2, warehouse="MAD")
    plan = start_picking(shop.db, refs[:2], actor=BENCH_1, warehouse="MAD", resume=False,
                         claim_id=claim.id)
    assert plan.references == tuple(refs[:2]) and plan.doc.wave == claim.name
    with shop.db.read() as s:
        assert holder_of(s, refs[2]) is None  # left out: back in the pool
        assert [w.reference for w in wave(s, "MAD")] == [refs[2]]
    progress = PickProgress(plan.doc.rows)
    for _ in range(2):
        progress.scan("MUG-01")
    pack_picked(shop.db, plan, progress, actor=BENCH_1)
    with shop.db.read() as s:
        row = s.get(PickClaim, claim.id)
        assert row is not None and row.state == "done" and row.ended_at is not None
        assert s.scalars(select(Shipment.claim_id).where(Shipment.claim_id.is_not(None))).all() == []
    assert [shop.status(r) for r in refs] == ["packed", "packed", "allocated"]


def test_a_silent_desk_s_claim_expires_and_its_orders_return_to_the_pool(shop: Shop) -> None:
    refs = _orders(shop, 2)
    t0 = utcnow()
    lost = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=2, now=t0)
    start_picking(shop.db, refs, actor=BENCH_1, warehouse="MAD", resume=False, claim_id=lost.id)
    assert shop.status(refs[0]) == "picking"
    # Bench 1 crashes. Bench 2 claims 2 min 1 s later: the silent claim is expired first.
    taken = claim_wave(shop.db, actor=BENCH_2, warehouse="MAD", size=5,
                       now=t0 + timedelta(minutes=2, seconds=1))
    assert taken.expired == (lost.id,) and taken.references == tuple(refs)
    with shop.db.read() as s:
        assert s.get(PickClaim, lost.id).state == "expired"  # type: ignore[union-attr]
    assert [shop.status(r) for r in refs] == ["allocated", "allocated"]
    assert "expired" in shop.audit(refs[0])[-2].reason
    # Bench 1 comes back: its heartbeat says the claim is gone, and it cannot pick on it.
    assert heartbeat(shop.db, "bench-1") == set()
    with pytest.raises(ValidationError, match="has ended"):
        start_picking(shop.db, refs, actor=BENCH_1, warehouse="MAD", claim_id=lost.id)


def test_a_heartbeat_keeps_a_claim_past_the_timeout(shop: Shop) -> None:
    _orders(shop, 2)
    t0 = utcnow()
    kept = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=1, now=t0)
    assert heartbeat(shop.db, "bench-1", now=t0 + timedelta(seconds=90)) == {kept.id}
    other = claim_wave(shop.db, actor=BENCH_2, warehouse="MAD", size=5, now=t0 + timedelta(seconds=150))
    assert other.expired == () and set(other.references).isdisjoint(kept.references)
    # A shorter timeout configured on the claiming desk expires it after all.
    release_claim(shop.db, other.id, actor=BENCH_2)
    third = claim_wave(shop.db, actor=BENCH_2, warehouse="MAD", size=5, now=t0 + timedelta(seconds=160),
                       timeout=timedelta(seconds=60))
    assert third.expired == (kept.id,) and len(third.references) == 2


def test_releasing_returns_parcels_being_picked_and_refuses_an_ended_claim(shop: Shop) -> None:
    refs = _orders(shop, 1)
    claim = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD")
    start_picking(shop.db, refs, actor=BENCH_1, warehouse="MAD", claim_id=claim.id)
    assert release_claim(shop.db, claim.id, actor=BENCH_1) == 1
    assert shop.status(refs[0]) == "allocated"
    with pytest.raises(ValidationError, match="already ended"):
        release_claim(shop.db, claim.id, actor=BENCH_1)
    with pytest.raises(ValidationError, match="no wave claim 999"):
        release_claim(shop.db, 999, actor=BENCH_1)


@pytest.mark.postgres
@pytest.mark.parametrize("db", ["postgres"], indirect=True)
def test_two_benches_claiming_at_once_never_get_the_same_order(shop: Shop) -> None:
    rounds, size = 12, 3
    refs = _orders(shop, 2 * rounds * size)
    got: dict[str, list[tuple[str, ...]]] = {"bench-1": [], "bench-2": []}
    errors: list[str] = []
    barrier = threading.Barrier(2)

    def bench(actor: Actor) -> None:
        for _ in range(rounds):
            barrier.wait(timeout=30)  # both claim in the same instant, every round
            try:
                got[actor.workstation].append(claim_wave(shop.db, actor=actor, warehouse="MAD", size=size)
                                              .references)
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=bench, args=(a,)) for a in (BENCH_1, BENCH_2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    taken = [ref for claims in got.values() for claim in claims for ref in claim]
    assert len(taken) == len(set(taken)) == len(refs)  # every order once, none twice
    with shop.db.read() as s:
        owners = {ref: holder_of(s, ref).workstation for ref in refs}  # type: ignore[union-attr]
    for ws, claims in got.items():
        assert all(owners[ref] == ws for claim in claims for ref in claim)
