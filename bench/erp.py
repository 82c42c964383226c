"""ERP benchmark: 1,000 orders pushed to a local Tryton in batches, beside Tryton's one-record create."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from omsdesk.db import Database, open_database
from omsdesk.services.catalog import ProductInput, add_product
from omsdesk.services.channels.erp import ErpSettings, queue_unsent_orders
from omsdesk.services.context import Actor
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from omsdesk.sync.erp.base import ErpCustomer, ErpLine, ErpOrder, ErpProduct
from omsdesk.sync.erp.delivery import deliver_orders
from omsdesk.sync.erp.tryton import TrytonConnector

ACTOR = Actor(user="bench", workstation="bench")
GOAL_RATIO = 5.0


def _seed(db: Database, n: int, skus: list[str]) -> None:
    for i, sku in enumerate(skus):
        add_product(db, ProductInput(sku=sku, name=f"Bench product {i}", price=1210 + i),
                    actor=ACTOR)
    for i in range(n):
        lines = tuple(LineInput(sku=skus[(i + k) % len(skus)], qty=1 + k) for k in range(3))
        create_order(db, OrderInput(lines=lines, customer=CustomerInput(
            name=f"Bench customer {i % 50}", email=f"c{i % 50}@bench.example")), actor=ACTOR)


def _single_create_rate(conn: TrytonConnector, prefix: str, samples: int) -> float:
    """Tryton's own rate for `sale.sale.create` with one record per call (same sale shape)."""
    product = ErpProduct(0, f"{prefix}BASE", "Baseline product", None, 1000, "EUR")
    conn.push_customers([ErpCustomer(0, f"{prefix}BASE", "Baseline customer")])
    ids = conn.ensure_products([product])
    parties = conn._by_field("party.party", "code", [f"{prefix}BASE"], ["addresses"])
    unit = conn._unit()
    values = [conn._sale(ErpOrder(0, f"{prefix}B{i}", f"{prefix}BASE", date.today(), "EUR",
                                  tuple(ErpLine(product.code, "Baseline", 1 + k, 1000)
                                        for k in range(3))), parties, ids, unit)
              for i in range(samples)]
    started = time.perf_counter()
    for v in values:
        conn.rpc.create("sale.sale", [v])
    return samples / (time.perf_counter() - started)


def bench_erp_push(n: int = 1000, baseline_samples: int = 40, url: str | None = None,
                   database: str = "omsdesk", login: str = "admin",
                   password: str | None = None) -> list[dict[str, Any]]:
    """Orders/s of `deliver_orders` (customers, products, batched sales) against Tryton's
    single-record create in the same run. Starts a local trytond unless `url` is given."""
    with tempfile.TemporaryDirectory(prefix="omsdesk-bench-erp-") as tmp:
        work = Path(tmp)
        if url is not None:
            return _measure(work, n, baseline_samples, url, database, login, password or "")
        # The test suite's trytond launcher (cached prepared database); `omsdesk bench` runs from a
        # source checkout, whose root is not on sys.path when started as a console script.
        root = str(Path(__file__).resolve().parents[1])
        if root not in sys.path:
            sys.path.insert(0, root)
        from tests.fixtures.tryton import running_trytond

        tryton_dir = work / "tryton"
        tryton_dir.mkdir()
        with running_trytond(tryton_dir) as server:
            return _measure(work, n, baseline_samples, server.url, server.database,
                            server.login, server.password)


def _measure(work: Path, n: int, samples: int, url: str, database: str, login: str,
             password: str) -> list[dict[str, Any]]:
    db = open_database(f"sqlite:///{work / 'omsdesk.sqlite3'}")
    conn = TrytonConnector(url, database, login, password)
    try:
        prefix = f"B{int(time.time())}-"
        _seed(db, n, [f"{prefix}P{i:03d}" for i in range(20)])
        baseline = _single_create_rate(conn, prefix, samples)
        settings = ErpSettings(erp="tryton", prefix=prefix)
        queue_unsent_orders(db, settings)
        started = time.perf_counter()
        report = deliver_orders(db, conn, settings, limit=n)
        elapsed = time.perf_counter() - started
    finally:
        conn.close()
        db.dispose()
    if report.created != n:
        raise RuntimeError(f"only {report.created} of {n} orders reached Tryton: {report.errors[:3]}")
    value = n / elapsed
    ratio = value / baseline if baseline else float("inf")
    return [{
        "name": f"erp push: {n} orders (3 lines each) to Tryton, batched",
        "value": round(value, 1), "unit": "orders/s",
        "baseline_name": f"Tryton sale.sale.create, one record per call ({samples} calls)",
        "baseline": round(baseline, 1), "ratio": round(ratio, 2),
        "goal": f">= {GOAL_RATIO:g}x baseline", "passed": ratio >= GOAL_RATIO,
    }]
