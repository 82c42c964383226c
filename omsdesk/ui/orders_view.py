"""The order queue: status tabs, filters, search as you type, batch actions and the detail panel."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from omsdesk.models.base import utcnow
from omsdesk.models.workflow import NEEDS_REASON
from omsdesk.queries.lookups import Choice, channels, warehouses
from omsdesk.queries.order_batch import matching_references
from omsdesk.queries.order_page import OrderFilter
from omsdesk.queries.order_search import COUNT_LIMIT
from omsdesk.queries.orders import MatchCounts, filtered_status_counts, match_counts, status_counts
from omsdesk.queries.saved_batches import BatchRow, recent_batches
from omsdesk.ui import confirm
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import qty, when
from omsdesk.ui.order_actions import action_text
from omsdesk.ui.order_batches import OrderBatches
from omsdesk.ui.order_detail import OrderDetailView
from omsdesk.ui.order_queue_model import OrderQueueModel, status_text
from omsdesk.ui.search_hint import SearchHint, tab_title
from omsdesk.ui.workers import BatchOutcome, BatchProgress, run_in_pool

# Status tabs in the order a clerk works through them; "" is every order.
TAB_STATUSES = ("", "new", "paid", "allocated", "picking", "packed", "backorder", "partial", "on_hold",
                "shipped", "delivered", "cancelled", "returned")
BATCH_ACTIONS = ("allocate", "ship", "hold", "release", "cancel")
# Batch steps that cannot be taken back: asked before they run.
IRREVERSIBLE = frozenset({"ship", "cancel"})
SEARCH_DEBOUNCE_MS = 250
# Date range presets, in days back from now; 0 is any time.
DATE_RANGES = (0, 1, 7, 30, 90)


class OrdersView(QWidget):
    """Back-office order queue over a paged model; never holds every order in memory."""

    batch_finished = Signal(object)   # BatchOutcome
    matching_selected = Signal(int)   # how many orders "select all matching" took

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = OrderQueueModel(ctx.db, parent=self)
        self.batches = OrderBatches(ctx, self)
        self.batches.finished.connect(self.batch_finished.emit)
        self.batches.saved.connect(lambda _id: self.load_recent_batches())
        self.recent: list[BatchRow] = []
        self.open_batch: BatchRow | None = None  # a saved batch reopened: the queue shows only its orders
        self._recent_loaded = False
        self._channels: list[Choice] = []
        self._warehouses: list[Choice] = []
        self._restoring = False
        self._list_changed = False  # a new search, tab or direction: the panel must follow
        self.matching: list[str] | None = None  # "select all matching": every order the filters find
        self._selecting = False
        self.status_counts: dict[str, int] = {}
        self.match_counts: MatchCounts | None = None  # of the search typed, every status
        self._counted: OrderFilter | None = None  # what the tab titles count now
        self._counts_generation = 0

        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        for status in TAB_STATUSES:
            self.tabs.addTab(status_text(status) if status else self.tr("All"))
        self.tabs.currentChanged.connect(self._apply_filters)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search order, marketplace id, customer, email or SKU  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._apply_filters)

        self.channel = QComboBox()
        self.channel.addItem(self.tr("All channels"), "")
        self.warehouse = QComboBox()
        self.warehouse.addItem(self.tr("All warehouses"), None)
        self.dates = QComboBox()
        for days in DATE_RANGES:
            self.dates.addItem(self.tr("Any time") if days == 0 else
                               self.tr("Today") if days == 1 else self.tr("Last {n} days").format(n=days), days)
        self.late_only = QCheckBox(self.tr("Late only"))
        self.held_only = QCheckBox(self.tr("On hold"))
        for combo in (self.channel, self.warehouse, self.dates):
            combo.currentIndexChanged.connect(self._apply_filters)
            combo.setMaximumWidth(190)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        for box in (self.late_only, self.held_only):
            box.toggled.connect(self._apply_filters)

        self.columns_button = QToolButton()
        self.columns_button.setText(self.tr("Columns"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.batch_button = QToolButton()
        self.batch_button.setText(self.tr("Batch actions"))
        self.batch_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.channel)
        filters.addWidget(self.warehouse)
        filters.addWidget(self.dates)
        filters.addWidget(self.late_only)
        filters.addWidget(self.held_only)
        filters.addWidget(self.columns_button)
        filters.addWidget(self.batch_button)

        # Shown while a saved batch is reopened: which run, which of its outcomes, and the way back.
        self.batch_bar = QWidget()
        self.batch_bar.setObjectName("batch_bar")
        self.batch_label = QLabel()
        self.batch_outcome = QComboBox()
        self.batch_outcome.setObjectName("batch_outcome")
        self.batch_outcome.addItem(self.tr("Every order of the batch"), None)
        self.batch_outcome.addItem(self.tr("Only those done"), "done")
        self.batch_outcome.addItem(self.tr("Only those that failed"), "failed")
        self.batch_outcome.addItem(self.tr("Only those not run (cancelled)"), "cancelled")
        self.batch_outcome.currentIndexChanged.connect(self._apply_filters)
        self.close_batch_button = QPushButton(self.tr("Show all orders"))
        self.close_batch_button.setObjectName("close_batch")
        self.close_batch_button.clicked.connect(self.close_batch)
        bar = QHBoxLayout(self.batch_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.batch_label, 1)
        bar.addWidget(self.batch_outcome)
        bar.addWidget(self.close_batch_button)
        self.batch_bar.setVisible(False)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(False)  # the late/held colours must stay readable
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSortIndicator(OrderQueueModel.COLUMNS.index("placed_at"), Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.columns_menu.exec(header.mapToGlobal(pos)))
        for col, width in {"reference": 118, "placed_at": 128, "status": 92, "claimed": 104, "channel": 66,
                           "external_id": 150, "customer_name": 150, "customer_email": 200,
                           "total": 84}.items():
            header.resizeSection(OrderQueueModel.COLUMNS.index(col), width)
        # At 1280x800 the customer and the total must fit beside the panel: the e-mail and the
        # marketplace id start hidden (Columns shows them; the choice is remembered).
        for col in ("external_id", "customer_email"):
            self.table.setColumnHidden(OrderQueueModel.COLUMNS.index(col), True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda pos: self.batch_menu.exec(self.table.viewport().mapToGlobal(pos)))
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self._on_selection_changed())

        self.detail = OrderDetailView(ctx)
        self.detail.action_done.connect(lambda _r, _a: self.model.refresh())
        self.table.doubleClicked.connect(lambda _i: self.detail.setFocus())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 430])

        self.search_hint = SearchHint()
        self.search_hint.status_chosen.connect(self.show_status)
        self.count_label = QLabel()
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.load_failed.connect(ctx.signals.status_message.emit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        layout.addLayout(filters)
        layout.addWidget(self.batch_bar)
        layout.addWidget(self.search_hint)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)

        self._build_actions()
        ctx.signals.orders_changed.connect(self.refresh)
        ctx.signals.order_changed.connect(self._on_order_changed)
        if ctx.live is not None:  # shared PostgreSQL: other desks' changes update rows in place
            ctx.live.watch_queue(self.model)
        self._load_choices()
        self.restore_state()
        self._apply_filters()
        self.refresh_counts()

    # -- actions and menus ----------------------------------------------------------------

    def _build_actions(self) -> None:
        self.columns_menu = QMenu(self)
        for i, col in enumerate(OrderQueueModel.COLUMNS):
            act = QAction(self.model.headerData(i, Qt.Orientation.Horizontal), self)
            act.setCheckable(True)
            act.setChecked(True)
            act.setData(col)
            act.toggled.connect(lambda on, c=i: self.table.setColumnHidden(c, not on))
            self.columns_menu.addAction(act)
        self.columns_button.setMenu(self.columns_menu)

        self.batch_actions: dict[str, QAction] = {}
        self.batch_menu = QMenu(self)
        shortcuts = {"allocate": "Ctrl+Shift+A", "ship": "Ctrl+Shift+S", "hold": "Ctrl+Shift+H",
                     "release": "Ctrl+Shift+R", "cancel": "Ctrl+Shift+Del"}
        for action in BATCH_ACTIONS:
            act = QAction(self.tr("{action} selected").format(action=action_text(action)), self)
            act.setShortcut(QKeySequence(shortcuts[action]))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False, a=action: self.run_batch(a))
            self.batch_actions[action] = act
            self.batch_menu.addAction(act)
            self.addAction(act)
        self.batch_menu.addSeparator()
        self.select_matching_action = QAction(self.tr("Select all matching orders"), self)
        self.select_matching_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.select_matching_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.select_matching_action.triggered.connect(lambda _=False: self.select_all_matching())
        self.batch_menu.addAction(self.select_matching_action)
        self.addAction(self.select_matching_action)
        self.batch_menu.addSeparator()
        self.print_actions: dict[str, QAction] = {}
        for kind, text, key in (("packing_slip", self.tr("Print packing slips for selected"), "Ctrl+Shift+P"),
                                ("label", self.tr("Print labels for selected"), "Ctrl+Shift+L")):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False, k=kind: self.print_documents(k))
            self.print_actions[kind] = act
            self.batch_menu.addAction(act)
            self.addAction(act)
        self.batch_button.setMenu(self.batch_menu)

        # Under Batch actions: the filter row has no room left at 1280 px.
        self.batch_menu.addSeparator()
        self.recent_menu = self.batch_menu.addMenu(self.tr("Recent batches"))
        self.recent_menu.setObjectName("recent_batches")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.reopen_action = QAction(self.tr("Reopen last batch"), self)
        self.reopen_action.setShortcut(QKeySequence("Ctrl+Alt+B"))
        self.reopen_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reopen_action.triggered.connect(lambda _=False: self.reopen_last_batch())
        self.addAction(self.reopen_action)

        self.newest_action = QAction(self.tr("Newest first"), self)
        self.newest_action.setShortcut(QKeySequence("Ctrl+Home"))
        self.newest_action.triggered.connect(lambda: self.set_newest_first(True))
        self.oldest_action = QAction(self.tr("Oldest first (jump to end)"), self)
        self.oldest_action.setShortcut(QKeySequence("Ctrl+End"))
        self.oldest_action.triggered.connect(self.jump_to_end)
        for act in (self.newest_action, self.oldest_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)

    def menu_actions(self) -> list[QAction]:
        """Actions the main window lists in its Orders menu."""
        return [*self.batch_actions.values(), *self.print_actions.values(), self.reopen_action,
                self.newest_action, self.oldest_action]

    # -- filters --------------------------------------------------------------------------

    def _load_choices(self) -> None:
        db = self.ctx.db

        def fetch() -> tuple[list[Choice], list[Choice]]:
            with db.read() as s:
                return channels(s), warehouses(s)

        run_in_pool(self.ctx.pool, fetch, self._on_choices)

    def _on_choices(self, result: tuple[list[Choice], list[Choice]]) -> None:
        self._channels, self._warehouses = result
        self._restoring = True
        try:
            for ch in self._channels:
                self.channel.addItem(ch.name, ch.code)
            for wh in self._warehouses:
                self.warehouse.addItem(f"{wh.code} · {wh.name}", wh.id)
            settings = QSettings()
            self._select_data(self.channel, settings.value("orders/channel", ""))
            self._select_data(self.warehouse, _int_or_none(settings.value("orders/warehouse", None)))
        finally:
            self._restoring = False
        self._apply_filters()

    @staticmethod
    def _select_data(combo: QComboBox, value: object) -> None:
        i = combo.findData(value)
        if i >= 0:
            combo.setCurrentIndex(i)

    def current_filter(self) -> OrderFilter:
        status = TAB_STATUSES[max(0, self.tabs.currentIndex())] or None
        if self.held_only.isChecked():
            status = "on_hold"
        days = int(self.dates.currentData() or 0)
        placed_from = None
        if days:
            now = utcnow()
            placed_from = now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=days - 1)
        batch = self.open_batch
        return OrderFilter(status=status, channel=self.channel.currentData() or None,
                           search=self.search.text().strip() or None, late_only=self.late_only.isChecked(),
                           warehouse_id=self.warehouse.currentData(), placed_from=placed_from,
                           batch_id=batch.id if batch else None,
                           batch_outcome=self.batch_outcome.currentData() if batch else None)

    def _apply_filters(self) -> None:
        if self._restoring:
            return
        self._debounce.stop()
        self._list_changed = True
        self.matching = None
        f = self.current_filter()
        self.model.set_filter(f)
        self.save_filters()
        if self._counts_key(f) != self._counted:
            self.refresh_counts()
        else:
            self._show_hint()

    def set_status_tab(self, status: str) -> None:
        self.tabs.setCurrentIndex(TAB_STATUSES.index(status))

    def show_status(self, status: str) -> None:
        """Show the tab of `status` (where the search hint says the matches are)."""
        if status != "on_hold" and self.held_only.isChecked():
            self.held_only.setChecked(False)
        self.set_status_tab(status)

    def search_for(self, text: str) -> None:
        """Show the orders `text` finds, at once (no typing debounce)."""
        self.search.setText(text)
        self._apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_sort(self, section: int, order: Qt.SortOrder) -> None:
        placed = OrderQueueModel.COLUMNS.index("placed_at")
        if section != placed:
            # Only placement time has an index to page on; keep the indicator honest.
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(placed, Qt.SortOrder.DescendingOrder if self.model.newest_first
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            self.ctx.signals.status_message.emit(self.tr("The queue sorts by placement time only"))

    def set_newest_first(self, newest: bool) -> None:
        placed = OrderQueueModel.COLUMNS.index("placed_at")
        self.table.horizontalHeader().setSortIndicator(
            placed, Qt.SortOrder.DescendingOrder if newest else Qt.SortOrder.AscendingOrder)
        self._list_changed = True
        self.model.set_newest_first(newest)
        self.table.scrollToTop()

    def jump_to_end(self) -> None:
        """Show the far end of the queue by reading the keyset the other way round."""
        self.set_newest_first(not self.model.newest_first)

    # -- refresh --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.refresh()
        self.refresh_counts()
        self.detail.reload()

    def _on_order_changed(self, reference: str) -> None:
        if reference == self.detail.reference:
            self.detail.reload()

    @staticmethod
    def _counts_key(f: OrderFilter) -> OrderFilter | None:
        """What the tab titles depend on: nothing without a search (every order counts), else the
        search and the filters other than the status."""
        return replace(f, status=None) if f.search or f.batch_id is not None else None

    def refresh_counts(self) -> None:
        """Tab titles: orders per status, or while a search is typed, its matches per status."""
        db, f = self.ctx.db, self.current_filter()
        key = self._counted = self._counts_key(f)
        self._counts_generation += 1
        gen = self._counts_generation

        def fetch() -> tuple[int, OrderFilter | None, dict[str, int] | MatchCounts]:
            with db.read() as s:
                if key is None:
                    return gen, key, status_counts(s)
                return gen, key, (match_counts(s, f) if f.search else filtered_status_counts(s, f))

        run_in_pool(self.ctx.pool, fetch, self._on_counts)

    def _on_counts(self, result: tuple[int, OrderFilter | None, dict[str, int] | MatchCounts]) -> None:
        gen, key, counts = result
        if gen != self._counts_generation:
            return  # the search changed since: newer counts are on their way
        if isinstance(counts, MatchCounts):
            self.match_counts = counts
            by_status: dict[str, int] | None = counts.by_status if counts.complete else None
            total = counts.total if counts.complete else COUNT_LIMIT
        else:
            self.status_counts, self.match_counts = counts, None
            by_status, total = counts, sum(counts.values())
        for i, status in enumerate(TAB_STATUSES):
            name = status_text(status) if status else self.tr("All")
            if not status:
                self.tabs.setTabText(i, tab_title(name, total, more=by_status is None))
            else:
                self.tabs.setTabText(i, tab_title(name, None if by_status is None else by_status.get(status, 0)))
        self._show_hint()

    def _show_hint(self) -> None:
        f = self.current_filter()
        self.search_hint.show_counts(self.match_counts if f.search else None, f.status, f.search or "")

    def _on_page_loaded(self, n: int) -> None:
        more = "" if self.model.exhausted else "+"
        if self.matching is None:  # else the count of the whole selection stays in view
            self.count_label.setText(self.tr("{n}{more} orders shown · {ms:.0f} ms").format(
                n=qty(n), more=more, ms=self.model.last_load_ms))
        self._reselect()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.detail.show_order(self.model.row_at(current.row()).reference)

    def _reselect(self) -> None:
        # After a reload, put the detail panel's order back under the cursor if it is loaded;
        # after a new search, tab or direction, an order no longer in the list leaves the panel,
        # so Cancel or Ship never act on an order the clerk cannot see.
        changed, self._list_changed = self._list_changed, False
        ref = self.detail.reference
        sm = self.table.selectionModel()
        if ref is None or sm.hasSelection():
            return
        for r, row in enumerate(self.model.rows()):
            if row.reference == ref:
                sm.setCurrentIndex(self.model.index(r, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
                return
        if changed:
            self.detail.show_order(None)

    # -- saved batches --------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._recent_loaded:
            self._recent_loaded = True
            self.load_recent_batches()

    def load_recent_batches(self) -> None:
        db = self.ctx.db

        def fetch() -> list[BatchRow]:
            with db.read() as s:
                return recent_batches(s, limit=15)

        run_in_pool(self.ctx.pool, fetch, self._on_recent, self.ctx.signals.status_message.emit)

    def _on_recent(self, rows: list[BatchRow]) -> None:
        self.recent = rows
        self._fill_recent_menu()

    def batch_title(self, b: BatchRow) -> str:
        kind = (self.tr("Packing slips") if b.kind == "print_packing_slip" else self.tr("Labels")
                if b.kind == "print_label" else action_text(b.kind))
        text = self.tr("{kind} · {when} · {done} done, {failed} failed").format(
            kind=kind, when=when(b.finished_at), done=qty(b.done), failed=qty(b.failed))
        if b.cancelled:
            text += self.tr(", {n} not run").format(n=qty(b.cancelled))
        return text

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        self.recent_menu.addAction(self.reopen_action)
        self.reopen_action.setEnabled(bool(self.recent))
        self.recent_menu.addSeparator()
        if not self.recent:
            empty = self.recent_menu.addAction(self.tr("No batch run yet: batch actions and print runs appear here"))
            empty.setEnabled(False)
        for b in self.recent:
            act = self.recent_menu.addAction(self.batch_title(b))
            act.triggered.connect(lambda _=False, row=b: self.reopen_batch(row))

    def reopen_last_batch(self) -> None:
        if self.recent:
            self.reopen_batch(self.recent[0])
        else:
            self.ctx.signals.status_message.emit(self.tr("No batch run yet"))

    def reopen_batch(self, b: BatchRow, outcome: str | None = None) -> None:
        """Show only the orders of a saved batch run, in whatever status they are now."""
        self.open_batch = b
        self._restoring = True
        try:
            self.batch_outcome.setCurrentIndex(max(0, self.batch_outcome.findData(outcome)))
            self.tabs.setCurrentIndex(0)  # its orders have moved on since: every status
            self.held_only.setChecked(False)
        finally:
            self._restoring = False
        self.batch_label.setText(self.tr("Batch: {title}").format(title=self.batch_title(b)))
        self.batch_bar.setVisible(True)
        self._apply_filters()

    def close_batch(self) -> None:
        if self.open_batch is None:
            return
        self.open_batch = None
        self.batch_bar.setVisible(False)
        self._apply_filters()

    # -- batch actions --------------------------------------------------------------------

    def selected_references(self) -> list[str]:
        if self.matching is not None:
            return list(self.matching)
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r).reference for r in rows]

    def select_all_matching(self) -> None:
        """Take every order the filters find, loaded or not, for the next batch (with its count)."""
        db, f, newest = self.ctx.db, self.current_filter(), self.model.newest_first

        def fetch() -> list[str]:
            with db.read() as s:
                return matching_references(s, f, newest_first=newest)

        self.count_label.setText(self.tr("Finding every matching order…"))
        run_in_pool(self.ctx.pool, fetch, self._on_matching, self.ctx.signals.status_message.emit)

    def _on_matching(self, refs: list[str]) -> None:
        self._selecting = True
        try:
            self.table.selectAll()
        finally:
            self._selecting = False
        self.matching = refs
        self.count_label.setText(self.tr("All {n} matching orders are selected (not only the {shown} shown); "
                                         "a click selects rows again").format(n=qty(len(refs)),
                                                                             shown=qty(self.model.rowCount())))
        self.matching_selected.emit(len(refs))

    def _on_selection_changed(self) -> None:
        if not self._selecting and self.matching is not None:
            self.matching = None
            self.count_label.setText(self.tr("Selection back to the rows you choose"))

    def run_batch(self, action: str, reason: str | None = None) -> BatchProgress | None:
        """Apply an action to every selected order in a worker; failures are listed, not fatal."""
        refs = self.selected_references()
        if not refs or self.batches.busy:
            return None
        if action in IRREVERSIBLE and not confirm.confirm(self, action_text(action), self.tr(
                "{action} {n} order(s)? This cannot be undone.").format(action=action_text(action), n=len(refs))):
            return None
        if reason is None:
            reason = ""
            if action in NEEDS_REASON:
                text, ok = QInputDialog.getText(self, action_text(action),
                                                self.tr("Reason for {n} orders:").format(n=len(refs)))
                if not ok:
                    return None
                reason = text
        return self.batches.run(action, refs, reason)

    def print_documents(self, kind: str) -> BatchProgress | None:
        """Packing slips ("packing_slip") or labels ("label") of the selected orders."""
        refs = self.selected_references()
        if not refs or self.batches.busy:
            return None
        return self.batches.print_documents(kind, refs)

    @property
    def last_outcome(self) -> BatchOutcome[str] | None:
        return self.batches.last_outcome

    @property
    def last_delivery(self) -> Any:
        return self.batches.last_delivery

    # -- persistence ----------------------------------------------------------------------

    def save_filters(self) -> None:
        settings = QSettings()
        settings.setValue("orders/tab", self.tabs.currentIndex())
        settings.setValue("orders/channel", self.channel.currentData() or "")
        settings.setValue("orders/warehouse", self.warehouse.currentData())
        settings.setValue("orders/dates", self.dates.currentIndex())
        settings.setValue("orders/late_only", self.late_only.isChecked())
        settings.setValue("orders/held_only", self.held_only.isChecked())

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("orders/header", self.table.horizontalHeader().saveState())
        settings.setValue("orders/splitter", self.splitter.saveState())
        self.save_filters()

    def restore_state(self) -> None:
        settings = QSettings()
        self._restoring = True
        try:
            header = settings.value("orders/header")
            if isinstance(header, QByteArray) and not header.isEmpty():
                self.table.horizontalHeader().restoreState(header)
            splitter = settings.value("orders/splitter")
            if isinstance(splitter, QByteArray) and not splitter.isEmpty():
                self.splitter.restoreState(splitter)
            self.tabs.setCurrentIndex(_int_or_none(settings.value("orders/tab", 0)) or 0)
            self.dates.setCurrentIndex(_int_or_none(settings.value("orders/dates", 0)) or 0)
            self.late_only.setChecked(_bool(settings.value("orders/late_only", False)))
            self.held_only.setChecked(_bool(settings.value("orders/held_only", False)))
        finally:
            self._restoring = False
        for i, act in enumerate(self.columns_menu.actions()):
            act.setChecked(not self.table.isColumnHidden(i))
        header_view = self.table.horizontalHeader()
        newest = header_view.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.model.newest_first = newest
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


def _int_or_none(value: object) -> int | None:
    try:
        return None if value in (None, "") else int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _bool(value: object) -> bool:
    return value in (True, "true", "1", 1)
