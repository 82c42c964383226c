"""Purchasing: suppliers, reorder rules, suggestions, and purchase orders from draft to received."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.documents.purchase_order import (
    PurchaseDocLine,
    PurchaseOrderDoc,
    render_purchase_order,
)
from omsdesk.models import (
    ConflictError,
    IllegalTransition,
    MoveKind,
    NotFound,
    Order,
    OrderLine,
    OrderStatus,
    OutboxMessage,
    Product,
    StockLevel,
    ValidationError,
    Warehouse,
)
from omsdesk.models.base import utcnow
from omsdesk.models.money import check_currency
from omsdesk.models.party import PaymentTerms
from omsdesk.models.planning import (
    OPEN_PURCHASE_STATUSES,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseStatus,
    ReorderRule,
    Supplier,
    Transfer,
    TransferStatus,
)
from omsdesk.queries.planning import HORIZON_DAYS, demand_forecast
from omsdesk.services import audit, outbox
from omsdesk.services.channels.erp import TOPIC_PURCHASE, configured_erps, erp_channel_in
from omsdesk.services.channels.mail import PURCHASE_ORDER_EMAIL, mail_channel_id
from omsdesk.services.context import Actor
from omsdesk.services.customers import valid_email
from omsdesk.services.fulfilment.backorders import lock_waiting, serve
from omsdesk.services.ledger.stock import move, product_by_sku, warehouse_by_code
from omsdesk.services.refs import next_value
from omsdesk.services.validation import non_negative_int, positive_int, valid_tax_id

P = PurchaseStatus
# action -> statuses it may start from (the purchase order workflow as data).
PO_TRANSITIONS: dict[str, frozenset[PurchaseStatus]] = {
    "send": frozenset({P.DRAFT}),
    "receive": frozenset({P.SENT, P.PARTIAL}),
    "cancel": frozenset({P.DRAFT, P.SENT, P.PARTIAL}),
}
DEFAULT_LEAD_TIME_DAYS = 7


def _check(action: str, po: PurchaseOrder) -> None:
    if PurchaseStatus(po.status) not in PO_TRANSITIONS[action]:
        raise IllegalTransition(f"cannot {action} purchase order {po.reference}: status is {po.status}")


# -- set-up -----------------------------------------------------------------------------------

def add_supplier(db: Database, code: str, name: str, *, actor: Actor, email: str = "",
                 lead_time_days: int = DEFAULT_LEAD_TIME_DAYS, currency: str = "EUR",
                 tax_id: str = "", address: str = "", payment_terms: str = "net30") -> int:
    """Create a supplier; its lead time is the default for rules that name it, its payment
    terms (immediate, cod or netN) date its invoices' due dates."""
    code = code.strip().upper()
    if not code or any(c.isspace() for c in code):
        raise ValidationError(f"supplier code '{code}' must be non-empty and without spaces")
    non_negative_int(lead_time_days, "lead time in days")
    check_currency(currency.upper())
    checked_tax_id = valid_tax_id(tax_id) or ""
    checked_email = valid_email(email) or ""
    terms = PaymentTerms.parse(payment_terms).code
    with db.write() as s:
        if s.scalar(select(Supplier.id).where(Supplier.code == code)) is not None:
            raise ConflictError(f"supplier {code} already exists")
        sup = Supplier(code=code, name=name.strip() or code, email=checked_email, tax_id=checked_tax_id,
                       address=address.strip(), currency=currency.upper(), lead_time_days=lead_time_days,
                       payment_terms=terms)
        s.add(sup)
        s.flush()
        audit.record(s, actor, entity="supplier", entity_id=sup.id, reference=code, action="create")
        return sup.id


def supplier_by_code(session: Session, code: str) -> Supplier:
    sup = session.scalar(select(Supplier).where(Supplier.code == code.strip().upper()))
    if sup is None:
        raise NotFound(f"unknown supplier '{code}'")
    return sup


