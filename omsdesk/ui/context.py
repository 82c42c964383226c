"""What every view receives: the database, the acting user, a thread pool and app-wide signals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from omsdesk.config import load_settings
from omsdesk.db import Database
from omsdesk.services.context import Actor


class AppSignals(QObject):
    """App-wide events; background threads emit them and Qt queues delivery to the GUI thread."""

    orders_changed = Signal()          # any order changed (sync, another view, a batch)
    order_changed = Signal(str)        # one order, by reference
    stock_changed = Signal()
    invoices_changed = Signal()
    sync_state_changed = Signal(dict)  # channel health, outbox backlog
    status_message = Signal(str)


class AppContext:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self.db = db
        self.actor = actor or Actor.current()
        self.signals = AppSignals()
        self.pool = QThreadPool.globalInstance()
        self.settings: dict[str, Any] = load_settings()
