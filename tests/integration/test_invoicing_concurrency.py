"""Eight workstations issuing at once: consecutive numbers, no gaps, one unbroken record chain."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import select

from omsdesk.models import Order
from omsdesk.models.invoice import Invoice
from omsdesk.services.context import Actor
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.records import verify_chain
from tests.fixtures.database import Shop
from tests.integration.test_invoicing import setup_company

WORKERS = 8
PER_WORKER = 5


def test_parallel_issuers_get_consecutive_numbers_with_no_gap(
        shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    db = shop.db
    setup_company(db)
    sku = shop.product(price=999)
    refs = [[shop.order({sku: 1 + (w + i) % 3}) for i in range(PER_WORKER)] for w in range(WORKERS)]
    with db.read() as s:
        order_ids = dict(s.execute(select(Order.reference, Order.id)).all())
    # Every fifth issue fails after its number was taken: the rollback must give the number back.
    failing = {order_ids[refs[w][2]] for w in range(0, WORKERS, 2)}
    import omsdesk.services.invoicing.writer as writer

    real = writer.write_record

    def sometimes_broken(session: Any, invoice: Invoice, *args: Any, **kwargs: Any) -> Any:
        if invoice.order_id in failing:
            raise RuntimeError("printer on fire")
        return real(session, invoice, *args, **kwargs)

    monkeypatch.setattr(writer, "write_record", sometimes_broken)
    barrier = threading.Barrier(WORKERS)
    results: dict[int, list[str]] = {}
    errors: list[BaseException] = []

    def work(w: int) -> None:
        actor = Actor(user=f"clerk{w}", workstation=f"ws-{w}")
        mine: list[str] = []
        barrier.wait()
        for i, ref in enumerate(refs[w]):
            try:
                inv = issue_invoice(db, ref, actor=actor, simplified=(w + i) % 2 == 0)
                mine.append(inv.number)
            except RuntimeError as exc:
                assert "printer on fire" in str(exc)
            except BaseException as exc:  # anything else fails the test below
                errors.append(exc)
        results[w] = mine

    threads = [threading.Thread(target=work, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert all(not t.is_alive() for t in threads)

    issued = [n for mine in results.values() for n in mine]
    assert len(issued) == WORKERS * PER_WORKER - len(failing)
    assert len(set(issued)) == len(issued)
    with db.read() as s:
        rows = s.execute(select(Invoice.series, Invoice.seq, Invoice.order_id)).all()
    for series in ("F", "T"):
        seqs = sorted(seq for ser, seq, _ in rows if ser == series)
        assert seqs == list(range(1, len(seqs) + 1)), f"gap or duplicate in series {series}: {seqs}"
    assert not failing & {order_id for _, _, order_id in rows}
    # Every record chained to the one before it, whatever the interleaving.
    report = verify_chain(db)
    assert report.ok and report.records == len(issued), report.problem