def set_reorder_rule(db: Database, sku: str, warehouse: str, *, actor: Actor, min_qty: int,
                     max_qty: int = 0, lead_time_days: int | None = None, supplier: str | None = None,
                     unit_cost: int = 0) -> None:
    """Create or replace the rule for one product in one warehouse."""
    non_negative_int(min_qty, "minimum")
    non_negative_int(max_qty, "maximum")
    non_negative_int(unit_cost, "unit cost")
    if max_qty and max_qty < min_qty:
        raise ValidationError(f"maximum {max_qty} is below the minimum {min_qty}")
    with db.write() as s:
        product = product_by_sku(s, sku)
        wh = warehouse_by_code(s, warehouse)
        sup = supplier_by_code(s, supplier) if supplier else None
        lead = lead_time_days if lead_time_days is not None else (
            sup.lead_time_days if sup else DEFAULT_LEAD_TIME_DAYS)
        non_negative_int(lead, "lead time in days")
        rule = s.scalar(select(ReorderRule).where(ReorderRule.product_id == product.id,
                                                  ReorderRule.warehouse_id == wh.id))
        if rule is None:
            rule = ReorderRule(product_id=product.id, warehouse_id=wh.id)
            s.add(rule)
        rule.min_qty, rule.max_qty, rule.lead_time_days = min_qty, max_qty, lead
        rule.supplier_id = sup.id if sup else None
        rule.unit_cost = unit_cost
        s.flush()
        audit.record(s, actor, entity="reorder_rule", entity_id=rule.id, reference=f"{sku}@{wh.code}",
                     action="set", reason=f"min {min_qty}, max {max_qty or '-'}, lead {lead} d, "
                     f"supplier {sup.code if sup else '-'}")


# -- suggestions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    sku: str
    name: str
    warehouse: str
    supplier: str | None
    available: int
    on_order: int
    lead_time_days: int
    demand_over_lead_time: float
    safety_stock: int
    qty: int
    unit_cost: int
    # Units waiting orders still need here (open, unreserved): bought on top of the rule.
    backordered: int = 0


def on_order(session: Session) -> dict[tuple[int, int], int]:
    """(product id, warehouse id) -> units coming: open purchase lines and transfers in transit."""
    coming: dict[tuple[int, int], int] = defaultdict(int)
    for pid, wid, qty in session.execute(
        select(PurchaseOrderLine.product_id, PurchaseOrder.warehouse_id,
               func.sum(PurchaseOrderLine.qty - PurchaseOrderLine.qty_received))
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
        .where(PurchaseOrder.status.in_(OPEN_PURCHASE_STATUSES))
        .group_by(PurchaseOrderLine.product_id, PurchaseOrder.warehouse_id)
    ):
        coming[(pid, wid)] += int(qty)
    for pid, wid, qty in session.execute(
        select(Transfer.product_id, Transfer.to_warehouse_id, func.sum(Transfer.qty))
        .where(Transfer.status == TransferStatus.IN_TRANSIT.value)
        .group_by(Transfer.product_id, Transfer.to_warehouse_id)
    ):
        coming[(pid, wid)] += int(qty)
    return coming


def backordered(session: Session, rules: Sequence[ReorderRule] = ()) -> dict[tuple[int, int], int]:
    """(product id, warehouse id) -> units that waiting orders (backorder, partial) still need.

    What an order needs is `Order.stock_needed()`, the same rule allocation uses (open,
    unreserved units of stock-tracked lines). It is counted in the order's warehouse; an order
    that has none yet counts in the warehouse of the product's reorder rule, else where the
    product is stocked, else the first active warehouse, so no waiting unit goes unbought.
    """
    orders = list(session.scalars(
        select(Order).where(Order.status.in_((OrderStatus.BACKORDER.value, OrderStatus.PARTIAL.value)))
        .options(selectinload(Order.lines).selectinload(OrderLine.reservations))))
    if not orders:
        return {}
    ruled: dict[int, int] = {}
    for r in sorted(rules, key=lambda r: r.warehouse_id):
        ruled.setdefault(r.product_id, r.warehouse_id)
    stocked: dict[int, int] = {}
    for pid, wid in session.execute(select(StockLevel.product_id, StockLevel.warehouse_id)
                                    .order_by(StockLevel.warehouse_id)):
        stocked.setdefault(pid, wid)
    first_wh = session.scalar(select(Warehouse.id).where(Warehouse.active.is_(True))
                              .order_by(Warehouse.id).limit(1))
    need: dict[tuple[int, int], int] = defaultdict(int)
    for order in orders:
        for pid, qty in order.stock_needed().items():
            where = order.warehouse_id or ruled.get(pid) or stocked.get(pid) or first_wh
            if where is not None:
                need[(pid, where)] += qty
    return dict(need)


