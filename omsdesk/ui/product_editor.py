"""New or edit product: SKU, name, EAN, price, VAT rate, weight, service flag and a bin per warehouse."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from omsdesk.db import Database
from omsdesk.queries.lookups import Choice, warehouses
from omsdesk.queries.products import ProductDetail, product_detail
from omsdesk.services.catalog import ProductChanges, ProductInput, add_product, update_product
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool

# Spanish VAT: general, reduced, super-reduced, exempt (basis points).
TAX_RATES = (2100, 1000, 400, 0)


class ProductEditor(QDialog):
    """The catalogue service checks everything on Save (EAN check digit, a taken EAN, price, bins)."""

    saved = Signal(str)  # SKU

    def __init__(self, ctx: AppContext, sku: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.editing = ctx, sku
        self.setWindowTitle(self.tr("New product") if sku is None else self.tr("Edit product {sku}").format(sku=sku))
        self.sku = QLineEdit(sku or "")
        self.sku.setObjectName("product_sku")
        self.sku.setReadOnly(sku is not None)
        self.name = QLineEdit()
        self.ean = QLineEdit()
        self.ean.setPlaceholderText(self.tr("EAN-13 or GTIN; the check digit is verified"))
        self.price = QDoubleSpinBox()
        self.price.setDecimals(2)
        self.price.setRange(0, 1_000_000)
        self.price.setSuffix(" €")
        self.tax = QComboBox()
        for rate, label in zip(TAX_RATES, (self.tr("21 % (general)"), self.tr("10 % (reduced)"),
                                           self.tr("4 % (super-reduced)"), self.tr("0 % (exempt)")), strict=True):
            self.tax.addItem(label, rate)
        self.weight = QSpinBox()
        self.weight.setRange(0, 1_000_000)
        self.weight.setSuffix(" g")
        self.service = QCheckBox(self.tr("Service: sold without stock (shipping, gift wrap), never picked"))
        self.active = QCheckBox(self.tr("On sale"))
        self.active.setChecked(True)
        self.active.setVisible(sku is not None)
        form = QFormLayout()
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("EAN"), self.ean)
        form.addRow(self.tr("Price (VAT incl.)"), self.price)
        form.addRow(self.tr("VAT rate"), self.tax)
        form.addRow(self.tr("Weight"), self.weight)
        form.addRow(self.service)
        form.addRow(self.active)
        self.bins_box = QGroupBox(self.tr("Bin per warehouse"))
        self.bins_form = QFormLayout(self.bins_box)
        self.bins: dict[str, QLineEdit] = {}
        self._bins_before: dict[str, str] = {}
        self.service.toggled.connect(lambda on: self.bins_box.setEnabled(not on))
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until warehouses (and the product) are loaded
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bins_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        db = ctx.db
        run_in_pool(ctx.pool, lambda: _load(db, sku), self._on_loaded, self._on_failed)

    def _on_loaded(self, result: tuple[list[Choice], ProductDetail | None]) -> None:
        choices, detail = result
        if self.editing is not None and detail is None:
            self.error.setText(self.tr("Product {sku} no longer exists.").format(sku=self.editing))
            return
        bins = detail.bins if detail is not None else {}
        for wh in choices:
            edit = QLineEdit(bins.get(wh.code, ""))
            edit.setObjectName(f"bin_{wh.code}")
            edit.setPlaceholderText(self.tr("e.g. A-01-3"))
            self.bins[wh.code] = edit
            self.bins_form.addRow(f"{wh.code} · {wh.name}", edit)
        self._bins_before = {code: bins.get(code, "") for code in self.bins}
        if detail is not None:
            self.name.setText(detail.name)
            self.ean.setText(detail.ean)
            self.price.setValue(detail.price / 100)
            if self.tax.findData(detail.tax_rate_bp) < 0:
                self.tax.addItem(f"{detail.tax_rate_bp / 100:g} %", detail.tax_rate_bp)
            self.tax.setCurrentIndex(self.tax.findData(detail.tax_rate_bp))
            self.weight.setValue(detail.weight_g)
            self.service.setChecked(not detail.stock_tracked)
            self.active.setChecked(detail.active)
        self.save_button.setEnabled(True)

    def price_minor(self) -> int:
        # Euros with two decimals: round, never truncate, to the cent.
        return round(self.price.value() * 100)

    def changed_bins(self) -> dict[str, str]:
        return {code: edit.text() for code, edit in self.bins.items()
                if edit.text().strip().upper() != self._bins_before.get(code, "")}

    def submit(self) -> None:
        ctx, bins = self.ctx, self.changed_bins()
        self.error.clear()
        self.save_button.setEnabled(False)
        if self.editing is None:
            data = ProductInput(sku=self.sku.text(), name=self.name.text(), price=self.price_minor(),
                                tax_rate_bp=int(self.tax.currentData()), ean=self.ean.text() or None,
                                weight_g=self.weight.value(), stock_tracked=not self.service.isChecked())

            def call() -> str:
                add_product(ctx.db, data, actor=ctx.actor, bins=bins)
                return data.sku.strip()
        else:
            sku = self.editing
            changes = ProductChanges(name=self.name.text(), ean=self.ean.text(), price=self.price_minor(),
                                     tax_rate_bp=int(self.tax.currentData()), weight_g=self.weight.value(),
                                     stock_tracked=not self.service.isChecked(), active=self.active.isChecked(),
                                     bins=bins)

            def call() -> str:
                update_product(ctx.db, sku, changes, actor=ctx.actor)
                return sku
        run_in_pool(ctx.pool, call, self._on_saved, self._on_failed)

    def _on_saved(self, sku: str) -> None:
        self.ctx.signals.status_message.emit(self.tr("Product {sku} saved").format(sku=sku))
        self.ctx.signals.stock_changed.emit()
        self.saved.emit(sku)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(self.tr("Not saved: {reason}").format(reason=message))


def _load(db: Database, sku: str | None) -> tuple[list[Choice], ProductDetail | None]:
    with db.read() as s:
        return warehouses(s), product_detail(s, sku) if sku is not None else None
