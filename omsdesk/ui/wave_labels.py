"""Carrier labels of a packed wave, booked and printed in a worker with progress and cancel."""

from __future__ import annotations

import re
import threading
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from omsdesk.carriers.booking import LabelOutcome, WaveLabels, book_and_print
from omsdesk.carriers.registry import CarrierFactory
from omsdesk.files import write_atomic
from omsdesk.ui.print_dialogs import output_dir, profile_for


class _Signals(QObject):
    progress = Signal(int, int, str)  # done, total, what
    finished = Signal(object)         # WaveLabels
    failed = Signal(str)


class WaveLabelsWorker(QRunnable):
    """Books every parcel of the wave and prints its label on this workstation's label printer.

    Without a label printer each label is saved in the documents folder. `cancel()` is safe from
    the GUI thread: the parcel in flight finishes, the rest are reported as not done.
    """

    def __init__(self, db: Any, actor: Any, settings: dict[str, Any], parcels: list[int],
                 factory: CarrierFactory | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.db, self.actor, self.settings, self.parcels, self.factory = db, actor, settings, parcels, factory
        self.signals = _Signals()
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        printer = profile_for(self.settings, "label")
        folder = output_dir(self.settings)

        def save(outcome: LabelOutcome) -> str:
            folder.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", f"label-{outcome.reference}-{outcome.shipment_id}")
            return str(write_atomic(folder / f"{name}.{outcome.label_format}", outcome.label))

        try:
            report: WaveLabels = book_and_print(
                self.db, self.parcels, actor=self.actor, printer=printer, factory=self.factory,
                progress=lambda done, total, what: self.signals.progress.emit(done, total, what),
                cancelled=self._stop.is_set, render=None if printer is not None else save)
        except Exception as exc:  # a bug or a lost database: say it, never lose the signal
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(report)
