"""New purchase order by hand: supplier, receiving warehouse, lines by SKU or EAN with quantity and unit cost."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.db import Database
from omsdesk.queries.lookups import Choice, suppliers, warehouses
from omsdesk.queries.products import ProductHit, product_by_code
from omsdesk.services.goods_in.purchasing import PurchaseOrderView, create_purchase_order
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool


class PurchaseOrderDialog(QDialog):
    """A draft through create_purchase_order; a cost left at zero takes the reorder rule's cost."""

    created = Signal(str)  # reference

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New purchase order"))
        self.resize(720, 480)
        self.supplier = QComboBox()
        self.warehouse = QComboBox()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("SKU or EAN, then Enter"))
        self.code.returnPressed.connect(self.look_up)
        self._pending: list[str] = []
        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Qty"),
                                              self.tr("Unit cost")])
        self.lines.verticalHeader().setVisible(False)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines.horizontalHeader().resizeSection(3, 140)
        self.rows: list[tuple[str, QSpinBox, QDoubleSpinBox]] = []
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Notes for the supplier (optional)"))
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_button = QPushButton(self.tr("Create draft"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for button in (self.create_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter after a code adds a line, never creates
        self.create_button.setEnabled(False)  # until suppliers and warehouses are loaded
        self.create_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        head = QFormLayout()
        head.addRow(self.tr("Supplier"), self.supplier)
        head.addRow(self.tr("Warehouse"), self.warehouse)
        head.addRow(self.tr("Add"), self.code)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.create_button)
        footer.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.error)
        layout.addLayout(footer)
        db = ctx.db
        run_in_pool(ctx.pool, lambda: _choices(db), self._on_choices, self.error.setText)

    def _on_choices(self, result: tuple[list[Choice], list[Choice]]) -> None:
        sups, whs = result
        for sup in sups:
            self.supplier.addItem(f"{sup.code} · {sup.name}", sup.code)
        for wh in whs:
            self.warehouse.addItem(f"{wh.code} · {wh.name}", wh.code)
        if not sups:
            self.error.setText(self.tr("No supplier yet: add one with New supplier… first."))
        self.create_button.setEnabled(True)

    def look_up(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        self.code.clear()
        self._pending.append(text)
        if len(self._pending) == 1:
            self._next()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _next(self) -> None:
        if self._pending:
            text, db = self._pending[0], self.ctx.db
            run_in_pool(self.ctx.pool, lambda: (text, _find(db, text)), self._on_found, self._on_lookup_failed)

    def _on_found(self, result: tuple[str, ProductHit | None]) -> None:
        text, hit = result
        self._pending.pop(0)
        if hit is None:
            self.error.setText(self.tr("No product has the code '{text}'.").format(text=text))
        else:
            self.error.clear()
            self._add(hit)
        self._next()

    def _on_lookup_failed(self, message: str) -> None:
        self._pending.pop(0)
        self.error.setText(message)
        self._next()

    def _add(self, hit: ProductHit) -> None:
        for sku, qty, _cost in self.rows:
            if sku == hit.sku:
                qty.setValue(qty.value() + 1)
                return
        i = len(self.rows)
        self.lines.insertRow(i)
        qty = QSpinBox()
        qty.setRange(1, 1_000_000)
        cost = QDoubleSpinBox()
        cost.setDecimals(2)
        cost.setRange(0, 1_000_000)
        cost.setSuffix(" €")
        cost.setSpecialValueText(self.tr("rule's cost"))
        self.lines.setItem(i, 0, QTableWidgetItem(hit.sku))
        self.lines.setItem(i, 1, QTableWidgetItem(hit.name))
        self.lines.setCellWidget(i, 2, qty)
        self.lines.setCellWidget(i, 3, cost)
        self.rows.append((hit.sku, qty, cost))

    def line_tuples(self) -> list[tuple[str, int, int | None]]:
        # Euros with two decimals to cents, rounded; zero leaves the cost to the reorder rule.
        return [(sku, qty.value(), round(cost.value() * 100) or None) for sku, qty, cost in self.rows]

    def submit(self) -> None:
        ctx, lines, notes = self.ctx, self.line_tuples(), self.notes.text().strip()
        supplier, warehouse = str(self.supplier.currentData() or ""), str(self.warehouse.currentData() or "")
        self.error.clear()
        self.create_button.setEnabled(False)
        run_in_pool(ctx.pool, lambda: create_purchase_order(ctx.db, supplier, warehouse, lines, actor=ctx.actor,
                                                            notes=notes), self._on_created, self._on_refused)

    def _on_created(self, view: PurchaseOrderView) -> None:
        self.ctx.signals.status_message.emit(self.tr("Purchase order {reference} created as a draft").format(
            reference=view.reference))
        self.created.emit(view.reference)
        self.accept()

    def _on_refused(self, message: str) -> None:
        self.create_button.setEnabled(True)
        self.error.setText(self.tr("Not created: {reason}").format(reason=message))


def _choices(db: Database) -> tuple[list[Choice], list[Choice]]:
    with db.read() as s:
        return suppliers(s), warehouses(s)


def _find(db: Database, code: str) -> ProductHit | None:
    with db.read() as s:
        return product_by_code(s, code)
