"""Counter sale screen: scan or type codes, adjust the basket, take cash or card, print the receipt."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import OperationalError

from omsdesk.documents.formats import format_money
from omsdesk.documents.receipt import render_receipt
from omsdesk.models.errors import NotFound, OmsError
from omsdesk.services import counter as counter_svc
from omsdesk.services import counter_offline as offline_svc
from omsdesk.ui.banner import Banner
from omsdesk.ui.context import AppContext
from omsdesk.ui.counter_link import CounterLink
from omsdesk.ui.customer_editor import CustomerEditor
from omsdesk.ui.i18n import doc_language
from omsdesk.ui.print_dialogs import Delivery, deliver_document, describe
from omsdesk.ui.refusals import refusal_text
from omsdesk.ui.workers import run_in_pool


def parse_money(text: str) -> int:
    """'12,50' or '12.50' -> 1250 minor units (two decimals, as EUR); raises ValueError."""
    cleaned = text.strip().replace("€", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValueError(text)
    return int(value * 100)


@dataclass(frozen=True)
class BasketLine:
    product: counter_svc.ScannedProduct
    qty: int = 1
    discount: int = 0

    @property
    def total(self) -> int:
        return max(0, self.product.unit_price * self.qty - self.discount)


class FullInvoiceDialog(QDialog):
    """Which ticket, and the customer's tax id, name and address for the full invoice."""

    def __init__(self, number: str, customer: counter_svc.CustomerChoice | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Full invoice for a ticket"))
        self.number = QLineEdit(number)
        self.number.setObjectName("full_invoice_number")
        self.number.setPlaceholderText(self.tr("Ticket number, e.g. T2026-000123"))
        self.tax_id = QLineEdit(customer.tax_id if customer else "")
        self.tax_id.setObjectName("full_invoice_tax_id")
        self.name = QLineEdit(customer.name if customer else "")
        self.name.setObjectName("full_invoice_name")
        self.address = QLineEdit()
        self.address.setObjectName("full_invoice_address")
        form = QFormLayout(self)
        form.addRow(self.tr("Ticket"), self.number)
        form.addRow(self.tr("Tax id (NIF)"), self.tax_id)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        (self.tax_id if number else self.number).setFocus()

    def values(self) -> tuple[str, str, str, str]:
        return (self.number.text().strip().upper(), self.tax_id.text().strip(), self.name.text().strip(),
                self.address.text().strip())


class CustomerDialog(QDialog):
    """Find a customer by name, email, phone or tax id; Enter picks the highlighted one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Choose customer"))
        self.resize(520, 420)
        self.chosen: counter_svc.CustomerChoice | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name, email, phone or tax id"))
        self.results = QListWidget()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.new_button = buttons.addButton(self.tr("New customer…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_customer)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.search_for)
        self.search.returnPressed.connect(self.accept)
        self.results.itemActivated.connect(lambda _item: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.search.installEventFilter(self)  # arrows move through the results while typing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.results.count():
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def search_for(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            return
        for choice in counter_svc.search_customers(self.ctx.db, text):
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def new_customer(self) -> None:
        """Register the customer at the till (the customer editor) and choose them."""
        editor = CustomerEditor(self.ctx, None, self)
        editor.name.setText(self.search.text().strip())
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved_customer is not None:
            saved = editor.saved_customer
            self.chosen = counter_svc.CustomerChoice(saved.id, saved.name, saved.email, saved.tax_id)
            super().accept()

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


# The counter's keys: one table binds them and lists them in the window's F1 help.
COUNTER_KEYS: tuple[tuple[str, str, object], ...] = (
    ("F2", "pay_cash", QT_TRANSLATE_NOOP("CounterView", "Pay cash")),
    ("F3", "pay_card", QT_TRANSLATE_NOOP("CounterView", "Pay by card")),
    ("F4", "choose_customer", QT_TRANSLATE_NOOP("CounterView", "Choose customer")),
    ("Shift+F4", "walk_in", QT_TRANSLATE_NOOP("CounterView", "Walk-in customer")),
    ("Esc", "clear_sale", QT_TRANSLATE_NOOP("CounterView", "Clear the sale")),
    ("Ctrl++", "qty_up", QT_TRANSLATE_NOOP("CounterView", "One more of the line")),
    ("Ctrl+=", "qty_up", QT_TRANSLATE_NOOP("CounterView", "One more of the line")),
    ("Ctrl+-", "qty_down", QT_TRANSLATE_NOOP("CounterView", "One less of the line")),
    ("F6", "ask_qty", QT_TRANSLATE_NOOP("CounterView", "Quantity of the line")),
    ("F7", "ask_discount", QT_TRANSLATE_NOOP("CounterView", "Discount on the line")),
    ("F8", "ask_sale_discount", QT_TRANSLATE_NOOP("CounterView", "Discount on the sale")),
    ("F9", "reprint", QT_TRANSLATE_NOOP("CounterView", "Reprint the last receipt")),
    ("F10", "full_invoice_for_ticket", QT_TRANSLATE_NOOP("CounterView", "Full invoice for a ticket (F3)")),
    ("F12", "focus_scan", QT_TRANSLATE_NOOP("CounterView", "Back to the scan field")),
)


def counter_key_help() -> list[tuple[str, str]]:
    return [(key, QCoreApplication.translate("CounterView", str(text))) for key, _slot, text in COUNTER_KEYS]


class CounterView(QWidget):
    """The till. On SQLite the database is on this machine; on a shared PostgreSQL server a sale
    that cannot reach it goes to this workstation's journal and is sent when the server is back."""

    sale_completed = Signal(object)  # SaleResult, after the receipt went out
    sale_failed = Signal(str)

    COLUMNS = ("SKU", "Product", "Qty", "Unit price", "Discount", "Total")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last_change: int | None = None  # change of the last cash sale, shown until the next
        self.ctx = ctx
        self.lines: list[BasketLine] = []
        self.customer: counter_svc.CustomerChoice | None = None
        self.last_receipt: str = ""
        self.last_invoice: str = ""  # the last sale's ticket number, for a full invoice afterwards
        self._default_warehouse = counter_svc.default_shop_warehouse(ctx.db) or ""
        self._busy = False
        self._build()
        self._shortcuts()
        # On a shared PostgreSQL server the till keeps selling when the server or the LAN is down.
        self.link: CounterLink | None = None
        if ctx.db.dialect == "postgresql":
            self.link = CounterLink(ctx, self.warehouse, self)
            self.link.changed.connect(self._show_link)
            self.link.replayed.connect(self._replayed)
            self.destroyed.connect(self.link.close)
        self._refresh()

    # -- layout ----------------------------------------------------------------

    def _build(self) -> None:
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(self.tr("Scan or type SKU / EAN and press Enter (3*CODE for three)"))
        big = QFont(self.scan.font())
        big.setPointSize(big.pointSize() + 5)
        self.scan.setFont(big)
        self.scan.setMinimumHeight(44)
        self.scan.returnPressed.connect(self.add_scanned)
        self.banner = Banner()
        self.link_label = QLabel()
        self.link_label.setObjectName("counter_link")
        self.link_label.setWordWrap(True)
        self.link_label.setStyleSheet("background: #b71c1c; color: white; font-weight: bold; padding: 6px;")
        self.link_label.hide()

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Product"), self.tr("Qty"), self.tr("Unit price"),
            self.tr("Discount"), self.tr("Total")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        left = QVBoxLayout()
        left.addWidget(self.link_label)
        left.addWidget(self.scan)
        left.addWidget(self.banner)
        left.addWidget(self.table, 1)
        keys = QLabel(self.tr(
            "F2 cash · F3 card · F4 customer · Shift+F4 walk-in · + / - quantity · F6 set quantity"
            " · F7 line discount · F8 sale discount · Del remove line · ↑ ↓ choose line · Esc clear · F9 reprint"))
        keys.setStyleSheet("color: #555;")
        keys.setWordWrap(True)
        left.addWidget(keys)

        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMinimumWidth(340)
        grid = QGridLayout(panel)
        grid.setVerticalSpacing(10)
        self.customer_label = QLabel()
        self.customer_label.setWordWrap(True)
        self.warehouse_label = QLabel()
        self.items_label = QLabel()
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.total_label.setStyleSheet("font-size: 34px; font-weight: bold;")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.tendered = QLineEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.setPlaceholderText(self.tr("exact amount"))
        self.tendered.textChanged.connect(self._update_change)
        self.tendered.returnPressed.connect(self.pay_cash)
        self.change_label = QLabel()
        self.change_label.setObjectName("change")
        self.change_label.setStyleSheet("font-size: 20px;")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        panel.setStyleSheet("QFrame QLabel { font-size: 15px; }")
        self.tendered.setMinimumHeight(36)
        self.tendered.setStyleSheet("font-size: 18px;")
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.addRow(self.tr("Customer:"), self.customer_label)
        form.addRow(self.tr("Shop stock:"), self.warehouse_label)
        form.addRow(self.tr("Items:"), self.items_label)
        grid.addLayout(form, 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Total")), 1, 0)
        grid.addWidget(self.total_label, 1, 1)
        grid.addWidget(QLabel(self.tr("Cash given")), 2, 0)
        grid.addWidget(self.tendered, 2, 1)
        grid.addWidget(QLabel(self.tr("Change due")), 3, 0)
        grid.addWidget(self.change_label, 3, 1)
        self.cash_button = QPushButton(self.tr("Cash (F2)"))
        self.card_button = QPushButton(self.tr("Card (F3)"))
        self.customer_button = QPushButton(self.tr("Customer (F4)"))
        self.clear_button = QPushButton(self.tr("Clear (Esc)"))
        self.full_invoice = QCheckBox(self.tr("Full invoice with the customer's tax id"))
        self.full_invoice.setObjectName("counter_full_invoice")
        self.full_invoice.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.convert_button = QPushButton(self.tr("Full invoice for a ticket… (F10)"))
        self.convert_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.convert_button.clicked.connect(self.full_invoice_for_ticket)
        for button in (self.cash_button, self.card_button):
            button.setMinimumHeight(52)
            button.setStyleSheet("font-size: 17px; font-weight: bold;")
        grid.addWidget(self.cash_button, 4, 0, 1, 2)
        grid.addWidget(self.card_button, 5, 0, 1, 2)
        row = QHBoxLayout()
        row.addWidget(self.customer_button)
        row.addWidget(self.clear_button)
        grid.addLayout(row, 6, 0, 1, 2)
        grid.addWidget(self.full_invoice, 7, 0, 1, 2)
        grid.addWidget(self.convert_button, 8, 0, 1, 2)
        grid.setRowStretch(9, 1)
        self.cash_button.clicked.connect(self.pay_cash)
        self.card_button.clicked.connect(self.pay_card)
        self.customer_button.clicked.connect(self.choose_customer)
        self.clear_button.clicked.connect(self.clear_sale)
        for button in (self.cash_button, self.card_button, self.customer_button, self.clear_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard

        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addWidget(panel)

    def _shortcuts(self) -> None:
        for key, slot, _help in COUNTER_KEYS:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(getattr(self, slot))
        # The scan field keeps the focus, and a line edit swallows Del, +, - and the arrows;
        # with the field empty those keys act on the basket instead (a scan never starts with them).
        self.scan.installEventFilter(self)

    def take_focus(self) -> None:
        """Entering this screen puts the keyboard in the scan field (the main window calls it)."""
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scan and isinstance(event, QKeyEvent) and not self.scan.text() \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            actions = {Qt.Key.Key_Delete: self.remove_line, Qt.Key.Key_Plus: lambda: self.change_qty(+1),
                       Qt.Key.Key_Minus: lambda: self.change_qty(-1),
                       Qt.Key.Key_Up: lambda: self.move_selection(-1),
                       Qt.Key.Key_Down: lambda: self.move_selection(+1)}
            action = actions.get(Qt.Key(key))
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    # -- basket ----------------------------------------------------------------

    def add_scanned(self) -> None:
        """Add what the scanner (or the clerk) typed: a code, or QTY*CODE."""
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        qty = 1
        if "*" in text:
            count, _, text = text.partition("*")
            if not count.strip().isdigit() or int(count) < 1:
                self.banner.refuse(self.tr("Quantity must be a whole number, as in 3*CODE"))
                return
            qty = int(count)
        try:
            # One indexed lookup on the local database: well under a millisecond, and doing it
            # here keeps scans in the order the scanner sent them.
            if self.link is not None and self.link.offline:
                product = offline_svc.find_product_offline(self.link.journal, text)
            else:
                product = counter_svc.find_product(self.ctx.db, text, self.warehouse)
        except OperationalError:
            if self.link is None:
                raise
            self.link.went_offline()
            self.scan.setText(text if qty == 1 else f"{qty}*{text}")
            self.add_scanned()  # again, from this workstation's copy of the products
            return
        except NotFound:
            self.banner.refuse(self.tr("No product has the code '{code}'").format(code=text))
            return
        except OmsError as exc:
            self.banner.refuse(refusal_text(str(exc)))
            return
        for i, line in enumerate(self.lines):
            if line.product.sku == product.sku:
                self.lines[i] = replace(line, qty=line.qty + qty, product=product)
                self._after_change(i, product, self.lines[i].qty)
                return
        self.lines.append(BasketLine(product, qty))
        self._after_change(len(self.lines) - 1, product, qty)

    def _after_change(self, row: int, product: counter_svc.ScannedProduct, qty: int) -> None:
        self._refresh(select=row)
        if qty > product.available:
            self.banner.show_message(self.tr("{name}: only {n} left in the shop").format(
                name=product.name, n=product.available), "error")
        else:
            self.banner.show_message(self.tr("{qty} x {name}").format(qty=qty, name=product.name), "ok")

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else len(self.lines) - 1

    def move_selection(self, step: int) -> None:
        if self.lines:
            self.table.selectRow(max(0, min(len(self.lines) - 1, self.selected_row() + step)))

    def qty_up(self) -> None:
        self.change_qty(+1)

    def qty_down(self) -> None:
        self.change_qty(-1)

    def focus_scan(self) -> None:
        self.scan.setFocus()

    def change_qty(self, step: int) -> None:
        row = self.selected_row()
        if row < 0:
            return
        line = self.lines[row]
        self.set_qty(row, line.qty + step)

    def set_qty(self, row: int, qty: int) -> None:
        if qty <= 0:
            self.remove_line(row)
            return
        self.lines[row] = replace(self.lines[row], qty=qty)
        self._refresh(select=row)

    def ask_qty(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        qty, ok = QInputDialog.getInt(self, self.tr("Quantity"), self.lines[row].product.name,
                                      self.lines[row].qty, 0, 9999)
        if ok:
            self.set_qty(row, qty)

    def ask_discount(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        text, ok = QInputDialog.getText(
            self, self.tr("Discount"),
            self.tr("Discount on {name}: an amount (2,50) or a percentage (10%)").format(
                name=self.lines[row].product.name))
        if ok:
            self.set_discount(row, text)

    def set_discount(self, row: int, text: str) -> None:
        line = self.lines[row]
        gross = line.product.unit_price * line.qty
        try:
            if text.strip().endswith("%"):
                pct = Decimal(text.strip()[:-1].replace(",", "."))
                if not 0 <= pct <= 100:
                    raise ValueError(text)
                discount = int((gross * pct / 100).quantize(Decimal("1")))
            else:
                discount = parse_money(text) if text.strip() else 0
        except (ValueError, InvalidOperation):
            self.banner.refuse(self.tr("Not a discount: {text}").format(text=text))
            return
        if discount > gross:
            self.banner.refuse(self.tr("The discount is larger than the line"))
            return
        self.lines[row] = replace(line, discount=discount)
        self._refresh(select=row)

    def ask_sale_discount(self) -> None:
        if not self.lines:
            return
        text, ok = QInputDialog.getText(self, self.tr("Discount on the whole sale"),
                                        self.tr("Percentage off every line (e.g. 10%)"))
        if ok:
            self.apply_sale_discount(text)

    def apply_sale_discount(self, text: str) -> None:
        """The same percentage off every line, so each line's tax stays right."""
        value = text.strip().rstrip("%").strip()
        if not value:
            return
        for row in range(len(self.lines)):
            self.set_discount(row, f"{value}%")
            if self.banner.level == "error":
                return

    def remove_line(self, row: int | None = None) -> None:
        row = self.selected_row() if row is None else row
        if 0 <= row < len(self.lines):
            removed = self.lines.pop(row)
            self.banner.show_message(self.tr("Removed {name}").format(name=removed.product.name))
            self._refresh(select=min(row, len(self.lines) - 1))

    def clear_sale(self) -> None:
        self.lines.clear()
        self.customer = None
        self.tendered.clear()
        self.banner.show_message(self.tr("Ready for the next customer"))
        self._refresh()
        self.scan.setFocus()

    def choose_customer(self) -> None:
        dialog = CustomerDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.set_customer(dialog.chosen)

    def set_customer(self, choice: counter_svc.CustomerChoice | None) -> None:
        self.customer = choice
        # A company with a tax id usually wants its invoice; the clerk can still untick it.
        self.full_invoice.setChecked(bool(choice and choice.tax_id))
        self._refresh()

    def walk_in(self) -> None:
        self.set_customer(None)

    @property
    def warehouse(self) -> str:
        """Read at each use, so a change saved in Settings applies to the next scan."""
        return str(self.ctx.settings.get("counter_warehouse") or "") or self._default_warehouse

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    def _money(self, minor: int) -> str:
        currency = self.lines[0].product.currency if self.lines else "EUR"
        return format_money(minor, currency, self._lang())

    def _lang(self) -> str:
        return "es" if self.ctx.settings.get("language", "en") == "es" else "en"

    def _refresh(self, select: int | None = None) -> None:
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            values = (line.product.sku, line.product.name, str(line.qty),
                      self._money(line.product.unit_price),
                      self._money(line.discount) if line.discount else "", self._money(line.total))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if select is not None and 0 <= select < len(self.lines):
            self.table.selectRow(select)
        self.customer_label.setText(self.customer.label if self.customer else self.tr("Walk-in customer"))
        self.full_invoice.setEnabled(bool(self.customer and self.customer.tax_id) and not self._busy)
        if not self.full_invoice.isEnabled():
            self.full_invoice.setChecked(False)
        self.warehouse_label.setText(self.warehouse or self.tr("no warehouse set up"))
        self.items_label.setText(str(sum(line.qty for line in self.lines)))
        self.total_label.setText(self._money(self.total))
        self._update_change()
        enabled = bool(self.lines) and not self._busy
        self.cash_button.setEnabled(enabled)
        self.card_button.setEnabled(enabled)

    def _update_change(self) -> None:
        text = self.tendered.text().strip()
        if self.lines:
            self._last_change = None  # the next sale has begun
        if not text:
            # Right after a cash sale the change stays in big figures until the next scan.
            self.change_label.setText(self._money(self._last_change or 0))
            return
        try:
            given = parse_money(text)
        except ValueError:
            self.change_label.setText(self.tr("not an amount"))
            return
        due = given - self.total
        self.change_label.setText(self._money(due) if due >= 0 else self.tr("{amount} short").format(
            amount=self._money(-due)))

    # -- payment ---------------------------------------------------------------

    def pay_cash(self) -> None:
        text = self.tendered.text().strip()
        try:
            tendered = parse_money(text) if text else None
        except ValueError:
            self.banner.refuse(self.tr("Cash given is not an amount: {text}").format(text=text))
            return
        if tendered is not None and tendered < self.total:
            self.banner.refuse(self.tr("Cash given is {short} short of the total").format(
                short=self._money(self.total - tendered)))
            return
        self._checkout("cash", tendered)

    def pay_card(self) -> None:
        self._checkout("card", None)

    def _checkout(self, method: counter_svc.PaymentMethod, tendered: int | None) -> None:
        if self._busy or not self.lines:
            return
        if not self.warehouse:
            self.banner.refuse(self.tr("No shop warehouse is set up for this counter"))
            return
        sale = counter_svc.CounterSale(
            lines=tuple(counter_svc.SaleLine(ln.product.sku, ln.qty, ln.discount) for ln in self.lines),
            method=method, warehouse=self.warehouse, tendered=tendered,
            customer_id=self.customer.id if self.customer else None,
            currency=self.lines[0].product.currency, full_invoice=self.full_invoice.isChecked())
        db, actor, settings = self.ctx.db, self.ctx.actor, dict(self.ctx.settings)
        language = doc_language(settings)

        link = self.link

        def work() -> tuple[counter_svc.SaleResult | offline_svc.OfflineSale, Delivery]:
            result: counter_svc.SaleResult | offline_svc.OfflineSale
            if link is None:
                result = counter_svc.sell(db, sale, actor=actor)
            else:
                result = offline_svc.sell_or_journal(db, link.journal, sale, actor=actor)
            if isinstance(result, offline_svc.OfflineSale):
                assert link is not None
                doc = offline_svc.offline_receipt_doc(link.journal, result.journal_seq, language=language)
                name = f"receipt-offline-{result.journal_seq}"
            else:
                doc = counter_svc.receipt_doc(db, result.reference, language=language)
                name = f"receipt-{result.reference}"
            pdf = render_receipt(doc)
            # A jammed printer is reported, not raised: the sale is stored and must not be rung twice.
            return result, deliver_document(settings, "receipt", pdf, name)

        self._busy = True
        self._refresh()
        self.banner.show_message(self.tr("Recording the sale..."))
        run_in_pool(self.ctx.pool, work, self._sold, self._not_sold)

    def _sold(self, outcome: tuple[counter_svc.SaleResult | offline_svc.OfflineSale, Delivery]) -> None:
        result, receipt = outcome
        self._busy = False
        offline = isinstance(result, offline_svc.OfflineSale)
        if isinstance(result, offline_svc.OfflineSale):
            reference = result.invoice_number or str(result.journal_seq)
        else:
            reference = result.reference
        # Reprint and the full invoice need the server: not for a sale still in the journal.
        self.last_receipt = "" if offline else reference
        self.last_invoice = "" if offline else (result.invoice_number or "")
        self._last_change = result.change if result.method == "cash" else None
        self.lines.clear()
        self.customer = None
        self.tendered.clear()
        self._refresh()
        if offline and self.link is not None:
            self.link.went_offline()
        message = self.tr("Sale {ref}: {total}").format(ref=reference,
                                                        total=format_money(result.total, result.currency,
                                                                           self._lang()))
        if result.method == "cash":
            message += "  ·  " + self.tr("CHANGE {change}").format(
                change=format_money(result.change, result.currency, self._lang()))
        message += "  ·  " + describe(receipt)
        if offline:
            message = self.tr("Offline") + "  ·  " + message
        self.banner.show_message(message, "error" if receipt.failed else "ok")
        self.scan.setFocus()
        if not offline:
            self.ctx.signals.orders_changed.emit()
            self.ctx.signals.stock_changed.emit()
        self.sale_completed.emit(result)

    def _not_sold(self, message: str) -> None:
        self._busy = False
        self._refresh()
        self.banner.refuse(self.tr("Sale not recorded: {reason}").format(reason=message))
        self.sale_failed.emit(message)

    def _show_link(self) -> None:
        link = self.link
        if link is None:
            return
        if link.offline:
            self.link_label.setText(self.tr("Server unreachable — selling offline ({n} sales waiting)").format(
                n=link.waiting))
            self.link_label.show()
        elif link.waiting:
            self.link_label.setText(self.tr("{n} offline sales wait to be sent").format(n=link.waiting))
            self.link_label.show()
        else:
            self.link_label.hide()

    def _replayed(self, sent: int) -> None:
        self.ctx.signals.status_message.emit(self.tr("{n} offline sales sent").format(n=sent))
        self.ctx.signals.orders_changed.emit()
        self.ctx.signals.stock_changed.emit()

    def full_invoice_for_ticket(self) -> None:
        """Replace a ticket by a full invoice naming the customer (type F3), e.g. asked for after paying."""
        from omsdesk.services.invoicing.issue import convert_simplified

        dialog = FullInvoiceDialog(self.last_invoice, self.customer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.scan.setFocus()
            return
        number, tax_id, name, address = dialog.values()
        db, actor = self.ctx.db, self.ctx.actor
        run_in_pool(self.ctx.pool, lambda: convert_simplified(db, number, actor=actor, tax_id=tax_id, name=name,
                                                              address=address),
                    self._converted, lambda message: self.banner.refuse(
                        self.tr("No full invoice: {reason}").format(reason=message)))
        self.scan.setFocus()

    def _converted(self, issued: object) -> None:
        self.banner.show_message(self.tr("Full invoice {number} issued; the ticket is replaced").format(
            number=getattr(issued, "number", "")), "ok")
        self.ctx.signals.invoices_changed.emit()

    def reprint(self) -> None:
        if not self.last_receipt:
            return
        db, ref, settings = self.ctx.db, self.last_receipt, dict(self.ctx.settings)
        language = doc_language(settings)

        def work() -> Delivery:
            pdf = render_receipt(counter_svc.receipt_doc(db, ref, language=language))
            return deliver_document(settings, "receipt", pdf, f"receipt-{ref}-copy")

        run_in_pool(self.ctx.pool, work, self._reprinted, self.banner.refuse)

    def _reprinted(self, copy: Delivery) -> None:
        message = self.tr("Copy: {what}").format(what=describe(copy))
        if copy.failed:
            self.banner.refuse(message)
        else:
            self.banner.show_message(message, "ok")
