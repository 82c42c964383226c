"""New supplier: code, name, tax id, email, address, the lead time its reorder rules default to and
when its invoices fall due."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from omsdesk.services.goods_in.purchasing import DEFAULT_LEAD_TIME_DAYS, add_supplier
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool


class SupplierDialog(QDialog):
    """The purchasing service checks the code, tax id and email on Save; a refusal is shown here."""

    saved = Signal(str)  # supplier code

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New supplier"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Short and unique, e.g. OLEO"))
        self.name = QLineEdit()
        self.tax_id = QLineEdit()
        self.tax_id.setPlaceholderText(self.tr("NIF, NIE, CIF or EU VAT number"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("Where purchase orders are sent"))
        self.address = QLineEdit()
        self.lead_time = QSpinBox()
        self.lead_time.setRange(0, 365)
        self.lead_time.setValue(DEFAULT_LEAD_TIME_DAYS)
        self.lead_time.setSuffix(self.tr(" days"))
        # Supplier invoices fall due this many days after their date (0: on receipt).
        self.terms_days = QSpinBox()
        self.terms_days.setObjectName("supplier_terms_days")
        self.terms_days.setRange(0, 365)
        self.terms_days.setValue(30)
        self.terms_days.setSuffix(self.tr(" days"))
        self.terms_days.setSpecialValueText(self.tr("On receipt"))
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setMinimumHeight(3 * self.error.fontMetrics().lineSpacing())  # a reason fits without a resize
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Tax id"), self.tax_id)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Lead time"), self.lead_time)
        form.addRow(self.tr("Invoices due after"), self.terms_days)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.resize(460, self.sizeHint().height())

    def submit(self) -> None:
        ctx = self.ctx
        code, name, tax_id = self.code.text(), self.name.text(), self.tax_id.text()
        email, address, lead = self.email.text(), self.address.text(), self.lead_time.value()
        terms = f"net{self.terms_days.value()}" if self.terms_days.value() else "immediate"
        self.error.clear()
        self.save_button.setEnabled(False)

        def call() -> str:
            add_supplier(ctx.db, code, name, actor=ctx.actor, email=email, lead_time_days=lead, tax_id=tax_id,
                         address=address, payment_terms=terms)
            return code.strip().upper()

        run_in_pool(ctx.pool, call, self._on_saved, self._on_failed)

    def _on_saved(self, code: str) -> None:
        self.ctx.signals.status_message.emit(self.tr("Supplier {code} saved").format(code=code))
        self.saved.emit(code)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(self.tr("Not saved: {reason}").format(reason=message))
