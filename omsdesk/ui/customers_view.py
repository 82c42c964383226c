"""Customers: search by name, email, phone or tax id; the chosen customer's orders beside."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from omsdesk.queries.customers import CustomerOrder, CustomerRow, customer_orders, search_customers
from omsdesk.ui.context import AppContext
from omsdesk.ui.order_queue_model import money, status_text
from omsdesk.ui.tables import fill_table, make_table
from omsdesk.ui.workers import run_in_pool


class CustomersView(QWidget):
    open_order = Signal(str)   # the clerk wants this order in the Orders view

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

        self.list = make_table([self.tr("Name"), self.tr("Email"), self.tr("Phone"), self.tr("Tax id")], stretch=0)
        self.list.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._load_orders(row))
        self.orders_title = QLabel(self.tr("Select a customer to see their orders"))
        self.orders_title.setStyleSheet("font-weight: 600;")
        self.order_table = make_table([self.tr("Order"), self.tr("Placed"), self.tr("Status"), self.tr("Total")])
        self.order_table.cellDoubleClicked.connect(
            lambda row, _c: self.open_order.emit(self.orders[row].reference))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.orders_title)
        right_layout.addWidget(self.order_table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([700, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
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
        fill_table(self.list, [(c.name, c.email, c.phone, c.tax_id) for c in rows])

    def _load_orders(self, row: int) -> None:
        if not 0 <= row < len(self.customers):
            return
        customer = self.customers[row]
        db = self.ctx.db

        def fetch() -> tuple[CustomerRow, list[CustomerOrder]]:
            with db.read() as s:
                return customer, customer_orders(s, customer.id)

        run_in_pool(self.ctx.pool, fetch, self._on_orders)

    def _on_orders(self, result: tuple[CustomerRow, list[CustomerOrder]]) -> None:
        customer, orders = result
        self.orders = orders
        self.orders_title.setText(self.tr("Orders of {name} ({n})").format(name=customer.name, n=len(orders)))
        fill_table(self.order_table, [
            (o.reference, o.placed_at.strftime("%Y-%m-%d %H:%M") if hasattr(o.placed_at, "strftime") else "",
             status_text(o.status), money(o.total, o.currency)) for o in orders], right_aligned=(3,))
