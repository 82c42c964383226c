"""Read side for printing: the packing slip, pick list and label data of orders, as document values."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from omsdesk.documents.data import (
    DocLine,
    LabelDoc,
    Language,
    PackingSlipDoc,
    Party,
    PickListDoc,
    SlipPageSize,
)
from omsdesk.models import (
    Customer,
    NotFound,
    Order,
    Product,
    Shipment,
    StockLevel,
    ValidationError,
    Warehouse,
)
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import CompanySettings
from omsdesk.queries.lookups import warehouse_code
from omsdesk.queries.picking import pick_items


def company_party(session: Session) -> Party | None:
    """The shop as printed at the top of slips and as label sender; None until it is set up."""
    company = session.get(CompanySettings, 1)
    if company is None or not company.name:
        return None
    town = f"{company.postcode} {company.city}".strip()
    lines = tuple(v for v in (company.address, town, company.province) if v)
    return Party(company.name, company.tax_id, lines, company.country, company.email, company.phone)


def _order(session: Session, reference: str) -> Order:
    order = session.scalars(
        select(Order).where(Order.reference == reference)
        .options(selectinload(Order.lines), selectinload(Order.parcels).selectinload(Shipment.lines))
    ).one_or_none()
    if order is None:
        raise NotFound(f"Order {reference} does not exist")
    return order


def _language(session: Session, order: Order, override: Language | None) -> Language:
    if override is not None:
        return override
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    return "en" if customer is not None and customer.language.startswith("en") else "es"


def _ship_to(session: Session, order: Order) -> Party:
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    town = f"{order.ship_postcode} {order.ship_city}".strip()
    lines = tuple(v for v in (order.ship_line1, order.ship_line2, town, order.ship_province) if v)
    return Party(order.ship_name or order.customer_name, address_lines=lines, country=order.ship_country,
                 phone=(customer.phone or "") if customer else "")


def _parcel(session: Session, order: Order, warehouse: str | None,
            shipment: int | None) -> tuple[dict[int, int], int | None, datetime | None]:
    """Order line id -> qty in the parcel, the warehouse it leaves from, and when it shipped."""
    if shipment is not None:
        sh = next((sh for sh in order.parcels if sh.id == shipment), None)
        if sh is None:
            raise ValidationError(f"shipment {shipment} is not a parcel of order {order.reference}")
        if sh.shipped_at is None:
            # Still in its warehouse: the slip shows what is reserved there now.
            return _parcel(session, order, warehouse_code(session, sh.warehouse_id), None)
        qty: dict[int, int] = {}
        for sl in sh.lines:
            qty[sl.order_line_id] = qty.get(sl.order_line_id, 0) + sl.qty
        return qty, sh.warehouse_id, sh.shipped_at
    if warehouse is not None:
        wid = session.scalar(select(Warehouse.id).where(Warehouse.code == warehouse))
        if wid is None:
            raise ValidationError(f"unknown warehouse '{warehouse}'")
        qty = {ln.id: sum(r.qty for r in ln.reservations if r.warehouse_id == wid) for ln in order.lines}
        # Services (shipping) travel with the first parcel: on its slip while nothing has shipped.
        if not order.shipments:
            qty.update({ln.id: ln.qty_open for ln in order.lines if not ln.product.stock_tracked})
        if not any(qty.values()):
            raise ValidationError(f"nothing of order {order.reference} is reserved in {warehouse}")
        return qty, wid, None
    open_qty = {ln.id: ln.qty_open for ln in order.lines if ln.qty_open > 0}
    return (open_qty or {ln.id: ln.qty for ln in order.lines}), order.warehouse_id, None


def packing_slip_doc(
    session: Session,
    reference: str,
    *,
    page_size: SlipPageSize = "A4",
    show_prices: bool = False,
    language: Language | None = None,
    warehouse: str | None = None,
    shipment: int | None = None,
) -> PackingSlipDoc:
    """The slip for one parcel: what is reserved in `warehouse` now, the lines of `shipment`
    (a reprint), or else the open quantities (the whole order on a reprint)."""
    order = _order(session, reference)
    quantities, wid, shipped_on = _parcel(session, order, warehouse, shipment)
    lines = [ln for ln in order.lines if quantities.get(ln.id, 0) > 0]
    products = {p.id: p for p in session.scalars(
        select(Product).where(Product.id.in_([ln.product_id for ln in lines])))}
    bins: dict[int, str] = {}
    if wid is not None:
        bins = {pid: code for pid, code in session.execute(select(StockLevel.product_id, StockLevel.bin).where(
            StockLevel.warehouse_id == wid, StockLevel.product_id.in_(list(products))))}
    doc_lines = tuple(
        DocLine(
            sku=ln.sku, name=ln.name, qty=quantities[ln.id],
            ean=(products[ln.product_id].ean or "") if ln.product_id in products else "",
            bin=bins.get(ln.product_id, ""), unit_price=ln.unit_price, discount_bp=0,
            tax_rate_bp=ln.tax_rate_bp, net=ln.net, tax=ln.tax, total=ln.total,
        )
        for ln in lines
    )
    # A parcel still in its warehouse has no ship date, even if another parcel of the order left.
    in_warehouse = warehouse is not None or (shipment is not None and shipped_on is None)
    shipped = [shipped_on] if shipped_on else [] if in_warehouse else [
        sh.shipped_at for sh in order.shipments if sh.shipped_at]
    return PackingSlipDoc(
        order_ref=order.reference, order_date=order.placed_at.date(), ship_to=_ship_to(session, order),
        lines=doc_lines, shipper=company_party(session), ship_date=max(shipped).date() if shipped else None,
        external_ref=order.external_id or "", show_prices=show_prices, currency=order.currency,
        order_total=order.total, page_size=page_size, language=_language(session, order, language),
    )


def pick_list_doc(
    session: Session,
    references: Sequence[str],
    *,
    wave: str | None = None,
    warehouse: str | None = None,
    language: Language = "es",
    now: datetime | None = None,
) -> PickListDoc:
    """One walk through one warehouse for the given orders' reserved goods, per SKU and bin.

    Goods reserved in several warehouses (split orders) make one list per warehouse: name it.
    """
    items = pick_items(session, references, warehouse)
    if not items:
        where = f" in {warehouse}" if warehouse else ""
        raise ValidationError(f"None of these orders has reserved goods to pick{where} (allocate them first): "
                              + ", ".join(references))
    codes = sorted({item.warehouse for item in items})
    if len(codes) > 1:
        raise ValidationError(f"these orders are reserved in {', '.join(codes)}: print one pick list per "
                              "warehouse (--warehouse CODE)")
    name = session.scalar(select(Warehouse.name).where(Warehouse.code == codes[0])) or codes[0]
    created = now or utcnow()
    return PickListDoc.from_items(wave or f"W-{created:%Y%m%d-%H%M}", name, created, items, language)


def sender_for(session: Session, warehouse_id: int | None) -> Party:
    """Who a parcel comes from: the company's name at the address of the warehouse it leaves."""
    warehouse = session.get(Warehouse, warehouse_id) if warehouse_id is not None else None
    company = company_party(session)
    sender_lines = tuple(v for v in (warehouse.address, f"{warehouse.postcode} {warehouse.city}".strip())
                         if v) if warehouse else ()
    return Party(company.name if company else (warehouse.name if warehouse else ""),
                 company.tax_id if company else "",
                 sender_lines or (company.address_lines if company else ()),
                 (warehouse.country if warehouse else "") or (company.country if company else ""),
                 phone=company.phone if company else "")


