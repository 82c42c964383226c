"""Receive goods or adjust on hand (with a mandatory reason) for one product in one warehouse."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from omsdesk.queries.lookups import Choice
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.ledger.stock import adjust_stock
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool


class StockDialog(QDialog):
    """Receive goods (positive quantity) or adjust on hand (signed, with a mandatory reason)."""

    def __init__(self, ctx: AppContext, kind: str, sku: str, warehouse: str, choices: list[Choice],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.setWindowTitle(self.tr("Receive stock") if kind == "receive" else self.tr("Adjust stock"))
        self.sku = QLineEdit(sku)
        self.warehouse = QComboBox()
        for wh in choices:
            self.warehouse.addItem(f"{wh.code} · {wh.name}", wh.code)
        i = self.warehouse.findData(warehouse)
        if i >= 0:
            self.warehouse.setCurrentIndex(i)
        self.qty = QSpinBox()
        if kind == "receive":
            self.qty.setRange(1, 1_000_000)
        else:
            self.qty.setRange(-1_000_000, 1_000_000)
        self.qty.setValue(1)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. supplier delivery note 1234") if kind == "receive"
                                       else self.tr("Required: count, damage, loss..."))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout(self)
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Quantity") if kind == "receive" else self.tr("Change (+/-)"), self.qty)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def submit(self) -> None:
        sku, qty, reason = self.sku.text().strip(), self.qty.value(), self.reason.text().strip()
        wh = str(self.warehouse.currentData() or "")
        if self.kind == "adjust" and not reason:
            self.error.setText(self.tr("A stock adjustment needs a reason."))
            return
        if self.kind == "adjust" and qty == 0:
            self.error.setText(self.tr("The change cannot be zero."))
            return
        ctx = self.ctx
        self.buttons.setEnabled(False)
        if self.kind == "receive":
            def call() -> object:
                return receive_stock(ctx.db, sku, qty, wh, actor=ctx.actor, reason=reason or "receipt")
        else:
            def call() -> object:
                return adjust_stock(ctx.db, sku, qty, wh, reason=reason, actor=ctx.actor)
        run_in_pool(ctx.pool, call, self._done, self._failed)

    def _done(self, _result: object) -> None:
        self.ctx.signals.stock_changed.emit()
        self.accept()

    def _failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
