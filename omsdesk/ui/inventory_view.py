"""Inventory: stock by product and warehouse, low stock highlighted, movements, receive and adjust."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from omsdesk.db import Database
from omsdesk.models.roles import Permission
from omsdesk.queries.lookups import Choice, warehouses
from omsdesk.queries.stock import StockRow, stock_rows
from omsdesk.queries.stock_moves import MoveRow, stock_moves
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import qty, when
from omsdesk.ui.product_editor import ProductEditor
from omsdesk.ui.sign_in import guard
from omsdesk.ui.stock_dialog import StockDialog
from omsdesk.ui.tables import ColumnModel, fill_table, make_table
from omsdesk.ui.workers import run_in_pool

PAGE = 500
LOW_BG = QColor("#fde2e1")
ModelIndex = QModelIndex | QPersistentModelIndex


class StockModel(ColumnModel):
    """Stock levels by SKU then warehouse, read in keyset pages as the view scrolls."""

    page_loaded = Signal(int)

    COLUMNS = ("sku", "name", "warehouse", "bin", "on_hand", "reserved", "available", "reorder_point")

    def __init__(self, db: Database, pool: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.pool = db, pool
        self.sku_prefix = ""
        self.low_only = False
        self._rows: list[StockRow] = []
        self._exhausted = False
        self._loading = False
        self._generation = 0
        self._titles = {"sku": self.tr("SKU"), "name": self.tr("Product"), "warehouse": self.tr("Warehouse"),
                        "bin": self.tr("Bin"), "on_hand": self.tr("On hand"), "reserved": self.tr("Reserved"),
                        "available": self.tr("Available"), "reorder_point": self.tr("Reorder at")}

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(getattr(row, col))
        if role == Qt.ItemDataRole.BackgroundRole and row.low:
            return QBrush(LOW_BG)
        if role == Qt.ItemDataRole.ToolTipRole and col == "name":
            return row.name  # the whole name with its variant, however narrow the column
        if role == Qt.ItemDataRole.ToolTipRole and row.low:
            return self.tr("Low stock: {available} available, reorder at {point}").format(
                available=row.available, point=row.reorder_point)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("on_hand", "reserved", "available", "reorder_point"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_at(self, row: int) -> StockRow:
        return self._rows[row]

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            last = self._rows[-1] if self._rows else None
            self._load((last.sku, last.warehouse) if last else None, PAGE, False)

    def refresh(self) -> None:
        self._load(None, max(PAGE, len(self._rows)), True)

    def _load(self, after: tuple[str, str] | None, limit: int, replace: bool) -> None:
        self._generation += 1
        gen, db, prefix, low = self._generation, self.db, self.sku_prefix, self.low_only
        self._loading = True

        def fetch() -> tuple[int, bool, int, list[StockRow]]:
            with db.read() as s:
                return gen, replace, limit, stock_rows(s, low_only=low, sku_prefix=prefix or None,
                                                       limit=limit, after=after)

        run_in_pool(self.pool, fetch, self._on_page, lambda _m: setattr(self, "_loading", False))

    def _on_page(self, result: tuple[int, bool, int, list[StockRow]]) -> None:
        gen, replace, limit, rows = result
        if gen != self._generation:
            return
        if replace:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._exhausted = len(rows) < limit
        self._loading = False
        self.page_loaded.emit(len(self._rows))


def move_kind_text(kind: str) -> str:
    """The clerk-facing name of a ledger move."""
    translate = QCoreApplication.translate
    names = {"receipt": translate("move", "Receipt"), "sale": translate("move", "Sale"),
             "transfer_out": translate("move", "Transfer out"), "transfer_in": translate("move", "Transfer in"),
             "adjustment": translate("move", "Adjustment"), "return": translate("move", "Return"),
             "damaged": translate("move", "Damaged"), "scrap": translate("move", "Scrapped")}
    return names.get(kind, kind)


class InventoryView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = StockModel(ctx.db, ctx.pool, self)
        self._warehouses: list[Choice] = []
        self.dialog: StockDialog | None = None
        # (sku, warehouse, name) of the chosen level; survives the model reloading after a change.
        self._current: tuple[str, str, str] | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("SKU starts with...  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._apply)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.low_only = QCheckBox(self.tr("Low stock only"))
        self.low_only.toggled.connect(self._apply)
        self.receive_button = QPushButton(self.tr("Receive..."))
        self.adjust_button = QPushButton(self.tr("Adjust..."))
        self.receive_action = QAction(self.tr("Receive stock..."), self)
        self.receive_action.setShortcut(QKeySequence("Ctrl+R"))
        self.receive_action.triggered.connect(lambda: self.open_dialog("receive"))
        self.adjust_action = QAction(self.tr("Adjust stock..."), self)
        self.adjust_action.setShortcut(QKeySequence("Ctrl+J"))
        self.adjust_action.triggered.connect(lambda: self.open_dialog("adjust"))
        self.new_product_action = QAction(self.tr("New product…"), self)
        self.new_product_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_product_action.triggered.connect(lambda: self.open_product_editor(None))
        self.edit_product_action = QAction(self.tr("Edit product…"), self)
        self.edit_product_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_product_action.triggered.connect(self.edit_product)
        for act in (self.receive_action, self.adjust_action, self.new_product_action, self.edit_product_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        self.receive_button.clicked.connect(self.receive_action.trigger)
        self.adjust_button.clicked.connect(self.adjust_action.trigger)
        guard(ctx, Permission.STOCK_ADJUST, self.adjust_button, self.adjust_action)
        self.new_product_button = QPushButton(self.tr("New product…"))
        self.new_product_button.setObjectName("product_new")
        self.new_product_button.clicked.connect(self.new_product_action.trigger)
        self.edit_product_button = QPushButton(self.tr("Edit product…"))
        self.edit_product_button.setObjectName("product_edit")
        self.edit_product_button.clicked.connect(self.edit_product_action.trigger)
        self.product_editor: ProductEditor | None = None
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.low_only)
        bar.addWidget(self.receive_button)
        bar.addWidget(self.adjust_button)
        bar.addWidget(self.new_product_button)
        bar.addWidget(self.edit_product_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for col, width in {"sku": 90, "warehouse": 72, "bin": 70, "on_hand": 64, "reserved": 64,
                           "available": 64, "reorder_point": 72}.items():
            i = StockModel.COLUMNS.index(col)
            # Never narrower than its title: Spanish titles are longer ("Existencias", "Reservado").
            title = str(self.model.headerData(i, Qt.Orientation.Horizontal) or "")
            header.resizeSection(i, max(width, metrics.horizontalAdvance(title) + 18))
        header.setSectionResizeMode(StockModel.COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch)
        # Variants differ at the end of the name ("... 500 ml" / "... 1 l"): cut the middle instead.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.moves_title = QLabel(self.tr("Select a product to see its movements"))
        self.moves_title.setStyleSheet("font-weight: 600;")
        self.moves = make_table([self.tr("When"), self.tr("Warehouse"), self.tr("Change"), self.tr("Kind"),
                                 self.tr("Reason / order"), self.tr("User")], stretch=4)
        moves_box = QWidget()
        moves_layout = QVBoxLayout(moves_box)
        moves_layout.setContentsMargins(0, 0, 0, 0)
        moves_layout.addWidget(self.moves_title)
        moves_layout.addWidget(self.moves)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(moves_box)
        splitter.setSizes([640, 490])
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.count_label = QLabel()
        self.model.page_loaded.connect(self._on_page_loaded)

        stock_page = QWidget()
        stock_layout = QVBoxLayout(stock_page)
        stock_layout.setContentsMargins(6, 6, 6, 6)
        stock_layout.addLayout(bar)
        stock_layout.addWidget(splitter, 1)
        stock_layout.addWidget(self.count_label)

        # Planning (reorder suggestions, transfers, purchase orders, analytics) lives beside the
        # levels it acts on; it is built on first use so opening Inventory stays quick.
        self.tabs = QTabWidget()
        self.tabs.addTab(stock_page, self.tr("Stock levels"))
        self.tabs.addTab(QWidget(), self.tr("Planning"))
        self.planning: QWidget | None = None
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        ctx.signals.stock_changed.connect(self.refresh)
        run_in_pool(ctx.pool, self._fetch_warehouses, self._on_warehouses)
        self.model.refresh()

    def menu_actions(self) -> list[QAction]:
        return [self.receive_action, self.adjust_action, self.new_product_action, self.edit_product_action]

    def edit_product(self) -> ProductEditor | None:
        """Edit the product of the chosen stock level."""
        if self._current is None:
            self.ctx.signals.status_message.emit(self.tr("Select a product to edit first"))
            return None
        return self.open_product_editor(self._current[0])

    def open_product_editor(self, sku: str | None) -> ProductEditor:
        self.product_editor = ProductEditor(self.ctx, sku, self)
        self.product_editor.setModal(True)
        self.product_editor.show()
        return self.product_editor

    def _on_tab(self, index: int) -> None:
        if index != 1 or self.planning is not None:
            return
        try:
            from omsdesk.ui.planning_view import PlanningView
        except ImportError as exc:  # a build without the planning area still shows stock
            self.tabs.setTabToolTip(1, str(exc))
            return
        self.planning = PlanningView(self.ctx)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(1)
        self.tabs.insertTab(1, self.planning, self.tr("Planning"))
        self.tabs.setCurrentIndex(1)
        self.tabs.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _fetch_warehouses(self) -> list[Choice]:
        with self.ctx.db.read() as s:
            return warehouses(s)

    def _on_warehouses(self, result: list[Choice]) -> None:
        self._warehouses = result

    def _apply(self) -> None:
        self._debounce.stop()
        self.model.sku_prefix = self.search.text().strip().upper()
        self.model.low_only = self.low_only.isChecked()
        self.model.refresh()

    def refresh(self) -> None:
        self.model.refresh()
        self._load_moves()

    def current_row(self) -> StockRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            row = self.model.row_at(current.row())
            self._current = (row.sku, row.warehouse, row.name)
            self._load_moves()

    def _on_page_loaded(self, n: int) -> None:
        self.count_label.setText(self.tr("{n} stock levels shown").format(n=qty(n)))
        if self._current is None or self.table.currentIndex().isValid():
            return
        sku, warehouse, _name = self._current
        for r in range(self.model.rowCount()):
            row = self.model.row_at(r)
            if row.sku == sku and row.warehouse == warehouse:
                self.table.selectRow(r)
                return

    def _load_moves(self) -> None:
        if self._current is None:
            return
        db, sku = self.ctx.db, self._current[0]

        def fetch() -> tuple[str, list[MoveRow]]:
            with db.read() as s:
                return sku, stock_moves(s, sku)

        run_in_pool(self.ctx.pool, fetch, self._on_moves)

    def _on_moves(self, result: tuple[str, list[MoveRow]]) -> None:
        sku, moves = result
        if self._current is None or self._current[0] != sku:
            return
        self.moves_title.setText(self.tr("Movements of {sku} · {name}").format(sku=sku, name=self._current[2]))
        fill_table(self.moves, [[when(m.at), m.warehouse, f"{m.qty:+d}", move_kind_text(m.kind),
                                 m.order_reference or m.reason, m.user] for m in moves], right_aligned=(2,))

    def open_dialog(self, kind: str) -> StockDialog:
        sku, warehouse, _name = self._current or ("", "", "")
        self.dialog = StockDialog(self.ctx, kind, sku, warehouse, self._warehouses, self)
        self.dialog.setModal(True)
        self.dialog.show()
        return self.dialog