def label_docs(
    session: Session, reference: str, *, parcels: int | None = None, language: Language | None = None
) -> list[LabelDoc]:
    """One label per package of the order's latest shipment, which must have a tracking number.

    `parcels` overrides the packages the packer recorded when shipping (one by default).
    """
    if parcels is not None and parcels < 1:
        raise ValidationError("the number of parcels must be at least 1")
    order = _order(session, reference)
    shipment = next((sh for sh in reversed(order.shipments) if sh.tracking), None)
    if shipment is None:
        raise ValidationError(f"Order {reference} has no shipment with a tracking number yet; ship it first")
    parcels = parcels or shipment.packages or 1
    sender = sender_for(session, shipment.warehouse_id)
    qty_by_line = {sl.order_line_id: sl.qty for sl in shipment.lines}
    weights = {pid: grams for pid, grams in session.execute(select(Product.id, Product.weight_g).where(
        Product.id.in_([ln.product_id for ln in order.lines])))}
    grams = shipment.weight_g or sum(weights.get(ln.product_id, 0) * qty_by_line.get(ln.id, 0)
                                     for ln in order.lines)
    per_parcel = -(-grams // parcels)  # the carrier bills by weight: round up, never down
    lang = _language(session, order, language)
    ship_to = _ship_to(session, order)
    return [
        LabelDoc(sender=sender, recipient=ship_to, carrier=shipment.carrier or "-", service="",
                 tracking=shipment.tracking, weight_g=per_parcel, order_ref=order.reference,
                 parcel_index=n, parcel_count=parcels, language=lang)
        for n in range(1, parcels + 1)
    ]
