"""Dialog for a return (RMA): which parcel, how many of each SKU, and what becomes of them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from omsdesk.models.returns import Disposition
from omsdesk.queries.order_detail import OrderDetail


class ReturnDialog(QDialog):
    """One row per shipped SKU: units coming back (0 = none) and restock / damaged / scrap."""

    def __init__(self, detail: OrderDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return from {ref}").format(ref=detail.reference))
        self.parcel = QComboBox()
        self.parcel.setObjectName("return_parcel")
        self.parcel.addItem(self.tr("Any parcel"), None)
        for sh in detail.shipments:
            self.parcel.addItem(f"#{sh.id} {sh.warehouse} {sh.tracking}".strip(), sh.id)
        returnable = [(ln.sku, ln.qty_shipped - ln.qty_returned) for ln in detail.lines
                      if ln.qty_shipped > ln.qty_returned]
        self.table = QTableWidget(len(returnable), 3)
        self.table.setObjectName("return_lines")
        self.table.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Units back"), self.tr("What becomes of them")])
        names = {Disposition.RESTOCK: self.tr("Back to stock"), Disposition.DAMAGED: self.tr("Damaged (not for sale)"),
                 Disposition.SCRAP: self.tr("Scrap")}
        self.rows: list[tuple[str, QSpinBox, QComboBox]] = []
        for row, (sku, left) in enumerate(returnable):
            self.table.setCellWidget(row, 0, QLineEdit(sku, readOnly=True))
            qty = QSpinBox()
            qty.setRange(0, left)
            qty.setValue(left)
            disposition = QComboBox()
            for code, label in names.items():
                disposition.addItem(label, code.value)
            self.table.setCellWidget(row, 1, qty)
            self.table.setCellWidget(row, 2, disposition)
            self.rows.append((sku, qty, disposition))
        self.table.resizeColumnsToContents()
        self.reason = QLineEdit()
        self.reason.setObjectName("return_reason")
        form = QFormLayout(self)
        form.addRow(self.tr("Parcel"), self.parcel)
        form.addRow(self.table)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def quantities(self) -> dict[str, int]:
        return {sku: qty.value() for sku, qty, _d in self.rows if qty.value() > 0}

    def dispositions(self) -> dict[str, str]:
        return {sku: str(d.currentData()) for sku, qty, d in self.rows if qty.value() > 0}

    def shipment_id(self) -> int | None:
        value = self.parcel.currentData()
        return int(value) if value is not None else None
