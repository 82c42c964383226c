"""Several desks on one PostgreSQL at once (issue 17): processes acting as workstations.

Each desk is its own process with its own engine, like another workstation on the LAN. It
listens for the change notifications (counting what it hears), stands for sync leader (a
SyncScheduler whose only job is the lock), heartbeats its pick claims, and does the day's
work through the services: takes orders in and allocates them, claims a wave and picks,
packs, ships and invoices it, sells at the counter and books receipts.

Afterwards the parent checks what must hold whatever the interleaving: no parcel picked by
two desks, no level oversold, invoice numbers consecutive per series, every level equal to
its ledger, and every notification heard by every desk that lived to the end. Mid-run it
kills the sync leader (SIGKILL) and measures how long until another desk leads. Earlier it
cuts one desk off the server (the last one, which reaches it through a CuttableProxy): that
desk sells at the counter into its journal meanwhile and replays it when the link is back;
desk_till.py checks every offline sale arrived exactly once.

The desks' code runs in child processes, so this module's top level stays light.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import queue
import random
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

WAREHOUSE = "MAD"
SKUS = tuple(f"SIM-{i:02d}" for i in range(8))
START_MARK, END_MARK = "sim-start", "sim-end"
READY_TIMEOUT_S = 90.0


class SimulationRefused(Exception):
    """The database is not one the simulation may fill with test data."""


@dataclass(frozen=True)
class SimConfig:
    url: str
    desks: int = 10
    seconds: float = 120.0
    seed: int = 17
    wave_size: int = 4
    claim_timeout: float = 5.0    # a killed desk's claims come back after this
    leader_interval: float = 1.0  # how often a standby tries the sync lock
    kill_leader: bool = True
    cut_link: bool = True         # cut the last desk off the server mid-run
    cut_seconds: float = 4.0      # how long its link stays down (at most 30 % of the run)
    initial_stock: int = 40


@dataclass
class DeskReport:
    desk: int
    pid: int
    counts: dict[str, int] = field(default_factory=dict)  # what it did (and was refused)
    errors: list[str] = field(default_factory=list)       # unexpected exceptions
    packed_parcels: list[int] = field(default_factory=list)
    heard: int = 0        # notifications between the start and end marks
    heard_hash: str = ""  # of their (channel, payload) sequence
    listener_gaps: int = 0  # reconnects of its listener (each loses what was sent meanwhile)


@dataclass
class SimReport:
    desks: int
    seconds: float
    fulfilled: int
    per_minute: float
    counts: dict[str, int]
    double_picks: int
    oversells: int
    over_shipped_lines: int
    series_gaps: list[str]
    ledger_mismatches: list[str]
    notifications_sent: int
    listeners_complete: int   # desks alive at the end that heard every notification
    listeners_checked: int
    leader_killed: str        # "desk-N (pid P)" or ""
    takeover_desk: str
    takeover_gap_s: float | None
    chain_ok: bool            # the VERI*FACTU chain verifies
    cut_desk: str             # "desk-N" or ""
    cut_s: float              # how long its link was down
    offline_sales: int        # sales it made into its journal while cut off
    replayed: int             # of them, on the server once each (by workstation + journal sequence)
    replay_missing: int
    replay_duplicates: int
    till_series: str          # the cut desk's own receipt series
    till_series_gapless: bool
    till_stock_applied: bool
    offline_shortfalls: int   # levels below zero only by what was sold offline (not oversells)
    cut_listener_reconnected: bool
    errors: list[str]
    skipped: list[str]

    @property
    def passed(self) -> bool:
        return (self.double_picks == 0 and self.oversells == 0 and self.over_shipped_lines == 0
                and not self.series_gaps and not self.ledger_mismatches and not self.errors
                and self.chain_ok and self.listeners_complete == self.listeners_checked
                and (not self.leader_killed or self.takeover_gap_s is not None)
                and (not self.cut_desk or self.cut_episode_held))

    @property
    def cut_episode_held(self) -> bool:
        """Sales were made while cut off, and each reached the server exactly once."""
        return (self.offline_sales > 0 and self.replayed == self.offline_sales and self.replay_missing == 0
                and self.replay_duplicates == 0 and self.till_series_gapless and self.till_stock_applied
                and self.cut_listener_reconnected)


# -- the parent ---------------------------------------------------------------------------


def run_simulation(cfg: SimConfig, *, say: Any = None) -> SimReport:
    """Seed an empty PostgreSQL database, run `cfg.desks` desk processes, check the outcome."""
    from sqlalchemy.engine import make_url

    from omsdesk.db import open_database
    from omsdesk.demo.cuttable_proxy import CuttableProxy

    note = say or (lambda _text: None)
    if cfg.desks < 1:
        raise SimulationRefused("--desks must be at least 1")
    db = open_database(cfg.url, migrate=True)
    try:
        if db.dialect != "postgresql":
            raise SimulationRefused("the desk simulation needs PostgreSQL (several workstations share "
                                    "one server); give --db postgresql+psycopg://...")
        _seed(db, cfg)
    finally:
        db.dispose()

    cut = cfg.desks - 1 if cfg.cut_link else -1
    proxy: CuttableProxy | None = None
    scratch = Path(tempfile.mkdtemp(prefix="omsdesk-sim-"))
    tills: dict[int, tuple[str, str]] = {}
    if cut >= 0:
        u = make_url(cfg.url)
        proxy = CuttableProxy((u.host or "127.0.0.1", u.port or 5432))
        tills[cut] = (u.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
                      str(scratch / f"counter-journal-desk-{cut}.sqlite3"))
    try:
        return _run(cfg, note, cut, proxy, tills)
    finally:
        if proxy is not None:
            proxy.cut()
        shutil.rmtree(scratch, ignore_errors=True)


def _run(cfg: SimConfig, note: Any, cut: int, proxy: Any, tills: dict[int, tuple[str, str]]) -> SimReport:
    from omsdesk.live import ChangeListener

    ctx = multiprocessing.get_context("forkserver")
    # One import of the services in the fork server, not one per desk (cold starts cost seconds).
    ctx.set_forkserver_preload(["omsdesk.demo.desks", "omsdesk.services.counter", "omsdesk.sync.scheduler",
                                "omsdesk.services.fulfilment.picking", "omsdesk.live", "omsdesk.demo.desk_till"])
    go, stop = ctx.Event(), ctx.Event()
    results = ctx.Queue()
    procs = [ctx.Process(target=desk_main, args=(cfg, i, go, stop, results, tills.get(i)), daemon=True)
             for i in range(cfg.desks)]

    reference = ChangeListener(cfg.url)
    heard: list[tuple[str, str]] = []
    marks: dict[str, threading.Event] = {START_MARK: threading.Event(), END_MARK: threading.Event()}
    listening = threading.Event()
    listener = threading.Thread(target=_count, args=(reference, heard, marks, listening), daemon=True)
    listener.start()
    for p in procs:
        p.start()
    pids = {p.pid: i for i, p in enumerate(procs)}
    ready: set[int] = set()
    leaders: list[tuple[int, float]] = []
    reports: dict[int, DeskReport] = {}
    deadline = time.monotonic() + READY_TIMEOUT_S
    while len(ready) < cfg.desks:
        kind, desk, value = results.get(timeout=max(1.0, deadline - time.monotonic()))
        if kind == "ready":
            ready.add(desk)
        elif kind == "leader":
            leaders.append((desk, value))
        elif kind == "report":
            raise RuntimeError(f"desk {desk} stopped before the start: {value.errors}")
    if not listening.wait(30):
        raise RuntimeError("the parent's listener did not connect")
    note(f"{cfg.desks} desk(s) ready; running {cfg.seconds:.0f} s")
    _notify(cfg.url, START_MARK)
    marks[START_MARK].wait(10)
    started = time.monotonic()
    go.set()

    killed, killed_at = -1, 0.0
    # The cut comes first and is over before the kill, so the two episodes stay apart: a cut
    # leader loses its lock with its link, and by the kill another desk leads.
    cut_s = min(cfg.cut_seconds, cfg.seconds * 0.3) if proxy is not None else 0.0
    cut_at: float | None = started + cfg.seconds * 0.2 if proxy is not None else None
    restore_at: float | None = None
    kill_at = (started + cfg.seconds * (0.6 if proxy is not None else 0.5)
               if cfg.kill_leader and cfg.desks > 1 else None)
    while time.monotonic() - started < cfg.seconds:
        with contextlib.suppress(queue.Empty):
            kind, desk, value = results.get(timeout=0.1)
            if kind == "leader":
                leaders.append((desk, value))
            elif kind == "report":
                reports[desk] = value
        now = time.monotonic()
        if cut_at is not None and now >= cut_at:
            cut_at, restore_at = None, now + cut_s
            proxy.cut()
            note(f"cut desk-{cut} off the server for {cut_s:.1f} s")
        if restore_at is not None and now >= restore_at:
            restore_at = None
            proxy.restore()
            note(f"desk-{cut}'s link is back")
        if kill_at is not None and now >= kill_at:
            kill_at = None
            killed, killed_at = _kill_leader(cfg.url, pids, spare={cut})
            if killed >= 0:
                note(f"killed the sync leader, desk-{killed}")
    if restore_at is not None:
        proxy.restore()
    stop.set()
    elapsed = time.monotonic() - started

    # Everyone idle, then the end mark: what each desk heard in between is complete.
    idle: set[int] = set()
    alive = {i for i in range(cfg.desks) if i != killed}
    deadline = time.monotonic() + 60
    while (alive - idle) and time.monotonic() < deadline:
        with contextlib.suppress(queue.Empty):
            kind, desk, value = results.get(timeout=0.2)
            if kind == "idle":
                idle.add(desk)
            elif kind == "leader":
                leaders.append((desk, value))
    _notify(cfg.url, END_MARK)
    marks[END_MARK].wait(10)
    deadline = time.monotonic() + 60
    while len([d for d in reports if d in alive]) < len(alive) and time.monotonic() < deadline:
        with contextlib.suppress(queue.Empty):
            kind, desk, value = results.get(timeout=0.2)
            if kind == "report":
                reports[desk] = value
            elif kind == "leader":
                leaders.append((desk, value))
    reference.stop()
    for p in procs:
        p.join(timeout=20)
        if p.is_alive():
            p.kill()
    till = tills.get(cut, ("", ""))[1]
    return _check(cfg, elapsed, reports, heard, killed, killed_at, leaders, alive, cut, cut_s, till)


def _count(listener: Any, heard: list[tuple[str, str]], marks: dict[str, threading.Event],
           listening: threading.Event) -> None:
    """The parent's own listener: the sequence every desk should have heard."""
    recording = False
    for change in _changes_with_ready(listener, listening):
        if change.kind == "orders" and change.keys == (START_MARK,):
            recording = True
            marks[START_MARK].set()
            continue
        if change.kind == "orders" and change.keys == (END_MARK,):
            marks[END_MARK].set()
            return
        if recording:
            heard.append((change.kind, ",".join(change.keys)))


