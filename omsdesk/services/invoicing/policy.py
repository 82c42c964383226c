"""When orders are invoiced automatically: the policy of a channel or a customer, and which one applies."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, Customer, NotFound, Order, ValidationError
from omsdesk.models.autoinvoice import InvoiceWhen, InvoicingPolicy
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require

WHEN_CHOICES = tuple(w.value for w in InvoiceWhen)


@dataclass(frozen=True)
class PolicyView:
    """One stored policy as screens and the CLI show it."""

    owner: str  # "channel" or "customer"
    code: str   # channel code, or customer id as text
    name: str
    when: str
    simplified_for_consumers: bool


@dataclass(frozen=True)
class EffectivePolicy:
    """What applies to one order and where it came from ("customer", "channel" or "default")."""

    when: InvoiceWhen
    simplified_for_consumers: bool
    source: str


DEFAULT = EffectivePolicy(InvoiceWhen.MANUAL, True, "default")


def check_when(value: str) -> InvoiceWhen:
    try:
        return InvoiceWhen((value or "").strip().lower())
    except ValueError:
        raise ValidationError(f"invoicing must be one of {', '.join(WHEN_CHOICES)}, got {value!r}") from None


def set_policy(db: Database, *, actor: Actor, when: str, channel: str | None = None,
               customer_id: int | None = None,
               simplified_for_consumers: bool | None = None) -> PolicyView:
    """Set when the orders of one channel (by code) or one customer (by id) are invoiced."""
    if (channel is None) == (customer_id is None):
        raise ValidationError("give either a channel or a customer, not both")
    chosen = check_when(when)
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject="invoicing policy")
        if channel is not None:
            ch = s.scalar(select(Channel).where(Channel.code == channel.strip()))
            if ch is None:
                raise NotFound(f"unknown channel '{channel}'")
            row = s.scalar(select(InvoicingPolicy).where(InvoicingPolicy.channel_id == ch.id))
            key: dict[str, int] = {"channel_id": ch.id}
            entity, entity_id, reference = "channel", ch.id, ch.code
        else:
            cu = s.get(Customer, customer_id)
            if cu is None:
                raise NotFound(f"unknown customer {customer_id}")
            row = s.scalar(select(InvoicingPolicy).where(InvoicingPolicy.customer_id == cu.id))
            key = {"customer_id": cu.id}
            entity, entity_id, reference = "customer", cu.id, str(cu.id)
        before = row.invoice_when if row else InvoiceWhen.MANUAL.value
        if row is None:
            row = InvoicingPolicy(**key, simplified_for_consumers=True)
            s.add(row)
        row.invoice_when = chosen.value
        if simplified_for_consumers is not None:
            row.simplified_for_consumers = simplified_for_consumers
        row.user = actor.user
        s.flush()
        audit.record(s, actor, entity=entity, entity_id=entity_id, reference=reference,
                     action="invoicing_policy", from_status=before, to_status=chosen.value)
        return _view(s, row)


def _view(session: Session, row: InvoicingPolicy) -> PolicyView:
    if row.channel_id is not None:
        ch = session.get(Channel, row.channel_id)
        assert ch is not None
        return PolicyView("channel", ch.code, ch.name, row.invoice_when, row.simplified_for_consumers)
    cu = session.get(Customer, row.customer_id)
    assert cu is not None
    return PolicyView("customer", str(cu.id), cu.name, row.invoice_when, row.simplified_for_consumers)


def policies(session: Session) -> list[PolicyView]:
    """Every stored policy, channels first."""
    rows = session.scalars(select(InvoicingPolicy).order_by(
        InvoicingPolicy.customer_id.is_not(None), InvoicingPolicy.id))
    return [_view(session, r) for r in rows]


def channel_policies(session: Session) -> list[PolicyView]:
    """Every channel not removed with its policy ("manual" where none is stored), for the GUI."""
    stored = {r.channel_id: r for r in session.scalars(
        select(InvoicingPolicy).where(InvoicingPolicy.channel_id.is_not(None)))}
    out = []
    for ch in session.scalars(select(Channel).where(Channel.removed_at.is_(None)).order_by(Channel.code)):
        row = stored.get(ch.id)
        out.append(PolicyView("channel", ch.code, ch.name, row.invoice_when if row else InvoiceWhen.MANUAL.value,
                              row.simplified_for_consumers if row else True))
    return out


def policy_of(session: Session, *, channel: str | None = None,
              customer_id: int | None = None) -> PolicyView | None:
    """The stored policy of exactly this channel (by code) or customer (no fallback), for editors."""
    if channel is not None:
        row = session.scalar(select(InvoicingPolicy).join(Channel, Channel.id == InvoicingPolicy.channel_id)
                             .where(Channel.code == channel))
    else:
        row = session.scalar(select(InvoicingPolicy).where(InvoicingPolicy.customer_id == customer_id))
    return _view(session, row) if row else None


def automatic_policies_exist(session: Session) -> bool:
    """Whether any channel or customer is invoiced automatically (the daemon then runs the job)."""
    return session.scalar(select(InvoicingPolicy.id).where(
        InvoicingPolicy.invoice_when != InvoiceWhen.MANUAL.value).limit(1)) is not None


class PolicyBook:
    """Every policy loaded once, answering "what applies to this order" for a whole run."""

    def __init__(self, session: Session) -> None:
        rows = list(session.scalars(select(InvoicingPolicy)))
        self.by_channel = {r.channel_id: r for r in rows if r.channel_id is not None}
        self.by_customer = {r.customer_id: r for r in rows if r.customer_id is not None}

    def for_order(self, order: Order) -> EffectivePolicy:
        """The customer's policy if it has one, else its channel's, else by hand."""
        row = self.by_customer.get(order.customer_id) if order.customer_id else None
        source = "customer"
        if row is None:
            row, source = self.by_channel.get(order.channel_id), "channel"
        if row is None:
            return DEFAULT
        return EffectivePolicy(InvoiceWhen(row.invoice_when), row.simplified_for_consumers, source)

    @property
    def automatic_channels(self) -> set[int]:
        return {cid for cid, r in self.by_channel.items() if r.invoice_when != InvoiceWhen.MANUAL.value}

    @property
    def automatic_customers(self) -> set[int]:
        return {cid for cid, r in self.by_customer.items() if r.invoice_when != InvoiceWhen.MANUAL.value}
