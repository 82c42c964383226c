"""Eight processes allocating at once for the last five units: exactly five get them, nothing oversells."""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing.synchronize import Barrier
from typing import TYPE_CHECKING

from omsdesk.db import Database
from omsdesk.models import OmsError
from omsdesk.services.context import Actor

# Each worker process imports this module to find its function: keep its top level light
# (no pytest plugins, no psycopg) so eight cold starts stay quick on a two-core machine.
if TYPE_CHECKING:
    from tests.fixtures.database import Shop

WORKERS = 8
UNITS = 5
START_TIMEOUT_S = 60.0


def allocate_in_own_process(url: str, reference: str, worker: int, barrier: Barrier,
                            results: multiprocessing.Queue) -> None:
    """Runs in a process of its own with its own engine and connections, like another workstation."""
    db = Database(url)
    try:
        db.check()  # connect before the barrier, so all start the allocation together
        barrier.wait(timeout=START_TIMEOUT_S)
        from omsdesk.services.fulfilment.allocation import allocate_order

        actor = Actor(user=f"worker-{worker}", workstation=f"ws-{worker}")
        try:
            state = allocate_order(db, reference, actor=actor)
            results.put((reference, state.status, ""))
        except OmsError as exc:
            results.put((reference, "refused", str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            results.put((reference, "crashed", f"{type(exc).__name__}: {exc}"))
    finally:
        db.dispose()


def test_eight_workers_allocating_the_last_five_units_allocate_exactly_five(shop: Shop) -> None:
    from sqlalchemy import func, select

    from omsdesk.models import Order, Reservation
    from tests.fixtures.database import ledger_problems

    sku = shop.product()
    shop.stock(sku, UNITS, "MAD")
    refs = [shop.order_at("paid", {sku: 1}) for _ in range(WORKERS)]

    # Fresh processes like spawn (nothing inherited from pytest, no shared pool), but forked
    # from one server that imported omsdesk once: eight cold imports take 10 s or more here.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["omsdesk.services.fulfilment.orders"])
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    procs = [ctx.Process(target=allocate_in_own_process, args=(shop.db.url, ref, i, barrier, results))
             for i, ref in enumerate(refs)]
    shop.db.dispose()  # the parent holds no connection while the workers run
    for p in procs:
        p.start()
    outcomes = []
    deadline = time.monotonic() + START_TIMEOUT_S + 30
    for _ in procs:
        outcomes.append(results.get(timeout=max(1.0, deadline - time.monotonic())))
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0

    statuses = sorted(status for _ref, status, _msg in outcomes)
    assert statuses == ["allocated"] * UNITS + ["backorder"] * (WORKERS - UNITS), outcomes
    assert shop.level(sku, "MAD") == (UNITS, UNITS)
    with shop.db.read() as s:
        assert s.scalar(select(func.sum(Reservation.qty))) == UNITS
        in_db = {ref: status for ref, status in s.execute(select(Order.reference, Order.status))}
    assert in_db == {ref: status for ref, status, _msg in outcomes}
    assert ledger_problems(shop.db) == []
