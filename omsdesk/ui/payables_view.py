"""Payables: supplier invoices with their three-way match, recording one against a PO, payments."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.invoicing.receivables import AGE_BUCKETS
from omsdesk.queries.invoices import local_today
from omsdesk.services.goods_in.purchasing import PurchaseOrderView, purchase_order_view
from omsdesk.services.payables.aged import AgedPayables, aged_payables
from omsdesk.services.payables.invoices import (
    METHODS,
    InvoicedLine,
    MatchLine,
    PayableView,
    approve_supplier_invoice,
    pay_supplier_invoice,
    preview_match,
    record_supplier_invoice,
    supplier_invoices,
)
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import day, money
from omsdesk.ui.money_fields import euro_amount, method_choice, minor_of, ok_cancel
from omsdesk.ui.workers import run_in_pool


def payable_status_text(code: str) -> str:
    translate = QCoreApplication.translate
    return {"open": translate("payables", "Open"), "on_hold": translate("payables", "On hold (differences)"),
            "partly_paid": translate("payables", "Partly paid"), "paid": translate("payables", "Paid")}.get(code, code)


def match_text(line: MatchLine) -> str:
    """"Matches", or each difference in words."""
    translate = QCoreApplication.translate
    if line.matched:
        return translate("payables", "Matches")
    words = {"over_received": translate("payables", "more than received"),
             "over_ordered": translate("payables", "more than ordered"),
             "price": translate("payables", "price differs")}
    return ", ".join(words.get(d, d) for d in line.differences)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    return table


def _set(table: QTableWidget, row: int, col: int, text: str, *, right: bool = False,
         warn: bool = False) -> None:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
    if warn:
        item.setForeground(Qt.GlobalColor.darkRed)
    table.setItem(row, col, item)


def fill_match(table: QTableWidget, lines: tuple[MatchLine, ...] | list[MatchLine], currency: str,
               first_col: int = 0) -> None:
    """Ordered, received, invoiced, PO price, invoiced price and the verdict, per line."""
    for r, ln in enumerate(lines):
        cells = (str(ln.ordered), str(ln.received), str(ln.previously_invoiced + ln.invoiced),
                 money(ln.ordered_price, currency), money(ln.invoiced_price, currency))
        for c, text in enumerate(cells):
            _set(table, r, first_col + c, text, right=True)
        _set(table, r, first_col + len(cells), match_text(ln), warn=not ln.matched)


class RecordSupplierInvoiceDialog(QDialog):
    """Load a purchase order, type what the supplier invoiced per line, see the match, record."""

    recorded = Signal(object)  # PayableView

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.po: PurchaseOrderView | None = None
        self.setWindowTitle(self.tr("Record supplier invoice"))
        self.resize(940, 460)
        self.po_ref = QLineEdit()
        self.po_ref.setObjectName("payable_po")
        self.po_ref.setPlaceholderText(self.tr("Purchase order reference, then Enter"))
        self.po_ref.returnPressed.connect(self.load_po)
        self.supplier = QLabel()
        self.number = QLineEdit()
        self.number.setObjectName("payable_number")
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.lines = QTableWidget(0, 9)
        self.lines.setObjectName("payable_lines")
        self.lines.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Qty invoiced"), self.tr("Unit price"), self.tr("Ordered"),
            self.tr("Received"), self.tr("Invoiced in all"), self.tr("PO price"), self.tr("Invoiced price"),
            self.tr("Match")])
        self.lines.verticalHeader().setVisible(False)
        self.lines.horizontalHeader().setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((110, 110, 110, 80, 80, 120, 110, 110)):
            self.lines.setColumnWidth(col, width)
        self.rows: list[tuple[str, QSpinBox, QDoubleSpinBox]] = []
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check match"))
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setObjectName("payable_record")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.check_button.clicked.connect(self.check)
        self.record_button.clicked.connect(self.record)
        self.cancel_button.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Purchase order"), self.po_ref)
        form.addRow(self.tr("Supplier"), self.supplier)
        form.addRow(self.tr("Supplier's invoice number"), self.number)
        form.addRow(self.tr("Invoice date"), self.date)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        for b in (self.check_button, self.record_button, self.cancel_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addLayout(buttons)

    def load_po(self) -> None:
        ref = self.po_ref.text().strip()

        def load() -> PurchaseOrderView:
            with self.ctx.db.read() as s:
                return purchase_order_view(s, ref)
        run_in_pool(self.ctx.pool, load, self._show_po, self.error.setText)

    def _show_po(self, po: PurchaseOrderView) -> None:
        self.po = po
        self.error.clear()
        self.supplier.setText(f"{po.supplier_code} · {po.supplier_name}")
        self.lines.setRowCount(len(po.lines))
        self.rows = []
        for r, ln in enumerate(po.lines):
            _set(self.lines, r, 0, ln.sku)
            qty = QSpinBox()
            qty.setRange(0, 1_000_000)
            qty.setValue(ln.qty_received)  # what arrived is what is usually invoiced
            price = QDoubleSpinBox()
            price.setDecimals(2)
            price.setRange(0, 10_000_000)
            price.setSuffix(" €")
            price.setValue(ln.unit_cost / 100)
            self.lines.setCellWidget(r, 1, qty)
            self.lines.setCellWidget(r, 2, price)
            self.rows.append((ln.sku, qty, price))
        self.check()

    def invoiced_lines(self) -> list[InvoicedLine]:
        return [InvoicedLine(sku, qty.value(), round(price.value() * 100))
                for sku, qty, price in self.rows if qty.value() > 0]

    def check(self) -> None:
        if self.po is None:
            self.error.setText(self.tr("Load a purchase order first"))
            return
        ref, lines = self.po.reference, self.invoiced_lines()
        run_in_pool(self.ctx.pool, lambda: preview_match(self.ctx.db, ref, lines), self._show_match,
                    self.error.setText)

    def _show_match(self, match: tuple[MatchLine, ...]) -> None:
        assert self.po is not None
        rows = {sku: r for r, (sku, _q, _p) in enumerate(self.rows)}
        for ln in match:
            r = rows[ln.sku]
            cells = (str(ln.ordered), str(ln.received), str(ln.previously_invoiced + ln.invoiced),
                     money(ln.ordered_price, self.po.currency), money(ln.invoiced_price, self.po.currency))
            for c, text in enumerate(cells, start=3):
                _set(self.lines, r, c, text, right=True)
            _set(self.lines, r, 8, match_text(ln), warn=not ln.matched)
        differing = sum(not ln.matched for ln in match)
        self.error.setText(self.tr("{n} line(s) differ: the invoice will be held until approved").format(
            n=differing) if differing else "")

    def record(self) -> None:
        if self.po is None:
            self.error.setText(self.tr("Load a purchase order first"))
            return
        po, lines, number = self.po, self.invoiced_lines(), self.number.text()
        when = date(self.date.date().year(), self.date.date().month(), self.date.date().day())

        def work() -> PayableView:
            return record_supplier_invoice(self.ctx.db, supplier=po.supplier_code, po_reference=po.reference,
                                           number=number, invoice_date=when, lines=lines, actor=self.ctx.actor)
        run_in_pool(self.ctx.pool, work, self._recorded, self.error.setText)

    def _recorded(self, view: PayableView) -> None:
        self.recorded.emit(view)
        self.accept()


class SupplierPaymentDialog(QDialog):
    """Amount (up to what is due), method and the bank's reference."""

    def __init__(self, view: PayableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pay {supplier} {number}").format(supplier=view.supplier, number=view.number))
        self.amount = euro_amount("supplier_amount", view.due, view.due)
        self.method = method_choice("supplier_method", METHODS)
        self.reference = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Due"), QLabel(money(view.due, view.currency)))
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Reference"), self.reference)
        ok_cancel(self, form)

    def amount_minor(self) -> int:
        return minor_of(self.amount)


class PayablesView(QWidget):
    """Supplier invoices newest first, the selected one's match line by line, and aged totals."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[PayableView] = []
        self.record_dialog: RecordSupplierInvoiceDialog | None = None
        self.open_only = QCheckBox(self.tr("Only with money still to pay"))
        self.open_only.toggled.connect(lambda _c: self.refresh())
        self.table = _table([self.tr("Supplier"), self.tr("Number"), self.tr("Purchase order"), self.tr("Date"),
                             self.tr("Due date"), self.tr("Total"), self.tr("Outstanding"), self.tr("Status")])
        self.table.setObjectName("payables_table")
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((100, 120, 150, 90, 100, 100, 100)):
            self.table.setColumnWidth(col, width)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.match = _table([self.tr("SKU"), self.tr("Ordered"), self.tr("Received"), self.tr("Invoiced"),
                             self.tr("PO price"), self.tr("Invoiced price"), self.tr("Match")])
        self.match.setObjectName("payables_match")
        self.match.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((120, 90, 90, 90, 120, 120)):
            self.match.setColumnWidth(col, width)
        self.aged = QLabel()
        self.aged.setObjectName("payables_aged")
        self.message = QLabel()
        self.record_button = QPushButton(self.tr("Record supplier invoice… (Ctrl+I)"))
        self.pay_button = QPushButton(self.tr("Record payment… (Ctrl+Y)"))
        self.approve_button = QPushButton(self.tr("Approve differences… (Ctrl+D)"))
        self.record_button.clicked.connect(self.record_invoice)
        self.pay_button.clicked.connect(self.pay)
        self.approve_button.clicked.connect(self.approve)
        for keys, slot in (("Ctrl+I", self.record_invoice), ("Ctrl+Y", self.pay), ("Ctrl+D", self.approve)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.match)
        split.setSizes([300, 160])
        top = QHBoxLayout()
        top.addWidget(self.open_only)
        top.addStretch(1)
        top.addWidget(self.aged)
        actions = QHBoxLayout()
        for b in (self.record_button, self.pay_button, self.approve_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        self.refresh()

    def refresh(self) -> None:
        open_only = self.open_only.isChecked()

        def load() -> tuple[list[PayableView], AgedPayables]:
            with self.ctx.db.read() as s:
                return supplier_invoices(s, open_only=open_only), aged_payables(s, today=local_today(s))
        run_in_pool(self.ctx.pool, load, self._show, self.message.setText)

    def _show(self, result: tuple[list[PayableView], AgedPayables]) -> None:
        rows, aged = result
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, v in enumerate(rows):
            cells = (v.supplier, v.number, v.purchase_order, day(v.invoice_date), day(v.due_date))
            for c, text in enumerate(cells):
                _set(self.table, r, c, text)
            _set(self.table, r, 5, money(v.total, v.currency), right=True)
            _set(self.table, r, 6, money(v.due, v.currency), right=True)
            _set(self.table, r, 7, payable_status_text(v.status), warn=v.status == "on_hold")
        names = {"current": self.tr("current"), "1-30": "1-30", "31-60": "31-60", "61-90": "61-90", "90+": "90+"}
        self.aged.setText("  ".join(
            f"{currency} " + "  ".join(f"{names[b]}: {money(buckets[b], currency)}" for b in AGE_BUCKETS)
            for currency, buckets in aged.totals.items()) or self.tr("Nothing owed to suppliers"))
        if rows and not self.table.selectedItems():
            self.table.selectRow(0)
        self._show_selected()

    def selected(self) -> PayableView | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.rows[rows.pop()] if len(rows) == 1 and self.rows else None

    def _show_selected(self) -> None:
        v = self.selected()
        lines = v.lines if v else ()
        self.match.setRowCount(len(lines))
        for r, ln in enumerate(lines):
            _set(self.match, r, 0, ln.sku)
        if v is not None:
            fill_match(self.match, lines, v.currency, first_col=1)
        self.pay_button.setEnabled(v is not None and v.status in ("open", "partly_paid"))
        self.approve_button.setEnabled(v is not None and v.status == "on_hold")

    def record_invoice(self) -> RecordSupplierInvoiceDialog:
        self.record_dialog = RecordSupplierInvoiceDialog(self.ctx, self)
        self.record_dialog.recorded.connect(self._recorded)
        self.record_dialog.show()
        return self.record_dialog

    def _recorded(self, view: Any) -> None:
        self.message.setText(self.tr("Recorded {number}: {status}").format(
            number=view.number, status=payable_status_text(view.status)))
        self.changed.emit()
        self.refresh()

    def pay(self) -> None:
        v = self.selected()
        if v is None or v.status not in ("open", "partly_paid"):
            return
        dialog = SupplierPaymentDialog(v, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.pay_selected(dialog.amount_minor(), str(dialog.method.currentData()), dialog.reference.text())

    def pay_selected(self, amount: int, method: str = "transfer", reference: str = "") -> None:
        v = self.selected()
        if v is None:
            return
        invoice_id = v.id
        run_in_pool(self.ctx.pool, lambda: pay_supplier_invoice(
            self.ctx.db, invoice_id, amount=amount, method=method, reference=reference, actor=self.ctx.actor),
            self._recorded, self.message.setText)

    def approve(self) -> None:
        v = self.selected()
        if v is None or v.status != "on_hold":
            return
        reason, ok = QInputDialog.getText(self, self.tr("Approve differences"),
                                          self.tr("Why are the differences accepted?"))
        if ok and reason.strip():
            invoice_id = v.id
            run_in_pool(self.ctx.pool, lambda: approve_supplier_invoice(
                self.ctx.db, invoice_id, reason=reason, actor=self.ctx.actor), self._recorded, self.message.setText)
