"""The counter's link to the server: notices when it is gone, keeps checking with backoff,
and replays the offline journal in a worker when it is back (issue 17 point 4)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from omsdesk.services import counter_offline as offline
from omsdesk.services.counter_journal import Journal, journal_path
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool

FIRST_RETRY_MS = 2_000
MAX_RETRY_MS = 60_000
ONLINE_CHECK_MS = 30_000


class CounterLink(QObject):
    """Online or offline, and how many sales wait; `changed` after every check."""

    changed = Signal()
    replayed = Signal(int)  # sales sent by a replay that just finished

    def __init__(self, ctx: AppContext, warehouse: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.warehouse = warehouse
        self.journal = Journal(journal_path(ctx.actor.workstation))
        self.offline = False
        self.waiting = self.journal.waiting_count()
        self._busy = False
        self._prepared = False
        self._delay = FIRST_RETRY_MS
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self.check()

    def went_offline(self) -> None:
        """A sale just found the server gone: say so now and retry soon."""
        self.offline = True
        self.waiting = self.journal.waiting_count()
        self._delay = FIRST_RETRY_MS
        self._timer.start(self._delay)
        self.changed.emit()

    def check(self) -> None:
        """In a worker: is the server there? If so, replay what waits and top up the numbers."""
        if self._busy:
            return
        self._busy = True
        db, journal, actor, warehouse = self.ctx.db, self.journal, self.ctx.actor, self.warehouse
        prepare = not self._prepared

        def work() -> tuple[bool, int]:
            done = offline.catch_up(db, journal, actor=actor, warehouse=warehouse, prepare=prepare)
            return done.reachable, done.sent

        run_in_pool(self.ctx.pool, work, self._checked, self._failed)

    def _checked(self, outcome: tuple[bool, int]) -> None:
        reachable, sent = outcome
        self._prepared = self._prepared or reachable
        self._done(not reachable)
        if sent:
            self.replayed.emit(sent)

    def _failed(self, _message: str) -> None:
        # Lost again half-way (or the server refused a sale: the journal keeps its reason).
        self._done(True)

    def _done(self, is_offline: bool) -> None:
        self._busy = False
        self.offline = is_offline
        self.waiting = self.journal.waiting_count()
        if is_offline:
            self._timer.start(self._delay)
            self._delay = min(self._delay * 2, MAX_RETRY_MS)
        else:
            self._delay = FIRST_RETRY_MS
            self._timer.start(ONLINE_CHECK_MS)
        self.changed.emit()

    def close(self, *_args: Any) -> None:
        self._timer.stop()
        self.journal.close()