def suggest_purchases(session: Session) -> list[Suggestion]:
    """What to buy now: demand over the lead time + safety stock + backorders - available - on order.

    Every stock level is considered; one with a reorder rule takes its minimum as safety
    stock, its lead time and supplier, and its maximum (when set) caps the stock position
    after buying, backorders on top (they leave as soon as the goods arrive). A level without
    a rule uses its reorder point and a 7-day lead time. Units that waiting orders still need
    are bought where they wait (see `backordered`), even where no level or rule exists yet.
    """
    rules = {(r.product_id, r.warehouse_id): r for r in session.scalars(select(ReorderRule))}
    horizon = max([HORIZON_DAYS, *(r.lead_time_days for r in rules.values())])
    fc = demand_forecast(session, horizon=horizon)
    coming = on_order(session)
    waiting = backordered(session, list(rules.values()))
    suppliers = {sid: code for sid, code in session.execute(select(Supplier.id, Supplier.code))}
    levels = {(pid, wid): (on_hand, reserved, reorder_point) for pid, wid, on_hand, reserved, reorder_point
              in session.execute(select(StockLevel.product_id, StockLevel.warehouse_id, StockLevel.on_hand,
                                        StockLevel.reserved, StockLevel.reorder_point))}
    # A rule for a warehouse that never held the product still asks for its first stock.
    for key in [*rules, *waiting]:
        levels.setdefault(key, (0, 0, 0))
    products = {pid: (sku, name) for pid, sku, name in session.execute(
        select(Product.id, Product.sku, Product.name).where(Product.active.is_(True)))}
    codes = {wid: code for wid, code in session.execute(
        select(Warehouse.id, Warehouse.code).where(Warehouse.active.is_(True)))}
    out = []
    for (pid, wid), (on_hand, reserved, reorder_point) in levels.items():
        if pid not in products or wid not in codes:
            continue
        rule = rules.get((pid, wid))
        lead = rule.lead_time_days if rule else DEFAULT_LEAD_TIME_DAYS
        safety = rule.min_qty if rule else reorder_point
        demand = sum(fc.daily(pid, wid)[:lead])
        available = on_hand - reserved
        incoming = coming.get((pid, wid), 0)
        owed = waiting.get((pid, wid), 0)
        qty = math.ceil(demand + safety + owed - available - incoming - 1e-9)
        if rule is not None and rule.max_qty:
            qty = min(qty, rule.max_qty + owed - available - incoming)
        if qty <= 0:
            continue
        sku, name = products[pid]
        out.append(Suggestion(sku, name, codes[wid],
                              suppliers.get(rule.supplier_id) if rule and rule.supplier_id else None,
                              available, incoming, lead, round(demand, 2), safety, qty,
                              rule.unit_cost if rule else 0, owed))
    out.sort(key=lambda sg: (sg.sku, sg.warehouse))
    return out


# -- purchase orders --------------------------------------------------------------------------

@dataclass(frozen=True)
class PurchaseLineView:
    line_no: int
    sku: str
    name: str
    qty: int
    qty_received: int
    unit_cost: int

    @property
    def total(self) -> int:
        return self.qty * self.unit_cost


