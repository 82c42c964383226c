"""Returns (RMA): back to the parcel's warehouse, a disposition per line, refund due and a credit note proposed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from omsdesk.models import Shipment, StockLevel, ValidationError
from omsdesk.models.returns import ReturnAuthorization, ReturnLine
from omsdesk.queries.order_detail import order_detail
from omsdesk.queries.stock import stock_for_sku
from omsdesk.services.fulfilment import returns, shipping
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.issue import issue_invoice
from tests.fixtures.database import ACTOR, Shop, ledger_problems

YEAR = datetime.now(UTC).year


def _split_and_shipped(shop: Shop) -> tuple[str, str, str, dict[str, int]]:
    """An order of 3 TAZ + 1 CAF reserved 2+1 in MAD and 1 TAZ in BCN, shipped as two parcels."""
    taz, caf = shop.product(price=1000), shop.product(price=500)
    shop.stock(taz, 2, "MAD")
    shop.stock(caf, 1, "MAD")
    shop.stock(taz, 1, "BCN")
    ref = shop.order_at("packed", {taz: 3, caf: 1})
    shipping.ship_order(shop.db, ref, actor=ACTOR, warehouse="MAD", tracking="S-MAD")
    shipping.ship_order(shop.db, ref, actor=ACTOR, warehouse="BCN", tracking="S-BCN")
    with shop.db.read() as s:
        parcels = {code: sid for sid, code in s.execute(
            select(Shipment.id, Shipment.tracking).where(Shipment.tracking.in_(["S-MAD", "S-BCN"])))}
    return ref, taz, caf, {"MAD": parcels["S-MAD"], "BCN": parcels["S-BCN"]}


def _damaged(shop: Shop, sku: str, wh: str) -> int:
    with shop.db.read() as s:
        return next(r.damaged for r in stock_for_sku(s, sku) if r.warehouse == wh)


def test_a_return_goes_back_to_the_warehouse_of_its_parcel_with_an_rma(shop: Shop) -> None:
    ref, taz, _caf, parcel = _split_and_shipped(shop)

    res = returns.return_order(shop.db, ref, actor=ACTOR, reason="llegó roto", quantities={taz: 1},
                               shipment_id=parcel["BCN"])

    assert res.rma == f"RMA-{YEAR}-000001"
    assert res.warehouses == ("BCN",)
    assert shop.level(taz, "BCN") == (1, 0) and shop.level(taz, "MAD") == (0, 0)
    with shop.db.read() as s:
        rma = s.scalar(select(ReturnAuthorization).where(ReturnAuthorization.reference == res.rma))
        assert rma is not None and rma.shipment_id == parcel["BCN"] and rma.reason == "llegó roto"
        assert [(ln.qty, ln.disposition) for ln in rma.lines] == [(1, "restock")]
    assert res.refund_due == 1000  # one returned unit of a paid order
    assert ledger_problems(shop.db) == []


def test_each_line_has_its_disposition_restock_damaged_or_scrap(shop: Shop) -> None:
    ref, taz, caf, parcel = _split_and_shipped(shop)

    returns.return_order(shop.db, ref, actor=ACTOR, reason="mixed", quantities={taz: 2, caf: 1},
                         dispositions={taz: "damaged", caf: "scrap"}, shipment_id=parcel["MAD"])

    # Neither is sellable: on hand is unchanged, damaged units are counted apart, scrap is gone.
    assert shop.level(taz, "MAD") == (0, 0) and shop.level(caf, "MAD") == (0, 0)
    assert _damaged(shop, taz, "MAD") == 2
    assert [m for m in shop.moves(taz) if m[1] in ("return", "damaged")] == [
        ("MAD", "return", 2), ("MAD", "damaged", -2)]
    assert [m for m in shop.moves(caf) if m[1] in ("return", "scrap")] == [("MAD", "return", 1), ("MAD", "scrap", -1)]
    assert ledger_problems(shop.db) == []


def test_an_invoiced_return_proposes_the_credit_note(shop: Shop) -> None:
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")
    ref, taz, _caf, parcel = _split_and_shipped(shop)
    number = issue_invoice(shop.db, ref, actor=ACTOR).number
    res = returns.return_order(shop.db, ref, actor=ACTOR, quantities={taz: 2}, shipment_id=parcel["MAD"])
    assert res.credit_note == f"omsdesk invoices credit {number} --line {taz}:2 --reason R4"
    with shop.db.read() as s:
        assert order_detail(s, ref).refund_due == 2000


def test_returning_more_than_the_parcel_holds_or_another_orders_parcel_is_refused(shop: Shop) -> None:
    ref, taz, _caf, parcel = _split_and_shipped(shop)
    before = shop.snapshot()
    with pytest.raises(ValidationError, match=f"cannot return 2 x {taz} on {ref}: more than was shipped"):
        returns.return_order(shop.db, ref, actor=ACTOR, quantities={taz: 2}, shipment_id=parcel["BCN"])
    with pytest.raises(ValidationError, match="is not a parcel of order"):
        returns.return_order(shop.db, ref, actor=ACTOR, shipment_id=parcel["BCN"] + 1000)
    with pytest.raises(ValidationError, match="disposition of .* must be restock, damaged or scrap"):
        returns.return_order(shop.db, ref, actor=ACTOR, quantities={taz: 1}, dispositions={taz: "lost"})
    assert shop.snapshot() == before
    with shop.db.read() as s:
        assert s.scalar(select(ReturnLine.id).limit(1)) is None
        assert s.scalar(select(StockLevel.damaged).where(StockLevel.damaged > 0).limit(1)) is None


def test_a_second_return_of_the_same_parcel_only_takes_what_is_left(shop: Shop) -> None:
    ref, taz, _caf, parcel = _split_and_shipped(shop)
    first = returns.return_order(shop.db, ref, actor=ACTOR, quantities={taz: 1}, shipment_id=parcel["MAD"])
    second = returns.return_order(shop.db, ref, actor=ACTOR, quantities={taz: 1}, shipment_id=parcel["MAD"])
    assert (first.rma, second.rma) == (f"RMA-{YEAR}-000001", f"RMA-{YEAR}-000002")
    with pytest.raises(ValidationError, match="more than was shipped"):
        returns.return_order(shop.db, ref, actor=ACTOR, quantities={taz: 1}, shipment_id=parcel["MAD"])
    # Without a parcel named, the rest comes from wherever is left: the BCN parcel.
    assert returns.return_order(shop.db, ref, actor=ACTOR, quantities={taz: 1}).warehouses == ("BCN",)
