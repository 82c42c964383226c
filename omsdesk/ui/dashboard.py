"""Dashboard: orders per day per channel, revenue, late orders, low stock and top products."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from omsdesk.queries.dashboard import Dashboard, dashboard
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import money, qty
from omsdesk.ui.workers import run_in_pool

PALETTE = ("#3b6ea5", "#e07b39", "#5aa469", "#c94c4c", "#8e6bbf", "#b5a33a", "#4aa3b5", "#7f7f7f")


class Tile(QFrame):
    """One headline figure with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("Tile { background: palette(base); border-radius: 6px; }")
        self.value = QLabel("…")
        self.value.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, alert: bool = False) -> None:
        self.value.setText(text)
        self.value.setStyleSheet("font-size: 22px; font-weight: 600;" + (" color: #b00020;" if alert else ""))


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return chart, view


class DashboardView(QWidget):
    """Figures load in a worker; until they arrive the tiles show an ellipsis."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Dashboard | None = None
        self._loading = False
        self.tiles = {
            "orders": Tile(self.tr("Orders, last 30 days")),
            "revenue": Tile(self.tr("Revenue, last 30 days")),
            "open": Tile(self.tr("Open orders")),
            "late": Tile(self.tr("Late orders")),
            "low": Tile(self.tr("Low-stock levels")),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)

        self.orders_chart, orders_view = _chart(self.tr("Orders per day by channel"))
        self.revenue_chart, revenue_view = _chart(self.tr("Revenue per day"))
        self.top_chart, top_view = _chart(self.tr("Top products, units sold (30 days)"))
        self.revenue_chart.legend().hide()
        self.top_chart.legend().hide()

        grid = QGridLayout()
        grid.addWidget(orders_view, 0, 0, 1, 2)
        grid.addWidget(revenue_view, 1, 0)
        grid.addWidget(top_view, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        layout.addWidget(self.status)
        ctx.signals.orders_changed.connect(self.refresh)
        ctx.signals.stock_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.status.setText(self.tr("Loading figures…"))
        db = self.ctx.db

        def fetch() -> Dashboard:
            with db.read() as s:
                return dashboard(s)

        run_in_pool(self.ctx.pool, fetch, self._on_loaded, self._on_failed)

    def _on_failed(self, message: str) -> None:
        self._loading = False
        self.status.setText(self.tr("Could not load the dashboard: {error}").format(error=message))

    def _on_loaded(self, d: Dashboard) -> None:
        self._loading = False
        self.data = d
        self.status.setText("")
        self.tiles["orders"].set_value(qty(d.orders_total))
        self.tiles["revenue"].set_value(money(d.revenue_total, d.currency))
        self.tiles["open"].set_value(qty(d.open_orders))
        self.tiles["late"].set_value(qty(d.late_orders), alert=d.late_orders > 0)
        self.tiles["low"].set_value(qty(d.low_stock), alert=d.low_stock > 0)
        # Day of the month: thirty of them fit upright and never repeat within 30 days.
        days = [day.strftime("%d") for day in d.days]
        self._orders_chart(d, days)
        self._revenue_chart(d, days)
        self._top_chart(d)
        self.loaded.emit()

    def _orders_chart(self, d: Dashboard, days: list[str]) -> None:
        chart = self.orders_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QStackedBarSeries()
        for i, (channel, counts) in enumerate(d.orders_per_day.items()):
            bar = QBarSet(channel)
            bar.setColor(QColor(PALETTE[i % len(PALETTE)]))
            bar.append([float(n) for n in counts])
            series.append(bar)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(days)
        x.setTitleText(self.tr("{first} to {last}").format(first=d.days[0].strftime("%d/%m"),
                                                          last=d.days[-1].strftime("%d/%m")))
        y = QValueAxis()
        y.setLabelFormat("%d")
        peak = max((sum(v[i] for v in d.orders_per_day.values()) for i in range(len(days))), default=0)
        y.setRange(0, max(1, peak) * 1.1)
        y.applyNiceNumbers()
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def _revenue_chart(self, d: Dashboard, days: list[str]) -> None:
        chart = self.revenue_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QLineSeries()
        series.setColor(QColor(PALETTE[0]))
        for i, amount in enumerate(d.revenue_per_day):
            series.append(QPointF(i, amount / 100))
        chart.addSeries(series)
        x = QValueAxis()
        x.setRange(0, max(1, len(days) - 1))
        x.setLabelFormat("%d")
        x.setTitleText(self.tr("days ago → today"))
        x.setLabelsVisible(False)
        y = QValueAxis()
        y.setRange(0, max(1.0, max(d.revenue_per_day, default=0) / 100 * 1.1))
        y.setLabelFormat("%.0f")
        y.setTitleText(d.currency)
        y.applyNiceNumbers()
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def _top_chart(self, d: Dashboard) -> None:
        chart = self.top_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        top = list(reversed(d.top_products[:8]))  # largest at the top of a horizontal chart
        bar = QBarSet(self.tr("Units"))
        bar.setColor(QColor(PALETTE[1]))
        bar.append([float(p.qty) for p in top])
        series = QHorizontalBarSeries()
        series.append(bar)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append([f"{p.sku} {p.name[:22]}" for p in top])
        x = QValueAxis()
        x.setLabelFormat("%d")
        x.setRange(0, max(1, max((p.qty for p in top), default=0)) * 1.15)
        x.applyNiceNumbers()
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
