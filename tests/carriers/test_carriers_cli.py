"""`omsdesk carriers` and `omsdesk shipments`: from pack to delivered without typing a tracking number."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from omsdesk.carriers.labels import label_kind
from omsdesk.db import Database
from omsdesk.services.customers import AddressInput
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from tests.carriers.conftest import SECRETS, server_url
from tests.e2e.test_cli import Cli, cli, shop_template  # noqa: F401 (fixtures)
from tests.fixtures.database import ACTOR

DELIVERED = {"sendcloud": "delivered", "correos": "Entregado"}


def _picked_order(cli: Cli) -> str:  # noqa: F811
    db = Database(cli.url)
    try:
        ref = create_order(db, OrderInput(
            lines=(LineInput(sku="MUG-01", qty=1),), customer=CustomerInput(name="Ana Ruiz", email="ana@example.es"),
            ship_to=AddressInput(name="Ana Ruiz", line1="Calle Sierpes 4", city="Sevilla", postcode="41004")),
            actor=ACTOR).reference
        order_svc.pay_order(db, ref, actor=ACTOR)
        allocate_order(db, ref, actor=ACTOR)
        order_svc.pick_order(db, ref, actor=ACTOR)
    finally:
        db.dispose()
    return ref


def _json(cli: Cli, *args: str) -> Any:  # noqa: F811
    code, out, err = cli.run_here(*args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("kind", ["sendcloud", "correos"])
def test_pack_books_and_tracking_delivers_through_the_cli(cli: Cli, carrier_servers: dict[str, Any],  # noqa: F811
                                                           kind: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    server = carrier_servers[kind]
    server.reset()
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRETS[kind] + "\n"))
    code, out, err = cli.run_here("carriers", "add", "--type", kind, "--name", "main", "--url", server_url(kind, server))
    assert code == 0 and "the default" in out, err
    assert SECRETS[kind] not in out + err
    assert [a["name"] for a in _json(cli, "carriers", "list")] == ["main"]
    ref = _picked_order(cli)
    # The products of the test shop have no weight: packed, and the booking says why not.
    code, out, err = cli.run_here("orders", "pack", ref)
    assert code == 0 and f"{ref}: packed" in out
    assert "packed, not booked: weight missing" in err
    [row] = _json(cli, "shipments", "book", ref, "--weight", "900")
    assert row["error"] == "" and row["tracking"] and row["label_format"] == "pdf"
    label = tmp_path / "label.pdf"
    code, out, err = cli.run_here("shipments", "label", ref, "--out", str(label))
    assert code == 0 and label_kind(label.read_bytes()) == "pdf"
    # Booked already: booking again books nothing more.
    booked = server.booked
    code, _out, err = cli.run_here("shipments", "book", ref)
    assert code == 1 and "no packed parcel waiting for a carrier label" in err
    assert server.booked == booked
    code, out, err = cli.run_here("orders", "ship", ref)
    assert code == 0, err
    server.scan(row["tracking"], DELIVERED[kind], datetime.now(UTC))
    tracked = _json(cli, "shipments", "track")
    assert tracked["delivered"] == [ref]
    assert [(p["reference"], p["status"]) for p in tracked["parcels"]] == [(ref, "delivered")]
    assert _json(cli, "orders", "show", ref)["status"] == "delivered"


def test_bad_input_is_refused_in_one_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr("sys.stdin", io.StringIO("no-colon-here\n"))
    assert "KEY:SECRET" in cli.refused_here("carriers", "add", "--type", "sendcloud", "--name", "x")
    monkeypatch.setattr("sys.stdin", io.StringIO("a:b\n"))
    assert "no carrier of type 'dhl'" in cli.refused_here("carriers", "add", "--type", "dhl", "--name", "x")
    assert "no carrier named 'nope'" in cli.refused_here("carriers", "remove", "nope")
    code, _out, err = cli.run_here("shipments", "book", "SO-1", "--weight", "0")
    assert code == 2 and "1 to 1,000,000 grams" in err
    code, _out, err = cli.run_here("shipments", "label", "SO-1")
    assert code == 2


def test_a_label_is_cancelled_and_booked_again_through_the_cli(cli: Cli, carrier_servers: dict[str, Any],  # noqa: F811
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    server = carrier_servers["sendcloud"]
    server.reset()
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRETS["sendcloud"] + "\n"))
    assert cli.run_here("carriers", "add", "--type", "sendcloud", "--name", "sc", "--url",
                        server_url("sendcloud", server))[0] == 0
    ref = _picked_order(cli)
    cli.run_here("orders", "pack", ref)
    [first] = _json(cli, "shipments", "book", ref, "--weight", "900")
    code, out, err = cli.run_here("shipments", "cancel", ref)
    assert code == 0, err
    assert f"label correos {first['tracking']} cancelled" in out and f"shipments book {ref}" in out
    assert "no carrier label to cancel" in cli.refused_here("shipments", "cancel", ref)
    [again] = _json(cli, "shipments", "book", ref)
    assert again["tracking"] and again["tracking"] != first["tracking"]
    assert cli.run_here("orders", "ship", ref)[0] == 0
    assert "handed to the carrier" in cli.refused_here("shipments", "cancel", ref, "--parcel", str(again["parcel"]))
