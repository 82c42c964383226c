"""Dialog asking how much to refund on an order, how, and the bank or card reference."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QWidget

from omsdesk.services.fulfilment.refunds import METHODS
from omsdesk.ui.money_fields import euro_amount, method_choice, minor_of, ok_cancel


class RefundDialog(QDialog):
    """Amount (preset to the refund due), method and reference; the service checks the limits."""

    def __init__(self, reference: str, refund_due: int, paid: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refund {ref}").format(ref=reference))
        self.amount = euro_amount("refund_amount", paid, refund_due or paid)
        self.method = method_choice("refund_method", METHODS)
        self.ref = QLineEdit()
        self.ref.setObjectName("refund_reference")
        self.reason = QLineEdit()
        self.reason.setObjectName("refund_reason")
        form = QFormLayout(self)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Reference"), self.ref)
        form.addRow(self.tr("Reason"), self.reason)
        ok_cancel(self, form)

    def amount_minor(self) -> int:
        return minor_of(self.amount)
