"""Dialog for money received on an order: amount, method, bank or card reference and the day it came in."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from omsdesk.models.order import PAYMENT_METHODS


class PaymentDialog(QDialog):
    """Preset to the balance due, paid today by card; the service checks the limits."""

    def __init__(self, reference: str, balance_due: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment for {ref}").format(ref=reference))
        self.amount = QDoubleSpinBox()
        self.amount.setObjectName("payment_amount")
        self.amount.setDecimals(2)
        self.amount.setRange(0.01, max(0.01, balance_due / 100))
        self.amount.setValue(max(0.01, balance_due / 100))
        self.amount.setSuffix(" €")
        self.method = QComboBox()
        self.method.setObjectName("payment_method")
        names = {"card": self.tr("Card"), "cash": self.tr("Cash"), "transfer": self.tr("Bank transfer"),
                 "marketplace": self.tr("Marketplace"), "other": self.tr("Other")}
        # Cash on delivery is recorded when the carrier hands it over (Mark delivered), not here.
        for code in PAYMENT_METHODS:
            if code != "cod":
                self.method.addItem(names.get(code, code), code)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.amount.setFocus()

    def amount_minor(self) -> int:
        # Euros with two decimals: round, never truncate, to the cent.
        return round(self.amount.value() * 100)

    def paid_at(self) -> datetime | None:
        """None for today (the moment it is recorded); noon local time of an earlier day."""
        chosen = self.day.date().toPython()
        assert isinstance(chosen, date)
        if chosen >= date.today():
            return None
        return datetime.combine(chosen, time(12, 0)).astimezone().astimezone(UTC)
