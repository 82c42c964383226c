"""Run work off the GUI thread: one-shot calls, cancellable batches and their progress dialog."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

log = logging.getLogger(__name__)


def _refusal(exc: Exception) -> bool:
    """A domain refusal (clear message for the clerk) rather than a bug.

    Imported when first needed: the models package pulls in SQLAlchemy and every mapped class,
    which the main window must not wait for before it is on screen.
    """
    from omsdesk.models.errors import OmsError

    return isinstance(exc, OmsError)

def _lost_connection(exc: Exception) -> str | None:
    """The classified line when `exc` is the server going away mid-work, else None; the
    connection watch (ui/connection_watch.py) is told, so the banner shows at once."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if not (isinstance(exc, OperationalError)
            or (isinstance(exc, DBAPIError) and exc.connection_invalidated)):
        return None
    from omsdesk.connection import classify
    from omsdesk.ui.connection_events import connection_events
    from omsdesk.ui.refusals import refusal_text

    message = refusal_text(str(classify(exc)))
    connection_events().lost.emit(message)
    return message


def _in_ui_language(exc: Exception) -> str:
    from omsdesk.ui.refusals import refusal_text

    return refusal_text(str(exc))


T = TypeVar("T")


class _CallSignals(QObject):
    # Emitted from the pool thread; Qt queues delivery to the receivers' (GUI) thread.
    finished = Signal(object)
    failed = Signal(str)


