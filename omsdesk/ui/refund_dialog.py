"""Dialog asking how much to refund on an order, how, and the bank or card reference."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from omsdesk.services.fulfilment.refunds import METHODS


class RefundDialog(QDialog):
    """Amount (preset to the refund due), method and reference; the service checks the limits."""

    def __init__(self, reference: str, refund_due: int, paid: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refund {ref}").format(ref=reference))
        self.amount = QDoubleSpinBox()
        self.amount.setObjectName("refund_amount")
        self.amount.setDecimals(2)
        self.amount.setRange(0.01, max(0.01, paid / 100))
        self.amount.setValue(max(0.01, (refund_due or paid) / 100))
        self.amount.setSuffix(" €")
        self.method = QComboBox()
        self.method.setObjectName("refund_method")
        names = {"card": self.tr("Card"), "cash": self.tr("Cash"), "transfer": self.tr("Bank transfer"),
                 "marketplace": self.tr("Marketplace"), "other": self.tr("Other")}
        for code in METHODS:
            self.method.addItem(names.get(code, code), code)
        self.ref = QLineEdit()
        self.ref.setObjectName("refund_reference")
        self.reason = QLineEdit()
        self.reason.setObjectName("refund_reason")
        form = QFormLayout(self)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Reference"), self.ref)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def amount_minor(self) -> int:
        # The spin box holds euros with two decimals: round, never truncate, to the cent.
        return round(self.amount.value() * 100)
