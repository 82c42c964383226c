"""Changing an order's ship-to address and notes: the service's rules, its audit, and `orders edit`."""

from __future__ import annotations

import io
import json

import pytest

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.models import IllegalTransition, ValidationError
from omsdesk.queries.order_detail import order_detail
from omsdesk.services.customers import AddressInput
from omsdesk.services.fulfilment import shipping
from omsdesk.services.fulfilment.order_edit import OrderEdit, edit_order
from tests.fixtures.database import ACTOR, Shop

NEW_ADDRESS = AddressInput(name="Lucía Fernández", line1="Calle Mayor 5", line2="3º B", city="Zaragoza",
                           postcode="50001", province="Zaragoza", country="ES")


def _detail(db: Database, ref: str):  # type: ignore[no-untyped-def]
    with db.read() as s:
        return order_detail(s, ref)


def test_address_and_notes_change_and_the_audit_keeps_the_old_address(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order_at("allocated", {sku: 1})
    edit_order(shop.db, ref, OrderEdit(ship_to=AddressInput(name="", line1="Gran Vía 1", city="Madrid",
                                                            postcode="28013")), actor=ACTOR)
    state = edit_order(shop.db, ref, OrderEdit(ship_to=NEW_ADDRESS, notes="  Llamar antes de entregar ",
                                               reason="customer phoned"), actor=ACTOR)
    assert state.message == "changed: address, notes"
    d = _detail(shop.db, ref)
    assert d.ship_to == {"name": "Lucía Fernández", "line1": "Calle Mayor 5", "line2": "3º B", "city": "Zaragoza",
                         "postcode": "50001", "province": "Zaragoza", "country": "ES"}
    assert d.notes == "Llamar antes de entregar"
    edits = [(a.action, a.reason, a.user) for a in d.audit if a.action.startswith("edit_")]
    assert ("edit_address", "was: Lucía Fernández, Gran Vía 1, 28013 Madrid, ES; customer phoned",
            ACTOR.user) in edits
    assert ("edit_notes", "customer phoned", ACTOR.user) in edits
    # The same values again change nothing and write no audit row.
    again = edit_order(shop.db, ref, OrderEdit(ship_to=NEW_ADDRESS, notes="Llamar antes de entregar"),
                       actor=ACTOR)
    assert again.message == "nothing changed"
    assert len([a for a in _detail(shop.db, ref).audit if a.action.startswith("edit_")]) == len(edits)


def test_bad_address_is_refused_and_nothing_changes(shop: Shop) -> None:
    sku = shop.product()
    ref = shop.order({sku: 1})
    before = _detail(shop.db, ref).ship_to
    with pytest.raises(ValidationError, match="not a Spanish postcode"):
        edit_order(shop.db, ref, OrderEdit(ship_to=AddressInput(line1="Calle Mayor 5", city="Zaragoza",
                                                                postcode="5001")), actor=ACTOR)
    with pytest.raises(ValidationError, match="needs a street"):
        edit_order(shop.db, ref, OrderEdit(ship_to=AddressInput(line1="", city="Zaragoza", postcode="50001")),
                   actor=ACTOR)
    with pytest.raises(ValidationError, match="nothing to change"):
        edit_order(shop.db, ref, OrderEdit(), actor=ACTOR)
    with pytest.raises(ValidationError, match="limited to 4000"):
        edit_order(shop.db, ref, OrderEdit(notes="x" * 4001), actor=ACTOR)
    assert _detail(shop.db, ref).ship_to == before


def test_address_is_locked_once_shipped_or_labelled_but_notes_are_not(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 1, "MAD")
    shop.stock(sku, 1, "BCN")
    shipped = shop.order_at("shipped", {sku: 1})
    with pytest.raises(IllegalTransition, match="its address can no longer change"):
        edit_order(shop.db, shipped, OrderEdit(ship_to=NEW_ADDRESS), actor=ACTOR)
    assert edit_order(shop.db, shipped, OrderEdit(notes="left at the door"), actor=ACTOR).message == \
        "changed: notes"
    cancelled = shop.order_at("cancelled", {sku: 1})
    with pytest.raises(IllegalTransition):
        edit_order(shop.db, cancelled, OrderEdit(ship_to=NEW_ADDRESS), actor=ACTOR)
    # A split order with one parcel gone: the rest may still be redirected.
    shop.stock(sku, 1, "MAD")
    split = shop.order_at("packed", {sku: 2})
    shipping.ship_order(shop.db, split, actor=ACTOR, warehouse="MAD", tracking="S-1")
    assert edit_order(shop.db, split, OrderEdit(ship_to=NEW_ADDRESS), actor=ACTOR).message == "changed: address"


def test_orders_edit_cli_changes_some_fields_and_keeps_the_rest(
        db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    shop = Shop(db)
    sku = shop.product()
    ref = shop.order({sku: 1})
    edit_order(db, ref, OrderEdit(ship_to=NEW_ADDRESS), actor=ACTOR)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["--db", db.url, "orders", "edit", ref, "--ship-line1", "Paseo de la Independencia 2",
                 "--ship-postcode", "50004", "--notes", "Portería", "--reason", "by phone", "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert json.loads(out.out) == {"reference": ref, "status": "new", "message": "changed: address, notes"}
    d = _detail(db, ref)
    assert (d.ship_to["line1"], d.ship_to["postcode"], d.ship_to["city"], d.ship_to["line2"], d.notes) == \
        ("Paseo de la Independencia 2", "50004", "Zaragoza", "3º B", "Portería")
    code = main(["--db", db.url, "orders", "edit", ref, "--ship-postcode", "ABC"])
    err = capsys.readouterr().err
    assert code != 0 and "not a Spanish postcode" in err
    assert _detail(db, ref).ship_to["postcode"] == "50004"
