"""The order queue as a Qt table model that loads 200-row keyset pages in the background."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from omsdesk.db import Database
from omsdesk.queries.claims import ClaimHolder, holders
from omsdesk.queries.order_page import Cursor, OrderFilter, OrderRow
from omsdesk.queries.orders import list_orders
from omsdesk.ui.display import money, when
from omsdesk.ui.labels import parcel_status_text, status_text  # noqa: F401 - re-exported for the views
from omsdesk.ui.tables import ColumnModel
from omsdesk.ui.workers import run_in_pool

PAGE = 200

LATE_BG = QColor("#fde2e1")
HELD_BG = QColor("#fff1c9")

ModelIndex = QModelIndex | QPersistentModelIndex


class OrderQueueModel(ColumnModel):
    """Rows arrive page by page as the view scrolls; the filter or direction change restarts it.

    Every load carries a generation number so a page that arrives after the filter changed is
    dropped instead of being mixed into the new result.
    """

    # "claimed" right after the total: in view at 1280 px (issue 17), without pushing the
    # customer and the total out of it (issue 13 point 11).
    COLUMNS = ("reference", "placed_at", "status", "channel", "external_id", "customer_name",
               "customer_email", "total", "claimed", "ship_by")

    loading_changed = Signal(bool)
    page_loaded = Signal(int)          # rows now in the model
    load_failed = Signal(str)

    def __init__(self, db: Database, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # One thread keeps page loads in order and leaves the shared pool for other work.
        self.pool = pool or QThreadPool(self)
        if pool is None:
            self.pool.setMaxThreadCount(1)
        self.filter = OrderFilter()
        self.newest_first = True
        self._rows: list[OrderRow] = []
        # Order id -> the bench holding one of its parcels (issue 17), for the rows loaded.
        self._claims: dict[int, ClaimHolder] = {}
        self._exhausted = False
        self._loading = False
        self._more_wanted = False
        self._generation = 0
        self.last_load_ms = 0.0
        self._titles = {
            "reference": self.tr("Order"), "placed_at": self.tr("Placed"), "status": self.tr("Status"),
            "channel": self.tr("Channel"), "external_id": self.tr("Marketplace id"),
            "customer_name": self.tr("Customer"), "customer_email": self.tr("Email"),
            "total": self.tr("Total"), "ship_by": self.tr("Ship by"), "claimed": self.tr("Claimed by"),
        }

    # -- Qt model API (rows, columns and titles come from ColumnModel) ---------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.status == "on_hold":
                return QBrush(HELD_BG)
            if row.late:
                return QBrush(LATE_BG)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            holder = self._claims.get(row.id)
            if col == "claimed" and holder is not None:
                return self.tr("Claimed by {who} for wave {wave} since {when}").format(
                    who=holder.label, wave=holder.wave, when=when(holder.claimed_at))
            if row.status == "on_hold":
                return self.tr("On hold")
            if row.late:
                return self.tr("Late: should have shipped by {when}").format(when=when(row.ship_by))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "total":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.reference
        return None

    def _display(self, row: OrderRow, col: str) -> str:
        if col == "placed_at":
            return when(row.placed_at)
        if col == "ship_by":
            return when(row.ship_by)
        if col == "status":
            return status_text(row.status)
        if col == "total":
            return money(row.total, row.currency)
        if col == "claimed":
            holder = self._claims.get(row.id)
            return holder.label if holder is not None else ""
        value = getattr(row, col)
        return "" if value is None else str(value)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        if self._loading:
            # The view asks once, when the clerk reaches the bottom; asked during a reload (another
            # desk's change, the sync), the next page follows that load instead of never coming.
            self._more_wanted = True
            return
        self._load(after=self._cursor(), limit=PAGE, replace_rows=False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Only placement time has a keyset index; other columns keep the date order.
        newest = order == Qt.SortOrder.DescendingOrder
        if newest != self.newest_first:
            self.newest_first = newest
            self.refresh(keep_loaded=False)

    # -- queue API ------------------------------------------------------------------------

    def row_at(self, row: int) -> OrderRow:
        return self._rows[row]

    def claim_of(self, row: int) -> ClaimHolder | None:
        """The bench holding a parcel of the order in that row, if any."""
        return self._claims.get(self._rows[row].id)

    def rows(self) -> list[OrderRow]:
        return list(self._rows)

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def set_filter(self, f: OrderFilter) -> None:
        if f != self.filter:
            self.filter = f
            self.refresh(keep_loaded=False)

    def set_search(self, text: str) -> None:
        self.set_filter(replace(self.filter, search=text.strip() or None))

    def set_newest_first(self, newest: bool) -> None:
        if newest != self.newest_first:
            self.newest_first = newest
            self.refresh(keep_loaded=False)

    def refresh(self, *, keep_loaded: bool = True) -> None:
        """Reload from the top; after outside changes, reload as many rows as were shown."""
        limit = max(PAGE, len(self._rows)) if keep_loaded else PAGE
        self._load(after=None, limit=min(limit, 20 * PAGE), replace_rows=True)

    # -- loading --------------------------------------------------------------------------

    def _cursor(self) -> Cursor | None:
        if not self._rows:
            return None
        last = self._rows[-1]
        return Cursor(last.placed_at, last.id)

    def _load(self, *, after: Cursor | None, limit: int, replace_rows: bool) -> None:
        self._generation += 1
        gen = self._generation
        f, newest, db = self.filter, self.newest_first, self.db
        started = time.perf_counter()

        def fetch() -> tuple[int, bool, int, float, list[OrderRow], dict[int, ClaimHolder]]:
            with db.read() as s:
                rows = list_orders(s, f, limit=limit, after=after, newest_first=newest)
                claims = holders(s, [r.id for r in rows])
            return gen, replace_rows, limit, started, rows, claims

        self._set_loading(True)
        run_in_pool(self.pool, fetch, self._on_page, self._on_failed)

    def _on_page(self, result: tuple[int, bool, int, float, list[OrderRow], dict[int, ClaimHolder]]) -> None:
        gen, replace_rows, limit, started, rows, claims = result
        if gen != self._generation:
            return  # a newer load superseded this one
        fetched = len(rows)
        if replace_rows:
            self.beginResetModel()
            self._rows = rows
            self._claims = claims
            self.endResetModel()
        elif rows:
            # Another desk (or the sync) may have changed an order between two pages, moving it
            # past the cursor: a row already shown is not shown twice.
            shown = {r.id for r in self._rows}
            rows = [r for r in rows if r.id not in shown]
        if not replace_rows and rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self._claims.update(claims)
            self.endInsertRows()
        self._exhausted = fetched < limit
        self.last_load_ms = (time.perf_counter() - started) * 1000
        self._set_loading(False)
        self.page_loaded.emit(len(self._rows))
        if self._more_wanted:
            self._more_wanted = False
            self.fetchMore()

    def apply_named_rows(self, f: OrderFilter, references: tuple[str, ...], rows: list[OrderRow]) -> int:
        """Rows of `references` read again after another desk changed them (ui/live_refresh.py):
        shown ones are updated in place, or leave when they no longer pass the filter `f` they
        were read with. Orders that now pass it but are not shown wait for the page reload that
        follows. Returns how many shown rows changed."""
        if f != self.filter:
            return 0  # read for a filter this queue no longer shows
        fresh = {r.reference: r for r in rows}
        touched = set(references)
        changed = 0
        for i in range(len(self._rows) - 1, -1, -1):
            row = self._rows[i]
            if row.reference not in touched:
                continue
            new = fresh.get(row.reference)
            if new is None:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
            elif new != row:
                self._rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
            else:
                continue
            changed += 1
        return changed

    def _on_failed(self, message: str) -> None:
        self._set_loading(False)
        self._exhausted = True  # stop fetchMore from retrying in a loop; F5 tries again
        self.load_failed.emit(message)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

