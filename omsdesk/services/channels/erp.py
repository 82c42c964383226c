"""ERP sync use cases on the database: queue orders for the ERP, apply pulled product data, overview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, Order, OrderStatus, OutboxMessage, Product
from omsdesk.models.erp import ErpLink
from omsdesk.models.invoice import Invoice
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.channels.channels import sync_state
from omsdesk.services.channels.kinds import ERP_KINDS
from omsdesk.services.context import Actor
from omsdesk.services.outbox import enqueue
from omsdesk.services.users.permissions import require

TOPIC_ORDER = "erp.order"
TOPIC_INVOICE = "erp.invoice"
# A purchase order (or its cancellation) for the ERP; queued by services/purchasing.py.
TOPIC_PURCHASE = "erp.purchase_order"


@dataclass(frozen=True)
class ErpSettings:
    """Which ERP installation, and the prefix that keeps this shop's references unique in it."""

    erp: str = "tryton"
    prefix: str = ""
    confirm: bool = False
    # ERP tax records set by hand: tax key ('vat:1000', 're:140', 'exempt:E2') -> ERP tax id.
    taxes: Mapping[str, int] = field(default_factory=dict)

    def customer_ref(self, customer_id: int | None, order_id: int) -> str:
        # A guest order (no customer row) becomes a party of its own.
        return f"{self.prefix}C{customer_id}" if customer_id else f"{self.prefix}G{order_id}"

    def order_ref(self, reference: str) -> str:
        return f"{self.prefix}{reference}"

    @property
    def kind(self) -> str:
        """'tryton' for 'tryton' or 'tryton:prod'."""
        return self.erp.split(":", 1)[0]

    @property
    def channel_code(self) -> str:
        return "erp-" + "".join(c if c.isalnum() else "-" for c in self.erp.lower())


@dataclass(frozen=True)
class ProductData:
    """What an ERP says about one product; `list_price` in minor units without tax."""

    code: str
    name: str
    ean: str | None
    list_price: int
    currency: str


@dataclass
class PullReport:
    seen: int = 0
    changed: list[str] = field(default_factory=list)
    unknown: int = 0


def erp_channel_in(session: Session, settings: ErpSettings, url: str = "", *,
                   database: str = "", login: str = "") -> int:
    """The channel row that stands for the ERP, created on first use.

    The ERP is shown in the Sync view like a shop: its runs, health and outbox hang off this
    channel (kind 'tryton' or 'odoo'). Given a url, database and login, the row also keeps
    them so the scheduler's ERP job can connect (the password stays in the keyring).
    """
    channel = session.scalar(select(Channel).where(Channel.code == settings.channel_code))
    if channel is None:
        channel = Channel(code=settings.channel_code, name=f"ERP ({settings.erp})",
                          kind=settings.kind, url=url,
                          settings={"prefix": settings.prefix, "erp": settings.erp,
                                    "confirm": settings.confirm},
                          active=True)
        session.add(channel)
        session.flush()
    if url and channel.url != url:
        channel.url = url
    given = {k: v for k, v in (("database", database), ("login", login)) if v}
    if any((channel.settings or {}).get(k) != v for k, v in given.items()):
        channel.settings = {**(channel.settings or {}), **given}
    channel_id = channel.id
    sync_state(session, channel_id)
    return channel_id


def erp_settings_of(channel: Channel) -> ErpSettings:
    """The ERP settings an ERP channel row stands for."""
    options = channel.settings or {}
    return ErpSettings(erp=str(options.get("erp") or channel.kind),
                       prefix=str(options.get("prefix") or ""),
                       confirm=bool(options.get("confirm", False)),
                       taxes={str(k): int(v) for k, v in (options.get("taxes") or {}).items()})


def erp_settings_in(session: Session, erp: str) -> ErpSettings | None:
    """The stored settings of one ERP ('tryton', 'odoo:prod'), None if it has no channel."""
    channel = session.scalar(select(Channel).where(
        Channel.code == ErpSettings(erp=erp).channel_code))
    return erp_settings_of(channel) if channel is not None else None


