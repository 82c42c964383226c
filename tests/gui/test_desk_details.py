"""Small promises of the desk at 1280 px: the status bar follows a language switch, typing in the
sidebar does not jump views, and save dialogs start in the documents folder or the last one used."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.ui import save_paths
from omsdesk.ui.context import AppContext
from omsdesk.ui.main_window import MainWindow
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool


def test_the_status_bar_and_the_sidebar_follow_a_language_switch(qtbot: QtBot, sqlite_db: Database,
                                                                 qsettings_tmp: Path) -> None:
    window = MainWindow(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    assert window.db_label.text().startswith("Database:")
    try:
        window.change_language("es")
        assert window.db_label.text().startswith("Base de datos:")
        assert window.station_label.text().startswith("Puesto:")
        names = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert "Preparación y embalaje" in names
        metrics = window.nav.fontMetrics()
        assert all(metrics.horizontalAdvance(n) + 20 <= window.nav.width() for n in names)
    finally:
        window.change_language("en")
    assert window.db_label.text().startswith("Database:")
    wait_for_pool()


def test_typing_in_the_sidebar_does_not_jump_to_another_view(qtbot: QtBot, sqlite_db: Database,
                                                              qsettings_tmp: Path) -> None:
    window = MainWindow(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    window.nav.setFocus()
    row = window.nav.currentRow()
    qtbot.keyClicks(window.nav, "sy")  # "Sync" would be found by Qt's keyboard search
    assert window.nav.currentRow() == row
    wait_for_pool()


def test_save_dialogs_start_in_documents_then_in_the_last_folder_used(qsettings_tmp: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "Documentos"
    docs.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _kind: str(docs))
    assert save_paths.suggested("F2026-000001.pdf") == str(docs / "F2026-000001.pdf")
    chosen = tmp_path / "facturas" / "x.pdf"
    chosen.parent.mkdir()
    assert save_paths.remember(str(chosen)) == str(chosen)
    assert save_paths.suggested("y.csv") == str(chosen.parent / "y.csv")
    assert save_paths.suggested("/abs/z.csv") == "/abs/z.csv"