def _changes_with_ready(listener: Any, listening: threading.Event) -> Any:
    """The listener's changes; `listening` is set once its LISTEN is in place."""
    ticker = threading.Thread(target=lambda: _set_when_connected(listener, listening), daemon=True)
    ticker.start()
    yield from listener.changes(poll=0.2)


def _set_when_connected(listener: Any, listening: threading.Event) -> None:
    for _ in range(300):
        if listener.connected:
            listening.set()
            return
        time.sleep(0.05)


def _notify(url: str, payload: str) -> None:
    conn = _admin(url)
    try:
        conn.execute("SELECT pg_notify('omsdesk_orders', %s)", (payload,))
    finally:
        conn.close()


def _admin(url: str) -> Any:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, password=u.password,
                           dbname=u.database, autocommit=True, connect_timeout=5)


def _kill_leader(url: str, pids: dict[int | None, int], *, spare: set[int]) -> tuple[int, float]:
    from omsdesk.db import Database
    from omsdesk.sync.lock import leader_status

    db = Database(url)
    try:
        leader = leader_status(db)
    finally:
        db.dispose()
    if leader is None or leader.pid not in pids or pids[leader.pid] in spare:
        return -1, 0.0
    os.kill(leader.pid, signal.SIGKILL)
    return pids[leader.pid], time.time()


