"""Dialog for a customer's payment terms (immediate, cash on delivery, N days) and credit limit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from omsdesk.models.party import PaymentTerms


def terms_text(code: str) -> str:
    """The clerk-facing name of payment terms (immediate, cod, netN)."""
    translate = QCoreApplication.translate
    if code.startswith("net") and code[3:].isdigit():
        return translate("terms", "{days} days").format(days=code[3:])
    return {"immediate": translate("terms", "Pay before shipping"),
            "cod": translate("terms", "Cash on delivery")}.get(code, code)


class TermsDialog(QDialog):
    """Preset to the customer's current terms; the service checks what they allow (a NIF for net days)."""

    def __init__(self, name: str, terms: str, credit_limit: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment terms of {name}").format(name=name))
        current = PaymentTerms.parse(terms)
        self.kind = QComboBox()
        self.kind.setObjectName("terms_kind")
        self.kind.addItem(self.tr("Pay before shipping"), "immediate")
        self.kind.addItem(self.tr("Cash on delivery"), "cod")
        self.kind.addItem(self.tr("Invoice, pay within N days"), "net")
        self.kind.setCurrentIndex(max(0, self.kind.findData(current.kind)))
        self.days = QSpinBox()
        self.days.setObjectName("terms_days")
        self.days.setRange(1, 365)
        self.days.setValue(current.days or 30)
        self.days.setSuffix(self.tr(" days"))
        self.limited = QCheckBox(self.tr("Credit limit"))
        self.limited.setObjectName("terms_limited")
        self.limited.setChecked(credit_limit is not None)
        self.limit = QDoubleSpinBox()
        self.limit.setObjectName("terms_limit")
        self.limit.setDecimals(2)
        self.limit.setRange(0, 10_000_000)
        self.limit.setSuffix(" €")
        self.limit.setValue((credit_limit or 0) / 100)
        self.note = QLabel(self.tr("Terms apply to phone, manual and CSV orders; an order that would take "
                                   "the customer over the limit waits on hold."))
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Terms"), self.kind)
        form.addRow(self.tr("Days"), self.days)
        form.addRow(self.limited, self.limit)
        form.addRow(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._update)
        self.limited.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.days.setEnabled(self.kind.currentData() == "net")
        self.limit.setEnabled(self.limited.isChecked())

    def terms_code(self) -> str:
        kind = str(self.kind.currentData())
        return f"net{self.days.value()}" if kind == "net" else kind

    def credit_limit_minor(self) -> int | None:
        # Euros with two decimals: round, never truncate, to the cent.
        return round(self.limit.value() * 100) if self.limited.isChecked() else None
