"""Start-up: the main window is on screen before the database opens; start() then fills it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.ui.context import AppContext
from omsdesk.ui.main_window import MainWindow
from tests.fixtures.gui_data import GUI_ACTOR


def test_window_built_from_a_url_opens_no_database_until_started(
        qtbot: QtBot, sqlite_db: Database, qsettings_tmp: Path) -> None:
    ctx = AppContext(sqlite_db.url, GUI_ACTOR)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(50)
    assert not ctx.is_open
    assert window.views == {}
    window.start()
    assert ctx.is_open
    assert window.current_key() in window.views


def test_app_reports_window_shown_before_first_view_ready(sqlite_db: Database, tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "OMSDESK_QUIT_AFTER_SHOWN": "0",
           "OMSDESK_CONFIG_DIR": str(tmp_path), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "omsdesk", "--db", sqlite_db.url], env=env,
                         capture_output=True, text=True, timeout=120)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("omsdesk:")]
    assert out.returncode == 0, out.stderr[-2000:]
    assert lines == ["omsdesk: main window shown", "omsdesk: first view ready"]


def test_bad_database_url_is_reported_and_the_app_exits_with_failure(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "OMSDESK_QUIT_AFTER_SHOWN": "0",
           "OMSDESK_CONFIG_DIR": str(tmp_path), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    # The error dialog is modal; offscreen nobody clicks it, so the run is bounded by a timeout
    # only if the app wrongly waited: it must instead show it and exit when it is dismissed.
    proc = subprocess.Popen([sys.executable, "-c",
                             "import sys\n"
                             "from PySide6.QtCore import QTimer\n"
                             "from PySide6.QtWidgets import QApplication, QMessageBox\n"
                             "app = QApplication(sys.argv)\n"
                             "def close():\n"
                             "    for w in app.topLevelWidgets():\n"
                             "        if isinstance(w, QMessageBox):\n"
                             "            print('dialog:', w.text(), flush=True); w.accept()\n"
                             "timer = QTimer(); timer.timeout.connect(close); timer.start(50)\n"
                             "from omsdesk.ui.app import run_gui\n"
                             "sys.exit(run_gui('postgresql+psycopg://x:y@127.0.0.1:1/nothing'))\n"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr[-2000:]
    # A server that is down offers Retry / Edit connection / Use the local database; closing it quits.
    assert "dialog: Cannot connect to the database server postgresql+psycopg://x:***@127.0.0.1:1/nothing" in stdout
