"""The lines of an order being keyed in: quantity, an optional price override with its reason, live totals."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from omsdesk.queries.products import ProductHit
from omsdesk.services.intake.order_entry import LineInput
from omsdesk.ui.display import money


@dataclass
class _Row:
    hit: ProductHit
    qty: QSpinBox
    price: QDoubleSpinBox
    reason: QLineEdit


class OrderLinesTable(QTableWidget):
    """One row per product; the service prices and checks the lines, this only shows what was typed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.setObjectName("order_lines")
        self.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Qty"),
                                        self.tr("Catalogue price"), self.tr("Unit price"),
                                        self.tr("Reason for the price"), self.tr("Total")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        for col, width in ((0, 100), (2, 70), (3, 130), (4, 116), (6, 100)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.rows: list[_Row] = []

    def add(self, hit: ProductHit, qty: int = 1) -> int:
        """Add the product, or one more of it when it is already on a line; returns the row."""
        for i, row in enumerate(self.rows):
            if row.hit.sku == hit.sku:
                row.qty.setValue(row.qty.value() + qty)
                self.selectRow(i)
                return i
        i = len(self.rows)
        self.insertRow(i)
        qty_box = QSpinBox()
        qty_box.setRange(1, 100_000)
        qty_box.setValue(qty)
        price = QDoubleSpinBox()
        price.setDecimals(2)
        price.setRange(0, 1_000_000)
        price.setSuffix(" €")
        price.setValue(hit.price / 100)
        reason = QLineEdit()
        reason.setPlaceholderText(self.tr("Only when the price is changed"))
        row = _Row(hit, qty_box, price, reason)
        self.rows.append(row)
        for col, text in ((0, hit.sku), (1, hit.name), (3, money(hit.price, hit.currency)), (6, "")):
            item = QTableWidgetItem(text)
            if col in (3, 6):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(text)
            self.setItem(i, col, item)
        self.setCellWidget(i, 2, qty_box)
        self.setCellWidget(i, 4, price)
        self.setCellWidget(i, 5, reason)
        qty_box.valueChanged.connect(lambda _v: self._update())
        price.valueChanged.connect(lambda _v: self._update())
        self.selectRow(i)
        self._update()
        return i

    def remove_current(self) -> None:
        i = self.currentRow()
        if 0 <= i < len(self.rows):
            self.removeRow(i)
            del self.rows[i]
            self._update()

    @staticmethod
    def _unit(row: _Row) -> int:
        # Euros with two decimals: round, never truncate, to the cent.
        return round(row.price.value() * 100)

    def line_inputs(self) -> tuple[LineInput, ...]:
        """The lines for the order service: a unit price only when it differs from the catalogue."""
        out = []
        for row in self.rows:
            unit = self._unit(row)
            override = None if unit == row.hit.price else unit
            out.append(LineInput(sku=row.hit.sku, qty=row.qty.value(), unit_price=override,
                                 price_reason=row.reason.text() if override is not None else ""))
        return tuple(out)

    def total(self) -> int:
        """What the customer pays, VAT included, as typed (the service splits the VAT)."""
        return sum(row.qty.value() * self._unit(row) for row in self.rows)

    def units(self) -> int:
        return sum(row.qty.value() for row in self.rows)

    def currency(self) -> str:
        return self.rows[0].hit.currency if self.rows else "EUR"

    def _update(self) -> None:
        for i, row in enumerate(self.rows):
            unit = self._unit(row)
            item = self.item(i, 6)
            if item is not None:
                item.setText(money(row.qty.value() * unit, row.hit.currency))
            row.reason.setEnabled(unit != row.hit.price)
        self.changed.emit()
