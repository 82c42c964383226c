"""While the app runs: notice a dropped server connection, say so in a banner, reconnect with backoff.

Nothing is torn down while the server is away: open dialogs and forms keep what was typed, and
a save that fails shows the classified line (workers.py) and can simply be tried again; a
write is one transaction (db.Database.write), so nothing is ever half applied. When the server
answers again every list refreshes once (the changes other desks made meanwhile).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from omsdesk.ui.connection_events import connection_events
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool

HEARTBEAT_MS = 15_000
FIRST_RETRY_S = 2
MAX_RETRY_S = 60


def ping(ctx: AppContext) -> None:
    """One round trip to the server; ConnectionProblem (classified) when it does not answer."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from omsdesk.connection import classify

    try:
        with ctx.db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        raise classify(exc) from None


class ConnectionWatch(QObject):
    """Shows `banner` while the server is unreachable; counts down and retries with backoff."""

    restored = Signal()
    state = Signal(bool)  # True: the server answers

    def __init__(self, ctx: AppContext, banner: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.banner = banner
        self.down = False
        self.first_retry_s = FIRST_RETRY_S
        self.delay_s = FIRST_RETRY_S
        self.remaining_s = 0
        self.reason = ""
        self._pinging = False
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.check_now)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        connection_events().lost.connect(self.lost)

    def start(self) -> None:
        """Only a server can go away under a running desk; a SQLite file needs no watching."""
        if self.ctx.is_open and self.ctx.db.dialect == "postgresql":
            self._heartbeat.start()

    def stop(self) -> None:
        self._heartbeat.stop()
        self._tick.stop()

    def check_now(self) -> None:
        if self._pinging or not self.ctx.is_open:
            return
        self._pinging = True
        run_in_pool(self.ctx.pool, lambda: ping(self.ctx), self._answered, self._not_answered)

    def lost(self, reason: str) -> None:
        self.reason = reason
        if self.down:
            self._show()
            return
        self.down = True
        self.delay_s = self.first_retry_s
        self.state.emit(False)
        self._wait()

    def _wait(self) -> None:
        self.remaining_s = self.delay_s
        self._show()
        self._tick.start()

    def _count_down(self) -> None:
        self.remaining_s -= 1
        if self.remaining_s > 0:
            self._show()
            return
        self._tick.stop()
        self.banner.setText(self.tr("Server unreachable — reconnecting…"))
        self.check_now()

    def _show(self) -> None:
        text = self.tr("Server unreachable — retrying in %1 s").replace("%1", str(max(self.remaining_s, 0)))
        if self.reason:
            text += f" ({self.reason})"
        self.banner.setText(text)
        self.banner.setVisible(True)

    def _answered(self, _result: object) -> None:
        self._pinging = False
        if not self.down:
            return
        self.down = False
        self._tick.stop()
        self.banner.setVisible(False)
        self.state.emit(True)
        signals = self.ctx.signals
        # One full refresh: other desks went on working while this one could not hear them.
        signals.orders_changed.emit()
        signals.stock_changed.emit()
        signals.invoices_changed.emit()
        signals.status_message.emit(self.tr("Connection to the server is back"))
        self.restored.emit()

    def _not_answered(self, reason: str) -> None:
        self._pinging = False
        if self.down:
            self.reason = reason
            self.delay_s = min(self.delay_s * 2, MAX_RETRY_S)
            self._wait()
        else:
            self.lost(reason)
