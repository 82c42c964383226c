"""Automatic invoicing benchmark: the job's invoices per second beside a hand loop of `invoices issue`."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from omsdesk.db import Database, open_database
from omsdesk.services.catalog import ProductInput, add_product, add_warehouse
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment import shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from omsdesk.services.invoicing.auto import run_auto_invoicing
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.policy import set_policy

ACTOR = Actor(user="bench", workstation="bench")
# The job plans every order before issuing; that may cost at most a fifth of the hand loop's rate.
GOAL_RATIO = 0.8


def _seed(db: Database, n: int) -> list[str]:
    set_company(db, actor=ACTOR, name="Bench SL", tax_id="B12345674", address="Calle Mayor 1",
                postcode="28013", city="Madrid")
    add_warehouse(db, "MAD", "Madrid", actor=ACTOR)
    skus = [f"BENCH-{i}" for i in range(5)]
    for i, sku in enumerate(skus):
        add_product(db, ProductInput(sku=sku, name=f"Bench product {i}", price=1210 + i), actor=ACTOR)
        receive_stock(db, sku, 10 * n, "MAD", actor=ACTOR, reason="bench")
    refs = []
    for i in range(n):
        lines = tuple(LineInput(sku=skus[(i + k) % len(skus)], qty=1 + k) for k in range(2))
        ref = create_order(db, OrderInput(lines=lines, customer=CustomerInput(
            name=f"Bench customer {i % 20} SL", tax_id="12345678Z" if i % 2 else None)), actor=ACTOR).reference
        for step in (order_svc.pay_order, allocate_order, order_svc.pick_order, order_svc.pack_order,
                     shipping.ship_order):
            step(db, ref, actor=ACTOR)
        refs.append(ref)
    return refs


def bench_auto_invoicing(n: int = 300) -> list[dict[str, Any]]:
    """`n` shipped orders (half to consumers, simplified) invoiced by the job, and by a hand loop."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "seed.sqlite"
        seed = open_database(f"sqlite:///{base}")
        refs = _seed(seed, n)
        set_policy(seed, actor=ACTOR, channel="manual", when="shipped")
        seed.dispose()
        copy, warm = Path(tmp) / "hand.sqlite", Path(tmp) / "warm.sqlite"
        shutil.copy(base, copy)
        shutil.copy(base, warm)
        # Both timings start with SQLAlchemy's statement caches and the mappers warm.
        warm_db = Database(f"sqlite:///{warm}")
        run_auto_invoicing(warm_db, actor=ACTOR, dry_run=True)
        issue_invoice(warm_db, refs[0], actor=ACTOR, simplified=True)
        issue_invoice(warm_db, refs[1], actor=ACTOR)
        warm_db.dispose()

        db = Database(f"sqlite:///{base}")
        t0 = time.perf_counter()
        report = run_auto_invoicing(db, actor=ACTOR)
        auto = time.perf_counter() - t0
        db.dispose()
        if report.issued != n:
            raise RuntimeError(f"bench: the job issued {report.issued} of {n}")

        hand_db = Database(f"sqlite:///{copy}")
        t0 = time.perf_counter()
        for i, ref in enumerate(refs):
            issue_invoice(hand_db, ref, actor=ACTOR, simplified=i % 2 == 0)
        hand = time.perf_counter() - t0
        hand_db.dispose()
    rate, base_rate = n / auto, n / hand
    return [{"name": f"automatic invoicing: {n} shipped orders into SQLite (plan + issue)",
             "value": round(rate, 1), "unit": "invoices/s",
             "baseline_name": "the same orders through `invoices issue` one by one",
             "baseline_value": round(base_rate, 1), "goal": f">= {GOAL_RATIO:.1f} x baseline",
             "passed": rate >= GOAL_RATIO * base_rate}]
