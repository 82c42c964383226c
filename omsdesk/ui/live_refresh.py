"""Other desks' changes on a shared PostgreSQL refresh this one (LISTEN in a background thread).

The listener (omsdesk/live.py) runs on its own thread and connection; what it hears is
gathered and handed to the GUI thread every 150 ms as the app's ordinary signals, so a burst
of changes (a batch on another desk) costs one refresh, not one per row.

Before that, the rows a queue shows are read again right when the change is heard, on the
listener thread's own autocommit connection (one round trip, no pool checkout, no BEGIN), and
updated in place: desk B sees desk A's change about as fast as a bare NOTIFY and SELECT
(bench `live-refresh`), and the 150 ms gathering only paces the page reload and counts.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from omsdesk.live import EVERYTHING, Change, ChangeListener
from omsdesk.queries.orders import named_rows
from omsdesk.ui.context import AppContext

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from omsdesk.ui.order_queue_model import OrderQueueModel

log = logging.getLogger(__name__)

# Past this many orders in one go, naming each is slower than refreshing the lists once.
MAX_NAMED = 20


class LiveRefresh(QObject):
    heard = Signal(object)  # the Changes of one delivery, for tests and the status bar
    # [(queue model, filter, references, rows)], emitted on the listener thread: Qt queues it.
    _rows_heard = Signal(object)

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
        self._queues: list[OrderQueueModel] = []
        self._reader: Connection | None = None  # used on the listener thread only
        self._rows_heard.connect(self._apply_rows)

    def watch_queue(self, model: OrderQueueModel) -> None:
        """Refresh the shown rows of `model` in place when another desk changes them."""
        with self._lock:
            self._queues.append(model)

    @classmethod
    def start_for(cls, ctx: AppContext, on_outbox: Callable[[], None] | None = None,
                  parent: QObject | None = None) -> LiveRefresh | None:
        """Listening only makes sense where other desks write: PostgreSQL."""
        if ctx.db.dialect != "postgresql":
            return None
        live = cls(ctx, on_outbox, parent)
        ctx.live = live  # views built later find it there (OrdersView.watch_queue)
        live._thread.start()
        live._timer.start()
        return live

    def stop(self) -> None:
        self.listener.stop()
        self._timer.stop()
        self._thread.join(timeout=2)

    def _listen(self) -> None:
        try:
            for change in self.listener.changes(poll=0.25):
                rows = self._read_rows(change) if change.kind == "orders" else []
                with self._lock:
                    self._pending.append(change)
                if rows:
                    self._rows_heard.emit(rows)
        finally:
            self._close_reader()

    def _read_rows(self, change: Change) -> list[tuple[Any, ...]]:
        """The changed orders' rows for every watched queue, read now (listener thread)."""
        keys = change.keys
        if EVERYTHING in keys or len(keys) > MAX_NAMED:
            return []
        with self._lock:
            queues = [m for m in self._queues if isValid(m)]
            self._queues = queues
        out: list[tuple[Any, ...]] = []
        by_filter: dict[Any, Any] = {}
        for model in queues:
            f = model.filter
            try:
                if f not in by_filter:
                    by_filter[f] = named_rows(self._connection(), f, keys)
            except Exception as exc:  # the page reload that follows still brings the change
                log.info("live row refresh skipped: %s", type(exc).__name__)
                self._close_reader()
                return out
            if by_filter[f] is not None:
                out.append((model, f, keys, by_filter[f]))
        return out

    def _connection(self) -> Connection:
        if self._reader is None:
            conn = self.ctx.db.engine.connect()
            self._reader = conn.execution_options(isolation_level="AUTOCOMMIT")
        return self._reader

    def _close_reader(self) -> None:
        if self._reader is not None:
            with contextlib.suppress(Exception):
                self._reader.close()
            self._reader = None

    def _apply_rows(self, batches: list[tuple[Any, ...]]) -> None:
        for model, f, keys, rows in batches:
            if isValid(model):
                model.apply_named_rows(f, keys, rows)

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
