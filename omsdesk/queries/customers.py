"""Customer search and a customer's orders, in pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import Session

from omsdesk.models import Customer, Order, OrderLine
from omsdesk.models.search_keys import fold
from omsdesk.queries.order_page import escape_like


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    email: str
    phone: str
    tax_id: str
    terms: str = "immediate"  # immediate, cod or netN
    credit_limit: int | None = None


def search_customers(session: Session, text: str = "", *, limit: int = 200,
                     after_name: tuple[str, int] | None = None) -> list[CustomerRow]:
    """Customers whose name and email hold every word of `text` (accents and case aside), or whose
    phone contains it, or whose tax id it is; by name, keyset on (name, id)."""
    stmt = select(Customer.id, Customer.name, Customer.email, Customer.phone, Customer.tax_id,
                  Customer.payment_terms, Customer.credit_limit)
    text = text.strip()
    if text:
        words = [Customer.search_name.like(f"%{escape_like(w)}%", escape="\\") for w in fold(text).split()]
        stmt = stmt.where(or_(
            and_(*words) if words else false(),
            Customer.phone.like(f"%{escape_like(text)}%", escape="\\"),
            Customer.tax_id == text.upper(),
        ))
    if after_name is not None:
        stmt = stmt.where((Customer.name > after_name[0])
                          | ((Customer.name == after_name[0]) & (Customer.id > after_name[1])))
    rows = session.execute(stmt.order_by(Customer.name, Customer.id).limit(limit)).all()
    return [CustomerRow(r[0], r[1], r[2] or "", r[3] or "", r[4] or "", r[5] or "immediate", r[6]) for r in rows]


@dataclass(frozen=True)
class AddressRow:
    kind: str
    name: str
    company: str
    line1: str
    line2: str
    city: str
    postcode: str
    province: str
    country: str
    phone: str


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    name: str
    email: str
    phone: str
    tax_id: str
    language: str
    terms: str
    credit_limit: int | None
    addresses: tuple[AddressRow, ...]
    tax_id_type: str = ""  # AEAT list L7 type of a foreign id, '' for NIF / EU VAT
    tax_id_country: str = ""

    def address(self, kind: str) -> AddressRow | None:
        return next((a for a in self.addresses if a.kind == kind), None)


def customer_detail(session: Session, customer_id: int) -> CustomerDetail | None:
    """One customer with their addresses, for the customer editor; None when unknown."""
    c = session.get(Customer, customer_id)
    if c is None:
        return None
    return CustomerDetail(c.id, c.name, c.email or "", c.phone or "", c.tax_id or "", c.language,
                          c.payment_terms, c.credit_limit, tuple(
                              AddressRow(a.kind, a.name, a.company, a.line1, a.line2, a.city, a.postcode,
                                         a.province, a.country, a.phone) for a in c.addresses),
                          c.tax_id_type or "", c.tax_id_country or "")


@dataclass(frozen=True)
class CustomerOrder:
    reference: str
    placed_at: datetime
    status: str
    total: int
    currency: str


def customer_orders(session: Session, customer_id: int, *, limit: int = 500) -> list[CustomerOrder]:
    """A customer's most recent orders, newest first."""
    rows = session.execute(
        select(Order.reference, Order.placed_at, Order.status, Order.total, Order.currency)
        .where(Order.customer_id == customer_id)
        .order_by(Order.placed_at.desc(), Order.id.desc()).limit(limit)
    ).all()
    return [CustomerOrder(*r) for r in rows]


@dataclass(frozen=True)
class OrderInvoice:
    number: str
    kind: str
    issue_date: date
    total: int
    currency: str


def order_invoices(session: Session, order_id: int) -> list[OrderInvoice]:
    """Invoices and credit notes issued for one order, oldest first."""
    from omsdesk.models.invoice import Invoice, InvoiceLine

    # A monthly invoice names no single order; its lines still point at this order's lines.
    by_line = (select(InvoiceLine.invoice_id).join(OrderLine, OrderLine.id == InvoiceLine.order_line_id)
               .where(OrderLine.order_id == order_id))
    rows = session.execute(
        select(Invoice.number, Invoice.kind, Invoice.issue_date, Invoice.total, Invoice.currency)
        .where(or_(Invoice.order_id == order_id, Invoice.id.in_(by_line))).order_by(Invoice.id)).all()
    return [OrderInvoice(*r) for r in rows]
