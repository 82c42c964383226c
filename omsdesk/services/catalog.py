"""Catalogue services: products (and where they are shelved) and warehouses, created and edited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import ConflictError, NotFound, Product, StockLevel, ValidationError, Warehouse
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
    description: str = ""


def add_product(db: Database, data: ProductInput, *, actor: Actor, bins: dict[str, str] | None = None) -> int:
    """Create a product after checking SKU, EAN, price and tax rate; optionally shelve it (warehouse -> bin)."""
    with db.write() as s:
        product_id = add_product_in(s, data, actor=actor)
        shelved = {code: b for code, b in (bins or {}).items() if b.strip()}
        if shelved and not data.stock_tracked:
            raise ValidationError(f"{data.sku.strip()} is a service (not stock tracked): it has no bin "
                                  "to be picked from")
        product = s.get(Product, product_id)
        assert product is not None
        for code, bin_code in sorted(shelved.items()):
            set_bin_in(s, product, _warehouse(s, code), bin_code)
        return product_id


def add_product_in(session: Session, data: ProductInput, *, actor: Actor) -> int:
    checked = checked_product(data)
    sku, ean = checked.sku, checked.ean
    if session.scalar(select(Product.id).where(Product.sku == sku)) is not None:
        raise ConflictError(f"SKU {sku} already exists")
    refuse_taken_ean(session, ean, None)
    product = Product(sku=sku, name=checked.name, price=data.price, currency=data.currency,
                      tax_rate_bp=data.tax_rate_bp, ean=ean, weight_g=data.weight_g,
                      stock_tracked=data.stock_tracked, description=checked.description)
    session.add(product)
    session.flush()
    audit.record(session, actor, entity="product", entity_id=product.id, reference=sku, action="create")
    return product.id


def checked_product(data: ProductInput) -> ProductInput:
    """A new product's fields as stored (SKU, name, price, tax rate, weight, currency, EAN checked); no database."""
    sku = data.sku.strip()
    if not sku or any(c.isspace() for c in sku):
        raise ValidationError(f"SKU '{data.sku}' must be non-empty and without spaces")
    if not data.name.strip():
        raise ValidationError(f"product {sku} needs a name")
    non_negative_int(data.price, f"price of {sku}")
    _check_tax_rate(data.tax_rate_bp, sku)
    non_negative_int(data.weight_g, f"weight of {sku}")
    check_currency(data.currency)
    return replace(data, sku=sku, name=data.name.strip(), ean=valid_ean(data.ean),
                   description=data.description.strip())


@dataclass(frozen=True)
class ProductChanges:
    """What to change on a product; None keeps the current value ('' as EAN removes it)."""

    name: str | None = None
    ean: str | None = None
    price: int | None = None
    tax_rate_bp: int | None = None
    weight_g: int | None = None
    stock_tracked: bool | None = None
    active: bool | None = None
    description: str | None = None  # '' removes it
    bins: dict[str, str] = field(default_factory=dict)  # warehouse code -> bin ('' clears it)


def update_product(db: Database, sku: str, changes: ProductChanges, *, actor: Actor) -> list[str]:
    """Change a product and its bins with the checks of add_product; one audit row; returns what changed."""
    with db.write() as s:
        return update_product_in(s, sku, changes, actor=actor)


def update_product_in(session: Session, sku: str, changes: ProductChanges, *, actor: Actor) -> list[str]:
    """The same as update_product inside a caller's transaction (imports)."""
    product = session.scalar(select(Product).where(Product.sku == sku))
    if product is None:
        raise NotFound(f"unknown SKU '{sku}'")
    values = checked_changes(session, product, changes)
    changed = [f"{k} {getattr(product, k)!r} -> {v!r}" for k, v in values.items() if getattr(product, k) != v]
    for key, value in values.items():
        setattr(product, key, value)
    for code, bin_code in sorted(changes.bins.items()):
        before = set_bin_in(session, product, _warehouse(session, code), bin_code)
        if before is not None:
            changed.append(f"bin {code} {before or '-'} -> {bin_code.strip().upper() or '-'}")
    if changed:
        audit.record(session, actor, entity="product", entity_id=product.id, reference=sku, action="update",
                     reason="; ".join(changed))
    return changed


