"""`omsdesk sync --daemon` in a real process: runs the demo channel's jobs, stops on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from omsdesk.db import Database
from omsdesk.sync.demo_shop import register_demo_channel
from tests.fixtures.database import Shop

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
REPO = Path(__file__).resolve().parents[3]


def test_the_daemon_syncs_until_sigterm(sqlite_db: Database) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for i in range(12):
        shop.stock(shop.product(f"LOCAL-{i:02d}"), 100)
    with sqlite_db.write() as s:
        register_demo_channel(s)
    sqlite_db.dispose()
    proc = subprocess.Popen(
        [sys.executable, "-m", "omsdesk", "--db", sqlite_db.url, "sync", "--daemon", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    jobs: set[str] = set()
    deadline = time.monotonic() + 60
    try:
        assert proc.stdout is not None
        while jobs != {"pull_orders", "push_stock", "drain_outbox"} and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            report = json.loads(line)
            assert report["channel"] == "demo-shop"
            assert report["status"] == "ok", report
            jobs.add(report["job"])
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    assert jobs == {"pull_orders", "push_stock", "drain_outbox"}, err
    assert proc.returncode == 0, err
