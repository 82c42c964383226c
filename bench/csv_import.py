"""CSV import of orders: how long the preview and the import of a clerk's big file take (the GUI runs both in a worker)."""

from __future__ import annotations

import csv
import io
import random
import tempfile
import time

from bench.core import ACTOR, _skus
from bench.result import BenchResult
from omsdesk.db import open_database
from omsdesk.demo import seed_demo
from omsdesk.services.intake.csv_import import import_orders, preview_orders

HEADER = "order;customer_name;customer_email;ship_line1;ship_postcode;ship_city;sku;qty;unit_price"


def _file(skus: list[str], rows: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    out, n, order = [HEADER], 0, 0
    while n < rows:
        order += 1
        for k, sku in enumerate(rng.sample(skus, rng.randint(1, 3))):
            who = f"Cliente {order};c{order}@example.es;Calle Mayor {order};28013;Madrid" if k == 0 else ";;;;"
            price = f"{rng.randint(100, 9999) / 100:.2f}".replace(".", ",")  # as Spanish Excel writes it
            out.append(f"W-{order:06d};{who};{sku};{rng.randint(1, 4)};{price}")
            n += 1
            if n == rows:
                break
    return "\n".join(out) + "\n"


def bench_csv_import(rows: int = 5000) -> list[BenchResult]:
    """Preview, then import, a file of `rows` order lines (1-3 per order) on SQLite."""
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/csv.sqlite")
        seed_demo(db, orders=0, products=300, customers=1, seed=7)
        text = _file(_skus(db), rows)
        t0 = time.perf_counter()
        for _ in range(3):
            list(csv.reader(io.StringIO(text), delimiter=";"))
        parse = (time.perf_counter() - t0) / 3
        t0 = time.perf_counter()
        preview = preview_orders(db, text)
        seen = time.perf_counter() - t0
        assert preview.clean, preview.rejected[:3]
        t0 = time.perf_counter()
        result = import_orders(db, preview, actor=ACTOR)
        done = time.perf_counter() - t0
        assert len(result.created) == len(preview.orders)
        db.dispose()
    base = "csv.reader of the same file"
    return [BenchResult(f"csv import: preview of {rows:,} rows ({len(preview.orders):,} orders, SQLite)",
                        round(seen, 2), "s", base, round(parse, 3), "(informational: in a worker)", True),
            BenchResult(f"csv import: import of {len(preview.orders):,} orders after the preview (SQLite)",
                        round(done, 2), "s", base, round(parse, 3), "(informational: in a worker)", True)]