@dataclass(frozen=True)
class PurchaseOrderView:
    reference: str
    status: str
    supplier_code: str
    supplier_name: str
    supplier_email: str
    supplier_tax_id: str
    supplier_address: str
    warehouse: str
    warehouse_name: str
    warehouse_address: str
    currency: str
    created_at: datetime
    sent_at: datetime | None
    expected_at: datetime | None
    notes: str
    lines: tuple[PurchaseLineView, ...]

    @property
    def total(self) -> int:
        return sum(ln.total for ln in self.lines)

    @property
    def open_qty(self) -> int:
        return sum(ln.qty - ln.qty_received for ln in self.lines)


def _load(session: Session, reference: str) -> PurchaseOrder:
    stmt = select(PurchaseOrder).where(PurchaseOrder.reference == reference)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=PurchaseOrder)
    po = session.scalar(stmt)
    if po is None:
        raise NotFound(f"unknown purchase order '{reference}'")
    return po


def view_in(session: Session, po: PurchaseOrder) -> PurchaseOrderView:
    sup = session.get(Supplier, po.supplier_id)
    wh = session.get(Warehouse, po.warehouse_id)
    assert sup is not None and wh is not None
    products = {p.id: p for p in session.scalars(
        select(Product).where(Product.id.in_([ln.product_id for ln in po.lines])))}
    lines = tuple(PurchaseLineView(ln.line_no, products[ln.product_id].sku, products[ln.product_id].name,
                                   ln.qty, ln.qty_received, ln.unit_cost) for ln in po.lines)
    address = ", ".join(x for x in (wh.address, f"{wh.postcode} {wh.city}".strip(), wh.country) if x)
    return PurchaseOrderView(po.reference, po.status, sup.code, sup.name, sup.email, sup.tax_id,
                             sup.address, wh.code, wh.name, address, po.currency, po.created_at,
                             po.sent_at, po.expected_at, po.notes, lines)


def purchase_order_view(session: Session, reference: str) -> PurchaseOrderView:
    """One purchase order as plain values, for screens, the CLI and the PDF."""
    return view_in(session, _load(session, reference))


def create_purchase_order(db: Database, supplier: str, warehouse: str,
                          lines: Sequence[tuple[str, int, int | None]], *, actor: Actor,
                          notes: str = "", expected: date | None = None) -> PurchaseOrderView:
    """A draft purchase order: (sku, qty, unit cost or None for the rule's cost) per line."""
    if not lines:
        raise ValidationError("a purchase order needs at least one line")
    with db.write() as s:
        sup = supplier_by_code(s, supplier)
        wh = warehouse_by_code(s, warehouse)
        year = utcnow().year
        ref = f"PO-{year}-{next_value(s, f'purchase:{year}'):06d}"
        po = PurchaseOrder(reference=ref, supplier_id=sup.id, warehouse_id=wh.id, currency=sup.currency,
                           notes=notes, expected_at=(datetime(expected.year, expected.month, expected.day,
                                                              tzinfo=UTC) if expected else None))
        for no, (sku, qty, cost) in enumerate(lines, start=1):
            product = product_by_sku(s, sku)
            positive_int(qty, f"quantity of {sku}")
            if cost is None:
                cost = s.scalar(select(ReorderRule.unit_cost).where(
                    ReorderRule.product_id == product.id, ReorderRule.warehouse_id == wh.id)) or 0
            non_negative_int(cost, f"unit cost of {sku}")
            po.lines.append(PurchaseOrderLine(line_no=no, product_id=product.id, qty=qty, unit_cost=cost))
        s.add(po)
        s.flush()
        audit.record(s, actor, entity="purchase_order", entity_id=po.id, reference=ref, action="create",
                     to_status=po.status, reason=f"{len(lines)} line(s) from {sup.code} into {wh.code}")
        return view_in(s, po)


def create_from_suggestions(db: Database, *, actor: Actor) -> list[PurchaseOrderView]:
    """One draft per (supplier, warehouse) from the current suggestions that name a supplier."""
    with db.read() as s:
        suggestions = suggest_purchases(s)
    groups: dict[tuple[str, str], list[tuple[str, int, int | None]]] = defaultdict(list)
    for sg in suggestions:
        if sg.supplier:
            groups[(sg.supplier, sg.warehouse)].append((sg.sku, sg.qty, sg.unit_cost))
    return [create_purchase_order(db, sup, wh, lines, actor=actor, notes="from reorder suggestions")
            for (sup, wh), lines in sorted(groups.items())]


