"""Every view of the main window in Spanish: no English text from the catalogue, money and times as in Spain.

Issue 13 point 4: the whole desktop speaks the UI language. The walk reads every visible
text a clerk sees (labels, buttons, tabs, group titles, table headers, placeholders,
status texts) and fails on any that is an English source string of the translation
catalogue whose Spanish differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import day, money, qty, when
from omsdesk.ui.i18n import install_translator, resources_dir
from omsdesk.ui.main_window import VIEWS, MainWindow
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool


def _english_sources() -> set[str]:
    ts = resources_dir() / "translations" / "omsdesk_es.ts"
    changed, kept = set(), set()
    for m in ElementTree.parse(ts).iter("message"):
        source, translation = m.findtext("source") or "", m.findtext("translation") or ""
        (kept if source == translation else changed).add(source)
    # A word Spanish keeps in some context ("SKU", "Total") is not a sign of English; one
    # that is translated everywhere it appears is.
    return {s for s in changed - kept if len(s) > 2 and "{" not in s}


def _texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    for w in widget.findChildren(QWidget):
        name = type(w).__name__
        if isinstance(w, (QLabel, QAbstractButton)):
            yield name, w.text()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QLineEdit):
            yield name, w.placeholderText()
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield "tab", w.tabText(i)
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                header = model.headerData(c, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    yield f"{name} header", header
        if isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                item = w.horizontalHeaderItem(c)
                if item is not None:
                    yield f"{name} header", item.text()


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "es")
    try:
        yield
    finally:
        install_translator(qapp, "en")


def test_every_view_of_the_main_window_is_in_spanish(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path,
                                                     spanish: None) -> None:
    english = _english_sources()
    window = MainWindow(AppContext(demo_200k, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    found: list[str] = []
    for spec in VIEWS:
        page = window.show_view(spec.key)
        qtbot.wait(50)
        found += [f"{spec.key}: {kind} {text!r}" for kind, text in _texts(page) if text.strip() in english]
    found += [f"window: {kind} {text!r}" for kind, text in _texts(window) if text.strip() in english]
    orders = window.views.get("orders")
    if orders is not None and hasattr(orders, "model"):
        orders.model.pool.waitForDone(20_000)
    wait_for_pool()
    assert sorted(set(found)) == []


def test_money_numbers_days_and_moments_follow_the_language(spanish: None) -> None:
    from datetime import UTC, date, datetime

    assert money(12005370, "EUR") == "120.053,70\u00a0€"
    assert qty(12345) == "12.345"
    assert day(date(2026, 12, 1)) == "01/12/2026"
    moment = datetime(2026, 12, 1, 20, 5, tzinfo=UTC)
    assert when(moment) == f"{moment.astimezone():%d/%m/%Y %H:%M}"  # the workstation's clock


def test_english_is_written_the_irish_eu_way() -> None:
    assert money(12005370, "EUR") == "€120,053.70"
    assert qty(12345) == "12,345"


def test_the_walk_sees_the_texts_it_checks(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path) -> None:
    """In English the same walk meets the catalogue's sources: proof that it reads the screens."""
    english = _english_sources()
    window = MainWindow(AppContext(demo_200k, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    seen: set[str] = set()
    for spec in VIEWS:
        seen |= {text.strip() for _kind, text in _texts(window.show_view(spec.key)) if text.strip() in english}
    orders = window.views.get("orders")
    if orders is not None and hasattr(orders, "model"):
        orders.model.pool.waitForDone(20_000)
    wait_for_pool()
    assert len(seen) > 100, sorted(seen)


def test_spanish_stock_titles_are_not_cut(qtbot: QtBot, sqlite_db: Database, spanish: None) -> None:
    """Review 4.5: "xistencias", "nto de pedi": every stock column is at least as wide as its title."""
    from omsdesk.ui.inventory_view import InventoryView, move_kind_text

    view = InventoryView(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(view)
    header = view.table.horizontalHeader()
    metrics = header.fontMetrics()
    for i in range(view.model.columnCount()):
        title = str(view.model.headerData(i, Qt.Orientation.Horizontal))
        if header.sectionResizeMode(i) != header.ResizeMode.Stretch:
            assert header.sectionSize(i) >= metrics.horizontalAdvance(title), title
    assert move_kind_text("receipt") == "Entrada" and move_kind_text("scrap") == "Desechado"
    wait_for_pool()


def test_at_1280_in_spanish_nothing_is_cut_and_f1_lists_every_key(qtbot: QtBot, demo_200k: Database,
                                                                   qsettings_tmp: Path, spanish: None) -> None:
    """Review 7.6 and 7.8: the sidebar shows whole names without a scroll bar, the order panel fits its
    column, and F1 lists the Counter's and Pick & Pack's keys in Spanish even before they are opened."""
    window = MainWindow(AppContext(demo_200k, GUI_ACTOR))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    nav = window.nav
    metrics = nav.fontMetrics()
    names = [nav.item(i).text() for i in range(nav.count())]
    assert "Preparación y embalaje" in names
    assert all(metrics.horizontalAdvance(n) + 20 <= nav.viewport().width() for n in names), names
    assert not nav.horizontalScrollBar().isVisible()
    orders = window.show_view("orders")
    qtbot.waitUntil(lambda: orders.model.rowCount() > 0, timeout=15_000)
    orders.table.selectRow(0)
    detail = orders.detail
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=15_000)
    qtbot.wait(50)
    scroll = detail.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.widget().width() <= scroll.viewport().width()
    for name in ("action_cancel", "issue_invoice", "print_label"):
        button = detail.findChild(QAbstractButton, name)
        right = button.mapTo(scroll.viewport(), button.rect().topRight()).x()
        assert right <= scroll.viewport().width(), name
    rows = window.shortcut_rows()
    keys = {(where, key) for where, key, _text in rows}
    assert {("Mostrador", "F2"), ("Mostrador", "F10"), ("Preparación y embalaje", "F8")} <= keys
    assert ("Mostrador", "F2", "Cobrar en efectivo") in rows
    orders.model.pool.waitForDone(20_000)
    wait_for_pool()
