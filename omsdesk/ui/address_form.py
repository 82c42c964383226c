"""A postal address typed by a clerk: the group of fields the customer and order editors share."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from omsdesk.queries.customers import AddressRow
from omsdesk.services.customers import AddressInput


class AddressForm(QGroupBox):
    """Name, street, postcode, city, province, country and phone; checked by the service on save."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText(self.tr("Defaults to the customer's name"))
        self.company = QLineEdit()
        self.line1 = QLineEdit()
        self.line1.setPlaceholderText(self.tr("Street and number"))
        self.line2 = QLineEdit()
        self.line2.setPlaceholderText(self.tr("Floor, door (optional)"))
        self.postcode = QLineEdit()
        self.postcode.setMaximumWidth(90)
        self.city = QLineEdit()
        self.province = QLineEdit()
        self.country = QLineEdit("ES")
        self.country.setMaxLength(2)
        self.country.setMaximumWidth(48)
        self.phone = QLineEdit()
        place = QHBoxLayout()
        place.setContentsMargins(0, 0, 0, 0)
        place.addWidget(self.postcode)
        place.addWidget(self.city, 1)
        region = QHBoxLayout()
        region.setContentsMargins(0, 0, 0, 0)
        region.addWidget(self.province, 1)
        region.addWidget(self.country)
        form = self._form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.recipient)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Address"), self.line1)
        form.addRow("", self.line2)
        form.addRow(self.tr("Postcode, city"), place)
        form.addRow(self.tr("Province, country"), region)
        form.addRow(self.tr("Phone"), self.phone)

    def hide_company_and_phone(self) -> None:
        """An order's ship-to has neither (the customer's record keeps them)."""
        self._form.setRowVisible(self.company, False)
        self._form.setRowVisible(self.phone, False)

    def value(self) -> AddressInput:
        return AddressInput(self.recipient.text(), self.company.text(), self.line1.text(), self.line2.text(),
                            self.city.text(), self.postcode.text(), self.province.text(),
                            self.country.text().strip().upper() or "ES", self.phone.text())

    def set_value(self, row: AddressRow | None) -> None:
        if row is None:
            return
        for edit, text in ((self.recipient, row.name), (self.company, row.company), (self.line1, row.line1),
                           (self.line2, row.line2), (self.city, row.city), (self.postcode, row.postcode),
                           (self.province, row.province), (self.country, row.country), (self.phone, row.phone)):
            edit.setText(text)
