"""Counter sale service on SQLite and PostgreSQL: one transaction from basket to delivered and invoiced."""

from __future__ import annotations

import pytest

from omsdesk.models import InsufficientStock, ValidationError
from omsdesk.services.counter import CounterSale, SaleLine, find_product, receipt_doc, sell
from omsdesk.services.invoicing.company import set_company
from tests.fixtures.database import ACTOR, Shop, ledger_problems


def test_sale_is_paid_delivered_invoiced_and_takes_stock_from_the_shop_only(shop: Shop) -> None:
    shop.product("MUG-01", price=1210)
    shop.stock("MUG-01", 5, "MAD")
    shop.stock("MUG-01", 5, "BCN")
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674")
    result = sell(shop.db, CounterSale((SaleLine("MUG-01", 2, discount=20),), "cash", "BCN",
                                       tendered=5000), actor=ACTOR)
    assert (result.total, result.change) == (2400, 2600)
    assert shop.status(result.reference) == "delivered"
    assert (shop.level("MUG-01", "MAD"), shop.level("MUG-01", "BCN")) == ((5, 0), (3, 0))
    assert result.invoice_number is not None and result.invoice_number.startswith("T")
    doc = receipt_doc(shop.db, result.reference)
    assert (doc.kind, doc.number, doc.total) == ("simplified", result.invoice_number, 2400)
    assert ledger_problems(shop.db) == []


def test_short_shelf_or_short_cash_store_nothing(shop: Shop) -> None:
    shop.product("MUG-01")
    shop.stock("MUG-01", 1, "MAD")
    before = shop.snapshot()
    with pytest.raises(InsufficientStock):
        sell(shop.db, CounterSale((SaleLine("MUG-01", 2),), "card", "MAD"), actor=ACTOR)
    with pytest.raises(ValidationError, match="less than the total"):
        sell(shop.db, CounterSale((SaleLine("MUG-01", 1),), "cash", "MAD", tendered=100), actor=ACTOR)
    assert shop.snapshot() == before


def test_scan_finds_by_ean_with_shop_availability(shop: Shop) -> None:
    shop.product("MUG-01")
    shop.stock("MUG-01", 4, "MAD")
    ean = find_product(shop.db, "MUG-01", "MAD").ean
    found = find_product(shop.db, ean, "MAD")
    assert (found.sku, found.available) == ("MUG-01", 4)
    assert find_product(shop.db, ean, "SEV").available == 0
