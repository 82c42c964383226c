"""The queue's search on SQLite and PostgreSQL: folded names, order numbers without prefix, counts per status."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.demo import seed_demo
from omsdesk.models import Customer, Order
from omsdesk.models.search_keys import reference_number, search_name
from omsdesk.queries import order_search
from omsdesk.queries.customers import search_customers
from omsdesk.queries.order_page import OrderFilter
from omsdesk.queries.orders import list_orders, match_counts
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput
from tests.fixtures.database import ACTOR, Shop

LUCIA = CustomerInput(name="Lucía Fernández", email="lucia@example.es")
BEGONA = CustomerInput(name="Begoña Vázquez Gómez", email="cliente00012@example.es", phone="+34 600 112 233")
PLACED = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def _found(db: Database, text: str, **filters: object) -> list[str]:
    with db.read() as s:
        return [r.reference for r in list_orders(s, OrderFilter(search=text, **filters))]  # type: ignore[arg-type]


def _placed(shop: Shop, sku: str, n: int, customer: CustomerInput) -> list[str]:
    """`n` orders of 2026 through the batch service (the path imports take)."""
    data = [OrderInput(lines=(LineInput(sku=sku, qty=1),), channel="manual", customer=customer, placed_at=PLACED)
            for _ in range(n)]
    return [c.reference for c in place_orders(shop.db, data, actor=ACTOR)]


@pytest.fixture(params=["sparse", "dense"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a search page is read: from its few candidates, or walking the date index."""
    if request.param == "dense":
        monkeypatch.setattr(order_search, "SPARSE_LIMIT", 0)
    return str(request.param)


def test_a_name_typed_without_accents_or_capitals_finds_the_customer(shop: Shop, path: str) -> None:
    sku = shop.product()
    lucia = shop.order({sku: 1}, customer=LUCIA)
    begona = shop.order({sku: 1}, customer=BEGONA)
    assert _found(shop.db, "lucia") == [lucia]
    assert _found(shop.db, "FERNANDEZ") == [lucia]
    assert _found(shop.db, "begona vazquez") == [begona]
    assert _found(shop.db, "vazquez gomez") == [begona]
    assert _found(shop.db, "Gómez Begoña") == [begona]  # every word, in any order
    assert _found(shop.db, "lucia gomez") == []
    assert _found(shop.db, "l") == []  # one letter is in nearly every name: names need two
    assert _found(shop.db, "lu") == [lucia]


def test_an_order_number_is_found_without_its_prefix(shop: Shop, path: str) -> None:
    sku = shop.product()
    refs = _placed(shop, sku, 12, LUCIA)
    assert refs[-1] == "SO-2026-000012"
    for typed in ("12", "000012", "2026-000012", "2026-12", "2026000012", "so-2026-000012"):
        assert _found(shop.db, typed) == ["SO-2026-000012"], typed
    assert _found(shop.db, "2025-000012") == []
    assert _found(shop.db, "2") == ["SO-2026-000002"]  # the number, not every number ending in 2


def test_digits_are_an_order_number_not_a_piece_of_an_email(shop: Shop, path: str) -> None:
    sku = shop.product()
    begona = shop.order({sku: 1}, customer=BEGONA)  # cliente00012@example.es
    twelfth = _placed(shop, sku, 12, LUCIA)[-2]
    assert reference_number(twelfth) == 12 and reference_number(begona) != 12
    assert _found(shop.db, "12") == [twelfth]
    assert _found(shop.db, "cliente00012") == [begona]
    # A phone number is still found from six digits on.
    assert _found(shop.db, "112 233") == [begona]


def test_counts_per_status_cover_every_status_whatever_tab_is_shown(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 10)
    shipped = [shop.order_at("shipped", {sku: 1}, customer=LUCIA) for _ in range(2)]
    new = shop.order({sku: 1}, customer=LUCIA)
    shop.order_at("shipped", {sku: 1}, customer=BEGONA)
    with shop.db.read() as s:
        counts = match_counts(s, OrderFilter(status="packed", search="lucia"))
        by_channel = match_counts(s, OrderFilter(search="lucia", channel="web"))
        # Her email finds her orders twice over (on the order, on her customer row): counted once.
        by_email = match_counts(s, OrderFilter(search="lucia@example.es"))
    assert by_email.by_status == {"shipped": 2, "new": 1}
    assert counts.complete
    assert counts.by_status == {"shipped": 2, "new": 1}
    assert counts.total == 3
    assert by_channel.by_status == {}  # the other filters still apply
    assert _found(shop.db, "lucia", status="packed") == []
    assert sorted(_found(shop.db, "lucia", status="shipped")) == sorted(shipped)
    assert _found(shop.db, "lucia", status="new") == [new]


def test_too_many_matches_are_not_counted(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    sku = shop.product()
    _placed(shop, sku, 3, LUCIA)
    monkeypatch.setattr(order_search, "COUNT_LIMIT", 2)
    with shop.db.read() as s:
        counts = match_counts(s, OrderFilter(search="lucia"))
    assert not counts.complete
    assert counts.by_status == {}


def test_every_writer_stores_the_search_keys(shop: Shop) -> None:
    sku = shop.product()
    shop.order({sku: 1}, customer=LUCIA)  # one order, through the ORM
    _placed(shop, sku, 2, BEGONA)  # a batch, through Core inserts
    with shop.db.read() as s:
        orders = s.execute(select(Order.reference, Order.customer_name, Order.customer_email,
                                  Order.search_name, Order.ref_number)).all()
        customers = s.execute(select(Customer.name, Customer.email, Customer.search_name)).all()
    assert len(orders) == 3
    for ref, name, email, key, number in orders:
        assert (key, number) == (search_name(name, email), reference_number(ref))
    assert {c[2] for c in customers} == {"lucia fernandez lucia@example.es",
                                         "begona vazquez gomez cliente00012@example.es"}


def test_the_demo_seed_stores_the_search_keys(db: Database) -> None:
    seed_demo(db, orders=300, products=20, customers=30, seed=5)
    with db.read() as s:
        orders = s.execute(select(Order.reference, Order.customer_name, Order.customer_email,
                                  Order.search_name, Order.ref_number)).all()
        customers = s.execute(select(Customer.name, Customer.email, Customer.search_name)).all()
    assert len(orders) == 300
    assert all((o[3], o[4]) == (search_name(o[1], o[2]), reference_number(o[0])) for o in orders)
    assert all(c[2] == search_name(c[0], c[1]) for c in customers)


def test_the_customers_search_ignores_accents_and_capitals(shop: Shop) -> None:
    sku = shop.product()
    shop.order({sku: 1}, customer=LUCIA)
    shop.order({sku: 1}, customer=CustomerInput(name="Ferretería Gil, S.L.", email="gil@example.es",
                                                tax_id="B12345674"))
    with shop.db.read() as s:
        assert [c.name for c in search_customers(s, "lucia")] == ["Lucía Fernández"]
        assert [c.name for c in search_customers(s, "FERRETERIA gil")] == ["Ferretería Gil, S.L."]
        assert [c.name for c in search_customers(s, "Fernández")] == ["Lucía Fernández"]
        assert [c.name for c in search_customers(s, "b12345674")] == ["Ferretería Gil, S.L."]
        assert search_customers(s, "lucia gil") == []
