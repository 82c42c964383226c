"""Dialog to change where an order goes and its notes; the order-edit service checks and audits it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from omsdesk.queries.customers import AddressRow
from omsdesk.queries.order_detail import OrderDetail
from omsdesk.services.fulfilment.order_edit import OrderEdit, address_can_change


class OrderEditDialog(QDialog):
    """Preset to the order's current ship-to and notes; only what the clerk changed is sent."""

    def __init__(self, detail: OrderDetail, parent: QWidget | None = None) -> None:
        from omsdesk.ui.address_form import AddressForm

        super().__init__(parent)
        self.setWindowTitle(self.tr("Address and notes of {ref}").format(ref=detail.reference))
        self._detail = detail
        st = detail.ship_to
        self.address = AddressForm(self.tr("Ship to"))
        self.address.hide_company_and_phone()
        self.address.set_value(AddressRow(kind="shipping", name=st.get("name", ""), company="", line1=st.get("line1", ""),
                                          line2=st.get("line2", ""), city=st.get("city", ""),
                                          postcode=st.get("postcode", ""), province=st.get("province", ""),
                                          country=st.get("country", "ES") or "ES", phone=""))
        self._address_before = self.address.value()
        locked = not address_can_change(detail.status)  # the service's own rule
        self.address.setEnabled(not locked)
        self.locked_note = QLabel(self.tr("The order has left the warehouse: only its notes can change."))
        self.locked_note.setWordWrap(True)
        self.locked_note.setVisible(locked)
        self.notes = QPlainTextEdit(detail.notes or "")
        self.notes.setObjectName("order_notes")
        self.notes.setPlaceholderText(self.tr("Internal notes: the customer does not see them"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(80)
        self.reason = QLineEdit()
        self.reason.setObjectName("edit_reason")
        self.reason.setPlaceholderText(self.tr("e.g. customer called to change the address"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.address)
        layout.addWidget(self.locked_note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        (self.notes if locked else self.address.line1).setFocus()

    def change(self) -> OrderEdit | None:
        """What to send to the service, or None when nothing was changed."""
        addr = self.address.value()
        ship_to = addr if self.address.isEnabled() and addr != self._address_before else None
        notes = self.notes.toPlainText()
        new_notes = notes if notes.strip() != (self._detail.notes or "").strip() else None
        if ship_to is None and new_notes is None:
            return None
        return OrderEdit(ship_to=ship_to, notes=new_notes, reason=self.reason.text())