def _seed(db: Any, cfg: SimConfig) -> None:
    from sqlalchemy import func, select

    from omsdesk.models import Product
    from omsdesk.services.catalog import ProductInput, add_product, add_warehouse
    from omsdesk.services.context import Actor
    from omsdesk.services.goods_in.receiving import receive_stock
    from omsdesk.services.invoicing.company import set_company

    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Product)):
            raise SimulationRefused("the desk simulation fills the database with test orders: give it an "
                                    "empty database (omsdesk db upgrade on a new one), not a shop's")
    actor = Actor("simulation", "sim-setup")
    add_warehouse(db, WAREHOUSE, "Madrid", actor=actor, city="Madrid", priority=1)
    set_company(db, actor=actor, name="Simulación Desks SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")
    rng = random.Random(cfg.seed)
    for i, sku in enumerate(SKUS):
        add_product(db, ProductInput(sku=sku, name=f"Producto simulado {i}", price=rng.randint(300, 4000),
                                     tax_rate_bp=2100), actor=actor)
        receive_stock(db, sku, cfg.initial_stock, WAREHOUSE, actor=actor, reason="simulation start")


def _check(cfg: SimConfig, elapsed: float, reports: dict[int, DeskReport], heard: list[tuple[str, str]],
           killed: int, killed_at: float, leaders: list[tuple[int, float]], alive: set[int],
           cut: int, cut_s: float, journal: str) -> SimReport:
    from sqlalchemy import func, select

    from omsdesk.db import Database
    from omsdesk.demo.desk_till import TillOutcome, till_outcome
    from omsdesk.models import OrderLine, ShipmentLine, StockLevel
    from omsdesk.services.backup.checks import ledger_problems
    from omsdesk.services.invoicing.numbering import series_gaps
    from omsdesk.services.invoicing.records import verify_chain

    counts: Counter[str] = Counter()
    packed: Counter[int] = Counter()
    errors: list[str] = []
    for r in reports.values():
        counts.update(r.counts)
        packed.update(r.packed_parcels)
        errors.extend(f"desk-{r.desk}: {e}" for e in r.errors[:5])
    missing = sorted(alive - set(reports))
    errors.extend(f"desk-{d}: sent no report" for d in missing)
    db = Database(cfg.url)
    try:
        problems = ledger_problems(db)
        chain = verify_chain(db).ok
        till = (till_outcome(db, Path(journal), f"desk-{cut}") if cut >= 0 and cut in reports
                else TillOutcome(0, 0, 0, 0, "", False, False, {}))
        with db.read() as s:
            short = s.execute(select(StockLevel.product_id, StockLevel.on_hand - StockLevel.reserved
                                     - StockLevel.safety_buffer)
                              .where(StockLevel.on_hand - StockLevel.reserved - StockLevel.safety_buffer < 0)
                              ).all()
            gaps = [g.describe() for g in series_gaps(s)]
            shipped = (select(ShipmentLine.order_line_id, func.sum(ShipmentLine.qty).label("q"))
                       .group_by(ShipmentLine.order_line_id).subquery())
            over = int(s.scalar(select(func.count()).select_from(shipped)
                                .join(OrderLine, OrderLine.id == shipped.c.order_line_id)
                                .where(shipped.c.q > OrderLine.qty)) or 0)
    finally:
        db.dispose()
    # A shelf an offline sale emptied may read below zero (the goods had left: the exceptions
    # inbox says count it); only what goes below by more than was sold offline is an oversell.
    oversells = sum(1 for pid, available in short if -available > till.offline_units.get(pid, 0))
    expected = hashlib.sha256(repr(heard).encode()).hexdigest()
    # The cut desk could not hear what was sent while it was away: its listener must say so.
    checked = [r for d, r in reports.items() if d in alive and d != cut]
    complete = sum(1 for r in checked if r.heard == len(heard) and r.heard_hash == expected)
    takeover = [(d, t) for d, t in leaders if killed >= 0 and t >= killed_at and d != killed]
    first = min(takeover, key=lambda x: x[1]) if takeover else None
    fulfilled = counts.get("shipped", 0)
    return SimReport(
        desks=cfg.desks, seconds=round(elapsed, 1), fulfilled=fulfilled,
        per_minute=round(fulfilled * 60 / elapsed, 1) if elapsed else 0.0, counts=dict(sorted(counts.items())),
        double_picks=sum(n - 1 for n in packed.values() if n > 1),
        oversells=oversells,
        over_shipped_lines=over, series_gaps=gaps,
        ledger_mismatches=[p for p in problems if ": available " not in p],
        notifications_sent=len(heard), listeners_complete=complete, listeners_checked=len(checked),
        leader_killed=f"desk-{killed}" if killed >= 0 else "",
        takeover_desk=f"desk-{first[0]}" if first else "",
        takeover_gap_s=round(first[1] - killed_at, 3) if first else None,
        chain_ok=chain, cut_desk=f"desk-{cut}" if cut >= 0 else "", cut_s=round(cut_s, 1),
        offline_sales=till.offline_sales, replayed=till.replayed, replay_missing=till.missing,
        replay_duplicates=till.duplicates, till_series=till.series, till_series_gapless=till.series_gapless,
        till_stock_applied=till.stock_applied, offline_shortfalls=len(short) - oversells,
        cut_listener_reconnected=cut >= 0 and cut in reports and reports[cut].listener_gaps > 0,
        errors=errors, skipped=[])


