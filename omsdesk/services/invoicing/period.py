"""One invoice for a customer's shipped orders of a calendar month (factura recapitulativa, B2B).

RD 1619/2012 art. 13 lets operations for one recipient within a calendar month be gathered on
one invoice, issued at the latest on the 16th of the next month; each order's lines are
invoiced exactly as `issue_in` would, and stay linked to their order lines so that nothing
can be invoiced twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.invoicing.taxes import LineAmounts, check_rate, share
from omsdesk.models import ConflictError, Customer, NotFound, Order, OrderStatus, ValidationError
from omsdesk.models.invoice import InvoiceKind
from omsdesk.models.party import PaymentTerms
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.status import load_order
from omsdesk.services.invoicing.issue import invoiced_quantities, require_company
from omsdesk.services.invoicing.writer import Draft, DraftLine, IssuedInvoice, issued, write_invoice
from omsdesk.services.validation import valid_tax_id

SHIPPED_STATUSES = (OrderStatus.SHIPPED.value, OrderStatus.DELIVERED.value)


def issue_period_invoice(db: Database, customer_id: int, references: Sequence[str], *,
                         period: tuple[date, date], actor: Actor,
                         now: datetime | None = None) -> IssuedInvoice:
    """Invoice what is not yet invoiced of these shipped orders of one customer, on one invoice.

    The orders are locked (in reference order, so two runs queue instead of deadlocking) before what
    is invoiced is read, so a concurrent run finds them done and issues nothing.
    """
    if not references:
        raise ValidationError("a period invoice needs at least one order")
    with db.write() as s:
        company = require_company(s)
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(f"unknown customer {customer_id}")
        tax_id = valid_tax_id(customer.tax_id) if customer.tax_id else None
        if not tax_id:
            raise ValidationError(f"customer {customer.name} has no tax id; a monthly invoice is "
                                  "a full invoice and needs it (RD 1619/2012 art. 6.1.d)")
        orders = _locked(s, references)
        lines: list[DraftLine] = []
        shipped_days: list[date] = []
        local = ZoneInfo(company.time_zone)
        currencies = {o.currency for o in orders}
        if currencies != {"EUR"}:
            raise ValidationError("a monthly invoice is issued in EUR only; invoice orders in "
                                  f"{', '.join(sorted(currencies - {'EUR'}))} one by one with their rate")
        for order in orders:
            if order.customer_id != customer.id:
                raise ValidationError(f"order {order.reference} is not an order of {customer.name}")
            if order.status not in SHIPPED_STATUSES:
                raise ValidationError(f"order {order.reference} has not shipped")
            done = invoiced_quantities(s, order)
            for ln in order.lines:
                q = ln.qty - done.get(ln.id, 0)
                if q <= 0:
                    continue
                before = done.get(ln.id, 0)
                net = share(ln.net, before, q, ln.qty)
                amounts = LineAmounts(check_rate(ln.tax_rate_bp, ln.sku), net,
                                      share(ln.tax, before, q, ln.qty), 0, 0)
                lines.append(DraftLine(ln.sku, f"{order.reference}: {ln.name}"[:200], q, ln.unit_price,
                                       share(ln.discount, before, q, ln.qty),
                                       order.prices_include_tax, amounts, order_line_id=ln.id))
            shipped_days += [sh.shipped_at.astimezone(local).date()
                             for sh in order.shipments if sh.shipped_at is not None]
        if not lines:
            raise ConflictError(f"the orders of {customer.name} for this period are already invoiced")
        address = next((a for a in customer.addresses if a.kind == "billing"),
                       customer.addresses[0] if customer.addresses else None)
        terms = PaymentTerms.parse(customer.payment_terms or "immediate")
        first, last = period
        draft = Draft(
            kind=InvoiceKind.ORDINARY, invoice_type="F1", lines=tuple(lines), currency="EUR",
            exchange_rate="1", customer_id=customer.id, customer_name=customer.name,
            customer_tax_id=tax_id,
            customer_address="\n".join(p for p in (
                address.company, address.line1, address.line2,
                f"{address.postcode} {address.city}".strip(), address.province) if p) if address else "",
            customer_country=address.country if address else "ES",
            language=customer.language if customer.language in ("es", "en") else "es",
            description=(f"Factura recapitulativa de las operaciones del {first:%d/%m/%Y} al "
                         f"{last:%d/%m/%Y}: pedidos {', '.join(o.reference for o in orders)}"),
            operation_date=max(shipped_days) if shipped_days else None,
            due_days=terms.days if terms.kind == "net" else company.payment_days,
            audit_reason=f"monthly {first:%Y-%m} for {len(orders)} order(s)",
        )
        invoice, record = write_invoice(s, draft, company, actor=actor, now=now)
        return issued(invoice, record, company)


def _locked(session: Session, references: Sequence[str]) -> list[Order]:
    found = [load_order(session, ref) for ref in sorted(set(references))]
    return sorted(found, key=lambda o: o.id)
