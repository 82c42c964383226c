"""Starts the Qt application: the main window first, then the database and the first view."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from omsdesk.ui.context import AppContext
    from omsdesk.ui.main_window import MainWindow

ORGANIZATION = "omsdesk"
APPLICATION = "omsdesk"


def run_gui(url: str) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from omsdesk.ui.context import AppContext

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    from omsdesk.ui.gui_gc import GuiThreadCollector

    collector = GuiThreadCollector(app)
    app.aboutToQuit.connect(collector.stop)
    ctx = AppContext(url)
    _install_language(app, ctx.settings.get("language"))

    from omsdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.statusBar().showMessage(window.tr("Opening the database…"))
    window.show()
    # For `omsdesk bench` and the packaging check: report when the window is on screen and when
    # the first view holds data, then quit.
    quit_after = os.environ.get("OMSDESK_QUIT_AFTER_SHOWN")
    if quit_after is not None:
        app.processEvents()
        print("omsdesk: main window shown", flush=True)
    QTimer.singleShot(0, lambda: _open_database(app, window, ctx, quit_after))
    code = int(app.exec())
    # Without this the process ends with the connections open and a WAL full of the day's sales
    # left beside the database file (a clerk copying the file alone would miss them).
    ctx.close()
    return code


def _open_database(app: QApplication, window: MainWindow, ctx: AppContext, quit_after: str | None) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from omsdesk.models.errors import OmsError

    while True:
        try:
            ctx.open()  # imports SQLAlchemy and the models, checks and upgrades the schema
            break
        except OmsError as exc:
            if not _is_server(ctx.url):
                QMessageBox.critical(window, "omsdesk", str(exc))
                app.exit(1)
                return
            if not _server_unavailable(window, ctx, exc):
                app.exit(1)
                return
    window.start()
    window.statusBar().clearMessage()
    if quit_after is not None:
        print("omsdesk: first view ready", flush=True)
        QTimer.singleShot(int(quit_after or 0), app.quit)


def _is_server(url: str) -> bool:
    return url.startswith("postgresql")


def _server_unavailable(window: MainWindow, ctx: AppContext, exc: Exception) -> bool:
    """The server did not open: Retry, Edit connection or Use the local database; False to quit."""
    from omsdesk.config import default_database_url
    from omsdesk.ui.connection_dialog import ConnectionDialog, ask_when_unavailable

    choice = ask_when_unavailable(window, ctx.url, exc)
    if choice == "edit":
        dialog = ConnectionDialog(window, url=ctx.url, pool=ctx.pool)
        if dialog.exec() and dialog.saved_url:
            ctx.use_url(dialog.saved_url)
        return True
    if choice == "local":
        ctx.use_url(default_database_url())  # for this session; the saved server stays configured
        return True
    return choice == "retry"


def _install_language(app: object, language: object) -> None:
    try:
        from omsdesk.ui.i18n import install_translator
    except ImportError:  # translations ship with the Settings area; English works without
        return
    install_translator(app, language if isinstance(language, str) else None)  # type: ignore[arg-type]
