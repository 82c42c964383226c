"""Export accounting…: the dialog writes the chosen layout for the period in the background and says how much."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.exports.accounting import FORMATS, JOURNAL_COLUMNS, QUICKBOOKS_COLUMNS
from omsdesk.exports.contaplus import RECORD_WIDTH
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.ui.context import AppContext
from omsdesk.ui.export_dialog import ExportAccountingDialog
from omsdesk.ui.main_window import MainWindow
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR

# Invoices are dated in the company's time zone (Madrid), not the machine's: between 23:00 and
# midnight UTC those are different days.
TODAY = datetime.now(ZoneInfo("Europe/Madrid")).date()


@pytest.fixture
def books(sqlite_db: Database) -> str:
    """One paid order with its invoice, dated today."""
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    set_company(sqlite_db, actor=shop.actor, name="Tienda Demo SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")
    sku = shop.product(price=1210)
    shop.stock(sku, 5)
    ref = shop.order({sku: 2})
    order_svc.pay_order(sqlite_db, ref, actor=shop.actor)
    return issue_invoice(sqlite_db, ref, actor=shop.actor).number


def _dialog(qtbot: QtBot, db: Database, fmt: str, out: Path, start: date, end: date) -> ExportAccountingDialog:
    dialog = ExportAccountingDialog(AppContext(db, actor=GUI_ACTOR))
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.start.setDate(QDate(start.year, start.month, start.day))
    dialog.end.setDate(QDate(end.year, end.month, end.day))
    dialog.path.setText(str(out))
    return dialog


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_export_writes_the_journal_and_reports_the_row_count(qtbot: QtBot, books: str, sqlite_db: Database,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "journal.csv"
    dialog = _dialog(qtbot, sqlite_db, "journal", out, TODAY - timedelta(days=1), TODAY)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    headers, rows = _rows(out)
    assert headers == list(JOURNAL_COLUMNS)
    assert rows and any(books in " ".join(r.values()) for r in rows)
    assert dialog.summary is not None and dialog.summary.rows == len(rows)
    assert dialog.result_label.text().startswith(f"{len(rows)} rows written to {out}")
    assert dialog.export_button.isEnabled()


def test_quickbooks_says_payments_were_left_out(qtbot: QtBot, books: str, sqlite_db: Database,
                                                tmp_path: Path) -> None:
    out = tmp_path / "qbo.csv"
    dialog = _dialog(qtbot, sqlite_db, "quickbooks", out, TODAY, TODAY)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    headers, rows = _rows(out)
    assert headers == list(QUICKBOOKS_COLUMNS)
    assert [r["Invoice No"] for r in rows] == [books]
    assert "1 payments left out" in dialog.result_label.text()


def test_the_dialog_offers_the_three_layouts_and_writes_contaplus(qtbot: QtBot, books: str,
                                                                  sqlite_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "XDiario.txt"
    dialog = _dialog(qtbot, sqlite_db, "contaplus", out, TODAY, TODAY)
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == list(FORMATS)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    lines = out.read_bytes().decode("cp1252").split("\r\n")[:-1]
    assert lines and {len(line) for line in lines} == {RECORD_WIDTH}
    assert any(books in line for line in lines)
    assert dialog.summary is not None and dialog.summary.rows == len(lines)


def test_a_period_that_ends_before_it_starts_is_refused_clearly(qtbot: QtBot, sqlite_db: Database,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "bad.csv"
    dialog = _dialog(qtbot, sqlite_db, "contaplus", out, TODAY, TODAY - timedelta(days=3))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result_label.text().startswith("Export failed"), timeout=10_000)
    assert "before it starts" in dialog.result_label.text()
    assert not out.exists() and dialog.summary is None


def test_no_file_chosen_asks_for_one(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = ExportAccountingDialog(AppContext(sqlite_db, actor=GUI_ACTOR))
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    assert dialog.result_label.text() == "Choose a file first."


def test_the_main_window_file_menu_offers_export_accounting(qtbot: QtBot, sqlite_db: Database,
                                                            qsettings_tmp: Path) -> None:
    window = MainWindow(AppContext(sqlite_db, actor=GUI_ACTOR))
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "Export &accounting…" in texts
    action = file_menu.actions()[texts.index("Export &accounting…")]
    assert action.shortcut().toString() == "Ctrl+Shift+E"