def send_purchase_order(db: Database, reference: str, *, actor: Actor,
                        language: str = "es") -> PurchaseOrderView:
    """Mark the order sent; queue its PDF for the supplier's e-mail and the order for each ERP.

    Both go through the outbox in this transaction (topics purchase_order.email and
    erp.purchase_order), so a sent order is never without its deliveries, nor the other way
    round; `purchase_deliveries` tells how each went.
    """
    with db.write() as s:
        po = _load(s, reference)
        _check("send", po)
        before = po.status
        po.status = P.SENT.value
        po.sent_at = utcnow()
        view = view_in(s, po)
        if view.supplier_email:
            outbox.enqueue(s, PURCHASE_ORDER_EMAIL, {
                "reference": view.reference, "to": view.supplier_email,
                "supplier": view.supplier_name, "language": language,
            }, key=f"purchase:{po.id}", channel_id=mail_channel_id(s),
                idempotency_key=f"{PURCHASE_ORDER_EMAIL}:{po.reference}")
        for settings in configured_erps(s):
            outbox.enqueue(s, TOPIC_PURCHASE, {
                "erp": settings.erp, "purchase_order_id": po.id, "reference": po.reference,
            }, key=f"purchase:{po.id}", channel_id=erp_channel_in(s, settings),
                idempotency_key=f"{TOPIC_PURCHASE}:{settings.erp}:{po.reference}")
        audit.record(s, actor, entity="purchase_order", entity_id=po.id, reference=reference,
                     action="send", from_status=before, to_status=po.status, reason=f"to {view.supplier_code}")
        return view


@dataclass(frozen=True)
class PurchaseDelivery:
    """How one way of sending a purchase order went: 'email' or 'erp:<name>'."""

    channel: str
    to: str
    status: str  # sent | pending | failed
    error: str
    attempts: int
    delivered_at: datetime | None


def purchase_deliveries(session: Session, reference: str) -> list[PurchaseDelivery]:
    """The e-mail and ERP deliveries of a sent purchase order, as the outbox has them.

    'failed' is a message the outbox gave up on, or one still retried after an error (its
    error says why); 'pending' has not been tried yet.
    """
    po = session.scalar(select(PurchaseOrder).where(PurchaseOrder.reference == reference))
    if po is None:
        raise NotFound(f"unknown purchase order '{reference}'")
    out = []
    for msg in session.scalars(select(OutboxMessage).where(
            OutboxMessage.key == f"purchase:{po.id}",
            OutboxMessage.topic.in_((PURCHASE_ORDER_EMAIL, TOPIC_PURCHASE))).order_by(OutboxMessage.id)):
        payload = msg.payload or {}
        if payload.get("cancelled"):
            continue
        email = msg.topic == PURCHASE_ORDER_EMAIL
        status = ("sent" if msg.status == "delivered" else
                  "failed" if msg.status == "failed" or msg.last_error else "pending")
        out.append(PurchaseDelivery(
            "email" if email else f"erp:{payload.get('erp', '')}",
            str(payload.get("to") or "") if email else str(payload.get("erp") or ""),
            status, msg.last_error, msg.attempts, msg.delivered_at))
    return out


