"""GUI benchmarks on 1,000,000 orders: start-up against a bare Qt window, queue latency, memory.

Every measurement runs in its own offscreen child process (`python -m bench.gui CHILD ...`)
so Qt start-up, import costs and resident memory are those of a fresh program.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.core import million_order_db

SHOWN = "omsdesk: main window shown"
READY = "omsdesk: first view ready"
ROOT = Path(__file__).resolve().parents[1]

_BARE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1280, 800)
window.show()
def done():
    print({SHOWN!r}, flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def _env(config_dir: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OMSDESK_QUIT_AFTER_SHOWN="0",
               XDG_CONFIG_HOME=config_dir, PYTHONPATH=str(ROOT))
    return env


def _time_to_shown(cmd: list[str], env: dict[str, str], marker: str = SHOWN) -> float:
    """Seconds from spawning the process to its `marker` line ('main window shown' by default)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, cwd=ROOT)
    assert proc.stdout is not None
    shown = None
    for line in proc.stdout:
        if marker in line:
            shown = time.perf_counter() - t0
            break
    proc.stdout.read()  # let the child finish its output and quit
    proc.wait(timeout=120)
    if shown is None:
        raise RuntimeError(f"{cmd[:3]} exited ({proc.returncode}) without printing {marker!r}")
    return shown


def bench_startup(orders: int = 1_000_000, runs: int = 5) -> list[dict[str, Any]]:
    """`omsdesk` (CLI entry point) to main window shown, against a bare QMainWindow + QTableView.

    The app puts its window on screen before it loads SQLAlchemy and opens the database; the
    second figure is the time until the first view holds data, reported beside the same baseline.
    """
    db = million_order_db(orders)
    app_cmd = [sys.executable, "-m", "omsdesk", "--db", f"sqlite:///{db}"]
    bare_cmd = [sys.executable, "-c", _BARE]
    ours: list[float] = []
    ready: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as config:
        env = _env(config)
        _time_to_shown(app_cmd, env)  # warm the page cache and .pyc files for both sides
        _time_to_shown(bare_cmd, env)
        # Interleaved, so load from other processes hits both sides alike.
        for _ in range(runs):
            ours.append(_time_to_shown(app_cmd, env))
            ready.append(_time_to_shown(app_cmd, env, READY))
            bare.append(_time_to_shown(bare_cmd, env))
    value, baseline, first = statistics.median(ours), statistics.median(bare), statistics.median(ready)
    return [{
        "name": f"GUI start to main window shown, {orders:,} orders",
        "value": round(value * 1000, 1), "unit": "ms",
        "baseline_name": "bare PySide6 QMainWindow + QTableView, same run",
        "baseline": round(baseline * 1000, 1),
        "ratio": round(value / baseline, 3), "goal": "ratio <= 3", "passed": value <= 3 * baseline,
    }, {
        "name": f"GUI start to first view with data, {orders:,} orders",
        "value": round(first * 1000, 1), "unit": "ms",
        "baseline_name": "bare PySide6 QMainWindow + QTableView, same run",
        "baseline": round(baseline * 1000, 1),
        "ratio": round(first / baseline, 3), "goal": "(informational)", "passed": True,
    }]


def _child_json(args: list[str], config: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "bench.gui", *args], capture_output=True, text=True,
                         env=_env(config), cwd=ROOT, timeout=600)
    for line in reversed(out.stdout.splitlines()):
        if line.startswith("{"):
            return dict(json.loads(line))
    raise RuntimeError(f"bench child {args[0]} failed: {out.stderr.strip()[-800:]}")


def bench_queue(orders: int = 1_000_000, rounds: int = 3) -> list[dict[str, Any]]:
    """Status change, search keystroke, jump to end: each to repainted rows; plus GUI memory."""
    db = million_order_db(orders)
    with tempfile.TemporaryDirectory() as config:
        gui = _child_json(["queue", f"sqlite:///{db}", str(rounds)], config)
        bare = _child_json(["bare-rss"], config)
    results = []
    for key, label in (("status", "queue: change of status filter"), ("search", "queue: search keystroke"),
                       ("end", "queue: jump to the end")):
        value, raw = gui[key], gui[f"{key}_query"]
        results.append({
            "name": f"{label} to repainted rows, {orders:,} orders (median)",
            "value": round(value, 1), "unit": "ms",
            "baseline_name": "the same page queries alone, no Qt",
            "baseline": round(raw, 1), "ratio": round(value / raw, 3) if raw else 0.0,
            "goal": "median <= 100 ms", "passed": value <= 100,
        })
    results.append({
        "name": f"GUI resident memory after queue, detail and dashboard, {orders:,} orders",
        "value": round(gui["rss_mb"], 1), "unit": "MB",
        "baseline_name": "bare PySide6 QMainWindow + QTableView",
        "baseline": round(bare["rss_mb"], 1), "ratio": round(gui["rss_mb"] / bare["rss_mb"], 3),
        "goal": "<= 300 MB", "passed": gui["rss_mb"] <= 300,
    })
    return results


