"""The till on a shared PostgreSQL server keeps selling when the server is cut off, says so,
and sends the sales when it is back (issue 17 point 4). The cut is real: the till talks to
the server through a forwarder that drops its connections (tests/fixtures/cuttable_proxy.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from omsdesk.db import Database
from omsdesk.models import Order
from omsdesk.services.context import Actor
from omsdesk.services.counter_offline import OfflineSale
from omsdesk.services.invoicing.company import set_company
from omsdesk.ui.context import AppContext
from omsdesk.ui.counter import CounterView
from tests.fixtures.cuttable_proxy import CuttableProxy
from tests.fixtures.database import ACTOR, PgSessionDatabase, Shop

pytestmark = pytest.mark.postgres


@pytest.fixture
def offline_till(qtbot: QtBot, pg_migrated: PgSessionDatabase, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CounterView, Shop, CuttableProxy]]:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("OMSDESK_DATA_DIR", str(tmp_path / "data"))
    direct = pg_migrated.fresh()
    shop = Shop(direct)
    shop.warehouses(("MAD",))
    shop.product("MUG-01", price=1250)
    shop.stock("MUG-01", 5, "MAD")
    set_company(direct, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674")
    url = make_url(direct.url)
    proxy = CuttableProxy((url.host or "127.0.0.1", url.port or 5432))
    till_db = Database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))
    ctx = AppContext(till_db, Actor("clerk", "till-1"))
    ctx.settings.update({"counter_warehouse": "MAD", "output_dir": str(tmp_path / "printed"),
                         "language": "en"})
    view = CounterView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    try:
        yield view, shop, proxy
    finally:
        proxy.cut()
        till_db.dispose()
        direct.dispose()


def _scan(qtbot: QtBot, view: CounterView, code: str) -> None:
    qtbot.keyClicks(view.scan, code)
    qtbot.keyClick(view.scan, Qt.Key.Key_Return)


def test_the_till_sells_offline_says_so_and_sends_the_sales_when_the_server_is_back(
        qtbot: QtBot, offline_till: tuple[CounterView, Shop, CuttableProxy], tmp_path: Path) -> None:
    view, shop, proxy = offline_till
    link = view.link
    assert link is not None
    qtbot.waitUntil(lambda: link._prepared, timeout=10000)  # numbers reserved, products copied
    assert view.link_label.isHidden()
    proxy.cut()
    for _ in range(2):
        _scan(qtbot, view, "MUG-01")  # the first scan finds the server gone and uses the copy
        assert [ln.product.sku for ln in view.lines] == ["MUG-01"]
        with qtbot.waitSignal(view.sale_completed, timeout=15000) as done:
            qtbot.keyClick(view.scan, Qt.Key.Key_F3)
        assert isinstance(done.args[0], OfflineSale)
    assert view.link_label.isVisible()
    assert view.link_label.text() == "Server unreachable — selling offline (2 sales waiting)"
    assert "Offline" in view.banner.text()
    assert sorted(p.name for p in (tmp_path / "printed").iterdir()) == [
        "receipt-offline-1.pdf", "receipt-offline-2.pdf"]
    view.grab().save(str(tmp_path / "offline.png"))
    proxy.restore()
    with qtbot.waitSignal(link.replayed, timeout=15000) as sent:
        link.check()
    assert sent.args == [2]
    qtbot.waitUntil(lambda: view.link_label.isHidden(), timeout=5000)
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 2
    assert shop.level("MUG-01", "MAD") == (3, 0)
