"""The example plug-in, installed for real next to omsdesk, is a channel type like the built-in ones.

pip installs the package into a scratch folder (as a user would into omsdesk's environment); a
fresh omsdesk process on that path lists `jsonfeed` in `channels add --type`, adds a channel of
it (token from stdin into the keyring), and `sync --once` imports the feed's orders and pushes
stock back, without any change to omsdesk.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from omsdesk.db import open_database
from omsdesk.models import Channel, Order
from tests.fixtures.database import Shop

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TOKEN = "feed-token-7c1d"
ORDERS = [
    {"id": "F-1001", "number": "1001", "created_at": "2026-12-01T09:30:00Z", "email": "marta@example.es",
     "ship_to": {"name": "Marta Ruiz", "line1": "Calle Alcalá 10", "city": "Madrid", "postcode": "28014"},
     "lines": [{"sku": "MUG-01", "qty": 2, "price": 1210}], "total": 2420, "paid": True},
    {"id": "F-1002", "number": "1002", "created_at": "2026-12-01T10:00:00Z", "email": "jon@example.es",
     "ship_to": {"name": "Jon Etxeberria", "line1": "Gran Vía 2", "city": "Bilbao", "postcode": "48001"},
     "lines": [{"sku": "MUG-01", "qty": 1, "price": 1210}], "total": 1210, "paid": True},
]


class Feed(ThreadingHTTPServer):
    """The JSON feed of README.md: GET /orders?since=, POST /stock and /fulfillments, bearer token."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stock: list[dict[str, Any]] = []
        self.unauthorised = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: Feed

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        return

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {TOKEN}":
            return True
        self.server.unauthorised += 1
        self._send(401, {"error": "bad token"})
        return False

    def _send(self, code: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self._authorised():
            self._send(200, {"orders": ORDERS, "cursor": "2026-12-01T10:00:00Z", "more": False})

    def do_POST(self) -> None:  # noqa: N802
        if not self._authorised():
            return
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"null")
        if self.path.startswith("/stock"):
            self.server.stock.extend(body)
        self._send(200, {"unknown": []})


@pytest.fixture
def feed() -> Iterator[Feed]:
    server = Feed()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.real_keyring
def test_installed_plug_in_is_a_channel_type_and_syncs(tmp_path: Path, feed: Feed) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--target", str(site), str(HERE)], check=True, capture_output=True,
                   cwd=tmp_path)
    assert list(site.glob("omsdesk_example_connector-*.dist-info"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMSDESK_")}
    env.update(PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]), OMSDESK_CONFIG_DIR=str(tmp_path / "config"),
               QT_QPA_PLATFORM="offscreen")
    db = f"sqlite:///{tmp_path / 'shop.sqlite3'}"

    def omsdesk(*args: str, stdin: str = "") -> str:
        done = subprocess.run([sys.executable, "-m", "omsdesk", "--db", db, *args], input=stdin, text=True,
                              capture_output=True, env=env, cwd=tmp_path, timeout=120)
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
        return done.stdout

    # The shop is set up through omsdesk's services (fast); only what the plug-in changes runs as
    # a fresh omsdesk process that discovers it.
    shop_db = open_database(db)
    try:
        shop = Shop(shop_db)
        shop.warehouses(("MAD",))
        shop.product("MUG-01", price=1210)
        shop.stock("MUG-01", 20, "MAD")
    finally:
        shop_db.dispose()
    omsdesk("channels", "add", "--type", "jsonfeed", "--name", "Feed", "--url", feed.url, stdin=TOKEN + "\n")
    omsdesk("sync", "--once")
    omsdesk("sync", "--once")  # the same feed again: nothing twice
    check = open_database(db)
    try:
        with check.read() as s:
            kind = s.scalar(select(Channel.kind).where(Channel.code == "feed"))
            orders = s.execute(select(Order.external_id, Order.total).join(Channel, Channel.id == Order.channel_id)
                               .where(Channel.code == "feed").order_by(Order.external_id)).all()
    finally:
        check.dispose()
    assert kind == "jsonfeed"
    assert [tuple(o) for o in orders] == [("F-1001", 2420), ("F-1002", 1210)]
    assert feed.unauthorised == 0
    assert any(p["sku"] == "MUG-01" for p in feed.stock), feed.stock


def test_the_settings_dropdown_and_the_sync_take_plug_in_types_from_the_entry_points(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.services.channels import kinds

    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--target", str(site), str(HERE)], check=True, capture_output=True, cwd=tmp_path)
    monkeypatch.syspath_prepend(str(site))
    kinds.shop_kinds.cache_clear()
    try:
        assert kinds.shop_kinds()[:len(kinds.BUILTIN_SHOP_KINDS)] == kinds.BUILTIN_SHOP_KINDS and "jsonfeed" in kinds.shop_kinds()
        assert kinds.takes_updates_back("jsonfeed") and "jsonfeed" in kinds.sync_kinds()
    finally:
        kinds.shop_kinds.cache_clear()
