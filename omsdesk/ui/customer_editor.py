"""New or edit customer: contact, tax id, language, billing and shipping address, payment terms."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from omsdesk.db import Database
from omsdesk.queries.customers import CustomerDetail, customer_detail
from omsdesk.services.customers import CustomerFields, SavedCustomer, add_customer, update_customer
from omsdesk.ui.address_form import AddressForm
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import money
from omsdesk.ui.i18n import LANGUAGES
from omsdesk.ui.invoicing_policy_dialog import InvoicingPolicyDialog
from omsdesk.ui.terms_dialog import TermsDialog, terms_text
from omsdesk.ui.workers import run_in_pool

ERROR_STYLE = "color: #b00020;"


class CustomerEditor(QDialog):
    """Everything is checked by the customer service on Save; a refusal is shown here and nothing is written."""

    saved = Signal(object)  # SavedCustomer

    def __init__(self, ctx: AppContext, customer_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.customer_id = ctx, customer_id
        self.setWindowTitle(self.tr("New customer") if customer_id is None else self.tr("Edit customer"))
        self.saved_customer: SavedCustomer | None = None  # what Save stored
        self.terms: str = "immediate"
        self.credit_limit: int | None = None
        self._terms_changed = False
        self.name = QLineEdit()
        self.name.setObjectName("customer_name")
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.tax_id = QLineEdit()
        self.tax_id.setPlaceholderText(self.tr("NIF, NIE, CIF or EU VAT number"))
        # A buyer with neither (a US company, a tourist) is identified by a document of AEAT
        # list L7 and the country that issued it (IDOtro of the VERI*FACTU record).
        self.tax_id_type = QComboBox()
        self.tax_id_type.setObjectName("tax_id_type")
        for code, label in (("", self.tr("NIF or EU VAT number")), ("03", self.tr("Passport")),
                            ("04", self.tr("Official id of the country of residence")),
                            ("05", self.tr("Certificate of residence")), ("06", self.tr("Other document"))):
            self.tax_id_type.addItem(label, code)
        self.tax_id_country = QLineEdit()
        self.tax_id_country.setObjectName("tax_id_country")
        self.tax_id_country.setMaxLength(2)
        self.tax_id_country.setPlaceholderText(self.tr("Issuing country, e.g. US"))
        self.tax_id_type.currentIndexChanged.connect(self._show_id_country)
        self._show_id_country()
        self.language = QComboBox()
        for code in ("es", "en"):
            self.language.addItem(LANGUAGES[code], code)
        self.terms_label = QLabel()
        self.terms_button = QPushButton(self.tr("Payment terms…"))
        self.terms_button.setAutoDefault(False)
        self.terms_button.clicked.connect(self.edit_terms)
        terms_row = QHBoxLayout()
        terms_row.addWidget(self.terms_label, 1)
        terms_row.addWidget(self.terms_button)
        contact = QFormLayout()
        contact.addRow(self.tr("Name"), self.name)
        contact.addRow(self.tr("Email"), self.email)
        contact.addRow(self.tr("Phone"), self.phone)
        contact.addRow(self.tr("Tax id"), self.tax_id)
        contact.addRow(self.tr("Id type"), self.tax_id_type)
        contact.addRow(self.tr("Id country"), self.tax_id_country)
        contact.addRow(self.tr("Language"), self.language)
        contact.addRow(self.tr("Terms"), terms_row)
        self.policy_button = QPushButton(self.tr("Automatic invoicing…"))
        self.policy_button.setAutoDefault(False)
        self.policy_button.setEnabled(customer_id is not None)  # a new customer has no id to attach it to
        self.policy_button.clicked.connect(self.edit_invoicing)
        contact.addRow(self.tr("Invoicing"), self.policy_button)
        self.billing = AddressForm(self.tr("Billing address"))
        self.shipping = AddressForm(self.tr("Shipping address"))
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addLayout(contact, 0, 0)
        grid.addWidget(self.billing, 0, 1)
        grid.addWidget(self.shipping, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_terms()
        self.resize(880, self.sizeHint().height())
        if customer_id is not None:
            self.save_button.setEnabled(False)  # until the customer is loaded
            db = ctx.db
            run_in_pool(ctx.pool, lambda: _load(db, customer_id), self._on_loaded, self._on_failed)

    def _on_loaded(self, detail: CustomerDetail | None) -> None:
        if detail is None:
            self.error.setText(self.tr("This customer no longer exists."))
            return
        self.name.setText(detail.name)
        self.email.setText(detail.email)
        self.phone.setText(detail.phone)
        self.tax_id.setText(detail.tax_id)
        self.tax_id_type.setCurrentIndex(max(0, self.tax_id_type.findData(detail.tax_id_type)))
        self.tax_id_country.setText(detail.tax_id_country)
        self.language.setCurrentIndex(max(0, self.language.findData(detail.language)))
        self.billing.set_value(detail.address("billing"))
        self.shipping.set_value(detail.address("shipping"))
        self.terms, self.credit_limit = detail.terms, detail.credit_limit
        self._show_terms()
        self.save_button.setEnabled(True)

    def _show_id_country(self) -> None:
        self.tax_id_country.setEnabled(bool(self.tax_id_type.currentData()))

    def _show_terms(self) -> None:
        limit = (self.tr("no credit limit") if self.credit_limit is None
                 else self.tr("limit {amount}").format(amount=money(self.credit_limit, "EUR")))
        self.terms_label.setText(f"{terms_text(self.terms)} · {limit}")

    def edit_terms(self) -> None:
        """The same terms dialog as the Customers view; the service checks them with the rest on Save."""
        dialog = TermsDialog(self.name.text().strip() or self.tr("new customer"), self.terms, self.credit_limit,
                             self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.terms, self.credit_limit = dialog.terms_code(), dialog.credit_limit_minor()
        self._terms_changed = True
        self._show_terms()

    def edit_invoicing(self) -> InvoicingPolicyDialog | None:
        """When this customer's orders are invoiced (overrides its channel); saved on its own OK."""
        if self.customer_id is None:
            return None
        dialog = InvoicingPolicyDialog(self.ctx, title=self.tr("Automatic invoicing of this customer"),
                                       customer_id=self.customer_id, parent=self)
        dialog.open()
        return dialog

    def fields(self) -> CustomerFields:
        """What the clerk typed, every field given (an emptied address is removed)."""
        return CustomerFields(
            name=self.name.text(), email=self.email.text(), phone=self.phone.text(), tax_id=self.tax_id.text(),
            tax_id_type=str(self.tax_id_type.currentData() or ""),
            tax_id_country=self.tax_id_country.text().strip().upper() or None,
            language=str(self.language.currentData()), billing=self.billing.value(),
            shipping=self.shipping.value(), terms=self.terms if self._terms_changed else None,
            credit_limit=self.credit_limit)

    def submit(self) -> None:
        ctx, data, customer_id = self.ctx, self.fields(), self.customer_id
        self.error.clear()
        self.save_button.setEnabled(False)
        if customer_id is None:
            def call() -> SavedCustomer:
                return add_customer(ctx.db, data, actor=ctx.actor)
        else:
            def call() -> SavedCustomer:
                return update_customer(ctx.db, customer_id, data, actor=ctx.actor)
        run_in_pool(ctx.pool, call, self._on_saved, self._on_failed)

    def _on_saved(self, result: SavedCustomer) -> None:
        self.saved_customer = result
        self.ctx.signals.status_message.emit(self.tr("Customer {name} saved").format(name=result.name))
        self.saved.emit(result)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(self.tr("Not saved: {reason}").format(reason=message))


def _load(db: Database, customer_id: int) -> CustomerDetail | None:
    with db.read() as s:
        return customer_detail(s, customer_id)
