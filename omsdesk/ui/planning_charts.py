"""Inventory analytics tab: stock value per warehouse as a chart, top sellers, stock-outs, CSV export."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.queries import analytics
from omsdesk.ui import save_paths
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import decimal, money, qty
from omsdesk.ui.workers import run_in_pool

REPORTS = ("stock", "turnover", "stockouts", "top-sellers")


def _rows(session: Any, report: str) -> list[Any]:
    if report == "stock":
        return list(analytics.stock_value(session))
    if report == "turnover":
        return list(analytics.turnover(session, limit=500))
    if report == "stockouts":
        return list(analytics.stockouts(session))
    return list(analytics.top_sellers(session))


class AnalyticsTab(QWidget):
    """The chart always shows stock value per warehouse; the table shows the chosen report."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Any] = []
        self.report = QComboBox()
        for key, title in zip(REPORTS, (self.tr("Stock value"), self.tr("Turnover (90 days)"),
                                        self.tr("Stock-outs (30 days)"), self.tr("Top sellers (30 days)")),
                              strict=True):
            self.report.addItem(title, key)
        self.report.currentIndexChanged.connect(self.refresh)
        export = QPushButton(self.tr("Export CSV…"))
        export.clicked.connect(lambda: self.export_csv())
        self.status = QLabel()
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().hide()
        self.chart.setTitle(self.tr("Stock value per warehouse"))
        view = QChartView(self.chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        bar = QHBoxLayout()
        bar.addWidget(self.report)
        bar.addWidget(export)
        bar.addStretch(1)
        bar.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(view)
        split.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split)
        ctx.signals.stock_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        db, report = self.ctx.db, str(self.report.currentData())

        def work() -> tuple[list[Any], list[Any]]:
            with db.read() as s:
                return list(analytics.stock_value(s)), _rows(s, report)

        run_in_pool(self.ctx.pool, work, self._show, self.status.setText)

    def _show(self, result: tuple[list[analytics.StockValueRow], list[Any]]) -> None:
        values, self.rows = result
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        bars = QBarSet(self.tr("Value"))
        for v in values:
            bars.append(v.value / 100)
        series = QBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([v.warehouse for v in values])
        y = QValueAxis()
        y.setLabelFormat("%.0f €")
        y.setRange(0, max([v.value / 100 for v in values], default=1.0) * 1.1)
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        fields = [f for f in (self.rows[0].__dataclass_fields__ if self.rows else ()) if f != "currency"]
        self.table.clear()
        self.table.setColumnCount(len(fields))
        self.table.setHorizontalHeaderLabels([self._title(f) for f in fields])
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, name in enumerate(fields):
                item = QTableWidgetItem(self._cell(row, name))
                if not isinstance(getattr(row, name), str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if not self.rows:
            self.status.setText(self.tr("Nothing to show yet: receive stock and sell, and the figures appear here"))
            self.loaded.emit()
            return
        self.status.setText(self.tr("{n} row(s)").replace("{n}", str(len(self.rows))))
        self.loaded.emit()

    def _title(self, field: str) -> str:
        titles = {
            "warehouse": self.tr("Warehouse"), "skus": self.tr("Products"), "units": self.tr("Units"),
            "value": self.tr("Stock value"), "sku": self.tr("SKU"), "name": self.tr("Product"),
            "sold": self.tr("Sold"), "on_hand": self.tr("On hand"), "average_on_hand": self.tr("Average on hand"),
            "turnover": self.tr("Turnover"), "days_of_inventory": self.tr("Days of stock"),
            "events": self.tr("Times out of stock"), "days_out": self.tr("Days out of stock"),
            "out_now": self.tr("Out now"), "rank": self.tr("Rank"),
        }
        return titles.get(field, field)

    def _cell(self, row: Any, field: str) -> str:
        value = getattr(row, field)
        if value is None:
            return "—"
        if field == "value":
            return money(int(value), str(getattr(row, "currency", "EUR")))
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, int):
            return qty(value)
        if isinstance(value, float):
            return decimal(value)
        return str(value)

    def export_csv(self, path: str | None = None) -> None:
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export CSV"), save_paths.suggested(f"{self.report.currentData()}.csv"), "CSV (*.csv)")
            save_paths.remember(path)
        if path:
            n = analytics.write_csv(self.rows, path)
            self.status.setText(self.tr("{n} row(s) written").replace("{n}", str(n)))