def set_erp_tax(db: Database, settings: ErpSettings, key: str, tax_id: int | None, *,
                actor: Actor) -> ErpSettings:
    """Map a tax key to an ERP tax record (None removes the mapping), audited; the new settings."""
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"ERP tax {key}")
        channel_id = erp_channel_in(s, settings)
        channel = s.get_one(Channel, channel_id)
        taxes = {k: v for k, v in ((channel.settings or {}).get("taxes") or {}).items()
                 if k != key}
        if tax_id is not None:
            taxes[key] = tax_id
        channel.settings = {**(channel.settings or {}), "taxes": taxes}
        audit.record(s, actor, entity="channel", entity_id=channel_id,
                     reference=channel.code, action="erp_tax",
                     reason=f"{key} -> {tax_id if tax_id is not None else 'found by rate'}")
        return erp_settings_of(channel)


def configured_erps(session: Session) -> list[ErpSettings]:
    """The ERPs this shop sends to: one per active ERP channel (none: no ERP configured)."""
    return [erp_settings_of(ch) for ch in session.scalars(
        select(Channel).where(Channel.kind.in_(ERP_KINDS), Channel.active.is_(True))
        .order_by(Channel.id))]


def queue_for_erps(session: Session, order: Order) -> int:
    """Queue the order for every configured ERP, in the caller's transaction; 0 when none is.

    Called by the services whose change makes an order due in the ERP, so the outbox row
    commits (or rolls back) with that change.
    """
    erps = configured_erps(session)
    if erps and order.id is None:
        session.flush()  # the message names the order by id
    return sum(1 for settings in erps if queue_order(session, order, settings) is not None)


def queue_order(session: Session, order: Order, settings: ErpSettings) -> OutboxMessage | None:
    """Queue one order for the ERP in the caller's transaction, unless already queued."""
    return _queue_order_id(session, order.id, settings)


def queue_paid_order_ids(session: Session, order_ids: list[int]) -> int:
    """The same as queue_for_erps for orders a batch intake created already paid."""
    erps = configured_erps(session)
    return sum(1 for settings in erps for oid in order_ids
               if _queue_order_id(session, oid, settings) is not None)


def _queue_order_id(session: Session, order_id: int, settings: ErpSettings) -> OutboxMessage | None:
    key = f"{TOPIC_ORDER}:{settings.erp}:{order_id}"
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)):
        return None
    return enqueue(session, TOPIC_ORDER, {"erp": settings.erp, "order_id": order_id},
                   key=f"erp:{settings.erp}:order:{order_id}", idempotency_key=key,
                   channel_id=erp_channel_in(session, settings))


def queue_unsent_orders(db: Database, settings: ErpSettings) -> int:
    """Queue every order not cancelled, not linked to the ERP and not queued yet."""
    with db.write() as s:
        linked = exists().where(ErpLink.erp == settings.erp, ErpLink.kind == "order",
                                ErpLink.local_id == Order.id)
        orders = s.scalars(select(Order).where(Order.status != OrderStatus.CANCELLED.value,
                                               ~linked).order_by(Order.id)).all()
        return sum(1 for o in orders if queue_order(s, o, settings) is not None)


def queue_invoice(session: Session, invoice: Invoice, settings: ErpSettings) -> OutboxMessage | None:
    """Queue one issued invoice or credit note for the ERP, unless already queued."""
    key = f"{TOPIC_INVOICE}:{settings.erp}:{invoice.id}"
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)):
        return None
    return enqueue(session, TOPIC_INVOICE, {"erp": settings.erp, "invoice_id": invoice.id},
                   key=f"erp:{settings.erp}:invoice:{invoice.id}", idempotency_key=key,
                   channel_id=erp_channel_in(session, settings))


