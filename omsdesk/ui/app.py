"""Starts the Qt application on a database and shows the main window."""

from __future__ import annotations

import os
import sys

ORGANIZATION = "omsdesk"
APPLICATION = "omsdesk"


def run_gui(url: str) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from omsdesk.db import DatabaseError, open_database
    from omsdesk.ui.context import AppContext

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    try:
        db = open_database(url)
    except DatabaseError as exc:
        QMessageBox.critical(None, "omsdesk", str(exc))
        return 1
    ctx = AppContext(db)
    _install_language(app, ctx.settings.get("language"))

    from omsdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    # For `omsdesk bench` and the packaging check: quit once the window has painted.
    quit_after = os.environ.get("OMSDESK_QUIT_AFTER_SHOWN")
    if quit_after is not None:
        QTimer.singleShot(int(quit_after or 0), lambda: _report_and_quit(app))
    return int(app.exec())


def _install_language(app: object, language: object) -> None:
    try:
        from omsdesk.ui.i18n import install_translator
    except ImportError:  # translations ship with the Settings area; English works without
        return
    install_translator(app, language if isinstance(language, str) else None)  # type: ignore[arg-type]


def _report_and_quit(app: object) -> None:
    # The marker lets a parent process time start-up up to the first event-loop turn.
    print("omsdesk: main window shown", flush=True)
    app.quit()  # type: ignore[attr-defined]
