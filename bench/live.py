"""Desk A changes an order, desk B hears it and reads the row again: the live refresh on PostgreSQL.

The baseline is the bare work the refresh stands on, measured in the same run on the same
server: a NOTIFY on one connection heard by LISTEN on another, then the row read again with a
plain psycopg SELECT. Goal (issue 17): median at most twice that, p95 under 1 s.
"""

from __future__ import annotations

import os
import queue
import statistics
import threading
import time
import uuid
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import select
from sqlalchemy.engine import make_url

from omsdesk.db import open_database
from omsdesk.live import Change, ChangeListener
from omsdesk.models import Order
from omsdesk.services.catalog import ProductInput, add_product, add_warehouse
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.intake.order_entry import LineInput, OrderInput, create_order

DEFAULT_URL = "postgresql+psycopg://omsdesk:omsdesk@127.0.0.1:5432/omsdesk_test"
ACTOR = Actor("bench", "desk-a")


def _server() -> str:
    return os.environ.get("OMSDESK_BENCH_PG_URL") or os.environ.get("OMSDESK_TEST_PG_URL") or DEFAULT_URL


def _admin(url: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, password=u.password,
                           dbname=u.database, autocommit=True, connect_timeout=5)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def _bare_round_trips(url: str, rounds: int, reference: str) -> list[float]:
    sender, receiver = _admin(url), _admin(url)
    try:
        receiver.execute("LISTEN omsdesk_bench")
        out = []
        for i in range(rounds):
            t0 = time.perf_counter()
            sender.execute(sql.SQL("NOTIFY omsdesk_bench, {}").format(sql.Literal(str(i))))
            for _note in receiver.notifies(timeout=5, stop_after=1):
                break
            receiver.execute("SELECT status FROM orders WHERE reference = %s", (reference,)).fetchone()
            out.append(time.perf_counter() - t0)
        return out
    finally:
        sender.close()
        receiver.close()


def bench_live_refresh(rounds: int = 100) -> list[dict[str, Any]]:
    server = _server()
    name = f"omsdesk_bench_{uuid.uuid4().hex[:12]}"
    base = make_url(server)
    with _admin(server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(name), sql.Identifier(base.username or "omsdesk")))
    url = base.set(database=name).render_as_string(hide_password=False)
    desk_a, desk_b = open_database(url), open_database(url)
    try:
        add_warehouse(desk_a, "MAD", "Madrid", actor=ACTOR, city="Madrid", priority=1)
        add_product(desk_a, ProductInput(sku="BENCH-1", name="Bench", price=1000, tax_rate_bp=2100), actor=ACTOR)
        receive_stock(desk_a, "BENCH-1", 10, "MAD", actor=ACTOR, reason="bench")
        ref = create_order(desk_a, OrderInput(lines=(LineInput("BENCH-1", 1),), channel="manual"),
                           actor=ACTOR).reference
        bare = _bare_round_trips(url, rounds, ref)
        heard: queue.Queue[Change] = queue.Queue()
        listener = ChangeListener(url)
        thread = threading.Thread(target=lambda: [heard.put(c) for c in listener.changes(poll=0.25)],
                                  daemon=True)
        thread.start()
        while not listener.connected:
            time.sleep(0.02)
        time.sleep(0.2)
        while not heard.empty():
            heard.get()
        latencies: list[float] = []
        for i in range(rounds):
            step = svc.hold_order if i % 2 == 0 else svc.release_order
            step(desk_a, ref, actor=ACTOR, reason="bench")
            committed = time.perf_counter()
            while True:
                change = heard.get(timeout=5)
                if change.kind == "orders" and ref in change.keys:
                    break
            with desk_b.read() as s:  # desk B refreshes the row it shows
                s.scalar(select(Order.status).where(Order.reference == ref))
            latencies.append(time.perf_counter() - committed)
        listener.stop()
        thread.join(timeout=2)
    finally:
        desk_a.dispose()
        desk_b.dispose()
        with _admin(server) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    median, p95 = statistics.median(latencies) * 1000, _percentile(latencies, 0.95) * 1000
    bare_median, bare_p95 = statistics.median(bare) * 1000, _percentile(bare, 0.95) * 1000
    return [
        {"name": f"live refresh: order changed on desk A to row re-read on desk B, median of {rounds} (PostgreSQL)",
         "value": round(median, 2), "unit": "ms",
         "baseline_name": "bare NOTIFY heard by LISTEN, then a psycopg SELECT of the row; median, same server", "baseline_value": round(bare_median, 2),
         "goal": "<= 2x baseline", "passed": median <= 2 * bare_median},
        {"name": f"live refresh: the same, p95 of {rounds}", "value": round(p95, 2), "unit": "ms",
         "baseline_name": "bare NOTIFY heard by LISTEN plus the SELECT, p95", "baseline_value": round(bare_p95, 2),
         "goal": "< 1000 ms", "passed": p95 < 1000},
    ]
