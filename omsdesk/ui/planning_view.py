"""Planning tab: reorder suggestions, transfers, purchase orders with their actions, and analytics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
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
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from omsdesk.files import write_atomic
from omsdesk.queries.planning import TransferRow, low_stock_count, transfers
from omsdesk.services.goods_in.purchasing import (
    PurchaseOrderView,
    Suggestion,
    create_from_suggestions,
    purchase_order_pdf,
    purchase_orders,
    receive_purchase_order,
    send_purchase_order,
    suggest_purchases,
)
from omsdesk.services.goods_in.transfers import dispatch_transfer, receive_transfer
from omsdesk.ui import save_paths
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import money, when
from omsdesk.ui.planning_charts import AnalyticsTab
from omsdesk.ui.purchase_order_dialog import PurchaseOrderDialog
from omsdesk.ui.reorder_rule_dialog import ReorderRuleDialog
from omsdesk.ui.supplier_dialog import SupplierDialog
from omsdesk.ui.workers import run_in_pool

D = TypeVar("D", bound=QDialog)


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def _selected(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.text() if item else None


class TransferDialog(QDialog):
    """Asks what to send where; the view dispatches it."""

    def __init__(self, warehouses: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New transfer"))
        self.sku = QLineEdit()
        self.qty = QSpinBox()
        self.qty.setRange(1, 1_000_000)
        self.source, self.target = QComboBox(), QComboBox()
        self.source.addItems(list(warehouses))
        self.target.addItems(list(warehouses))
        if len(warehouses) > 1:
            self.target.setCurrentIndex(1)
        form = QFormLayout(self)
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Quantity"), self.qty)
        form.addRow(self.tr("From"), self.source)
        form.addRow(self.tr("To"), self.target)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PlanningView(QWidget):
    """Three tabs over the planning services; every database call runs in the thread pool."""

    loaded = Signal()             # all three lists refreshed (tests wait on it)
    low_stock_counted = Signal(int)  # for the Inventory badge

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._pending = 0
        self.status = QLabel()
        self.tabs = QTabWidget()

        self.suggestions = _table([self.tr("SKU"), self.tr("Warehouse"), self.tr("Available"), self.tr("On order"),
                                   self.tr("Lead time"), self.tr("Demand"), self.tr("Safety"), self.tr("Buy"),
                                   self.tr("Supplier"), self.tr("Product")])
        create = QPushButton(self.tr("Create purchase orders"))
        create.clicked.connect(self.create_purchase_orders)
        self.new_supplier_button = QPushButton(self.tr("New supplier…"))
        self.new_supplier_button.clicked.connect(self.new_supplier)
        self.rule_button = QPushButton(self.tr("Reorder rule…"))
        self.rule_button.clicked.connect(self.edit_rule)
        self.editor: QDialog | None = None
        self.tabs.addTab(self._page(self.suggestions, [create, self.new_supplier_button, self.rule_button]),
                         self.tr("Reorder suggestions"))

        self.transfer_table = _table([self.tr("Reference"), self.tr("SKU"), self.tr("Qty"), self.tr("From"),
                                      self.tr("To"), self.tr("Status"), self.tr("Dispatched")])
        new_transfer = QPushButton(self.tr("New transfer…"))
        new_transfer.clicked.connect(self.new_transfer)
        receive_t = QPushButton(self.tr("Receive selected"))
        receive_t.clicked.connect(self.receive_selected_transfer)
        self.tabs.addTab(self._page(self.transfer_table, [new_transfer, receive_t]), self.tr("Transfers"))

        self.po_table = _table([self.tr("Reference"), self.tr("Status"), self.tr("Supplier"), self.tr("Warehouse"),
                                self.tr("Lines"), self.tr("Open units"), self.tr("Total")])
        send = QPushButton(self.tr("Send"))
        send.clicked.connect(self.send_selected)
        receive_po = QPushButton(self.tr("Receive all open"))
        receive_po.clicked.connect(self.receive_selected_po)
        pdf = QPushButton(self.tr("Save PDF…"))
        pdf.clicked.connect(self.save_selected_pdf)
        new_po = QPushButton(self.tr("New purchase order…"))
        new_po.clicked.connect(self.new_purchase_order)
        self.tabs.addTab(self._page(self.po_table, [new_po, send, receive_po, pdf]), self.tr("Purchase orders"))
        self.analytics = AnalyticsTab(ctx)
        self.tabs.addTab(self.analytics, self.tr("Analytics"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        ctx.signals.stock_changed.connect(self.refresh)
        self.refresh()

    def _page(self, table: QTableWidget, buttons: list[QPushButton]) -> QWidget:
        page = QWidget()
        bar = QHBoxLayout()
        for b in buttons:
            bar.addWidget(b)
        bar.addStretch(1)
        box = QVBoxLayout(page)
        box.addLayout(bar)
        box.addWidget(table)
        return page

    # -- loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        self._pending = 3

        def read(fn: Callable[[Any], Any]) -> Callable[[], Any]:
            def work() -> Any:
                with db.read() as s:
                    return fn(s)
            return work

        run_in_pool(self.ctx.pool, read(lambda s: (suggest_purchases(s), low_stock_count(s))),
                    self._show_suggestions, self._failed)
        run_in_pool(self.ctx.pool, read(lambda s: transfers(s, in_transit_only=False)),
                    self._show_transfers, self._failed)
        run_in_pool(self.ctx.pool, read(purchase_orders), self._show_purchase_orders, self._failed)

    def _one_loaded(self) -> None:
        self._pending -= 1
        if self._pending <= 0:
            self.loaded.emit()

    def _show_suggestions(self, result: tuple[list[Suggestion], int]) -> None:
        rows, low = result
        _fill(self.suggestions, [(r.sku, r.warehouse, r.available, r.on_order, r.lead_time_days,
                                  round(r.demand_over_lead_time, 1), r.safety_stock, r.qty, r.supplier or "—",
                                  r.name) for r in rows])
        self.low_stock_counted.emit(low)
        self._one_loaded()

    def _show_transfers(self, rows: list[TransferRow]) -> None:
        _fill(self.transfer_table, [(t.reference, t.sku, t.qty, t.from_warehouse, t.to_warehouse, t.status,
                                     when(t.dispatched_at)) for t in rows])
        self._one_loaded()

    def _show_purchase_orders(self, rows: list[PurchaseOrderView]) -> None:
        _fill(self.po_table, [(v.reference, v.status, v.supplier_code, v.warehouse, len(v.lines), v.open_qty,
                               money(v.total, v.currency)) for v in rows])
        self._one_loaded()

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self._one_loaded()

    # -- actions -------------------------------------------------------------------------------

    def _act(self, work: Callable[[], Any], done_text: Callable[[Any], str]) -> None:
        def finished(result: Any) -> None:
            self.status.setText(done_text(result))
            self.ctx.signals.stock_changed.emit()

        run_in_pool(self.ctx.pool, work, finished, self.status.setText)

    def create_purchase_orders(self) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self._act(lambda: create_from_suggestions(db, actor=actor),
                  lambda made: self.tr("{n} purchase order(s) created").replace("{n}", str(len(made))))

    def new_supplier(self) -> SupplierDialog:
        dialog = SupplierDialog(self.ctx, self)
        return self._show_editor(dialog)

    def new_purchase_order(self) -> PurchaseOrderDialog:
        return self._show_editor(PurchaseOrderDialog(self.ctx, self))

    def edit_rule(self) -> ReorderRuleDialog:
        """The rule of the selected suggestion (product and warehouse), or a blank one."""
        rows = self.suggestions.selectionModel().selectedRows()
        sku = warehouse = ""
        if rows:
            sku_item, wh_item = self.suggestions.item(rows[0].row(), 0), self.suggestions.item(rows[0].row(), 1)
            sku, warehouse = (sku_item.text() if sku_item else ""), (wh_item.text() if wh_item else "")
        return self._show_editor(ReorderRuleDialog(self.ctx, sku, warehouse, self))

    def _show_editor(self, dialog: D) -> D:
        self.editor = dialog
        dialog.setModal(True)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.show()
        return dialog

    def new_transfer(self) -> None:
        with self.ctx.db.read() as s:
            from sqlalchemy import select

            from omsdesk.models import Warehouse

            codes = list(s.scalars(select(Warehouse.code).where(Warehouse.active.is_(True))
                                   .order_by(Warehouse.priority, Warehouse.code)))
        dialog = TransferDialog(codes, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.dispatch(dialog.sku.text().strip(), dialog.qty.value(), dialog.source.currentText(),
                      dialog.target.currentText())

    def dispatch(self, sku: str, qty: int, source: str, target: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self._act(lambda: dispatch_transfer(db, sku, qty, source, target, actor=actor),
                  lambda t: self.tr("{ref} in transit").replace("{ref}", t.reference))

    def receive_selected_transfer(self) -> None:
        ref = _selected(self.transfer_table)
        if ref:
            db, actor = self.ctx.db, self.ctx.actor
            self._act(lambda: receive_transfer(db, ref, actor=actor),
                      lambda t: self.tr("{ref} received").replace("{ref}", t.reference))

    def send_selected(self) -> None:
        ref = _selected(self.po_table)
        if ref:
            db, actor = self.ctx.db, self.ctx.actor
            self._act(lambda: send_purchase_order(db, ref, actor=actor),
                      lambda v: self.tr("{ref} sent").replace("{ref}", v.reference))

    def receive_selected_po(self) -> None:
        ref = _selected(self.po_table)
        if ref:
            db, actor = self.ctx.db, self.ctx.actor
            self._act(lambda: receive_purchase_order(db, ref, actor=actor),
                      lambda v: self.tr("{ref} received").replace("{ref}", v.reference))

    def save_selected_pdf(self, path: str | None = None) -> None:
        ref = _selected(self.po_table)
        if not ref:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save purchase order"),
                                                        save_paths.suggested(f"{ref}.pdf"), "PDF (*.pdf)")
            save_paths.remember(path)
        if not path:
            return
        db, target = self.ctx.db, Path(path)
        lang = str(self.ctx.settings.get("language", "es"))

        def work() -> Path:
            write_atomic(target, purchase_order_pdf(db, ref, language="en" if lang == "en" else "es"))
            return target

        self._act(work, lambda p: self.tr("saved {path}").replace("{path}", str(p)))
