"""Starts the Qt application on a database."""

from __future__ import annotations

import sys


def run_gui(url: str) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from omsdesk.db import open_database

    db = open_database(url)
    app = QApplication.instance() or QApplication(sys.argv)
    win = QMainWindow()
    win.setWindowTitle(f"omsdesk - {db.display_url}")
    win.setCentralWidget(QLabel("omsdesk"))
    win.resize(1280, 800)
    win.show()
    return int(app.exec())
