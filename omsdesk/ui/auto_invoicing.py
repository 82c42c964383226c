"""Automatic invoicing in the GUI: the run with progress and Cancel, and the report of the last run."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.services.invoicing.auto import AutoRunReport, last_run, run_auto_invoicing
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import money, when
from omsdesk.ui.invoicing_policy_dialog import ChannelPoliciesDialog, policy_text
from omsdesk.ui.workers import run_in_pool

log = logging.getLogger(__name__)

_WITH_DETAIL = ("no_tax_id", "already_invoiced", "validation_refused", "error")


def reason_text(code: str) -> str:
    """The clerk-facing words for a skip reason of the automatic invoicing job."""
    translate = QCoreApplication.translate
    return {
        "no_tax_id": translate("auto invoicing", "No tax id for a full invoice"),
        "not_shipped": translate("auto invoicing", "Not shipped yet"),
        "not_paid": translate("auto invoicing", "Not fully paid"),
        "period_open": translate("auto invoicing", "Month not closed yet"),
        "already_invoiced": translate("auto invoicing", "Already invoiced"),
        "validation_refused": translate("auto invoicing", "Refused by the invoice checks"),
        "error": translate("auto invoicing", "Error"),
    }.get(code, code)


def outcome_text(code: str) -> str:
    translate = QCoreApplication.translate
    return {"issued": translate("auto invoicing", "Issued"),
            "would_issue": translate("auto invoicing", "Would issue"),
            "skipped": translate("auto invoicing", "Skipped")}.get(code, code)


def run_summary(report: AutoRunReport | None) -> str:
    translate = QCoreApplication.translate
    if report is None:
        return translate("auto invoicing", "Automatic invoicing has not run yet")
    if report.dry_run:
        text = translate("auto invoicing", "Last dry run {when}: {issued} would be issued, {skipped} skipped")
    else:
        text = translate("auto invoicing", "Last automatic run {when}: {issued} issued, {skipped} skipped")
    text = text.format(when=when(report.finished_at or report.started_at), issued=report.issued,
                       skipped=report.skipped)
    if report.status == "cancelled":
        text += " " + translate("auto invoicing", "(cancelled)")
    return text


class _RunSignals(QObject):
    progress = Signal(int, int, str)  # done, total, label
    finished = Signal(object)         # AutoRunReport
    failed = Signal(str)


class AutoInvoiceWorker(QRunnable):
    """Runs the job off the GUI thread; `cancel()` stops it after the invoice in flight."""

    def __init__(self, ctx: AppContext, *, dry_run: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.dry_run = dry_run
        self.signals = _RunSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            report = run_auto_invoicing(self.ctx.db, actor=self.ctx.actor, dry_run=self.dry_run,
                                        progress=self.signals.progress.emit,
                                        cancelled=self._cancel.is_set)
        except Exception as exc:  # reported to the clerk; the log keeps the trace
            log.exception("automatic invoicing failed")
            self.signals.failed.emit(str(exc))
            return
        self.signals.finished.emit(report)


class AutoInvoicingDialog(QDialog):
    """Run now (or a dry run), watch the progress, cancel, and read what was issued and skipped."""

    COLUMNS = ("order", "customer", "policy", "outcome", "invoice", "total", "reason")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker: AutoInvoiceWorker | None = None
        self.report: AutoRunReport | None = None
        self.setWindowTitle(self.tr("Automatic invoicing"))
        self.resize(900, 480)
        self.summary = QLabel(self.tr("Loading the last run…"))
        self.summary.setObjectName("auto_summary")
        self.dry_run = QCheckBox(self.tr("Dry run (issue nothing)"))
        self.run_button = QPushButton(self.tr("Run now"))
        self.run_button.setObjectName("auto_run")
        self.cancel_button = QPushButton(self.tr("Cancel run"))
        self.cancel_button.setObjectName("auto_cancel")
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.policies_button = QPushButton(self.tr("Policies per channel…"))
        self.policies_button.clicked.connect(self.edit_policies)
        self.policies: QDialog | None = None
        self.progress = QProgressBar()
        self.progress.setObjectName("auto_progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.current = QLabel()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("auto_items")
        self.table.setHorizontalHeaderLabels([
            self.tr("Order"), self.tr("Customer"), self.tr("Policy"), self.tr("Result"),
            self.tr("Invoice"), self.tr("Total"), self.tr("Why")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((150, 180, 130, 90, 120, 90)):
            self.table.setColumnWidth(col, width)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.dry_run)
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.current, 1)
        bottom.addWidget(self.policies_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        run_in_pool(ctx.pool, self._load_last, self.show_report, self._failed)

    def edit_policies(self) -> QDialog:
        """Every channel's policy, with the counter, manual and CSV channels the Sync view leaves out."""
        self.policies = ChannelPoliciesDialog(self.ctx, self)
        self.policies.open()
        return self.policies

    def _load_last(self) -> AutoRunReport | None:
        with self.ctx.db.read() as s:
            return last_run(s)

    def show_report(self, report: AutoRunReport | None) -> None:
        self.report = report
        self.summary.setText(run_summary(report))
        items = report.items if report else ()
        self.table.setRowCount(len(items))
        for r, it in enumerate(items):
            # The words say it for the reasons decided here; the issuing service's refusals
            # carry their own message, which is what the clerk needs to fix the order.
            detail = reason_text(it.reason) if it.reason else ""
            if it.detail and it.reason in _WITH_DETAIL:
                detail += f": {it.detail}"
            cells = (it.order, it.customer, policy_text(it.policy), outcome_text(it.outcome),
                     it.invoice or it.invoice_type, money(it.total, it.currency) if it.invoice else "", detail)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 5:
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                self.table.setItem(r, c, item)

    def start(self) -> None:
        if self.worker is not None:
            return
        self.worker = AutoInvoiceWorker(self.ctx, dry_run=self.dry_run.isChecked())
        self.worker.setAutoDelete(False)  # read after run() returns
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_finished)
        self.worker.signals.failed.connect(self._failed)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the plan says how many
        self.current.setText(self.tr("Looking for orders to invoice…"))
        self.ctx.pool.start(self.worker)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.current.setText(self.tr("Cancelling after the invoice in progress…"))

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.current.setText(self.tr("{done} of {total}: {item}").format(done=done, total=total, item=label))

    def _on_finished(self, report: Any) -> None:
        self._idle()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.current.setText("")
        self.show_report(report)
        if not report.dry_run and report.issued:
            self.ctx.signals.invoices_changed.emit()

    def _failed(self, message: str) -> None:
        self._idle()
        self.current.setText(self.tr("Automatic invoicing failed: {error}").format(error=message))

    def _idle(self) -> None:
        self.worker = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
