"""Who an order is for: an existing customer found as you type, or a new one typed in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from omsdesk.queries.customers import CustomerRow, search_customers
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.ui.address_form import AddressForm
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool

EXISTING, NEW = 0, 1


class CustomerPicker(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._seq = 0
        self.found: list[CustomerRow] = []
        existing = QWidget()
        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(self.tr("Name, email, phone or tax id"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("customer_results")
        self.results.setMaximumHeight(150)
        self.chosen_label = QLabel(self.tr("No customer chosen"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.results.currentRowChanged.connect(self._on_choice)
        self.search.installEventFilter(self)  # arrows move through the results while typing
        box = QVBoxLayout(existing)
        box.addWidget(self.search)
        box.addWidget(self.results, 1)
        box.addWidget(self.chosen_label)

        new = QWidget()
        self.name = QLineEdit()
        self.name.setObjectName("new_customer_name")
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.tax_id = QLineEdit()
        self.tax_id.setPlaceholderText(self.tr("NIF, NIE, CIF or EU VAT number (optional)"))
        self.address = AddressForm(self.tr("Shipping address"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Tax id"), self.tax_id)
        columns = QHBoxLayout(new)
        columns.addLayout(form, 1)
        columns.addWidget(self.address, 1)
        self.addTab(existing, self.tr("Existing customer"))
        self.addTab(new, self.tr("New customer"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.results.count():
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))
            return True
        return super().eventFilter(watched, event)

    def run_search(self) -> None:
        self._debounce.stop()
        self._seq += 1
        seq, text, db = self._seq, self.search.text().strip(), self.ctx.db
        if len(text) < 2:
            self._on_found((seq, []))
            return

        def fetch() -> tuple[int, list[CustomerRow]]:
            with db.read() as s:
                return seq, search_customers(s, text, limit=30)

        run_in_pool(self.ctx.pool, fetch, self._on_found)

    def _on_found(self, result: tuple[int, list[CustomerRow]]) -> None:
        seq, rows = result
        if seq != self._seq:
            return  # a newer search is on its way
        self.found = rows
        self.results.clear()
        for c in rows:
            detail = " · ".join(x for x in (c.email, c.phone, c.tax_id) if x)
            self.results.addItem(QListWidgetItem(f"{c.name}  —  {detail}" if detail else c.name))
        if rows:
            self.results.setCurrentRow(0)
        else:
            self._on_choice(-1)

    def _on_choice(self, row: int) -> None:
        if 0 <= row < len(self.found):
            self.chosen_label.setText(self.tr("Order for: {name}").format(name=self.found[row].name))
        else:
            self.chosen_label.setText(self.tr("No customer chosen"))

    def chosen_id(self) -> int | None:
        row = self.results.currentRow()
        if self.currentIndex() != EXISTING or not 0 <= row < len(self.found):
            return None
        return self.found[row].id

    def new_customer(self) -> CustomerInput | None:
        """The customer typed on the New tab (checked by the order service), None on the other tab."""
        if self.currentIndex() != NEW:
            return None
        address = self.address.value()
        return CustomerInput(name=self.name.text(), email=self.email.text() or None,
                             phone=self.phone.text() or None, tax_id=self.tax_id.text() or None,
                             address=None if address.is_empty else address)
