"""Refunds: money given back on an order, the other half of the one money ledger."""

from __future__ import annotations

from dataclasses import dataclass

from omsdesk.db import Database
from omsdesk.models import Refund, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.order import REFUND_METHODS
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.status import load_order
from omsdesk.services.users.permissions import require

METHODS = REFUND_METHODS


@dataclass(frozen=True)
class RefundResult:
    reference: str
    refund_id: int
    amount: int
    currency: str
    refunded: int
    refund_due: int
    balance_due: int


def refund_order(db: Database, reference: str, *, actor: Actor, amount: int, method: str,
                 refund_ref: str = "", reason: str = "") -> RefundResult:
    """Give money back on an order (after a cancellation, a closed rest, a return or a credit note).

    Never more than was paid and not yet refunded; the refund is booked once, in this table,
    and the accounting exports read it from here.
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValidationError(f"refund amount must be a positive whole number of minor units, got {amount!r}")
    if method not in METHODS:
        raise ValidationError(f"unknown refund method '{method}' (use {', '.join(METHODS)})")
    with db.write() as s:
        require(s, actor, Permission.REFUND, subject=f"refund on {reference}")
        order = load_order(s, reference)
        if amount > order.net_paid:
            raise ValidationError(f"refund of {amount} exceeds the {order.net_paid} paid and not yet "
                                  f"refunded on {order.reference}")
        refund = Refund(amount=amount, currency=order.currency, method=method, reference=refund_ref.strip(),
                        reason=reason.strip(), user=actor.user, workstation=actor.workstation,
                        refunded_at=utcnow())
        order.refunds.append(refund)
        order.refunded_amount += amount
        s.flush()
        note = f"{method} {amount} {order.currency}" + (f" ({reason.strip()})" if reason.strip() else "")
        audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference, action="refund",
                     from_status=order.status, to_status=order.status, reason=note)
        return RefundResult(order.reference, refund.id, amount, order.currency, order.refunded_amount,
                            order.refund_due, order.balance_due)
