"""Back up now and Restore… from the GUI: work in the pool behind a progress dialog, a confirmation
before anything is replaced, and the daily-backup settings saved with the rest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from omsdesk.config import settings_file
from omsdesk.db import Database
from omsdesk.models import Order
from omsdesk.services.backup.backup import backup_database
from omsdesk.services.backup.schedule import backups_in
from omsdesk.services.context import Actor
from omsdesk.ui import backup_view
from omsdesk.ui.context import AppContext
from omsdesk.ui.settings_view import SettingsView
from tests.fixtures.database import Shop


class Boxes:
    """Stands in for the modal message boxes: records them, answers the question with `answer`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> None:
        self.shown: list[tuple[str, str]] = []
        self.questions: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: self._show("info", text))
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: self._show("warning", text))

        def ask(box: QMessageBox) -> QMessageBox.StandardButton:
            self.questions.append(box.text())
            return answer

        monkeypatch.setattr(QMessageBox, "exec", ask)

    def _show(self, kind: str, text: str) -> QMessageBox.StandardButton:
        self.shown.append((kind, text))
        return QMessageBox.StandardButton.Ok


def _orders(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Order)) or 0)


@pytest.fixture
def view(qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SettingsView:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    shop.order({shop.product("TAZA-1"): 1})
    settings = SettingsView(AppContext(sqlite_db, Actor("admin", "office-1")))
    qtbot.addWidget(settings)
    return settings


def test_back_up_now_writes_a_backup_into_the_folder_off_the_gui_thread(
        qtbot: QtBot, view: SettingsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    folder = tmp_path / "daily"
    view.ctx.settings["backup_folder"] = str(folder)
    view.backups.backup_button.click()
    operation = view.backups.operation
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=30_000):
        pass
    files = backups_in(folder)
    assert len(files) == 1
    assert boxes.shown and boxes.shown[0][0] == "info" and str(files[0]) in boxes.shown[0][1]
    assert operation.percents == sorted(operation.percents) and operation.percents[-1] == 100
    assert files[0].name in view.backups.last.text()


def test_restore_asks_first_and_refusing_changes_nothing(
        qtbot: QtBot, view: SettingsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = view.ctx.db
    backup = backup_database(db, tmp_path / "one.zip").path
    Shop(db).order({"TAZA-1": 1})
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert backup_view.ask_restore(view.ctx, view, backup) is None
    assert len(boxes.questions) == 1 and _orders(db) == 2


def test_restore_replaces_the_database_after_the_confirmation(
        qtbot: QtBot, view: SettingsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = view.ctx.db
    backup = backup_database(db, tmp_path / "one.zip").path
    Shop(db).order({"TAZA-1": 1})
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    heard: list[Any] = []
    view.ctx.signals.orders_changed.connect(lambda: heard.append("orders"))
    operation = backup_view.ask_restore(view.ctx, view, backup)
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=30_000):
        pass
    assert _orders(db) == 1  # the same Database object now reads the restored file
    assert heard == ["orders"]
    assert boxes.shown[-1][0] == "info" and "before-restore" in boxes.shown[-1][1]


def test_a_damaged_file_is_refused_before_any_question(
        view: SettingsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a backup")
    assert backup_view.ask_restore(view.ctx, view, bad) is None
    assert boxes.questions == [] and boxes.shown[0][0] == "warning"
    assert _orders(view.ctx.db) == 1


def test_daily_backup_settings_are_saved_with_the_workstation_settings(view: SettingsView, tmp_path: Path) -> None:
    view.backups.folder.setText(str(tmp_path / "daily"))
    view.backups.hour.setValue(21)
    view.backups.keep.setValue(5)
    view.save_button.click()
    saved = json.loads(settings_file().read_text(encoding="utf-8"))
    assert (saved["backup_folder"], saved["backup_hour"], saved["backup_keep"]) == (str(tmp_path / "daily"), 21, 5)
