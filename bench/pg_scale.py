"""The queue on PostgreSQL at scale: a page of 200 by status and the status counts, beside raw psycopg.

OMSDESK_BENCH_PG_URL names the database: empty (seeded here once with the demo) or already holding
exactly `orders` orders (reused, as queue-search-pg does).
"""

from __future__ import annotations

import os
import statistics
import time

import psycopg
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bench.result import BenchResult
from omsdesk.db import open_database
from omsdesk.demo import seed_demo
from omsdesk.models import Order
from omsdesk.queries.order_page import Cursor, OrderFilter
from omsdesk.queries.orders import list_orders, status_counts

STATUSES = ("delivered", "shipped", "cancelled", "paid", "backorder")
RAW_PAGE = (
    "SELECT o.id, o.reference, o.placed_at, o.status, c.code, o.external_id, o.customer_name, "
    "o.customer_email, o.total, o.currency, o.ship_by FROM orders o JOIN channels c ON c.id = o.channel_id "
    "WHERE o.status = %s {after} ORDER BY o.placed_at DESC, o.id DESC LIMIT 200"
)
RAW_COUNTS = "SELECT status, count(*) FROM orders GROUP BY status"


def _psycopg_dsn(url: str) -> str:
    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


def bench_queue_page_pg(orders: int = 1_000_000, rounds: int = 30) -> list[BenchResult]:
    url = os.environ.get("OMSDESK_BENCH_PG_URL")
    if not url:
        return []  # no server named: nothing to measure here
    db = open_database(url)
    with db.read() as s:
        have = s.scalar(select(func.count()).select_from(Order)) or 0
    if have == 0:
        seed_demo(db, orders=orders, seed=2026)
        with psycopg.connect(_psycopg_dsn(url), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    elif have != orders:
        raise RuntimeError(f"{url} holds {have} orders, not {orders}: give an empty database")
    ours_page: list[float] = []
    raw_page: list[float] = []
    ours_counts: list[float] = []
    raw_counts: list[float] = []
    with db.read() as s, psycopg.connect(_psycopg_dsn(url)) as conn:
        # Warm both sides (buffers, plan caches) so the rounds compare steady states.
        list_orders(s, OrderFilter(status=STATUSES[0]), limit=200)
        conn.execute(RAW_PAGE.format(after=""), (STATUSES[0],)).fetchall()
        for i in range(rounds):
            status = STATUSES[i % len(STATUSES)]
            t0 = time.perf_counter()
            rows = list_orders(s, OrderFilter(status=status), limit=200)
            for _ in range(2):  # three pages deep: keyset continuation measured too
                if rows:
                    rows = list_orders(s, OrderFilter(status=status), limit=200,
                                       after=Cursor(rows[-1].placed_at, rows[-1].id))
            ours_page.append((time.perf_counter() - t0) / 3)
            t0 = time.perf_counter()
            page = conn.execute(RAW_PAGE.format(after=""), (status,)).fetchall()
            for _ in range(2):
                if page:
                    last = page[-1]
                    page = conn.execute(RAW_PAGE.format(after="AND (o.placed_at, o.id) < (%s, %s)"),
                                        (status, last[2], last[0])).fetchall()
            raw_page.append((time.perf_counter() - t0) / 3)
            if i % 5 == 0:  # counts read the whole index: fewer rounds
                t0 = time.perf_counter()
                status_counts(s)
                ours_counts.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                conn.execute(RAW_COUNTS).fetchall()
                raw_counts.append(time.perf_counter() - t0)
    db.dispose()
    page_ms, raw_page_ms = statistics.median(ours_page) * 1000, statistics.median(raw_page) * 1000
    counts_ms, raw_counts_ms = statistics.median(ours_counts) * 1000, statistics.median(raw_counts) * 1000
    return [
        BenchResult(f"queue: page of 200 by status on {orders:,} orders, PostgreSQL (query layer)",
                    round(page_ms, 2), "ms", "the same SQL through raw psycopg", round(raw_page_ms, 2),
                    "<= 3x raw", page_ms <= 3 * raw_page_ms),
        BenchResult(f"queue: orders per status (tab counts) on {orders:,} orders, PostgreSQL",
                    round(counts_ms, 2), "ms", "the same GROUP BY through raw psycopg", round(raw_counts_ms, 2),
                    "<= 3x raw", counts_ms <= 3 * raw_counts_ms),
    ]