def queue_unsent_invoices(db: Database, settings: ErpSettings) -> int:
    """Queue every invoice and credit note not linked to the ERP and not queued yet."""
    with db.write() as s:
        linked = exists().where(ErpLink.erp == settings.erp, ErpLink.kind == "invoice",
                                ErpLink.local_id == Invoice.id)
        invoices = s.scalars(select(Invoice).where(~linked).order_by(Invoice.id)).all()
        return sum(1 for inv in invoices if queue_invoice(s, inv, settings) is not None)


def apply_product_data(db: Database, products: list[ProductData], *, actor: Actor) -> PullReport:
    """Bring ERP names, EANs and list prices onto local products with the same SKU.

    ERP list prices exclude tax; local prices include it, so the product's own rate is added.
    Every change is audited.
    """
    report = PullReport(seen=len(products))
    with db.write() as s:
        local = {p.sku: p for p in s.scalars(select(Product).where(
            Product.sku.in_([e.code for e in products])))}
        for e in products:
            product = local.get(e.code)
            if product is None:
                report.unknown += 1
                continue
            changes = _apply_one(s, product, e)
            if changes:
                report.changed.append(f"{product.sku}: {', '.join(changes)}")
                audit.record(s, actor, entity="product", entity_id=product.id,
                             reference=product.sku, action="erp_pull", reason="; ".join(changes))
    return report


def _apply_one(s: Session, product: Product, e: ProductData) -> list[str]:
    changes = []
    gross = round(e.list_price * (10000 + product.tax_rate_bp) / 10000)
    if e.currency == product.currency and gross != product.price:
        changes.append(f"price {product.price} -> {gross}")
        product.price = gross
    if e.name and e.name != product.name:
        changes.append(f"name {product.name!r} -> {e.name!r}")
        product.name = e.name
    if e.ean and e.ean != product.ean and not s.scalar(
            select(func.count()).select_from(Product).where(Product.ean == e.ean)):
        changes.append(f"ean {product.ean} -> {e.ean}")
        product.ean = e.ean
    return changes


@dataclass(frozen=True)
class ErpOverview:
    """What the Sync view shows for an ERP, like a channel: backlog, failures, last error."""

    erp: str
    pending: int
    failed: int
    delivered: int
    linked_orders: int
    last_error: str
    last_delivered_at: datetime | None


def erp_overview(db: Database, erp: str) -> ErpOverview:
    """Counts and the latest error of one ERP's outbox, for the Sync view and the CLI."""
    with db.read() as s:
        rows = [m for m in s.scalars(select(OutboxMessage).where(
            OutboxMessage.topic.in_((TOPIC_ORDER, TOPIC_INVOICE, TOPIC_PURCHASE))))
            if m.payload.get("erp") == erp]
        linked = s.scalar(select(func.count()).select_from(ErpLink).where(
            ErpLink.erp == erp, ErpLink.kind == "order")) or 0
    errors = sorted((m for m in rows if m.last_error), key=lambda m: m.id)
    delivered = [m.delivered_at for m in rows if m.delivered_at]
    return ErpOverview(
        erp=erp, pending=sum(m.status == "pending" for m in rows),
        failed=sum(m.status == "failed" for m in rows),
        delivered=sum(m.status == "delivered" for m in rows), linked_orders=linked,
        last_error=errors[-1].last_error if errors else "",
        last_delivered_at=max(delivered) if delivered else None,
    )


def retry_failed_erp(db: Database, ids: list[int] | None = None) -> int:
    """Put ERP messages the ERP refused back in the queue (after the cause was fixed)."""
    from omsdesk.models.base import utcnow

    with db.write() as s:
        stmt = select(OutboxMessage).where(OutboxMessage.status == "failed",
                                           OutboxMessage.topic.in_((TOPIC_ORDER, TOPIC_INVOICE,
                                                                    TOPIC_PURCHASE)))
        if ids is not None:
            stmt = stmt.where(OutboxMessage.id.in_(ids))
        rows = list(s.scalars(stmt))
        for m in rows:
            m.status, m.attempts, m.next_attempt_at = "pending", 0, utcnow()
        return len(rows)
