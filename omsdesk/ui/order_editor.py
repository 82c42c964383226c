"""New phone or manual order: the customer, lines by scan or search, price overrides with a reason, Create."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from omsdesk.db import Database
from omsdesk.queries.products import ProductHit, product_by_code, search_products
from omsdesk.services.context import Actor
from omsdesk.services.intake.order_entry import CreatedOrder, OrderInput, create_order
from omsdesk.ui.context import AppContext
from omsdesk.ui.customer_picker import CustomerPicker
from omsdesk.ui.display import money, qty
from omsdesk.ui.order_lines import OrderLinesTable
from omsdesk.ui.sign_in import approve_on_the_spot
from omsdesk.ui.workers import run_in_pool


class NewOrderDialog(QDialog):
    """Keyed-in orders go through create_order, the one door for manual and phone orders."""

    order_created = Signal(str)  # reference

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: CreatedOrder | None = None
        self._pending: list[str] = []  # codes typed or scanned, not looked up yet
        self.setWindowTitle(self.tr("New order"))
        self.resize(1000, 780)
        self.channel = QComboBox()
        self.channel.setObjectName("order_channel")
        self.channel.addItem(self.tr("Phone order"), "phone")
        self.channel.addItem(self.tr("Manual entry"), "manual")
        self.customer = CustomerPicker(ctx)
        customer_box = QGroupBox(self.tr("Customer"))
        QVBoxLayout(customer_box).addWidget(self.customer)

        self.code = QLineEdit()
        self.code.setObjectName("product_code")
        self.code.setPlaceholderText(self.tr("Scan or type SKU or EAN, or part of the name, then Enter"))
        self.code.returnPressed.connect(self.look_up)
        self.matches = QListWidget()
        self.matches.setObjectName("product_matches")
        self.matches.setMaximumHeight(96)
        self.matches.hide()
        self.matches.itemActivated.connect(self._on_match_chosen)
        self.found: list[ProductHit] = []
        self.lines = OrderLinesTable()
        self.lines.changed.connect(self._show_totals)
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.remove_button.clicked.connect(self.lines.remove_current)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.lines)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.lines.remove_current)
        self.totals = QLabel()
        self.totals.setObjectName("order_totals")
        self.totals.setStyleSheet("font-size: 15px; font-weight: 600;")
        entry = QHBoxLayout()
        entry.addWidget(self.code, 1)
        entry.addWidget(self.remove_button)
        lines_box = QGroupBox(self.tr("Lines"))
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.addLayout(entry)
        lines_layout.addWidget(self.matches)
        lines_layout.addWidget(self.lines, 1)
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Notes for the warehouse or the invoice (optional)"))
        head = QFormLayout()
        head.addRow(self.tr("Channel"), self.channel)
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Plain buttons, none of them default: a scanner ends every code with Enter, which must add
        # a line and never press Create (a button box makes its first accept button the default).
        self.create_button = QPushButton(self.tr("Create order"))
        self.create_button.setObjectName("order_create")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for button in (self.create_button, self.cancel_button, self.remove_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.create_button.clicked.connect(lambda: self.submit())
        self.cancel_button.clicked.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.totals, 1)
        footer.addWidget(self.create_button)
        footer.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(customer_box, 0)
        layout.addWidget(lines_box, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.error)
        layout.addLayout(footer)
        self._show_totals()

    # -- lines ------------------------------------------------------------------------------

    def look_up(self) -> None:
        """A code from the scanner (exact SKU or EAN) adds a line; other text searches the names.

        Codes are looked up one after the other in the order they came, so a fast scanner loses none.
        """
        text = self.code.text().strip()
        if not text:
            return
        self.code.clear()  # ready for the next scan at once
        self._pending.append(text)
        if len(self._pending) == 1:
            self._next_lookup()

    @property
    def busy(self) -> bool:
        """Whether scanned codes are still being looked up."""
        return bool(self._pending)

    def _next_lookup(self) -> None:
        if not self._pending:
            return
        text, db = self._pending[0], self.ctx.db
        run_in_pool(self.ctx.pool, lambda: (text, *_find(db, text)), self._on_found, self._on_lookup_failed)

    def _on_found(self, result: tuple[str, ProductHit | None, list[ProductHit]]) -> None:
        text, exact, hits = result
        self._pending.pop(0)
        self.error.clear()
        if exact is not None or len(hits) == 1:
            self._add(exact or hits[0])
        elif not hits:
            self.matches.hide()
            self.error.setText(self.tr("No product has the code or name '{text}'.").format(text=text))
        else:
            self.found = hits
            self.matches.clear()
            for hit in hits:
                self.matches.addItem(QListWidgetItem(
                    f"{hit.sku}  ·  {hit.name}  ·  {money(hit.price, hit.currency)}"))
            self.matches.show()
            self.matches.setCurrentRow(0)
            self.matches.setFocus()
        self._next_lookup()

    def _on_match_chosen(self, item: QListWidgetItem) -> None:
        row = self.matches.row(item)
        if 0 <= row < len(self.found):
            self._add(self.found[row])

    def _add(self, hit: ProductHit) -> None:
        self.lines.add(hit)
        self.matches.hide()
        self.code.setFocus()

    def _show_totals(self) -> None:
        self.totals.setText(self.tr("Lines: {lines} · Units: {units} · Total {total}").format(
            lines=len(self.lines.rows), units=qty(self.lines.units()),
            total=money(self.lines.total(), self.lines.currency())))

    # -- create -----------------------------------------------------------------------------

    def order_input(self) -> OrderInput:
        return OrderInput(lines=self.lines.line_inputs(), channel=str(self.channel.currentData()),
                          currency=self.lines.currency(), customer_id=self.customer.chosen_id(),
                          customer=self.customer.new_customer(), notes=self.notes.text().strip())

    def submit(self, actor: Actor | None = None) -> None:
        ctx, data = self.ctx, self.order_input()
        who = actor or ctx.actor
        self.error.clear()
        self.create_button.setEnabled(False)
        run_in_pool(ctx.pool, lambda: create_order(ctx.db, data, actor=who), self._on_created,
                    self._on_refused)

    def _on_created(self, created: CreatedOrder) -> None:
        self.created = created
        self.ctx.signals.status_message.emit(self.tr("Order {reference} created: {total}").format(
            reference=created.reference, total=money(created.total, created.currency)))
        self.ctx.signals.orders_changed.emit()
        self.order_created.emit(created.reference)
        self.accept()

    def _on_lookup_failed(self, message: str) -> None:
        self._pending.pop(0)
        self.error.setText(message)
        self._next_lookup()

    def _on_refused(self, message: str) -> None:
        self.create_button.setEnabled(True)
        approved = approve_on_the_spot(self.ctx, self, message)  # a price beyond the clerk's limit
        if approved is not None:
            self.submit(approved)
            return
        self.error.setText(self.tr("Not created: {reason}").format(reason=message))


def _find(db: Database, text: str) -> tuple[ProductHit | None, list[ProductHit]]:
    with db.read() as s:
        exact = product_by_code(s, text)
        return exact, [] if exact is not None else search_products(s, text)
