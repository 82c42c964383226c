"""Export accounting…: a period's invoices, credit notes, supplier invoices and payments for QuickBooks Online,
Sage 50 / ContaPlus (Spain) or a journal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from omsdesk.exports.accounting import ExportSummary, export_accounting
from omsdesk.ui import save_paths
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool

# Marked for lupdate here, translated when the combo box is filled.
FORMATS = (("quickbooks", QT_TRANSLATE_NOOP("ExportAccountingDialog",
                                            "QuickBooks Online (invoices and credit memos)")),
           ("contaplus", QT_TRANSLATE_NOOP("ExportAccountingDialog", "Sage 50 / ContaPlus (Spain, XDiario)")),
           ("journal", QT_TRANSLATE_NOOP("ExportAccountingDialog", "Journal (generic)")))


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ExportAccountingDialog(QDialog):
    """Pick a format, a period and a file; the export runs in the pool and says what it wrote."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary: ExportSummary | None = None
        self.setWindowTitle(self.tr("Export accounting"))
        self.format = QComboBox()
        for key, text in FORMATS:
            self.format.addItem(self.tr(str(text)), key)
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1))
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Where to save the file"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.result_label)
        form.addRow(self.buttons)
        self.resize(520, self.sizeHint().height())

    def choose_file(self) -> None:
        fmt = str(self.format.currentData())
        # ContaPlus imports a text file named XDiario; the other layouts are CSV.
        ext = "txt" if fmt == "contaplus" else "csv"
        suggested = f"accounting-{fmt}-{_to_date(self.start.date())}.{ext}"
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save accounting export"), self.path.text() or save_paths.suggested(suggested),
            self.tr("Text files (*.txt)") if ext == "txt" else self.tr("CSV files (*.csv)"))
        if save_paths.remember(name):
            self.path.setText(name)

    def export(self) -> None:
        """Write the file in the pool; the dialog stays open and reports the outcome."""
        text = self.path.text().strip()
        if not text:
            self.result_label.setText(self.tr("Choose a file first."))
            return
        db, fmt = self.ctx.db, str(self.format.currentData())
        start, end, out = _to_date(self.start.date()), _to_date(self.end.date()), Path(text)
        self.export_button.setEnabled(False)
        self.result_label.setText(self.tr("Exporting…"))
        run_in_pool(self.ctx.pool, lambda: export_accounting(db, fmt, start, end, out),
                    self._on_done, self._on_failed)

    def _on_done(self, summary: ExportSummary) -> None:
        self.summary = summary
        self.export_button.setEnabled(True)
        text = self.tr("{rows} rows written to {path} ({invoices} invoices, {credits} credit notes, "
                       "{payments} payments, {purchases} supplier invoices).").format(
            rows=summary.rows, path=self.path.text(), invoices=summary.invoices,
            credits=summary.credit_notes, payments=summary.payments,
            purchases=summary.purchase_invoices)
        if summary.credit_memo_file:
            text += " " + self.tr("Credit memos for QuickBooks's credit note import: {path}."
                                  ).format(path=summary.credit_memo_file)
        if summary.skipped_payments:
            text += " " + self.tr("{n} payments left out: the QuickBooks imports take no payments."
                                  ).format(n=summary.skipped_payments)
        self._show_result(text)
        self.ctx.signals.status_message.emit(text)

    def _on_failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self._show_result(self.tr("Export failed: {error}").format(error=message))

    def _show_result(self, text: str) -> None:
        # The summary wraps over several lines: grow the dialog so none is cut off.
        self.result_label.setText(text)
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))
