"""Webhooks: what the events cost a batch import, and how fast the queued events go out to a local receiver."""

from __future__ import annotations

import random
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import keyring
import keyring.backend
import requests

from bench.core import ACTOR, _skus
from bench.result import BenchResult
from omsdesk.db import Database, open_database
from omsdesk.demo import seed_demo
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import LineInput, OrderInput
from omsdesk.services.webhooks import EVENTS
from omsdesk.sync.webhooks import create_webhook, deliver_webhooks


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = -10  # never chosen by keyring's discovery; installed by the bench only

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


def _shop(path: str) -> tuple[Database, list[OrderInput]]:
    db = open_database(f"sqlite:///{path}")
    seed_demo(db, orders=0, products=100, customers=50, seed=7)
    rng = random.Random(1)
    skus = _skus(db)
    return db, [OrderInput(lines=tuple(LineInput(sku=s, qty=1) for s in rng.sample(skus, 3)), channel="manual",
                           customer_id=rng.randint(1, 50)) for _ in range(10_000)]


def _import(db: Database, orders: list[OrderInput], batch: int = 250) -> float:
    t0 = time.perf_counter()
    for i in range(0, len(orders), batch):
        place_orders(db, orders[i:i + batch], actor=ACTOR, pay_method="card")
    return len(orders) / (time.perf_counter() - t0)


def _receiver() -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/hook"


def bench_webhooks(n: int = 1000) -> list[BenchResult]:
    """Import n paid orders without and with a subscription to every event; then deliver the events."""
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())  # the bench never writes to the user's keyring
    server, url = _receiver()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            plain, orders = _shop(f"{tmp}/plain.sqlite")
            without = _import(plain, orders[:n])
            plain.dispose()
            db, orders = _shop(f"{tmp}/hooks.sqlite")
            create_webhook(db, url, EVENTS, actor=ACTOR)
            with_hooks = _import(db, orders[:n])
            t0 = time.perf_counter()
            report = deliver_webhooks(db)
            sent = report.counts["delivered"] / (time.perf_counter() - t0)
            db.dispose()
            session = requests.Session()
            t0 = time.perf_counter()
            for _ in range(200):
                session.post(url, data=b"{}", timeout=5)
            raw = 200 / (time.perf_counter() - t0)
    finally:
        server.shutdown()
        server.server_close()
        keyring.set_keyring(previous)
    return [BenchResult(f"webhooks: batch import of {n:,} paid orders with a subscription to every event (SQLite)",
                        round(with_hooks, 1), "orders/s", "the same import with no subscription", round(without, 1),
                        ">= half the import without", with_hooks >= without / 2),
            BenchResult(f"webhooks: signed POSTs of the {report.counts['delivered']:,} queued events to a loopback "
                        "receiver", round(sent, 1), "POST/s", "bare requests.post to the same receiver",
                        round(raw, 1), "(informational)", True)]