# -- a desk (child process) ---------------------------------------------------------------


def desk_main(cfg: SimConfig, desk: int, go: Any, stop: Any, results: Any,
              till: tuple[str, str] | None = None) -> None:
    """One workstation: listener, leader candidate, and the day's work until `stop`.

    `till` (the desk the parent cuts off): its database URL through the proxy, and the path
    of its counter journal. Everything of that desk goes through the proxy, as on a LAN.
    """
    from omsdesk.db import Database
    from omsdesk.demo.desk_till import Till
    from omsdesk.live import ChangeListener
    from omsdesk.services.context import Actor
    from omsdesk.services.counter_journal import Journal
    from omsdesk.sync.scheduler import JobIntervals, SyncScheduler

    report = DeskReport(desk, os.getpid())
    url = till[0] if till else cfg.url
    db = Database(url)
    listener = ChangeListener(url)
    actor = Actor(f"user-{desk}", f"desk-{desk}")
    counter = Till(db, Journal(Path(till[1])), actor, WAREHOUSE) if till else None
    heard: list[tuple[str, str]] = []
    done = threading.Event()
    gaps = [0]

    def listen() -> None:
        recording = False
        for change in listener.changes(poll=0.2):
            if change.kind == "reconnected":
                gaps[0] += 1
                continue
            if change.kind == "orders" and change.keys == (START_MARK,):
                recording = True
                continue
            if change.kind == "orders" and change.keys == (END_MARK,):
                break
            if recording:
                heard.append((change.kind, ",".join(change.keys)))
        done.set()

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    big = 10_000.0  # no channel jobs here: the scheduler is only the leader lock
    scheduler = SyncScheduler(db, intervals=JobIntervals(
        pull_orders=big, push_stock=big, drain_outbox=big, erp_push=big, aeat_send=big, jitter=0,
        lock_retry=cfg.leader_interval), workstation=f"desk-{desk}")

    def on_event(event: Any) -> None:
        if event.kind == "started":
            results.put(("leader", desk, time.time()))

    scheduler.add_listener(on_event)
    try:
        db.check()
        for _ in range(200):
            if listener.connected:
                break
            time.sleep(0.05)
        scheduler.start()
        if counter is not None:
            counter.prepare()  # online at the start of the day: numbers reserved, products copied
        results.put(("ready", desk, None))
        go.wait(READY_TIMEOUT_S)
        _work(cfg, desk, actor, db, stop, report, counter)
        results.put(("idle", desk, None))
        done.wait(30)
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        report.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        listener.stop()
        with contextlib.suppress(Exception):
            scheduler.shutdown(wait=False)
        report.heard = len(heard)
        report.heard_hash = hashlib.sha256(repr(heard).encode()).hexdigest()
        report.listener_gaps = gaps[0]
        results.put(("report", desk, report))
        if counter is not None:
            counter.journal.close()
        db.dispose()


