"""Products for editors and order entry: one product with its bins, a code lookup and a name search."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session

from omsdesk.models import Product, StockLevel, Warehouse
from omsdesk.queries.order_page import escape_like


@dataclass(frozen=True)
class ProductHit:
    """A product a clerk can put on an order line."""

    sku: str
    ean: str
    name: str
    price: int
    tax_rate_bp: int
    currency: str


@dataclass(frozen=True)
class ProductDetail:
    sku: str
    name: str
    ean: str
    price: int
    currency: str
    tax_rate_bp: int
    weight_g: int
    stock_tracked: bool
    active: bool
    bins: dict[str, str] = field(default_factory=dict)  # warehouse code -> bin


_HIT = (Product.sku, Product.ean, Product.name, Product.price, Product.tax_rate_bp, Product.currency)


def _hit(row: Row[str, str | None, str, int, int, str]) -> ProductHit:
    sku, ean, name, price, rate, currency = row
    return ProductHit(sku, ean or "", name, price, rate, currency)


def product_by_code(session: Session, code: str) -> ProductHit | None:
    """The active product whose SKU or EAN is exactly `code` (what a scanner types)."""
    code = code.strip()
    if not code:
        return None
    row = session.execute(select(*_HIT).where(Product.active.is_(True),
                                              or_(Product.sku == code, Product.ean == code)).limit(1)).first()
    return _hit(row) if row is not None else None


def search_products(session: Session, text: str, *, limit: int = 30) -> list[ProductHit]:
    """Active products whose SKU or name contains `text` (case ignored), by SKU."""
    text = text.strip()
    if not text:
        return []
    pattern = f"%{escape_like(text.lower())}%"
    rows = session.execute(select(*_HIT).where(
        Product.active.is_(True),
        or_(func.lower(Product.sku).like(pattern, escape="\\"), func.lower(Product.name).like(pattern, escape="\\"),
            Product.ean == text)).order_by(Product.sku).limit(limit)).all()
    return [_hit(r) for r in rows]


def product_detail(session: Session, sku: str) -> ProductDetail | None:
    """Everything the product editor shows, bins included; None for an unknown SKU."""
    p = session.scalar(select(Product).where(Product.sku == sku))
    if p is None:
        return None
    bins: dict[str, str] = dict(session.execute(
        select(Warehouse.code, StockLevel.bin).join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
        .where(StockLevel.product_id == p.id, StockLevel.bin != "")).all())
    return ProductDetail(p.sku, p.name, p.ean or "", p.price, p.currency, p.tax_rate_bp, p.weight_g,
                         p.stock_tracked, p.active, bins)
