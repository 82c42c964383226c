"""Dialog for money received on an order: amount, method, bank or card reference and the day it came in."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLineEdit, QWidget

from omsdesk.models.order import PAYMENT_METHODS
from omsdesk.ui.money_fields import euro_amount, method_choice, minor_of, ok_cancel


class PaymentDialog(QDialog):
    """Preset to the balance due, paid today by card; the service checks the limits."""

    def __init__(self, reference: str, balance_due: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment for {ref}").format(ref=reference))
        self.amount = euro_amount("payment_amount", balance_due, balance_due)
        # Cash on delivery is recorded when the carrier hands it over (Mark delivered), not here.
        self.method = method_choice("payment_method", (m for m in PAYMENT_METHODS if m != "cod"))
        self.ref = QLineEdit()
        self.ref.setObjectName("payment_reference")
        self.ref.setMaxLength(100)
        self.ref.setPlaceholderText(self.tr("Bank statement line, card authorisation…"))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("payment_day")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate.currentDate())
        self.day.setDisplayFormat("dd/MM/yyyy")
        form = QFormLayout(self)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Reference"), self.ref)
        form.addRow(self.tr("Received on"), self.day)
        ok_cancel(self, form)
        self.amount.setFocus()

    def amount_minor(self) -> int:
        return minor_of(self.amount)

    def paid_at(self) -> datetime | None:
        """None for today (the moment it is recorded); noon local time of an earlier day."""
        chosen = self.day.date().toPython()
        assert isinstance(chosen, date)
        if chosen >= date.today():
            return None
        return datetime.combine(chosen, time(12, 0)).astimezone().astimezone(UTC)
