"""Payment terms and credit: which orders may ship before they are paid, and up to what exposure."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, Customer, NotFound, Order, OrderStatus
from omsdesk.models.party import PaymentTerms
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.customers import terms_in

# Terms are agreed with a customer for the orders the business takes itself (phone, manual
# entry, CSV); counter sales are paid at the till and marketplace orders by the marketplace.
TERMS_CHANNELS = frozenset({"manual", "csv"})
IMMEDIATE = PaymentTerms("immediate")


@dataclass(frozen=True)
class TermsResult:
    customer_id: int
    name: str
    terms: str
    credit_limit: int | None
    exposure: int


def set_terms(db: Database, customer_id: int, *, actor: Actor, terms: str,
              credit_limit: int | None = None) -> TermsResult:
    """Agree payment terms (immediate, cod, netN) and optionally a credit limit with a customer."""
    PaymentTerms.parse(terms)  # a bad code is refused before the database is touched
    with db.write() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(f"unknown customer {customer_id}: terms are agreed with a registered customer, "
                           "not a walk-in sale")
        before = f"{customer.payment_terms} limit {customer.credit_limit}"
        parsed = terms_in(customer, terms, credit_limit)
        audit.record(s, actor, entity="customer", entity_id=customer.id, reference=str(customer.id),
                     action="terms", reason=f"{before} -> {parsed.code} limit {credit_limit}")
        return TermsResult(customer.id, customer.name, parsed.code, credit_limit,
                           exposure(s, customer.id))


def terms_of(session: Session, order: Order) -> PaymentTerms:
    """The terms an order is taken on: its customer's, for the channels where terms apply."""
    if order.customer_id is None:
        return IMMEDIATE
    # By primary key, so a batch (a wave's bookings) reads each channel once from the session.
    channel = session.get(Channel, order.channel_id)
    if channel is None or channel.kind not in TERMS_CHANNELS:
        return IMMEDIATE
    customer = session.get(Customer, order.customer_id)
    return customer.terms if customer is not None else IMMEDIATE


def exposure(session: Session, customer_id: int, *, excluding: int | None = None) -> int:
    """What the customer owes on all live orders (and shipped, unpaid ones), in minor units."""
    orders = session.scalars(select(Order).where(
        Order.customer_id == customer_id, Order.status != OrderStatus.CANCELLED.value))
    return sum(o.balance_due for o in orders if o.id != excluding)


def credit_refusal(session: Session, order: Order) -> str | None:
    """Why the order would take its customer over the credit limit, or None when it fits."""
    if order.customer_id is None:
        return None
    customer = session.get(Customer, order.customer_id)
    if customer is None or customer.credit_limit is None:
        return None
    owed = exposure(session, customer.id, excluding=order.id)
    if owed + order.balance_due <= customer.credit_limit:
        return None
    return (f"credit limit exceeded: {customer.name} owes {owed}, this order adds {order.balance_due}, "
            f"limit {customer.credit_limit} {order.currency}")
