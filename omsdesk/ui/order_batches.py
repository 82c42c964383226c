"""Batch work on many orders at once: workflow actions and printed packing slips or labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from omsdesk.ui.context import AppContext
from omsdesk.ui.order_actions import action_text, run_order_action
from omsdesk.ui.workers import BatchOutcome, BatchProgress, run_in_pool, show_batch_outcome


class OrderBatches(QObject):
    """Runs one batch at a time in a worker with a cancellable progress dialog.

    `finished(BatchOutcome)` fires when a batch is over (for printing: once the PDF is delivered).
    """

    finished = Signal(object)
    saved = Signal(object)  # the saved batch's id (None when it took no order)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self.current: BatchProgress | None = None
        self.last_outcome: BatchOutcome[str] | None = None
        self.last_delivery: Any = None  # print_dialogs.Delivery of the latest print batch

    @property
    def busy(self) -> bool:
        return self.current is not None

    def run(self, action: str, refs: list[str], reason: str = "") -> BatchProgress:
        """Apply a workflow action to each order; one refusal never stops the others."""
        ctx = self.ctx
        title = self.tr("{action}: {n} orders").format(action=action_text(action), n=len(refs))
        batch = BatchProgress(self.widget, title, refs,
                              lambda ref: run_order_action(ctx.db, action, ref, ctx.actor, reason), pool=ctx.pool)
        batch.finished.connect(lambda outcome: self._on_action_batch(title, outcome))
        batch.finished.connect(lambda outcome: self._save(action, outcome))
        self.current = batch
        batch.start()
        return batch

    def _on_action_batch(self, title: str, outcome: BatchOutcome[str]) -> None:
        self.current = None
        self.last_outcome = outcome
        self.ctx.signals.orders_changed.emit()
        self.ctx.signals.stock_changed.emit()
        self.ctx.signals.status_message.emit(f"{title}: {outcome.summary()}")
        if outcome.failed or outcome.cancelled:
            show_batch_outcome(self.widget, title, outcome, modal=False)
        self.finished.emit(outcome)

    def _save(self, kind: str, outcome: BatchOutcome[str]) -> None:
        """Keep the run so "Recent batches" can reopen it (the orders it took, each outcome)."""
        from omsdesk.services.saved_batches import save_batch

        ctx = self.ctx
        run_in_pool(ctx.pool, lambda: save_batch(ctx.db, kind, done=outcome.done, failed=outcome.failed,
                                                 cancelled=outcome.skipped, actor=ctx.actor),
                    self.saved.emit, ctx.signals.status_message.emit)

    def print_documents(self, kind: str, refs: list[str]) -> BatchProgress:
        """Packing slips or labels of the orders in one PDF, to this workstation's printer.

        Each order's document is built in turn (an order that cannot have one, such as a label
        without tracking, is listed as a failure and the rest still print), then the PDF is
        rendered and delivered in a worker.
        """
        from omsdesk.queries.documents import label_docs, packing_slip_doc
        from omsdesk.ui.i18n import doc_language

        ctx = self.ctx
        language = doc_language(ctx.settings)
        docs: list[Any] = []

        def build(ref: str) -> None:
            with ctx.db.read() as s:
                if kind == "packing_slip":
                    docs.append(packing_slip_doc(s, ref, language=language))
                else:
                    docs.extend(label_docs(s, ref, language=language))

        title = (self.tr("Packing slips: {n} orders") if kind == "packing_slip"
                 else self.tr("Labels: {n} orders")).format(n=len(refs))
        batch = BatchProgress(self.widget, title, refs, build, pool=ctx.pool)
        # The worker has finished appending to `docs` before `finished` is delivered.
        batch.finished.connect(lambda outcome: self._deliver(kind, title, docs, outcome))
        batch.finished.connect(lambda outcome: self._save(f"print_{kind}", outcome))
        self.current = batch
        batch.start()
        return batch

    def _deliver(self, kind: str, title: str, docs: list[Any], outcome: BatchOutcome[str]) -> None:
        from omsdesk.documents.batch import render_packing_slips
        from omsdesk.ui.print_dialogs import deliver_document, describe, label_payload

        self.current = None
        self.last_outcome = outcome
        if outcome.failed or outcome.cancelled:
            show_batch_outcome(self.widget, title, outcome, modal=False)
        if not docs or outcome.cancelled:
            self.finished.emit(outcome)
            return
        settings = self.ctx.settings
        name = f"{kind}s-{outcome.done[0]}-{len(outcome.done)}"

        def render() -> Any:
            if kind == "packing_slip":
                return deliver_document(settings, kind, render_packing_slips(docs), name)
            # A ZPL label printer gets ZPL in its own dots, not a PDF it would print as text.
            data, extension = label_payload(settings, docs)
            return deliver_document(settings, kind, data, name, extension)

        def delivered(delivery: Any) -> None:
            self.last_delivery = delivery
            self.ctx.signals.status_message.emit(describe(delivery))
            self.finished.emit(outcome)

        def failed(message: str) -> None:
            self.ctx.signals.status_message.emit(message)
            self.finished.emit(outcome)

        run_in_pool(self.ctx.pool, render, delivered, failed)