def checked_changes(session: Session, product: Product, changes: ProductChanges) -> dict[str, object]:
    """The product's new column values after every check of an edit (bins aside); writes nothing."""
    sku = product.sku
    values: dict[str, object] = {}
    if changes.name is not None:
        if not changes.name.strip():
            raise ValidationError(f"product {sku} needs a name")
        values["name"] = changes.name.strip()
    if changes.description is not None:
        values["description"] = changes.description.strip()
    if changes.ean is not None:
        ean = valid_ean(changes.ean)
        refuse_taken_ean(session, ean, product.id)
        values["ean"] = ean
    if changes.price is not None:
        values["price"] = non_negative_int(changes.price, f"price of {sku}")
    if changes.tax_rate_bp is not None:
        values["tax_rate_bp"] = _check_tax_rate(changes.tax_rate_bp, sku)
    if changes.weight_g is not None:
        values["weight_g"] = non_negative_int(changes.weight_g, f"weight of {sku}")
    if changes.active is not None:
        values["active"] = bool(changes.active)
    if changes.stock_tracked is not None:
        values["stock_tracked"] = bool(changes.stock_tracked)
        if product.stock_tracked and not changes.stock_tracked:
            _refuse_untracking(session, product)
    tracked = values.get("stock_tracked", product.stock_tracked)
    if not tracked and any(code.strip() for code in changes.bins.values()):
        raise ValidationError(f"{sku} is a service (not stock tracked): it has no bin to be picked from")
    return values


def set_bin_in(session: Session, product: Product, warehouse: Warehouse, bin_code: str) -> str | None:
    """Shelve a product in a bin of a warehouse; returns the bin it had, None when nothing changed."""
    code = bin_code.strip().upper()
    if len(code) > 32:
        raise ValidationError(f"bin code '{code}' is longer than 32 characters")
    level = session.get(StockLevel, (product.id, warehouse.id))
    if level is None:
        if not code:
            return None
        level = StockLevel(product_id=product.id, warehouse_id=warehouse.id, on_hand=0, reserved=0)
        session.add(level)
    before = level.bin or ""
    if before == code:
        return None
    level.bin = code
    return before


def _check_tax_rate(rate: int, sku: str) -> int:
    non_negative_int(rate, f"tax rate of {sku}")
    if rate > 10000:
        raise ValidationError(f"tax rate of {sku} is over 100 % ({rate} basis points)")
    return rate


def refuse_taken_ean(session: Session, ean: str | None, product_id: int | None) -> None:
    """One EAN, one product: refuses an EAN another product (not product_id) already has."""
    if not ean:
        return
    stmt = select(Product.sku).where(Product.ean == ean)
    if product_id is not None:
        stmt = stmt.where(Product.id != product_id)
    other = session.scalar(stmt.limit(1))
    if other is not None:
        raise ConflictError(f"EAN {ean} already belongs to {other}")


def _refuse_untracking(session: Session, product: Product) -> None:
    # A service has no stock: the units on the shelf or promised to orders would vanish from the ledger.
    held = session.execute(select(func.coalesce(func.sum(StockLevel.on_hand), 0),
                                  func.coalesce(func.sum(StockLevel.reserved), 0))
                           .where(StockLevel.product_id == product.id)).one()
    if held[0] or held[1]:
        raise ValidationError(f"{product.sku} has {held[0]} on hand and {held[1]} reserved: move or adjust "
                              "that stock to zero before it becomes a service")


def _warehouse(session: Session, code: str) -> Warehouse:
    wh = session.scalar(select(Warehouse).where(Warehouse.code == code.strip().upper()))
    if wh is None:
        raise NotFound(f"unknown warehouse '{code}'")
    return wh


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


def products_by_sku(session: Session, skus: Iterable[str]) -> dict[str, Product]:
    """The products with these SKUs (active or not), read 500 at a time (a whole import file's)."""
    wanted, found = sorted(set(skus)), {}
    for start in range(0, len(wanted), 500):
        found.update({p.sku: p for p in session.scalars(select(Product).where(
            Product.sku.in_(wanted[start:start + 500])))})
    return found
