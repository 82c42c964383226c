"""Tables: small read-only ones (movements, customers, outbox) and the base of the paged models."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def make_table(headers: Sequence[str], stretch: int | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setProperty("stretch_column", -1 if stretch is None else stretch)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]], *, right_aligned: Sequence[int] = (),
               highlight: Sequence[bool] | None = None, color: QColor | None = None) -> None:
    """Replace the contents, then size the columns once.

    Sizing columns to their contents while items arrive re-measures every row per item:
    500 rows took half a minute that way.
    """
    table.setUpdatesEnabled(False)
    try:
        table.clearContents()
        table.setRowCount(len(rows))
        brush = QBrush(color) if color is not None else None
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, values in enumerate(rows):
            marked = brush is not None and highlight is not None and highlight[r]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in right_aligned:
                    item.setTextAlignment(align)
                if marked:
                    item.setBackground(brush)  # type: ignore[arg-type]
                table.setItem(r, c, item)
        stretch = table.property("stretch_column")
        for c in range(table.columnCount()):
            if c != stretch:
                table.resizeColumnToContents(c)
    finally:
        table.setUpdatesEnabled(True)


class ColumnModel(QAbstractTableModel):
    """A table model over `self._rows`, one column per name in COLUMNS titled from `self._titles`.

    Subclasses fill `_rows` and `_titles` and say how a cell looks in `data()`.
    """

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._titles: dict[str, str] = {}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[self.COLUMNS[section]]
        return None

