"""The dashboard loads its figures in a worker and draws them as charts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QStackedBarSeries
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.queries.dashboard import dashboard
from omsdesk.ui.context import AppContext
from omsdesk.ui.dashboard import DashboardView
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool


def test_dashboard_shows_the_figures_of_the_query(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path) -> None:
    view = DashboardView(AppContext(demo_200k, GUI_ACTOR))
    qtbot.addWidget(view)
    assert view.tiles["orders"].value.text() == "…"  # the constructor did not wait for the query
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.show()
    assert view.data is not None
    with demo_200k.read() as s:
        # Judged at the moment the view's query was: an order may have turned late since.
        expected = dashboard(s, now=view.data.as_of)
    assert view.tiles["late"].value.text() == f"{expected.late_orders:,}"
    assert view.tiles["low"].value.text() == f"{expected.low_stock:,}"
    assert view.tiles["orders"].value.text() == f"{expected.orders_total:,}"
    series = view.orders_chart.series()[0]
    assert isinstance(series, QStackedBarSeries)
    assert sorted(b.label() for b in series.barSets()) == sorted(expected.orders_per_day)
    assert series.barSets()[0].count() == 30
    assert view.top_chart.series()[0].count() == 1
    wait_for_pool()


def test_dashboard_query_counts_orders_per_day(demo_200k: Database) -> None:
    with demo_200k.read() as s:
        d = dashboard(s, days=30)
    assert len(d.days) == 30 and d.days == sorted(d.days)
    assert d.orders_total == sum(sum(v) for v in d.orders_per_day.values()) > 0
    assert d.revenue_total == sum(d.revenue_per_day) > 0
    assert [p.qty for p in d.top_products] == sorted((p.qty for p in d.top_products), reverse=True)
