"""Reorder rule: when a product runs low in a warehouse, how much to buy and from which supplier."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from omsdesk.db import Database
from omsdesk.queries.lookups import Choice, suppliers, warehouses
from omsdesk.services.goods_in.purchasing import set_reorder_rule
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool


class ReorderRuleDialog(QDialog):
    """Creates or replaces the rule of one product in one warehouse through the purchasing service."""

    saved = Signal(str)  # "SKU@WAREHOUSE"

    def __init__(self, ctx: AppContext, sku: str = "", warehouse: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self._warehouse = ctx, warehouse
        self.setWindowTitle(self.tr("Reorder rule"))
        self.sku = QLineEdit(sku)
        self.warehouse = QComboBox()
        self.supplier = QComboBox()
        self.supplier.addItem(self.tr("No supplier"), "")
        self.min_qty = QSpinBox()
        self.min_qty.setRange(0, 1_000_000)
        self.max_qty = QSpinBox()
        self.max_qty.setRange(0, 1_000_000)
        self.max_qty.setSpecialValueText(self.tr("no maximum"))
        self.own_lead = QCheckBox(self.tr("Own lead time"))
        self.lead_time = QSpinBox()
        self.lead_time.setRange(0, 365)
        self.lead_time.setValue(7)
        self.lead_time.setSuffix(self.tr(" days"))
        self.lead_time.setEnabled(False)
        self.own_lead.toggled.connect(self.lead_time.setEnabled)
        self.unit_cost = QDoubleSpinBox()
        self.unit_cost.setDecimals(2)
        self.unit_cost.setRange(0, 1_000_000)
        self.unit_cost.setSuffix(" €")
        self.note = QLabel(self.tr("Without its own lead time the rule takes the supplier's."))
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setMinimumHeight(3 * self.error.fontMetrics().lineSpacing())  # a reason fits without a resize
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until warehouses and suppliers are loaded
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Supplier"), self.supplier)
        form.addRow(self.tr("Reorder at (minimum)"), self.min_qty)
        form.addRow(self.tr("Fill up to (maximum)"), self.max_qty)
        form.addRow(self.own_lead, self.lead_time)
        form.addRow(self.tr("Unit cost"), self.unit_cost)
        form.addRow(self.note)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.resize(460, self.sizeHint().height())
        db = ctx.db
        run_in_pool(ctx.pool, lambda: _choices(db), self._on_choices, self._on_failed)

    def _on_choices(self, result: tuple[list[Choice], list[Choice]]) -> None:
        whs, sups = result
        for wh in whs:
            self.warehouse.addItem(f"{wh.code} · {wh.name}", wh.code)
        self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(self._warehouse)))
        for sup in sups:
            self.supplier.addItem(f"{sup.code} · {sup.name}", sup.code)
        self.save_button.setEnabled(True)

    def submit(self) -> None:
        ctx, sku, wh = self.ctx, self.sku.text().strip(), str(self.warehouse.currentData() or "")
        supplier = str(self.supplier.currentData() or "") or None
        lead = self.lead_time.value() if self.own_lead.isChecked() else None
        low, high = self.min_qty.value(), self.max_qty.value()
        cost = round(self.unit_cost.value() * 100)  # euros with two decimals to cents, rounded
        self.error.clear()
        self.save_button.setEnabled(False)

        def call() -> str:
            set_reorder_rule(ctx.db, sku, wh, actor=ctx.actor, min_qty=low, max_qty=high, lead_time_days=lead,
                             supplier=supplier, unit_cost=cost)
            return f"{sku}@{wh}"

        run_in_pool(ctx.pool, call, self._on_saved, self._on_failed)

    def _on_saved(self, key: str) -> None:
        self.ctx.signals.status_message.emit(self.tr("Reorder rule {rule} saved").format(rule=key))
        self.ctx.signals.stock_changed.emit()
        self.saved.emit(key)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(self.tr("Not saved: {reason}").format(reason=message))


def _choices(db: Database) -> tuple[list[Choice], list[Choice]]:
    with db.read() as s:
        return warehouses(s), suppliers(s)
