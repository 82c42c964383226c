"""Catalogue services: products, warehouses and customers as the CLI and Settings create them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import ConflictError, Product, ValidationError, Warehouse
from omsdesk.models.money import check_currency
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.validation import country_code, non_negative_int, valid_ean


@dataclass(frozen=True)
class ProductInput:
    sku: str
    name: str
    price: int
    currency: str = "EUR"
    tax_rate_bp: int = 2100
    ean: str | None = None
    weight_g: int = 0
    stock_tracked: bool = True


def add_product(db: Database, data: ProductInput, *, actor: Actor) -> int:
    """Create a product after checking SKU, EAN, price and tax rate."""
    with db.write() as s:
        return add_product_in(s, data, actor=actor)


def add_product_in(session: Session, data: ProductInput, *, actor: Actor) -> int:
    sku = data.sku.strip()
    if not sku or any(c.isspace() for c in sku):
        raise ValidationError(f"SKU '{data.sku}' must be non-empty and without spaces")
    if not data.name.strip():
        raise ValidationError(f"product {sku} needs a name")
    non_negative_int(data.price, f"price of {sku}")
    non_negative_int(data.tax_rate_bp, f"tax rate of {sku}")
    non_negative_int(data.weight_g, f"weight of {sku}")
    check_currency(data.currency)
    ean = valid_ean(data.ean)
    if session.scalar(select(Product.id).where(Product.sku == sku)) is not None:
        raise ConflictError(f"SKU {sku} already exists")
    if ean and session.scalar(select(Product.sku).where(Product.ean == ean)) is not None:
        raise ConflictError(f"EAN {ean} already belongs to another product")
    product = Product(sku=sku, name=data.name.strip(), price=data.price, currency=data.currency,
                      tax_rate_bp=data.tax_rate_bp, ean=ean, weight_g=data.weight_g,
                      stock_tracked=data.stock_tracked)
    session.add(product)
    session.flush()
    audit.record(session, actor, entity="product", entity_id=product.id, reference=sku, action="create")
    return product.id


def add_warehouse(db: Database, code: str, name: str, *, actor: Actor, city: str = "",
                  postcode: str = "", country: str = "ES", latitude: float | None = None,
                  longitude: float | None = None, priority: int = 100) -> int:
    """Create a warehouse; codes are short and unique (MAD, BCN)."""
    code = code.strip().upper()
    if not code or len(code) > 16 or not code.replace("-", "").isalnum():
        raise ValidationError(f"warehouse code '{code}' must be 1-16 letters or digits")
    with db.write() as s:
        if s.scalar(select(Warehouse.id).where(Warehouse.code == code)) is not None:
            raise ConflictError(f"warehouse {code} already exists")
        wh = Warehouse(code=code, name=name.strip() or code, city=city, postcode=postcode,
                       country=country_code(country), latitude=latitude, longitude=longitude,
                       priority=priority)
        s.add(wh)
        s.flush()
        audit.record(s, actor, entity="warehouse", entity_id=wh.id, reference=code, action="create")
        return wh.id
