"""Money received against an invoice (bank transfer, card, cash).

An invoice of an order is paid through its order: the payment is recorded once, on the
order's ledger, and the receivables apply it to the order's invoices. Only an invoice
without an order keeps payments of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from omsdesk.db import Database
from omsdesk.invoicing.receivables import ReceivableStatus, balances
from omsdesk.models import Order, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import InvoicePayment
from omsdesk.models.order import PAYMENT_METHODS
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.orders import pay_in
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.issue import load_invoice

METHODS = ("transfer", "card", "cash", "direct_debit", "other")


@dataclass(frozen=True)
class PaymentResult:
    number: str
    paid: int
    due: int
    status: str


def record_invoice_payment(db: Database, number: str, *, actor: Actor, amount: int,
                           method: str = "transfer", reference: str = "",
                           now: datetime | None = None) -> PaymentResult:
    """Apply a payment to an invoice; refuses more than is due, and dead invoices."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValidationError(f"payment amount must be a positive whole number of minor units, got {amount!r}")
    if method not in METHODS:
        raise ValidationError(f"unknown payment method '{method}' (use {', '.join(METHODS)})")
    moment = now or utcnow()
    with db.write() as s:
        company = load_company(s)
        today: date = moment.astimezone(ZoneInfo(company.time_zone)).date()
        invoice = load_invoice(s, number)
        before = balances(s, [invoice.id], today=today)[invoice.id]
        if before.status in (ReceivableStatus.CANCELLED, ReceivableStatus.REPLACED):
            raise ValidationError(f"invoice {number} is {before.status.value}; it takes no payments")
        if invoice.total <= 0:
            raise ValidationError(f"{number} is a credit note; record the refund elsewhere")
        if amount > before.due:
            raise ValidationError(f"payment of {amount} exceeds the {max(before.due, 0)} due on {number}")
        if invoice.order_id is not None:
            order = s.get(Order, invoice.order_id, with_for_update=s.get_bind().dialect.name == "postgresql")
            assert order is not None
            # A direct debit is booked on the order's ledger as a transfer.
            pay_in(s, order, actor=actor, amount=amount, method=method if method in PAYMENT_METHODS else "transfer",
                   payment_ref=reference.strip() or number, paid_at=moment)
        else:
            s.add(InvoicePayment(invoice_id=invoice.id, amount=amount, currency=invoice.currency,
                                 method=method, reference=reference.strip(), paid_at=moment,
                                 user=actor.user))
        s.flush()
        after = balances(s, [invoice.id], today=today)[invoice.id]
        audit.record(s, actor, entity="invoice", entity_id=invoice.id, reference=number,
                     action="pay", from_status=before.status.value, to_status=after.status.value,
                     reason=f"{method} {amount} {invoice.currency}")
        return PaymentResult(number, after.paid, after.due, after.status.value)
