"""`omsdesk sync --once` against the fault shop: each bad order quarantined, exit 0, counted."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from omsdesk.cli import main
from omsdesk.db import Database
from tests.conftest import MemoryKeyring
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.woo_fault_shop import KEY, SECRET, FaultyWooShop
from tests.integration.sync.test_bad_shop_orders import BAD_PAGE, SKU, held_as


@pytest.fixture
def faulty_shop() -> Iterator[FaultyWooShop]:
    with FaultyWooShop() as shop:
        assert isinstance(shop, FaultyWooShop)
        yield shop


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: Database,
        *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--db", db.url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sync_once_quarantines_each_bad_order_and_exits_0(
        db: Database, faulty_shop: FaultyWooShop, memory_keyring: MemoryKeyring,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    store = Shop(db, ACTOR)
    store.warehouses(("MAD",))
    store.product(SKU, price=1210)
    store.stock(SKU, 100)
    faulty_shop.add(*(order for order, _ in BAD_PAGE.values()))
    code, _, err = cli(capsys, monkeypatch, db, "channels", "add", "--type", "woocommerce",
                       "--name", "Woo", "--url", faulty_shop.url, stdin=f"{KEY}:{SECRET}\n")
    assert code == 0, err
    code, out, err = cli(capsys, monkeypatch, db, "sync", "--once", "--channel", "woo", "--json")
    assert code == 0, err
    assert "Traceback" not in err
    pull = json.loads(out)[0]
    bad = [i for i, (_, why) in BAD_PAGE.items() if why is not None]
    assert (pull["job"], pull["status"]) == ("pull_orders", "ok")
    assert pull["counts"]["created"] == len(BAD_PAGE) - len(bad)
    assert pull["counts"]["quarantined"] == len(bad)
    code, out, _ = cli(capsys, monkeypatch, db, "channels", "quarantine", "--json")
    held = {str(e["external_id"]): e["reason"] for e in json.loads(out)}
    assert sorted(held) == sorted(held_as(i) for i in bad)
    assert all(held[held_as(i)] for i in bad)  # each with its reason
