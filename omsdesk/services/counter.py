"""Counter sale: one local transaction from scanned goods to a paid, delivered order and its receipt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.documents.data import DocLine, InvoiceDoc, Party, TaxBreakdown
from omsdesk.models import (
    Customer,
    InsufficientStock,
    NotFound,
    Order,
    OrderStatus,
    Product,
    StockLevel,
    ValidationError,
    Warehouse,
    check_transition,
)
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import CompanySettings, Invoice
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.allocation import allocate_in
from omsdesk.services.fulfilment.orders import pay_in
from omsdesk.services.fulfilment.parcels import mark_delivered, pack_in, pick_in
from omsdesk.services.fulfilment.shipping import ship_in
from omsdesk.services.fulfilment.status import load_order, set_status
from omsdesk.services.intake.order_entry import LineInput, OrderInput, create_order_in
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.documents import invoice_doc
from omsdesk.services.invoicing.issue import issue_in

PaymentMethod = Literal["cash", "card"]


@dataclass(frozen=True)
class ScannedProduct:
    """What the till shows for a scanned code: the product and what the shop can still sell."""

    sku: str
    ean: str
    name: str
    unit_price: int
    tax_rate_bp: int
    currency: str
    available: int


@dataclass(frozen=True)
class SaleLine:
    sku: str
    qty: int
    discount: int = 0  # minor units off the line


@dataclass(frozen=True)
class CounterSale:
    lines: tuple[SaleLine, ...]
    method: PaymentMethod
    warehouse: str
    tendered: int | None = None  # cash handed over; None means exactly the total
    customer_id: int | None = None
    currency: str = "EUR"
    # An ordinary invoice naming the customer instead of a ticket (a company buying at the counter).
    full_invoice: bool = False


@dataclass(frozen=True)
class SaleResult:
    reference: str
    total: int
    currency: str
    method: str
    tendered: int
    change: int
    invoice_number: str | None  # None while the company data (name, tax id) is not set up


def find_product(db: Database, code: str, warehouse: str) -> ScannedProduct:
    """The active product whose SKU or EAN is `code`, with its availability in the shop warehouse."""
    code = code.strip()
    if not code:
        raise ValidationError("nothing was scanned")
    with db.read() as s:
        product = s.scalar(select(Product).where(or_(Product.sku == code, Product.ean == code)))
        if product is None:
            raise NotFound(f"no product has the code '{code}'")
        if not product.active:
            raise ValidationError(f"{product.sku} is no longer sold")
        level = s.scalar(select(StockLevel).join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
                         .where(StockLevel.product_id == product.id, Warehouse.code == warehouse))
        return ScannedProduct(product.sku, product.ean or "", product.name, product.price,
                              product.tax_rate_bp, product.currency,
                              level.available if level is not None else 0)


def default_shop_warehouse(db: Database) -> str | None:
    """The warehouse a counter sells from when the workstation has not chosen one: the first by priority."""
    with db.read() as s:
        return s.scalar(select(Warehouse.code).where(Warehouse.active.is_(True))
                        .order_by(Warehouse.priority, Warehouse.code).limit(1))


def sell(db: Database, sale: CounterSale, *, actor: Actor) -> SaleResult:
    """Create the counter order, take payment, take the goods from the shop and hand them over.

    All in one transaction: if the shelf is short or the cash does not cover the total,
    nothing is stored, so the till can simply correct the basket and try again.
    """
    if sale.method not in ("cash", "card"):
        raise ValidationError(f"payment method must be cash or card, not {sale.method!r}")
    with db.write() as s:
        wh = s.scalar(select(Warehouse).where(Warehouse.code == sale.warehouse))
        if wh is None:
            raise NotFound(f"the shop warehouse '{sale.warehouse}' does not exist")
        order = create_order_in(s, OrderInput(
            lines=tuple(LineInput(sku=ln.sku, qty=ln.qty, discount=ln.discount) for ln in sale.lines),
            channel="counter", currency=sale.currency, customer_id=sale.customer_id,
            notes=f"counter sale at {actor.workstation}"), actor=actor)
        tendered = order.total if sale.tendered is None else sale.tendered
        if sale.method == "cash" and tendered < order.total:
            raise ValidationError(f"cash tendered ({tendered}) is less than the total ({order.total})")
        if order.total > 0:
            pay_in(s, order, actor=actor, method=sale.method)
        elif order.status == OrderStatus.NEW.value:
            set_status(s, order, OrderStatus.PAID, "pay", actor, "nothing to pay")
        _reserve_in_shop(s, order, wh, actor)
        pick_in(s, order, actor=actor, reason="handed over at the counter")
        pack_in(s, order, actor=actor, reason="handed over at the counter")
        ship_in(s, order, actor=actor, carrier="counter", tracking="")
        check_transition("deliver", order.status, order.reference)
        mark_delivered(order, utcnow())
        set_status(s, order, OrderStatus.DELIVERED, "deliver", actor, "handed over at the counter")
        number = _issue_invoice(s, order, actor, full=sale.full_invoice)
        change = tendered - order.total if sale.method == "cash" else 0
        return SaleResult(order.reference, order.total, order.currency, sale.method,
                          tendered, change, number)


def _reserve_in_shop(session: Session, order: Order, wh: Warehouse, actor: Actor) -> None:
    # The goods are on the counter, so they come from the shop itself, never routed elsewhere.
    state = allocate_in(session, order, actor=actor, only_warehouse=wh.id)
    if state.status != OrderStatus.ALLOCATED.value:
        raise InsufficientStock(state.message)


def _issue_invoice(session: Session, order: Order, actor: Actor, *, full: bool = False) -> str | None:
    """Issue the counter's invoice in the sale's own transaction, when the company is set up.

    Simplified (ticket) normally; an ordinary one when asked for (`full`, the customer must
    have a tax id) or when the sale is over the simplified limit and a customer was chosen.
    Without company data (a fresh install) the sale still goes through and the receipt says
    that no invoice was issued yet.
    """
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    if full and (customer is None or not customer.tax_id):
        raise ValidationError("a full invoice names the customer's tax id (NIF): choose a customer who has one")
    company = load_company(session)
    if not company.name or not company.tax_id:
        if full:
            raise ValidationError("a full invoice needs the company's name and tax id (Settings, Company)")
        return None
    simplified = not full and (order.customer_id is None or order.total <= company.simplified_limit)
    invoice, _record = issue_in(session, order, company, actor=actor, simplified=simplified)
    return invoice.number


def receipt_doc(db: Database, reference: str, *, language: Literal["es", "en"] = "es") -> InvoiceDoc:
    """The receipt of a counter sale as the 80 mm template prints it.

    The issued invoice when there is one (with its VERI*FACTU QR); otherwise the sales
    receipt of the order, numbered by order reference and saying so on the paper.
    """
    with db.read() as s:
        order = load_order(s, reference, lock=False)
        number = s.scalar(select(Invoice.number).where(Invoice.order_id == order.id)
                          .order_by(Invoice.id.desc()).limit(1))
        if number:
            return invoice_doc(s, number)
        company = s.get(CompanySettings, 1)
        note = ("Justificante de venta del pedido {ref}; sin factura: faltan los datos de la empresa."
                if language == "es" else
                "Sales receipt for order {ref}; no invoice issued: the company data is not set up.")
        lines = tuple(DocLine(sku=ln.sku, name=ln.name, qty=ln.qty, unit_price=ln.unit_price,
                              tax_rate_bp=ln.tax_rate_bp, net=ln.net, tax=ln.tax, total=ln.total)
                      for ln in order.lines)
        rates: dict[int, tuple[int, int]] = {}
        for ln in order.lines:
            base, tax = rates.get(ln.tax_rate_bp, (0, 0))
            rates[ln.tax_rate_bp] = (base + ln.net, tax + ln.tax)
        breakdown = tuple(TaxBreakdown(rate, base, tax) for rate, (base, tax) in sorted(rates.items()))
        return InvoiceDoc(kind="simplified", number=order.reference, issue_date=order.placed_at.date(),
                          issuer=_issuer(company), lines=lines, breakdown=breakdown,
                          total_net=order.subtotal, total_tax=order.tax_total, total=order.total,
                          currency=order.currency, language=language,
                          customer=Party(order.customer_name) if order.customer_name else None,
                          logo_path=(company.logo_path or None) if company else None,
                          legal_notes=(note.format(ref=order.reference),))


def _issuer(company: CompanySettings | None) -> Party:
    if company is None or not company.name:
        return Party(name="omsdesk")
    address = tuple(v for v in (company.address, f"{company.postcode} {company.city}".strip(),
                                company.province) if v)
    return Party(name=company.name, tax_id=company.tax_id, address_lines=address,
                 country=company.country, email=company.email, phone=company.phone)


@dataclass(frozen=True)
class CustomerChoice:
    id: int
    name: str
    email: str
    tax_id: str

    @property
    def label(self) -> str:
        extra = " · ".join(v for v in (self.email, self.tax_id) if v)
        return f"{self.name} ({extra})" if extra else self.name


def search_customers(db: Database, text: str, *, limit: int = 20) -> list[CustomerChoice]:
    """Customers whose name, email, phone or tax id contains `text`, for the till's chooser."""
    from omsdesk.models import Customer
    from omsdesk.queries.order_page import escape_like

    needle = f"%{escape_like(text.strip().lower())}%"
    with db.read() as s:
        rows = s.execute(
            select(Customer.id, Customer.name, Customer.email, Customer.tax_id)
            .where(or_(func.lower(Customer.name).like(needle, escape="\\"),
                       func.lower(Customer.email).like(needle, escape="\\"),
                       Customer.phone.like(needle, escape="\\"),
                       func.upper(Customer.tax_id).like(needle.upper(), escape="\\")))
            .order_by(Customer.name, Customer.id).limit(limit)).all()
    return [CustomerChoice(cid, name, email or "", tax_id or "") for cid, name, email, tax_id in rows]