class CallWorker(QRunnable):
    """Runs `fn()` in the pool and emits its result (or a clerk-readable error) back."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _CallSignals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:
            if _refusal(exc):
                self._emit(self.signals.failed, _in_ui_language(exc))
                return
            lost = _lost_connection(exc)
            if lost is not None:
                log.warning("database connection lost: %s", lost)
                self._emit(self.signals.failed, lost)
                return
            # A bug or a dropped connection: log it and tell the user.
            log.exception("background task failed")
            self._emit(self.signals.failed, f"{type(exc).__name__}: {exc}")
        else:
            self._emit(self.signals.finished, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The application shut down while this ran: nobody is left to tell.
            log.debug("result of a background task dropped at shutdown")


# Workers in flight: holding a Python reference keeps each signals object alive until its
# queued result has been delivered, whatever the pool does with the runnable.
_live: set[CallWorker] = set()


def run_in_pool(pool: QThreadPool, fn: Callable[[], Any], on_done: Callable[[Any], None],
                on_error: Callable[[str], None] | None = None) -> CallWorker:
    """Start fn in the pool; on_done/on_error run on the GUI thread.

    When on_done or on_error is a bound method of a widget that has been deleted by the time
    the result arrives, the result is dropped.
    """
    worker = CallWorker(fn)
    worker.setAutoDelete(False)
    _live.add(worker)

    def deliver(callback: Callable[[Any], None] | None, value: Any) -> None:
        _live.discard(worker)
        owner = getattr(callback, "__self__", None)
        if callback is None or (isinstance(owner, QObject) and not shiboken6.isValid(owner)):
            return
        callback(value)

    worker.signals.finished.connect(lambda result: deliver(on_done, result))
    worker.signals.failed.connect(lambda message: deliver(on_error, message))
    pool.start(worker)
    return worker


@dataclass
class BatchOutcome(Generic[T]):
    """What a batch did: the items that succeeded, each failure with its reason, and the rest."""

    done: list[T] = field(default_factory=list)
    failed: list[tuple[T, str]] = field(default_factory=list)
    cancelled: bool = False
    skipped: list[T] = field(default_factory=list)

    def summary(self) -> str:
        translate = QCoreApplication.translate
        text = translate("batch", "{done} done, {failed} failed").format(done=len(self.done), failed=len(self.failed))
        if self.cancelled:
            text += translate("batch", ", {n} not run (cancelled)").format(n=len(self.skipped))
        return text


class _BatchSignals(QObject):
    progress = Signal(int, str)   # items finished so far, label of the current item
    finished = Signal(object)     # BatchOutcome


class BatchWorker(QRunnable):
    """Applies `action(item)` to each item in turn; one failure never stops the rest.

    `cancel()` is safe from the GUI thread: the worker checks it between items, so the item
    in flight completes (its own transaction) and the remainder are reported as skipped.
    """

    def __init__(self, items: Sequence[Any], action: Callable[[Any], object],
                 label: Callable[[Any], str] = str) -> None:
        super().__init__()
        self.items = list(items)
        self.action = action
        self.label = label
        self.signals = _BatchSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        outcome: BatchOutcome[Any] = BatchOutcome()
        for i, item in enumerate(self.items):
            if self._cancel.is_set():
                outcome.cancelled = True
                outcome.skipped = self.items[i:]
                break
            self.signals.progress.emit(i, self.label(item))
            try:
                self.action(item)
            except Exception as exc:  # keep going: one broken order must not stop the batch
                if _refusal(exc):
                    outcome.failed.append((item, _in_ui_language(exc)))
                else:
                    log.exception("batch item %s failed", self.label(item))
                    outcome.failed.append((item, f"{type(exc).__name__}: {exc}"))
            else:
                outcome.done.append(item)
        self.signals.progress.emit(len(self.items), "")
        self.signals.finished.emit(outcome)


class BatchProgress(QObject):
    """A batch worker shown in a modal progress dialog with a Cancel button.

    `finished(BatchOutcome)` fires once on the GUI thread when the worker stops.
    """

    finished = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, items: Sequence[Any],
                 action: Callable[[Any], object], label: Callable[[Any], str] = str,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.worker = BatchWorker(items, action, label)
        self.worker.setAutoDelete(False)  # we read it after run() returns
        self.outcome: BatchOutcome[Any] | None = None
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, max(1, len(items)), parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(300)  # quick batches finish without a flashing dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.worker.cancel)
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_finished)
        self._title = title
        self._pool = pool or QThreadPool.globalInstance()

    def start(self) -> None:
        self.dialog.setValue(0)
        self._pool.start(self.worker)

    def cancel(self) -> None:
        self.worker.cancel()

    def _on_progress(self, n: int, label: str) -> None:
        self.dialog.setValue(n)
        if label:
            self.dialog.setLabelText(self.tr("{title}: {item}").format(title=self._title, item=label))

    def _on_finished(self, outcome: BatchOutcome[Any]) -> None:
        self.outcome = outcome
        self.dialog.close()
        self.finished.emit(outcome)


def show_batch_outcome(parent: QWidget | None, title: str, outcome: BatchOutcome[Any],
                       label: Callable[[Any], str] = str, *, modal: bool = True) -> QMessageBox:
    """Tell the clerk what happened, listing every failure with its reason."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    done, failed = len(outcome.done), len(outcome.failed)
    text = box.tr("{done} done, {failed} failed.").format(done=done, failed=failed)
    if outcome.cancelled:
        text += " " + box.tr("Cancelled: {n} not run.").format(n=len(outcome.skipped))
    box.setText(text)
    box.setIcon(QMessageBox.Icon.Warning if failed or outcome.cancelled else QMessageBox.Icon.Information)
    if failed:
        box.setDetailedText("\n".join(f"{label(item)}: {reason}" for item, reason in outcome.failed))
    if modal:
        box.exec()
    else:
        box.show()
    return box


class _ProgressRelay(QObject):
    # Created on the GUI thread: an emit from the pool is queued to it.
    progress = Signal(int, int)


def run_with_progress(pool: QThreadPool, fn: Callable[[Callable[[int, int], None]], Any],
                      on_progress: Callable[[int, int], None], on_done: Callable[[Any], None],
                      on_error: Callable[[str], None] | None = None) -> CallWorker:
    """Like run_in_pool for long work that reports how far it got: fn(report) calls report(done, total)."""
    relay = _ProgressRelay()
    relay.progress.connect(on_progress)
    # The closure holds the relay for as long as the worker runs.
    return run_in_pool(pool, lambda: fn(relay.progress.emit), on_done, on_error)
