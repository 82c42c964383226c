"""What every view receives: the database, the acting user, a thread pool and app-wide signals."""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from omsdesk.config import load_settings
from omsdesk.services.context import Actor

if TYPE_CHECKING:
    from omsdesk.db import Database


class AppSignals(QObject):
    """App-wide events; background threads emit them and Qt queues delivery to the GUI thread."""

    orders_changed = Signal()          # any order changed (sync, another view, a batch)
    order_changed = Signal(str)        # one order, by reference
    stock_changed = Signal()
    invoices_changed = Signal()
    sync_state_changed = Signal(dict)  # channel health, outbox backlog
    status_message = Signal(str)
    user_changed = Signal()            # signed in, switched, locked, or a manager's approval began or ended


class AppContext:
    """Holds an open Database, or a URL opened on first use.

    The app starts with a URL so the main window can be on screen before SQLAlchemy, the
    models and the schema check have loaded; the first view then opens the database.
    """

    def __init__(self, db: Database | str, actor: Actor | None = None) -> None:
        self._lock = threading.Lock()
        if isinstance(db, str):
            self.url, self._db = db, None
        else:
            self.url, self._db = db.url, db
        self.actor = actor or Actor.current()
        self.signals = AppSignals()
        self.pool = QThreadPool.globalInstance()
        self.settings: dict[str, Any] = load_settings()
        # Filled by ui/sign_in.py once the database is open: whether users exist (else setup
        # mode) and the permission values the actor (with any approving manager) holds now.
        self.users_exist = False
        self.granted: frozenset[str] | None = None  # None: not known yet, nothing is disabled
        # The LiveRefresh listening to other desks on PostgreSQL (ui/live_refresh.py), else None.
        self.live: Any = None

    def allows(self, permission: str) -> bool:
        """Whether the UI offers an action needing `permission` (the services check it again)."""
        return self.granted is None or permission in self.granted

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> Database:
        return self.open()

    def use_url(self, url: str) -> None:
        """Open another database instead (start-up: the server was down and the clerk chose
        another server or the local file); only before one has been opened."""
        with self._lock:
            if self._db is None:
                self.url = url

    def open(self) -> Database:
        """The database, opened (and its schema checked) on the first call."""
        # Views and workers may ask from different threads; the database opens once.
        with self._lock:
            if self._db is None:
                from omsdesk.db import open_database

                self._db = open_database(self.url)
            return self._db

    def close(self, wait_ms: int = 10_000) -> None:
        """What quitting does: let running work finish, then checkpoint the WAL and close."""
        self.pool.waitForDone(wait_ms)
        with self._lock:
            if self._db is not None:
                self._db.close()

    @property
    def display_url(self) -> str:
        """The URL without its password, for titles and the status bar."""
        return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", self.url)
