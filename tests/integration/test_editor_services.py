"""The services behind the editors: customers, product changes and bins, price overrides on keyed-in orders."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from omsdesk.models import AuditEntry, ConflictError, Customer, Order, ValidationError
from omsdesk.queries.products import product_by_code, product_detail, search_products
from omsdesk.services.catalog import ProductChanges, update_product
from omsdesk.services.customers import AddressInput, CustomerFields, add_customer, update_customer
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from tests.fixtures.database import ACTOR, Shop

ANA = CustomerInput(name="Ana Muñoz", email="ana@example.es")
MADRID = AddressInput(line1="Calle Mayor 1", city="Madrid", postcode="28013", province="Madrid")


def _customers(shop: Shop) -> int:
    with shop.db.read() as s:
        return s.scalar(select(func.count()).select_from(Customer)) or 0


def _audit(shop: Shop, entity: str, action: str) -> list[str]:
    with shop.db.read() as s:
        return list(s.scalars(select(AuditEntry.reason).where(AuditEntry.entity == entity,
                                                              AuditEntry.action == action)))


def test_a_customer_is_created_with_normalised_tax_id_addresses_terms_and_an_audit_row(shop: Shop) -> None:
    saved = add_customer(shop.db, CustomerFields(
        name=" Ferretería Gil, S.L. ", email="Compras@Gil.es", phone="+34 600 000 001", tax_id="b-12345674",
        language="es", billing=MADRID, shipping=AddressInput(line1="Polígono Sur 4", city="Getafe",
                                                             postcode="28906"),
        terms="net30", credit_limit=150000), actor=ACTOR)
    assert (saved.name, saved.tax_id, saved.terms, saved.created) == ("Ferretería Gil, S.L.", "B12345674",
                                                                       "net30", True)
    with shop.db.read() as s:
        c = s.get(Customer, saved.id)
        assert c is not None
        assert (c.email, c.credit_limit) == ("compras@gil.es", 150000)
        assert sorted((a.kind, a.city, a.name) for a in c.addresses) == [
            ("billing", "Madrid", ""), ("shipping", "Getafe", "")]
    assert len(_audit(shop, "customer", "create")) == 1


def test_an_invalid_nif_is_refused_with_the_reason_and_nothing_is_written(shop: Shop) -> None:
    with pytest.raises(ValidationError, match="invalid tax id '12345678A'"):
        add_customer(shop.db, CustomerFields(name="Ana", tax_id="12345678A"), actor=ACTOR)
    assert _customers(shop) == 0


def test_net_terms_without_a_tax_id_are_refused_for_a_new_customer(shop: Shop) -> None:
    with pytest.raises(ValidationError, match="has no tax id"):
        add_customer(shop.db, CustomerFields(name="Ana", terms="net30"), actor=ACTOR)
    assert _customers(shop) == 0


@pytest.mark.parametrize(("address", "message"), [
    (AddressInput(line1="Calle Mayor 1", city="Madrid", postcode="2801"), "not a Spanish postcode"),
    (AddressInput(line1="Calle Mayor 1", postcode="28013"), "needs a city"),
    (AddressInput(line1="Rue 1", city="Paris", postcode="75001", country="XX"), "unknown country code"),
])
def test_an_incomplete_address_is_refused(shop: Shop, address: AddressInput, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        add_customer(shop.db, CustomerFields(name="Ana", shipping=address), actor=ACTOR)
    assert _customers(shop) == 0


def test_a_tax_id_or_email_of_another_customer_is_refused(shop: Shop) -> None:
    first = add_customer(shop.db, CustomerFields(name="Gil", tax_id="B12345674", email="gil@example.es"),
                         actor=ACTOR)
    second = add_customer(shop.db, CustomerFields(name="Ana"), actor=ACTOR)
    with pytest.raises(ConflictError, match=f"already belongs to customer {first.id}"):
        update_customer(shop.db, second.id, CustomerFields(tax_id="B-12345674"), actor=ACTOR)
    with pytest.raises(ConflictError, match="email gil@example.es"):
        add_customer(shop.db, CustomerFields(name="Otro", email="GIL@example.es"), actor=ACTOR)
    # Saving a customer with its own tax id again is no conflict.
    update_customer(shop.db, first.id, CustomerFields(tax_id="B12345674", name="Gil S.L."), actor=ACTOR)


def test_the_tax_id_of_a_customer_on_net_days_cannot_be_removed(shop: Shop) -> None:
    saved = add_customer(shop.db, CustomerFields(name="Gil", tax_id="B12345674", terms="net30"), actor=ACTOR)
    with pytest.raises(ValidationError, match="has no tax id"):
        update_customer(shop.db, saved.id, CustomerFields(tax_id=""), actor=ACTOR)
    with shop.db.read() as s:
        c = s.get(Customer, saved.id)
        assert c is not None and (c.tax_id, c.payment_terms) == ("B12345674", "net30")


def test_editing_changes_only_the_given_fields_and_an_empty_address_removes_it(shop: Shop) -> None:
    saved = add_customer(shop.db, CustomerFields(name="Ana", email="ana@example.es", shipping=MADRID),
                         actor=ACTOR)
    update_customer(shop.db, saved.id, CustomerFields(phone="600111222", shipping=AddressInput()), actor=ACTOR)
    with shop.db.read() as s:
        c = s.get(Customer, saved.id)
        assert c is not None
        assert (c.name, c.email, c.phone, c.addresses) == ("Ana", "ana@example.es", "600111222", [])
    reasons = _audit(shop, "customer", "update")
    assert len(reasons) == 1 and "phone" in reasons[0] and "shipping address" in reasons[0]
    assert "email" not in reasons[0]


def test_a_price_override_on_a_phone_order_needs_a_reason_and_nothing_is_written(shop: Shop) -> None:
    sku = shop.product(price=1210)
    data = OrderInput(lines=(LineInput(sku, 2, unit_price=1000),), channel="phone", customer=ANA)
    with pytest.raises(ValidationError, match="give a reason"):
        create_order(shop.db, data, actor=ACTOR)
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 0


def test_a_zero_price_override_is_refused(shop: Shop) -> None:
    sku = shop.product(price=1210)
    data = OrderInput(lines=(LineInput(sku, 1, unit_price=0, price_reason="gift"),), channel="manual")
    with pytest.raises(ValidationError, match="greater than zero"):
        create_order(shop.db, data, actor=ACTOR)


def test_a_price_override_with_a_reason_is_charged_noted_and_audited(shop: Shop) -> None:
    sku, other = shop.product(price=1210), shop.product(price=500)
    created = create_order(shop.db, OrderInput(
        lines=(LineInput(sku, 2, unit_price=1000, price_reason="price match Amazon"), LineInput(other, 1)),
        channel="phone", notes="call before 10", customer=ANA), actor=ACTOR)
    assert created.total == 2500
    with shop.db.read() as s:
        order = s.scalar(select(Order).where(Order.reference == created.reference))
        assert order is not None
        assert order.notes == (f"call before 10\nPrice override: line 1 {sku} 12.10 EUR -> 10.00 EUR: "
                               "price match Amazon")
    entries = [e for e in shop.audit(created.reference) if e.action == "price_override"]
    assert [(e.user, e.reason) for e in entries] == [
        ("tester", f"line 1 {sku} 12.10 EUR -> 10.00 EUR: price match Amazon")]


def test_a_phone_order_without_a_customer_is_refused(shop: Shop) -> None:
    sku = shop.product()
    with pytest.raises(ValidationError, match="a phone order needs a customer"):
        create_order(shop.db, OrderInput(lines=(LineInput(sku, 1),), channel="phone"), actor=ACTOR)


def test_a_new_customer_typed_on_a_phone_order_is_checked_like_in_the_editor(shop: Shop) -> None:
    sku = shop.product()
    for customer, message in ((CustomerInput(name="Ana", email="ana@"), "invalid email"),
                              (CustomerInput(name="Ana", address=AddressInput(line1="Calle Mayor 1")),
                               "needs a postcode and a city")):
        with pytest.raises(ValidationError, match=message):
            create_order(shop.db, OrderInput(lines=(LineInput(sku, 1),), channel="phone", customer=customer),
                         actor=ACTOR)
    assert _customers(shop) == 0


def test_an_imported_price_is_not_an_override(shop: Shop) -> None:
    sku = shop.product(price=1210)
    created = create_order(shop.db, OrderInput(lines=(LineInput(sku, 1, unit_price=999),), channel="csv"),
                           actor=ACTOR)
    assert created.total == 999


def test_a_product_is_edited_with_its_bins_and_audited(shop: Shop) -> None:
    sku = shop.product(price=1210)
    changed = update_product(shop.db, sku, ProductChanges(
        name="Aceite 1 l", ean="8412345678905", price=1595, tax_rate_bp=1000, weight_g=950,
        bins={"MAD": "a-01-3", "BCN": ""}), actor=ACTOR)
    assert any(c.startswith("price 1210 -> 1595") for c in changed)
    detail = product_detail_of(shop, sku)
    assert (detail.name, detail.ean, detail.price, detail.tax_rate_bp, detail.weight_g, detail.bins) == (
        "Aceite 1 l", "8412345678905", 1595, 1000, 950, {"MAD": "A-01-3"})
    assert len(_audit(shop, "product", "update")) == 1
    with shop.db.read() as s:
        assert product_by_code(s, "8412345678905") is not None
        assert [h.sku for h in search_products(s, "aceite")] == [sku]


def product_detail_of(shop: Shop, sku: str):  # type: ignore[no-untyped-def]
    with shop.db.read() as s:
        detail = product_detail(s, sku)
    assert detail is not None
    return detail


def test_a_bad_ean_check_digit_is_refused_and_nothing_changes(shop: Shop) -> None:
    sku = shop.product(price=1210)
    before = product_detail_of(shop, sku)
    with pytest.raises(ValidationError, match="invalid EAN/GTIN '8412345678901'"):
        update_product(shop.db, sku, ProductChanges(ean="8412345678901", price=1), actor=ACTOR)
    assert product_detail_of(shop, sku) == before


def test_a_product_with_stock_cannot_become_a_service(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 3)
    with pytest.raises(ValidationError, match="3 on hand"):
        update_product(shop.db, sku, ProductChanges(stock_tracked=False), actor=ACTOR)
    other = shop.product()
    with pytest.raises(ValidationError, match="has no bin"):
        update_product(shop.db, other, ProductChanges(stock_tracked=False, bins={"MAD": "A-1"}), actor=ACTOR)
    update_product(shop.db, other, ProductChanges(stock_tracked=False), actor=ACTOR)
    assert product_detail_of(shop, other).stock_tracked is False