# -- children ---------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_bare_rss() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return {"rss_mb": _peak_rss_mb()}


def _child_queue(url: str, rounds: int) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from omsdesk.db import open_database
    from omsdesk.queries.order_page import OrderFilter
    from omsdesk.queries.orders import list_orders
    from omsdesk.ui.context import AppContext
    from omsdesk.ui.main_window import MainWindow
    from omsdesk.ui.orders_view import OrdersView

    QCoreApplication.setOrganizationName("omsdesk-bench")
    app = QApplication(sys.argv)
    ctx = AppContext(open_database(url))
    window = MainWindow(ctx)
    window.show()
    view = window.show_view("orders")
    assert isinstance(view, OrdersView)
    model = view.model

    def settle(timeout: float = 60.0) -> None:
        end = time.perf_counter() + timeout
        while model.loading and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)
        view.table.viewport().repaint()  # paint now, not at the next idle moment

    def timed(action: Any) -> float:
        t0 = time.perf_counter()
        action()
        settle()
        return (time.perf_counter() - t0) * 1000

    settle()
    statuses = ["paid", "packed", "on_hold", "new", "allocated", "shipped", "backorder", ""]
    searches = ["gar", "garc", "garcía", "SO-2026-000777", "cliente00042@example.es", "CUA-00027", "mart",
                "ainhoa"]
    status_ms, search_ms, end_ms = [], [], []
    for _ in range(rounds):
        for status in statuses:
            status_ms.append(timed(lambda s=status: view.set_status_tab(s)))
        view.set_status_tab("")
        settle()
        for text in searches:  # what the debounced search applies after a keystroke
            search_ms.append(timed(lambda t=text: model.set_search(t)))
        model.set_search("")
        settle()
        for _ in range(3):
            view.set_newest_first(True)
            settle()
            end_ms.append(timed(view.jump_to_end))
    view.set_newest_first(True)
    settle()

    # The same pages read without Qt, for the baseline column.
    def raw(f: OrderFilter, newest: bool = True) -> float:
        t0 = time.perf_counter()
        with ctx.db.read() as s:
            list_orders(s, f, limit=200, newest_first=newest)
        return (time.perf_counter() - t0) * 1000

    status_raw = [raw(OrderFilter(status=s or None)) for s in statuses]
    search_raw = [raw(OrderFilter(search=t)) for t in searches]
    end_raw = [raw(OrderFilter(), newest=False) for _ in range(3)]

    # Memory with what a clerk opens in a session: the queue scrolled, an order, the dashboard.
    for _ in range(10):
        model.fetchMore()
        settle()
    view.table.selectRow(0)
    dashboard = window.show_view("dashboard")
    deadline = time.perf_counter() + 120
    while getattr(dashboard, "data", None) is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    ctx.pool.waitForDone(60_000)
    app.processEvents()
    return {
        "status": statistics.median(status_ms), "search": statistics.median(search_ms),
        "end": statistics.median(end_ms), "status_query": statistics.median(status_raw),
        "search_query": statistics.median(search_raw), "end_query": statistics.median(end_raw),
        "status_max": max(status_ms), "search_max": max(search_ms), "end_max": max(end_ms),
        "rss_mb": _peak_rss_mb(),
    }


def main(argv: list[str]) -> int:
    if argv[0] == "queue":
        result = _child_queue(argv[1], int(argv[2]))
    elif argv[0] == "bare-rss":
        result = _child_bare_rss()
    else:
        print(json.dumps([bench_startup(), *bench_queue()], indent=2))
        return 0
    print(json.dumps(result), flush=True)
    os._exit(0)  # skip Qt teardown: the figures are out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["all"]))
