"""Other desks' changes on a shared PostgreSQL refresh this one (LISTEN in a background thread).

The listener (omsdesk/live.py) runs on its own thread and connection; what it hears is
gathered and handed to the GUI thread every 150 ms as the app's ordinary signals, so a burst
of changes (a batch on another desk) costs one refresh, not one per row.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from omsdesk.live import EVERYTHING, Change, ChangeListener
from omsdesk.ui.context import AppContext

# Past this many orders in one go, naming each is slower than refreshing the lists once.
MAX_NAMED = 20


class LiveRefresh(QObject):
    heard = Signal(object)  # the Changes of one delivery, for tests and the status bar

    def __init__(self, ctx: AppContext, on_outbox: Callable[[], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on_outbox = on_outbox
        self.listener = ChangeListener(ctx.db.url)
        self._lock = threading.Lock()
        self._pending: list[Change] = []
        self._thread = threading.Thread(target=self._listen, name="omsdesk-listen", daemon=True)
        self._timer = QTimer(self)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._deliver)

    @classmethod
    def start_for(cls, ctx: AppContext, on_outbox: Callable[[], None] | None = None,
                  parent: QObject | None = None) -> LiveRefresh | None:
        """Listening only makes sense where other desks write: PostgreSQL."""
        if ctx.db.dialect != "postgresql":
            return None
        live = cls(ctx, on_outbox, parent)
        live._thread.start()
        live._timer.start()
        return live

    def stop(self) -> None:
        self.listener.stop()
        self._timer.stop()
        self._thread.join(timeout=2)

    def _listen(self) -> None:
        for change in self.listener.changes(poll=0.25):
            with self._lock:
                self._pending.append(change)

    def _deliver(self) -> None:
        with self._lock:
            changes, self._pending = self._pending, []
        if not changes:
            return
        kinds = {c.kind for c in changes}
        signals = self.ctx.signals
        if "reconnected" in kinds:
            kinds |= {"orders", "stock", "invoices", "outbox"}
            signals.status_message.emit(self.tr("Connection to the server restored: everything refreshed"))
        if "orders" in kinds:
            refs = sorted({k for c in changes if c.kind == "orders" for k in c.keys} - {EVERYTHING})
            signals.orders_changed.emit()
            if len(refs) <= MAX_NAMED:
                for ref in refs:
                    signals.order_changed.emit(ref)
        if "stock" in kinds:
            signals.stock_changed.emit()
        if "invoices" in kinds:
            signals.invoices_changed.emit()
        if "outbox" in kinds and self.on_outbox is not None:
            self.on_outbox()
        self.heard.emit(changes)
