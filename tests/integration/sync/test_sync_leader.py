"""One sync leader on a shared PostgreSQL (issue 17): the advisory lock's holder runs the jobs.

Two schedulers on two engines stand for two workstations. The leader's lock session is
ended by the server (pg_terminate_backend, as when its process dies or its cable is pulled):
the standby takes over within one lock interval and the old leader stops its jobs.
"""

from __future__ import annotations

import io
import json
import os
import time
from contextlib import redirect_stdout

import psycopg
import pytest
from sqlalchemy.engine import make_url

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.services.channels.channels import add_channel
from omsdesk.sync.lock import LEADER_APPLICATION, SyncLock, leader_status
from omsdesk.sync.scheduler import JobIntervals, SyncScheduler
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.database import ACTOR, Shop
from tests.integration.sync.test_scheduler import factory_for

# Channel jobs far apart (they only have to exist), the lock looked at every 0.3 s.
INTERVAL = 0.3
SLOW_JOBS = JobIntervals(pull_orders=600, push_stock=600, drain_outbox=600, erp_push=600,
                         aeat_send=600, jitter=0, lock_retry=INTERVAL)


def _jobs(scheduler: SyncScheduler) -> set[str]:
    return {job.id for job in scheduler._scheduler.get_jobs() if job.id != "sync-lock"}


def _wait(condition: object, timeout: float = 10.0) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():  # type: ignore[operator]
            return time.monotonic() - start
        time.sleep(0.02)
    return None


def _status(url: str) -> dict[str, object]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", url, "sync", "--status", "--json"]) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@pytest.mark.postgres
@pytest.mark.parametrize("db", ["postgres"], indirect=True)
def test_only_the_leader_runs_jobs_and_a_standby_takes_over_when_its_session_dies(
        db: Database, shopify_shop: ShopifySimulator) -> None:
    Shop(db).warehouses(("MAD",))
    add_channel(db, kind="shopify", name="Tienda", code="tienda", url="https://tienda.myshopify.com",
                actor=ACTOR)
    assert _status(db.url)["leader"] is None
    desk_a = SyncScheduler(db, factory=factory_for(shopify_shop), intervals=SLOW_JOBS,  # type: ignore[arg-type]
                           workstation="desk-a")
    desk_b = SyncScheduler(Database(db.url), factory=factory_for(shopify_shop),  # type: ignore[arg-type]
                           intervals=SLOW_JOBS, workstation="desk-b")
    try:
        assert desk_a.start() is True
        assert desk_b.start() is False
        assert _jobs(desk_a) == {"pull_orders:tienda", "push_stock:tienda", "drain_outbox:tienda"}
        assert _jobs(desk_b) == set()  # the standby schedules nothing but its lock retries
        leader = leader_status(db)
        assert leader is not None and (leader.workstation, leader.pid) == ("desk-a", os.getpid())
        status = _status(db.url)
        assert status["backend"] == "postgresql"
        assert status["leader"]["workstation"] == "desk-a"  # type: ignore[index]
        assert status["leader"]["since"]  # type: ignore[index]

        # The server ends desk A's lock session: the lock is free at once.
        u = make_url(db.url)
        with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, password=u.password,
                             dbname=u.database, autocommit=True) as admin:
            killed = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE application_name = %s AND pid = %s",
                                   (LEADER_APPLICATION, leader.backend_pid)).fetchall()
        assert killed == [(True,)]
        gap = _wait(lambda: desk_b.active)
        # Within one lock interval (plus scheduling slack on a loaded 2-core machine).
        assert gap is not None and gap < INTERVAL + 2.0, gap
        assert _wait(lambda: _jobs(desk_b) == {"pull_orders:tienda", "push_stock:tienda",
                                               "drain_outbox:tienda"}) is not None
        assert _wait(lambda: not desk_a.active) is not None
        assert _jobs(desk_a) == set()  # the old leader found out and stopped its jobs
        now = leader_status(db)
        assert now is not None and now.workstation == "desk-b" and now.backend_pid != leader.backend_pid
        assert _status(db.url)["leader"]["workstation"] == "desk-b"  # type: ignore[index]
    finally:
        desk_b.shutdown()
        desk_a.shutdown()
    assert leader_status(db) is None


def test_on_sqlite_the_lock_file_names_the_leader(sqlite_db: Database) -> None:
    lock = SyncLock(sqlite_db, workstation="till-1")
    assert leader_status(sqlite_db) is None
    assert lock.acquire()
    try:
        leader = leader_status(sqlite_db)
        assert leader is not None and (leader.workstation, leader.pid) == ("till-1", os.getpid())
        assert leader.since is not None
        assert _status(sqlite_db.url)["leader"]["workstation"] == "till-1"  # type: ignore[index]
    finally:
        lock.release()
    assert leader_status(sqlite_db) is None
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", sqlite_db.url, "sync", "--status"]) == 0
    assert "nobody runs the sync jobs now (lock file free)" in out.getvalue()
