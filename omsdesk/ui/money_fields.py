"""The fields money dialogs share: an amount in euros to the cent, a payment method, OK / Cancel."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout


def method_text(code: str) -> str:
    """The clerk-facing name of a payment or refund method."""
    translate = QCoreApplication.translate
    names = {"card": translate("payment method", "Card"), "cash": translate("payment method", "Cash"),
             "transfer": translate("payment method", "Bank transfer"),
             "marketplace": translate("payment method", "Marketplace"),
             "cod": translate("payment method", "Cash on delivery"), "other": translate("payment method", "Other")}
    return names.get(code, code)


def euro_amount(name: str, most_minor: int, preset_minor: int) -> QDoubleSpinBox:
    """Euros with two decimals, from one cent up to `most_minor`, preset to `preset_minor`."""
    box = QDoubleSpinBox()
    box.setObjectName(name)
    box.setDecimals(2)
    box.setRange(0.01, max(0.01, most_minor / 100))
    box.setValue(max(0.01, preset_minor / 100))
    box.setSuffix(" €")
    return box


def minor_of(box: QDoubleSpinBox) -> int:
    # The spin box holds euros with two decimals: round, never truncate, to the cent.
    return round(box.value() * 100)


def method_choice(name: str, methods: Iterable[str]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for code in methods:
        combo.addItem(method_text(code), code)
    return combo


def ok_cancel(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return buttons