def receive_purchase_order(db: Database, reference: str, quantities: dict[str, int] | None = None, *,
                           actor: Actor) -> PurchaseOrderView:
    """Book goods of a sent order into its warehouse, all that is open or SKU -> qty in part.

    Receiving more than is open on a line is refused; waiting backorders are served.
    """
    with db.write() as s:
        po = _load(s, reference)
        _check("receive", po)
        wh = s.get(Warehouse, po.warehouse_id)
        assert wh is not None
        products = {p.id: p for p in s.scalars(
            select(Product).where(Product.id.in_([ln.product_id for ln in po.lines])))}
        if quantities is None:
            wanted = {ln.id: ln.qty_open for ln in po.lines if ln.qty_open > 0}
        else:
            wanted = {}
            by_sku = {p.sku: pid for pid, p in products.items()}
            for sku, qty in quantities.items():
                left = positive_int(qty, f"quantity of {sku} received")
                if sku not in by_sku:
                    raise ValidationError(f"SKU {sku} is not on purchase order {reference}")
                for ln in po.lines:
                    if ln.product_id == by_sku[sku] and left:
                        take = min(left, ln.qty_open - wanted.get(ln.id, 0))
                        if take > 0:
                            wanted[ln.id] = wanted.get(ln.id, 0) + take
                            left -= take
                if left:
                    raise ValidationError(f"cannot receive {qty} x {sku} on {reference}: "
                                          "more than is still open")
        if not wanted:
            raise ValidationError(f"nothing to receive on {reference}")
        # Waiting orders are locked before the stock rows (see backorders.py for why).
        waiting = lock_waiting(s, {ln.product_id for ln in po.lines if wanted.get(ln.id)})
        for ln in po.lines:
            qty = wanted.get(ln.id, 0)
            if qty:
                ln.qty_received += qty
                move(s, actor, products[ln.product_id], wh, qty, MoveKind.RECEIPT, f"PO {reference}")
        before = po.status
        po.status = (P.RECEIVED if all(ln.qty_open == 0 for ln in po.lines) else P.PARTIAL).value
        audit.record(s, actor, entity="purchase_order", entity_id=po.id, reference=reference,
                     action="receive", from_status=before, to_status=po.status,
                     reason=f"{sum(wanted.values())} unit(s) into {wh.code}")
        s.flush()
        serve(s, actor, waiting)
        return view_in(s, po)


def cancel_purchase_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> PurchaseOrderView:
    """Cancel what is still open; what was received stays in stock. A sent order tells the ERP."""
    with db.write() as s:
        po = _load(s, reference)
        _check("cancel", po)
        before = po.status
        po.status = P.CANCELLED.value
        if before != P.DRAFT.value:
            for settings in configured_erps(s):
                outbox.enqueue(s, TOPIC_PURCHASE, {
                    "erp": settings.erp, "purchase_order_id": po.id, "reference": po.reference,
                    "cancelled": True,
                }, key=f"purchase:{po.id}", channel_id=erp_channel_in(s, settings),
                    idempotency_key=f"{TOPIC_PURCHASE}.cancel:{settings.erp}:{po.reference}")
        audit.record(s, actor, entity="purchase_order", entity_id=po.id, reference=reference,
                     action="cancel", from_status=before, to_status=po.status, reason=reason)
        return view_in(s, po)


def purchase_orders(session: Session, *, status: str | None = None, limit: int = 200) -> list[PurchaseOrderView]:
    """Most recent purchase orders first, optionally of one status."""
    stmt = select(PurchaseOrder).order_by(PurchaseOrder.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(PurchaseOrder.status == status)
    return [view_in(session, po) for po in session.scalars(stmt)]


def purchase_order_document(view: PurchaseOrderView, language: str = "es") -> PurchaseOrderDoc:
    """The printable values of a purchase order."""
    supplier = tuple(x for x in (view.supplier_name, view.supplier_tax_id, view.supplier_address,
                                 view.supplier_email) if x)
    return PurchaseOrderDoc(
        reference=view.reference, order_date=(view.sent_at or view.created_at).date(),
        supplier_lines=supplier, deliver_to_lines=(view.warehouse_name, view.warehouse_address),
        currency=view.currency,
        lines=tuple(PurchaseDocLine(ln.sku, ln.name, ln.qty, ln.unit_cost) for ln in view.lines),
        expected=view.expected_at.date() if view.expected_at else None, notes=view.notes,
        language=language,
    )


def purchase_order_pdf(db: Database, reference: str, *, language: str = "es") -> bytes:
    """The purchase order as a PDF, ready to print or mail to the supplier."""
    with db.read() as s:
        view = purchase_order_view(s, reference)
    return render_purchase_order(purchase_order_document(view, language))
