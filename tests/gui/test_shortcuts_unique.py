"""Every shortcut of the main window does one thing (issue 13 point 3).

Qt calls a key bound twice in the same scope "ambiguous" and runs neither: that is how
"Load wave (F5)" and Refresh in Invoices did nothing. The walk opens every view and collects
each action and shortcut with its scope: window-wide keys must be unique and used by no
view; a view's own keys must be unique inside that view.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.ui.context import AppContext
from omsdesk.ui.main_window import VIEWS, MainWindow
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool

WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def _owner(obj: QObject, views: dict[QWidget, str]) -> str:
    node: QObject | None = obj
    while node is not None:
        if node in views:
            return views[node]
        node = node.parent()
    return "window"


def _bindings(window: MainWindow) -> list[tuple[str, str, bool, str]]:
    """(keys, owner view, window-wide?, what) for every action and shortcut of the window."""
    views = {w: key for key, w in window.views.items()}
    out: list[tuple[str, str, bool, str]] = []
    for act in window.findChildren(QAction):
        for seq in act.shortcuts():
            out.append((seq.toString(QKeySequence.SequenceFormat.PortableText), _owner(act, views),
                        act.shortcutContext() in WIDE, act.text()))
    for sc in window.findChildren(QShortcut):
        if sc.isEnabled() and not sc.key().isEmpty():
            out.append((sc.key().toString(QKeySequence.SequenceFormat.PortableText), _owner(sc, views),
                        sc.context() in WIDE, "QShortcut"))
    return out


def test_no_key_is_bound_twice_in_one_scope(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path) -> None:
    window = MainWindow(AppContext(demo_200k, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    for spec in VIEWS:
        window.show_view(spec.key)
    bindings = _bindings(window)
    wide = defaultdict(list)
    local: dict[tuple[str, str], list[str]] = defaultdict(list)
    for keys, owner, is_wide, what in bindings:
        (wide[keys] if is_wide else local[(owner, keys)]).append(f"{owner}:{what}")
    problems = [f"{k} window-wide twice: {v}" for k, v in wide.items() if len(v) > 1]
    problems += [f"{k} in {o} twice: {v}" for (o, k), v in local.items() if len(v) > 1]
    problems += [f"{k} of {o} hidden by the window's {wide[k]}" for (o, k) in local if k in wide]
    orders = window.views.get("orders")
    if orders is not None and hasattr(orders, "model"):
        orders.model.pool.waitForDone(20_000)
    wait_for_pool()
    assert len(bindings) > 40
    assert "F5" in wide and "Ctrl+F" in wide
    assert problems == []


def test_entering_the_counter_or_the_pick_station_puts_the_keyboard_in_the_scan_field(
        qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path) -> None:
    window = MainWindow(AppContext(demo_200k, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)  # keys reach it
    for key in ("counter", "pickpack"):
        window.show_view("orders")
        window.view_actions[key].trigger()  # Ctrl+N, as the clerk does
        scan = window.views[key].scan  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda s=scan: window.focusWidget() is s, timeout=5_000)
        if key == "pickpack":
            loads: list[bool] = []
            window.views[key].load_wave = lambda got=loads: got.append(True)  # type: ignore[attr-defined]
            qtbot.keyClick(scan, Qt.Key.Key_F5)  # the window's Refresh loads the next wave here
            assert loads == [True]
            qtbot.waitUntil(lambda s=scan: window.focusWidget() is s, timeout=5_000)
    orders = window.views.get("orders")
    if orders is not None and hasattr(orders, "model"):
        orders.model.pool.waitForDone(20_000)
    wait_for_pool()
