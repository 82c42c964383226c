"""Customers: search by name, email, phone or tax id; the chosen customer's orders beside."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from omsdesk.queries.customers import CustomerOrder, CustomerRow, customer_orders, search_customers
from omsdesk.services.customers import SavedCustomer
from omsdesk.ui.context import AppContext
from omsdesk.ui.customer_editor import CustomerEditor
from omsdesk.ui.display import money, when
from omsdesk.ui.order_queue_model import status_text
from omsdesk.ui.tables import fill_table, make_table
from omsdesk.ui.terms_dialog import terms_text
from omsdesk.ui.workers import run_in_pool


class CustomersView(QWidget):
    open_order = Signal(str)   # the clerk wants this order in the Orders view
    terms_saved = Signal(int)  # customer id
    customer_saved = Signal(int)  # customer id, created or edited

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customers: list[CustomerRow] = []
        self.orders: list[CustomerOrder] = []
        self._search_seq = 0
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, email, phone or tax id  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        self.list = make_table([self.tr("Name"), self.tr("Email"), self.tr("Phone"), self.tr("Tax id"),
                                self.tr("Terms"), self.tr("Credit limit")], stretch=0)
        self.list.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._load_orders(row))
        self.list.cellDoubleClicked.connect(lambda _row, _c: self.edit_customer())
        self.new_action = QAction(self.tr("New customer…"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.triggered.connect(self.new_customer)
        self.edit_action = QAction(self.tr("Edit customer…"), self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_action.triggered.connect(self.edit_customer)
        for act in (self.new_action, self.edit_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        self.new_button = QPushButton(self.tr("New customer…"))
        self.new_button.setObjectName("customer_new")
        self.new_button.clicked.connect(self.new_action.trigger)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("customer_edit")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_action.trigger)
        self.editor: CustomerEditor | None = None
        self.orders_title = QLabel(self.tr("Select a customer to see their orders"))
        self.orders_title.setStyleSheet("font-weight: 600;")
        self.order_table = make_table([self.tr("Order"), self.tr("Placed"), self.tr("Status"), self.tr("Total")])
        self.order_table.cellDoubleClicked.connect(
            lambda row, _c: self.open_order.emit(self.orders[row].reference))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.terms_button = QPushButton(self.tr("Payment terms…"))
        self.terms_button.setObjectName("customer_terms")
        self.terms_button.setEnabled(False)
        self.terms_button.clicked.connect(self.edit_terms)
        head = QHBoxLayout()
        head.addWidget(self.orders_title, 1)
        head.addWidget(self.edit_button)
        head.addWidget(self.terms_button)
        right_layout.addLayout(head)
        right_layout.addWidget(self.order_table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([700, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self._debounce.stop()
        self._search_seq += 1
        seq, text, db = self._search_seq, self.search.text(), self.ctx.db

        def fetch() -> tuple[int, list[CustomerRow]]:
            with db.read() as s:
                return seq, search_customers(s, text)

        run_in_pool(self.ctx.pool, fetch, self._on_customers)

    def _on_customers(self, result: tuple[int, list[CustomerRow]]) -> None:
        seq, rows = result
        if seq != self._search_seq:
            return
        self.customers = rows
        fill_table(self.list, [(c.name, c.email, c.phone, c.tax_id, terms_text(c.terms),
                                money(c.credit_limit, "EUR") if c.credit_limit is not None else "—")
                               for c in rows], right_aligned=(5,))
        self.terms_button.setEnabled(self._selected() is not None)
        self.edit_button.setEnabled(self._selected() is not None)

    def _load_orders(self, row: int) -> None:
        if not 0 <= row < len(self.customers):
            return
        customer = self.customers[row]
        db = self.ctx.db
        self.terms_button.setEnabled(True)
        self.edit_button.setEnabled(True)

        def fetch() -> tuple[CustomerRow, list[CustomerOrder], int]:
            from omsdesk.services.fulfilment.credit import exposure

            with db.read() as s:
                return customer, customer_orders(s, customer.id), exposure(s, customer.id)

        run_in_pool(self.ctx.pool, fetch, self._on_orders)

    def _selected(self) -> CustomerRow | None:
        row = self.list.currentRow()
        return self.customers[row] if 0 <= row < len(self.customers) else None

    def menu_actions(self) -> list[QAction]:
        return [self.new_action, self.edit_action]

    def new_customer(self) -> CustomerEditor:
        return self._open_editor(None)

    def edit_customer(self) -> CustomerEditor | None:
        customer = self._selected()
        return self._open_editor(customer.id) if customer is not None else None

    def _open_editor(self, customer_id: int | None) -> CustomerEditor:
        self.editor = CustomerEditor(self.ctx, customer_id, self)
        self.editor.setModal(True)
        self.editor.saved.connect(self._on_customer_saved)
        self.editor.show()
        return self.editor

    def _on_customer_saved(self, saved: SavedCustomer) -> None:
        self.customer_saved.emit(saved.id)
        self.refresh()

    def edit_terms(self) -> None:
        """Ask terms and credit limit for the selected customer and agree them through the service."""
        from omsdesk.services.fulfilment.credit import set_terms
        from omsdesk.ui.terms_dialog import TermsDialog

        customer = self._selected()
        if customer is None:
            return
        dialog = TermsDialog(customer.name, customer.terms, customer.credit_limit, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        terms, limit, ctx = dialog.terms_code(), dialog.credit_limit_minor(), self.ctx
        self.terms_button.setEnabled(False)
        run_in_pool(ctx.pool, lambda: set_terms(ctx.db, customer.id, actor=ctx.actor, terms=terms,
                                                credit_limit=limit),
                    self._on_terms_set, self._on_terms_refused)

    def _on_terms_set(self, result: object) -> None:
        self.ctx.signals.status_message.emit(self.tr("Payment terms of {name}: {terms}").format(
            name=getattr(result, "name", ""), terms=terms_text(str(getattr(result, "terms", "")))))
        self.terms_saved.emit(int(getattr(result, "customer_id", 0)))
        self.refresh()

    def _on_terms_refused(self, message: str) -> None:
        self.terms_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Terms refused"), message)

    def _on_orders(self, result: tuple[CustomerRow, list[CustomerOrder], int]) -> None:
        customer, orders, owed = result
        self.orders = orders
        self.orders_title.setText(self.tr("Orders of {name} ({n}) · owes {owed}").format(
            name=customer.name, n=len(orders), owed=money(owed, "EUR")))
        fill_table(self.order_table, [
            (o.reference, when(o.placed_at),
             status_text(o.status), money(o.total, o.currency)) for o in orders], right_aligned=(3,))
