"""Queue search per keystroke on 1M orders: one page of the tab plus the matches per status, as the GUI asks."""

from __future__ import annotations

import os
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy import text as text_sql

from bench.core import million_order_db
from bench.result import BenchResult
from omsdesk.db import Database, open_database
from omsdesk.demo import seed_demo
from omsdesk.models import Order
from omsdesk.models.search_keys import fold
from omsdesk.queries.order_page import OrderFilter
from omsdesk.queries.orders import list_orders, match_counts

GOAL_MS = 100.0
# What clerks type, one keystroke at a time, without accents: names, a surname, order numbers.
TYPED = ("lucia fernandez", "vazquez", "begona", "123", "2026-004992", "so-2026-000123", "ainhoa blanco")
# The GUI asks for the shown tab's page; half the keystrokes on All, half on a status tab.
TABS = (None, "shipped")

RAW_PAGE = (
    "SELECT o.id, o.reference, o.placed_at, o.status, c.code, o.external_id, o.customer_name, "
    "o.customer_email, o.total, o.currency, o.ship_by FROM orders o JOIN channels c ON c.id = o.channel_id "
    "WHERE o.search_name LIKE ? {status} ORDER BY o.placed_at DESC, o.id DESC LIMIT 200"
)
RAW_COUNTS = "SELECT status, count(*) FROM orders WHERE search_name LIKE ? GROUP BY status"


def _keystrokes() -> list[tuple[str, str | None]]:
    strokes = [(text[:i], TABS[i % 2]) for text in TYPED for i in range(1, len(text) + 1)]
    return [(t, tab) for t, tab in strokes if t.strip()]


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def bench_queue_search(orders: int = 1_000_000, rounds: int = 2) -> list[BenchResult]:
    """(c) search as you type: the page of the tab and the counts per status, every keystroke."""
    path = million_order_db(orders)
    strokes = _keystrokes()
    db = open_database(f"sqlite:///{path}")
    ours = _ours(db, strokes, rounds)
    db.dispose()
    raw = _raw(path, strokes, rounds=1)
    return _figures(f"search keystroke, {orders:,} orders, SQLite", ours, raw,
                    "the same LIKE on the folded column, page + counts, raw sqlite3 (no index)")


def _ours(db: Database, strokes: list[tuple[str, str | None]], rounds: int) -> list[float]:
    """Milliseconds per keystroke of what the queue asks: its tab's page and the counts per status."""
    out: list[float] = []
    with db.read() as s:
        for text, tab in strokes[:3]:  # warm the page cache and the statement caches
            list_orders(s, OrderFilter(status=tab, search=text))
        for _ in range(rounds):
            for text, tab in strokes:
                f = OrderFilter(status=tab, search=text)
                out.append(_timed(lambda f=f: (list_orders(s, f), match_counts(s, f))))  # type: ignore[misc]
    return out


def _figures(what: str, ours: list[float], raw: list[float], baseline: str) -> list[BenchResult]:
    med, p95, raw_med, raw_p95 = statistics.median(ours), _p95(ours), statistics.median(raw), _p95(raw)
    return [
        BenchResult(f"{what}: median", round(med, 2), "ms", baseline, round(raw_med, 2),
                    f"<= {GOAL_MS:g} ms", med <= GOAL_MS),
        BenchResult(f"{what}: p95 of {len(ours)}", round(p95, 2), "ms", baseline + ", p95",
                    round(raw_p95, 2), "(informational)", True),
    ]


def bench_queue_search_pg(orders: int = 1_000_000, rounds: int = 2) -> list[BenchResult]:
    """The same on PostgreSQL: OMSDESK_BENCH_PG_URL names an empty database, seeded here once
    (a database that already holds `orders` orders is reused)."""
    url = os.environ.get("OMSDESK_BENCH_PG_URL")
    if not url:
        return []  # no server named: nothing to measure (the SQLite figure carries the goal)
    db = open_database(url)
    with db.read() as s:
        have = s.scalar(select(func.count()).select_from(Order)) or 0
    if have == 0:
        seed_demo(db, orders=orders, seed=2026)
    elif have != orders:
        raise RuntimeError(f"{url} holds {have} orders, not {orders}: give an empty database")
    strokes = _keystrokes()
    ours = _ours(db, strokes, rounds)
    raw: list[float] = []
    with db.engine.connect() as conn:
        for text, tab in strokes:
            pattern = f"%{fold(text)}%"
            page = RAW_PAGE.replace("?", ":p", 1).format(status="AND o.status = :tab" if tab else "")
            raw.append(_timed(lambda p=pattern, t=tab, q=page: (  # type: ignore[misc]
                conn.execute(text_sql(q), {"p": p, "tab": t}).all(),
                conn.execute(text_sql(RAW_COUNTS.replace("?", ":p")), {"p": p}).all())))
    db.dispose()
    return _figures(f"search keystroke, {orders:,} orders, PostgreSQL", ours, raw,
                    "the same LIKE on the folded column, page + counts, plain SQL (no index)")


def _raw(path: Path, strokes: list[tuple[str, str | None]], *, rounds: int) -> list[float]:
    """The floor without the search keys' indexes: a LIKE over every row, page and counts."""
    con = sqlite3.connect(path)
    out: list[float] = []
    try:
        for _ in range(rounds):
            for text, tab in strokes:
                pattern = f"%{fold(text)}%"

                def run(pattern: str = pattern, tab: str | None = tab) -> None:
                    if tab:
                        con.execute(RAW_PAGE.format(status="AND o.status = ?"), (pattern, tab)).fetchall()
                    else:
                        con.execute(RAW_PAGE.format(status=""), (pattern,)).fetchall()
                    con.execute(RAW_COUNTS, (pattern,)).fetchall()

                out.append(_timed(run))
    finally:
        con.close()
    return out
