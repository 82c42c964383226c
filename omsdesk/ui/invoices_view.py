"""Invoices: list by series and number with receivable status; open the PDF, credit, export."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.files import write_atomic
from omsdesk.invoicing.receivables import ReceivableStatus
from omsdesk.models.invoice import RECTIFICATION_REASONS
from omsdesk.models.roles import Permission
from omsdesk.queries.invoices import (
    InvoiceDetail,
    InvoiceFilter,
    InvoiceRow,
    invoice_detail,
    list_invoices,
)
from omsdesk.services.invoicing.auto import last_run
from omsdesk.ui import save_paths
from omsdesk.ui.auto_invoicing import AutoInvoicingDialog, run_summary
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import money
from omsdesk.ui.sign_in import guard
from omsdesk.ui.workers import run_in_pool

PAGE = 200
ModelIndex = QModelIndex | QPersistentModelIndex


class InvoiceTableModel(QAbstractTableModel):
    """Invoices page by page (fetchMore as the view scrolls); loads run in the pool."""

    COLUMNS = ("number", "invoice_type", "issue_date", "due_date", "customer_name",
               "order_reference", "total", "due", "status")
    load_failed = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.filter = InvoiceFilter()
        self.rows: list[InvoiceRow] = []
        self._exhausted = False
        self._loading = False
        self._generation = 0
        self._titles = {
            "number": self.tr("Number"), "invoice_type": self.tr("Type"),
            "issue_date": self.tr("Issued"), "due_date": self.tr("Due date"),
            "customer_name": self.tr("Customer"), "order_reference": self.tr("Order"),
            "total": self.tr("Total"), "due": self.tr("Outstanding"), "status": self.tr("Status"),
        }

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._titles[self.COLUMNS[section]]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(row, col)
            if col in ("total", "due"):
                return money(value, row.currency)
            if col == "status":
                return status_text(value)
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("total", "due"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load(len(self.rows))

    def set_filter(self, f: InvoiceFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self.rows = []
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        self._load(0)

    def _load(self, offset: int) -> None:
        self._loading = True
        generation, f, db = self._generation, self.filter, self.ctx.db

        def fetch() -> tuple[int, list[InvoiceRow]]:
            with db.read() as s:
                return generation, list_invoices(s, f, limit=PAGE, offset=offset)

        run_in_pool(self.ctx.pool, fetch, self._on_page, self._on_failed)

    def _on_page(self, result: tuple[int, list[InvoiceRow]]) -> None:
        generation, rows = result
        if generation != self._generation:
            return  # a page for a filter that is no longer shown
        self._loading = False
        self._exhausted = len(rows) < PAGE
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def _on_failed(self, message: str) -> None:
        self._loading = False
        self.load_failed.emit(message)


def status_text(status: str) -> str:
    """The clerk-facing, translated name of a receivable status."""
    translate = QCoreApplication.translate
    names = {
        ReceivableStatus.ISSUED.value: translate("invoice status", "Issued"),
        ReceivableStatus.PARTLY_PAID.value: translate("invoice status", "Partly paid"),
        ReceivableStatus.PAID.value: translate("invoice status", "Paid"),
        ReceivableStatus.OVERDUE.value: translate("invoice status", "Overdue"),
        ReceivableStatus.CREDITED.value: translate("invoice status", "Credited"),
        ReceivableStatus.CANCELLED.value: translate("invoice status", "Cancelled"),
        ReceivableStatus.REPLACED.value: translate("invoice status", "Replaced (F3)"),
    }
    return names.get(status, status)


def kind_text(kind: str) -> str:
    """The clerk-facing name of an invoice kind."""
    translate = QCoreApplication.translate
    return {"ordinary": translate("invoice kind", "Invoice"),
            "simplified": translate("invoice kind", "Simplified invoice"),
            "rectifying": translate("invoice kind", "Credit note")}.get(kind, kind)


@dataclass(frozen=True)
class CreditRequest:
    reason_code: str
    note: str
    quantities: dict[str, int] | None  # None: the whole invoice


def private_temp_dir() -> Path:
    """This user's own folder for documents opened in a viewer (mode 0700, one per session).

    A fixed name in the shared /tmp would let another account read an invoice, or plant a
    file under that name for the viewer to open instead.
    """
    global _PRIVATE_TMP
    if _PRIVATE_TMP is None or not _PRIVATE_TMP.is_dir():
        _PRIVATE_TMP = Path(tempfile.mkdtemp(prefix="omsdesk-"))
    return _PRIVATE_TMP


_PRIVATE_TMP: Path | None = None


class CreditDialog(QDialog):
    """Choose the legal reason and, optionally, which quantities of each line to credit."""

    def __init__(self, detail: InvoiceDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle(self.tr("Credit note for {number}").format(number=detail.number))
        self.reason = QComboBox()
        simplified = detail.invoice_type == "F2"
        for code, text in RECTIFICATION_REASONS.items():
            if (code == "R5") == simplified:
                self.reason.addItem(f"{code} — {text}", code)
        if not simplified:
            self.reason.setCurrentIndex(self.reason.findData("R4"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. goods returned, price agreed after delivery"))
        self.lines = QTableWidget(len(detail.lines), 3)
        self.lines.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Invoiced"), self.tr("Credit")])
        self.lines.verticalHeader().setVisible(False)
        self.lines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.spins: list[QSpinBox] = []
        for i, ln in enumerate(detail.lines):
            self.lines.setItem(i, 0, QTableWidgetItem(f"{ln.sku}  {ln.name}"))
            self.lines.setItem(i, 1, QTableWidgetItem(str(ln.qty)))
            spin = QSpinBox()
            spin.setRange(0, max(ln.qty, 0))
            spin.setValue(max(ln.qty, 0))
            self.lines.setCellWidget(i, 2, spin)
            self.spins.append(spin)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Quantities to credit (all by default):")))
        layout.addWidget(self.lines)
        layout.addWidget(buttons)

    def request(self) -> CreditRequest:
        wanted: dict[str, int] = {}
        whole = True
        for ln, spin in zip(self.detail.lines, self.spins, strict=True):
            if spin.value() != ln.qty:
                whole = False
            if spin.value():
                wanted[ln.sku] = wanted.get(ln.sku, 0) + spin.value()
        return CreditRequest(str(self.reason.currentData()), self.note.text().strip(),
                             None if whole else wanted)


class InvoicesView(QWidget):
    """The invoice register: search, status filter, PDF, credit note, Factur-X export."""

    invoice_issued = Signal(str)  # a credit note was issued (its number)
    exported = Signal(str)        # a Factur-X file was written (its path)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = InvoiceTableModel(ctx)
        # A list that cannot load says so in the view (the connection banner covers a lost
        # server); a modal on every refresh would stop the clerk, and the view keeps working.
        self.model.load_failed.connect(self._say)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search number, customer, tax id or order  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), None)
        for value in ReceivableStatus:
            self.status.addItem(status_text(value.value), value.value)
        self.series = QLineEdit()
        self.series.setPlaceholderText(self.tr("Series"))
        self.series.setMaximumWidth(80)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.series.textChanged.connect(lambda _t: self._debounce.start())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        # Fixed widths that fit their content: sizing to contents happens while the model is
        # still empty and leaves every column elided once the rows arrive.
        header = self.table.horizontalHeader()
        widths = {"number": 120, "invoice_type": 44, "issue_date": 92, "due_date": 92,
                  "order_reference": 130, "total": 100, "due": 100, "status": 110}
        for col, width in widths.items():
            if col in InvoiceTableModel.COLUMNS:
                header.resizeSection(InvoiceTableModel.COLUMNS.index(col), width)
        header.setSectionResizeMode(InvoiceTableModel.COLUMNS.index("customer_name"),
                                    QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_pdf())

        self.pdf_button = QPushButton(self.tr("Open PDF (Ctrl+P)"))
        self.credit_button = QPushButton(self.tr("Credit note… (Ctrl+R)"))
        self.export_button = QPushButton(self.tr("Export Factur-X… (Ctrl+E)"))
        self.pdf_button.clicked.connect(self.open_pdf)
        self.credit_button.clicked.connect(self.credit)
        guard(ctx, Permission.CREDIT_NOTE, self.credit_button)
        self.export_button.clicked.connect(self.export)
        self.auto_button = QPushButton(self.tr("Automatic invoicing… (Ctrl+U)"))
        self.auto_button.clicked.connect(self.open_auto_invoicing)
        self.auto_dialog: AutoInvoicingDialog | None = None
        # What the last automatic run did, in words; the dialog lists each invoice and skip.
        self.auto_summary = QLabel()
        self.auto_summary.setObjectName("auto_summary_line")
        # Ctrl+F and F5 belong to the window (Find, Refresh), which calls focus_search and refresh here;
        # the rest act only while this view has the focus, so other views may use the same keys.
        for keys, slot in (("Ctrl+P", self.open_pdf), ("Ctrl+R", self.credit), ("Ctrl+E", self.export),
                           ("Ctrl+U", self.open_auto_invoicing)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.message = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.series)
        bar.addWidget(self.status)
        actions = QHBoxLayout()
        for b in (self.pdf_button, self.credit_button, self.export_button, self.auto_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.auto_summary)
        self.ctx.signals.invoices_changed.connect(self.model.reload)
        self.ctx.signals.invoices_changed.connect(self.load_auto_summary)
        self.model.reload()
        self.load_auto_summary()

    def load_auto_summary(self) -> None:
        def load() -> object:
            with self.ctx.db.read() as s:
                return last_run(s)
        run_in_pool(self.ctx.pool, load, self._show_auto_summary, self._say)

    def _show_auto_summary(self, report: Any) -> None:
        self.auto_summary.setText(run_summary(report))

    def open_auto_invoicing(self) -> None:
        """The automatic invoicing run: progress, Cancel, and the report of what was issued and skipped."""
        if self.auto_dialog is None:
            self.auto_dialog = AutoInvoicingDialog(self.ctx, self)
            self.auto_dialog.finished.connect(lambda _r: self.load_auto_summary())
        self.auto_dialog.show()
        self.auto_dialog.raise_()

    def refresh(self) -> None:
        self.model.reload()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_filter(self) -> None:
        self.model.set_filter(InvoiceFilter(search=self.search.text().strip() or None,
                                            series=self.series.text().strip().upper() or None,
                                            status=self.status.currentData()))

    def selected(self) -> InvoiceRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows else None

    def _fail(self, message: str) -> None:
        self.message.setText("")
        QMessageBox.warning(self, self.tr("Invoices"), message)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.ctx.signals.status_message.emit(text)

    # -- actions (the work runs in the pool; results come back as signals) --------------

    def open_pdf(self) -> None:
        row = self.selected()
        if row is None:
            return
        db, number = self.ctx.db, row.number

        def render() -> str:
            from omsdesk.services.invoicing.documents import render_invoice_pdf

            with db.read() as s:
                data = render_invoice_pdf(s, number)
            path = private_temp_dir() / f"{number}.pdf"
            write_atomic(path, data)
            return str(path)

        self._say(self.tr("Rendering {number}…").format(number=number))
        run_in_pool(self.ctx.pool, render, self._opened, self._fail)

    def _opened(self, path: str) -> None:
        self._say(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def credit(self) -> None:
        row = self.selected()
        if row is None or not self.credit_button.isEnabled():  # Ctrl+R too: not without the permission
            return
        db, number = self.ctx.db, row.number

        def load() -> InvoiceDetail:
            with db.read() as s:
                return invoice_detail(s, number)

        run_in_pool(self.ctx.pool, load, self._ask_credit, self._fail)

    def _ask_credit(self, detail: InvoiceDetail) -> None:
        if detail.kind == "rectifying":
            self._fail(self.tr("{number} is a credit note itself.").format(number=detail.number))
            return
        dialog = CreditDialog(detail, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from omsdesk.ui import confirm

        if not confirm.confirm(self, self.tr("Credit note"), self.tr(
                "Issue a credit note against {number}? It is numbered and sent to the tax agency, "
                "and cannot be withdrawn.").format(number=detail.number)):
            return
        self.issue_credit(detail.number, dialog.request())

    def issue_credit(self, number: str, request: CreditRequest) -> None:
        """Issue the credit note in the pool; the list reloads when it is done."""
        db, actor = self.ctx.db, self.ctx.actor

        def issue() -> str:
            from omsdesk.services.invoicing.credit import credit_invoice

            return credit_invoice(db, number, actor=actor, reason_code=request.reason_code,
                                  quantities=request.quantities, reason=request.note).number

        run_in_pool(self.ctx.pool, issue, self._credited, self._fail)

    def _credited(self, number: str) -> None:
        self._say(self.tr("Credit note {number} issued").format(number=number))
        self.invoice_issued.emit(number)
        self.ctx.signals.invoices_changed.emit()

    def export(self) -> None:
        row = self.selected()
        if row is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Factur-X"),
                                              save_paths.suggested(f"{row.number}.pdf"), self.tr("PDF (*.pdf)"))
        if save_paths.remember(path):
            self.export_to(row.number, path)

    def export_to(self, number: str, path: str) -> None:
        db = self.ctx.db

        def write() -> str:
            from omsdesk.services.invoicing.export import export_invoice

            write_atomic(path, export_invoice(db, number, "facturx"))
            return path

        run_in_pool(self.ctx.pool, write, self._exported, self._fail)

    def _exported(self, path: str) -> None:
        self._say(self.tr("Factur-X written to {path}").format(path=path))
        self.exported.emit(path)
