"""Render each main view on demo data into docs/screenshots (offscreen).

`docs/screenshots/NAME.png` is English at 1280x800; `docs/screenshots/LANG-WxH/NAME.png` holds
every language and window size asked for (default: Spanish and English, 1280x800 and 1920x1080).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from omsdesk.services.context import Actor

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ("dashboard", "orders", "counter", "pickpack", "inventory", "invoices", "customers", "sync", "exceptions",
         "settings")


if TYPE_CHECKING:
    from omsdesk.db import Database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--orders", type=int, default=5000, help="demo orders to seed (default 5000)")
    parser.add_argument("--db", help="use this database instead of seeding a temporary one")
    parser.add_argument("--languages", default="es,en", help="comma-separated UI languages (default es,en)")
    parser.add_argument("--sizes", default="1280x800,1920x1080", help="comma-separated window sizes WxH")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        # Keep the user's settings and window layout out of the pictures (and untouched).
        os.environ["XDG_CONFIG_HOME"] = tmp
        os.environ.setdefault("OMSDESK_CONFIG_DIR", tmp)
        url = args.db or _seed(Path(tmp) / "demo.sqlite3", args.orders)
        sizes = [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",") if size]
        for lang in [x for x in args.languages.split(",") if x]:
            for width, height in sizes:
                _render(url, args.out / f"{lang}-{width}x{height}", lang, (width, height))
        return _render(url, args.out, "en", (1280, 800))


def _seed(path: Path, orders: int) -> str:
    from omsdesk.db import open_database
    from omsdesk.demo.seed import seed_demo

    url = f"sqlite:///{path}"
    db = open_database(url)
    seed_demo(db, orders=orders)
    _morning_work(db)
    db.dispose()
    return url


def _morning_work(db: Database) -> None:
    """A few clerk actions through the services, so the Sync view has an outbox to show."""
    from sqlalchemy import select

    from omsdesk.models import Channel, Order
    from omsdesk.queries.stock import stock_rows
    from omsdesk.services.fulfilment.orders import cancel_order
    from omsdesk.services.fulfilment.shipping import ship_order
    from omsdesk.services.goods_in.receiving import receive_stock
    from omsdesk.services.invoicing.issue import issue_invoice

    clerk = Actor(user="ana", workstation="almacen-1")
    with db.read() as s:
        levels = stock_rows(s, low_only=True, limit=4)
        packed = s.scalars(select(Order.reference).where(Order.status == "packed").limit(3)).all()
        paid = s.scalars(select(Order.reference).join(Channel, Channel.id == Order.channel_id).where(
            Order.status == "paid", Channel.kind.in_(("shopify", "amazon", "woocommerce"))).limit(2)).all()
    for level in levels:
        receive_stock(db, level.sku, 24, level.warehouse, actor=clerk, reason="albarán proveedor")
    for ref in packed:
        ship_order(db, ref, actor=clerk, carrier="SEUR", tracking=f"SE{ref[-6:]}ES")
    for ref in paid:
        cancel_order(db, ref, actor=clerk, reason="customer request")
    with db.read() as s:
        delivered = s.scalars(select(Order.reference).where(Order.status == "delivered", Order.customer_id.is_not(None))
                              .order_by(Order.placed_at.desc()).limit(12)).all()
    for ref in delivered:
        issue_invoice(db, ref, actor=clerk)


def _render(url: str, out: Path, language: str, size: tuple[int, int]) -> int:
    from PySide6.QtCore import QCoreApplication, QThreadPool
    from PySide6.QtWidgets import QApplication

    from omsdesk.db import open_database
    from omsdesk.ui.context import AppContext
    from omsdesk.ui.i18n import install_translator
    from omsdesk.ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("omsdesk-screenshots")
    app = QApplication.instance() or QApplication(sys.argv)
    install_translator(app, language)
    ctx = AppContext(open_database(url), Actor(user="ana", workstation="mostrador-1"))
    ctx.settings["language"] = language
    window = MainWindow(ctx)
    window.resize(*size)
    window.show()
    out.mkdir(parents=True, exist_ok=True)

    def settle(seconds: float = 0.6) -> None:
        # Let workers finish and their results paint; charts and tables fill asynchronously.
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or QThreadPool.globalInstance().activeThreadCount():
            app.processEvents()
            time.sleep(0.01)
            if time.perf_counter() > end + 30:
                break

    from omsdesk.queries.stock import stock_rows

    with ctx.db.read() as s:
        skus = [row.sku for row in stock_rows(s, limit=12)][::4]
    written = []
    for key in VIEWS:
        view = window.show_view(key)
        settle()
        _prepare(key, view, settle, skus)
        path = out / f"{key}.png"
        window.grab().save(str(path))
        written.append(path.name)
    print("wrote " + ", ".join(written) + f" to {out}")
    ctx.pool.waitForDone(30_000)
    if window.live is not None:
        window.live.stop()
    window.close()
    return 0


def _prepare(key: str, view: object, settle: Callable[[], None], skus: list[str]) -> None:
    """Put each view in the state a clerk would see mid-task: a row chosen, a sale, a wave."""
    widget = {"orders": "table", "inventory": "table", "customers": "list"}.get(key)
    table = getattr(view, widget, None) if widget else None
    if table is not None:
        table.selectRow(3 if key == "orders" else 1)
        settle()
    scan, add = getattr(view, "scan", None), getattr(view, "add_scanned", None)
    if key == "counter" and scan is not None and callable(add):
        for code in (skus[0], f"2*{skus[1]}", skus[2]):
            scan.setText(code)
            add()
        settle()
    load_wave, start = getattr(view, "load_wave", None), getattr(view, "start_picking", None)
    if key == "pickpack" and callable(load_wave):
        load_wave()
        settle()
        if callable(start):
            start()
            settle()


if __name__ == "__main__":
    sys.exit(main())