def _work(cfg: SimConfig, desk: int, actor: Any, db: Any, stop: Any, report: DeskReport, till: Any) -> None:
    from omsdesk.models import OmsError
    from omsdesk.services.counter import CounterSale, SaleLine, sell
    from omsdesk.services.counter_offline import LOST, server_reachable
    from omsdesk.services.fulfilment import orders as order_svc
    from omsdesk.services.fulfilment.allocation import allocate_order
    from omsdesk.services.fulfilment.claims import (
        NothingToClaim,
        claim_wave,
        heartbeat,
        release_claim,
    )
    from omsdesk.services.fulfilment.picking import PickProgress, pack_picked, start_picking
    from omsdesk.services.fulfilment.shipping import ship_order
    from omsdesk.services.goods_in.receiving import receive_stock
    from omsdesk.services.intake.order_entry import (
        CustomerInput,
        LineInput,
        OrderInput,
        create_order,
    )
    from omsdesk.services.invoicing.issue import issue_invoice

    rng = random.Random(cfg.seed * 1000 + desk)
    counts: Counter[str] = Counter()
    report.counts = counts  # what was done so far reaches the parent even if the desk dies
    timeout = timedelta(seconds=cfg.claim_timeout)
    last_beat = time.monotonic()

    def intake() -> None:
        lines = tuple(LineInput(sku=sku, qty=rng.randint(1, 2)) for sku in rng.sample(SKUS, rng.randint(1, 2)))
        ref = create_order(db, OrderInput(lines=lines, customer=CustomerInput(
            name=f"Cliente {desk}", email=f"cliente{desk}@example.es")), actor=actor).reference
        order_svc.pay_order(db, ref, actor=actor)
        state = allocate_order(db, ref, actor=actor)
        counts["orders_in"] += 1
        counts[f"allocate_{state.status}"] += 1

    def fulfil() -> None:
        try:
            wave = claim_wave(db, actor=actor, warehouse=WAREHOUSE, size=cfg.wave_size, timeout=timeout)
        except NothingToClaim:
            counts["claim_empty"] += 1
            return
        counts["claims"] += 1
        counts["claims_expired_by_me"] += len(wave.expired)
        try:
            plan = start_picking(db, list(wave.references), actor=actor, warehouse=WAREHOUSE,
                                 resume=False, claim_id=wave.id)
            progress = PickProgress(plan.doc.rows)
            for row in plan.doc.rows:
                for _ in range(row.qty):
                    progress.scan(row.sku)
            pack_picked(db, plan, progress, actor=actor)
        except Exception:
            # Whatever went wrong, the wave goes back to the pool rather than waiting out the timeout.
            with contextlib.suppress(Exception):
                release_claim(db, wave.id, actor=actor, reason="simulated bench gave up")
            raise
        report.packed_parcels.extend(wave.parcel_ids)
        for ref in plan.references:
            ship_order(db, ref, actor=actor, carrier="SEUR", tracking=f"T{desk}-{ref}")
            counts["shipped"] += 1
            issue_invoice(db, ref, actor=actor, simplified=True)
            counts["invoices"] += 1

    def sale() -> CounterSale:
        return CounterSale(lines=(SaleLine(rng.choice(SKUS), 1),), method="card", warehouse=WAREHOUSE)

    def counter() -> None:
        if till is not None:
            till.sell(sale(), counts)
            return
        sell(db, sale(), actor=actor)
        counts["counter_sales"] += 1

    def receipt() -> None:
        receive_stock(db, rng.choice(SKUS), rng.randint(2, 8), WAREHOUSE, actor=actor, reason="simulated delivery")
        counts["receipts"] += 1

    actions = (intake, fulfil, counter, receipt)
    weights = (4, 4, 2, 1)
    while not stop.is_set():
        if till is not None and till.offline:
            till.offline_step(sale(), counts)  # without the server a desk can only sell
            continue
        action = rng.choices(actions, weights)[0]
        try:
            if time.monotonic() - last_beat > cfg.claim_timeout / 4:
                heartbeat(db, actor.workstation)
                last_beat = time.monotonic()
            action()
        except OmsError:
            # Refusals are part of a busy day (stock short at the counter, an order taken meanwhile).
            counts[f"refused_{action.__name__}"] += 1
        except LOST as exc:
            if till is None or server_reachable(db):
                _error(report, counts, action.__name__, exc)  # a deadlock is no cut link
                continue
            # The cut desk lost the server mid-step: what was not committed is not done.
            counts[f"lost_{action.__name__}"] += 1
            till.went_offline()
        except Exception as exc:  # noqa: BLE001 - a crash of the services is what we look for
            _error(report, counts, action.__name__, exc)
    if till is not None:
        till.finish(counts)
    report.counts = dict(counts)


def _error(report: DeskReport, counts: Counter[str], action: str, exc: Exception) -> None:
    counts["errors"] += 1
    if len(report.errors) < 20:
        report.errors.append(f"{action}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
