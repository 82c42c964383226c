"""Returns (RMA): shipped goods come back to the warehouse they left from, each line restocked,
set apart as damaged, or scrapped; the money for them becomes refund due and a credit note is proposed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    MoveKind,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    StockLevel,
    ValidationError,
    Warehouse,
    check_transition,
)
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import Invoice
from omsdesk.models.returns import Disposition, ReturnAuthorization, ReturnLine
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.status import load_order, set_status
from omsdesk.services.ledger.stock import move
from omsdesk.services.refs import next_value
from omsdesk.services.validation import positive_int


@dataclass(frozen=True)
class ReturnResult:
    reference: str
    status: str
    rma: str
    units: int
    warehouses: tuple[str, ...]
    refund_due: int
    # The credit note to issue for what was paid, as a command (empty when nothing is invoiced).
    credit_note: str

    @property
    def message(self) -> str:
        return f"{self.rma}: {self.units} unit(s) back to {' + '.join(self.warehouses)}"


def return_order(db: Database, reference: str, *, actor: Actor, reason: str = "",
                 quantities: Mapping[str, int] | None = None,
                 dispositions: Mapping[str, str] | None = None,
                 shipment_id: int | None = None, restock: bool = True) -> ReturnResult:
    """Take shipped goods back (all of them, or SKU -> qty) as one RMA.

    With `shipment_id` the units must come from that parcel of this order. Each SKU's
    disposition is restock (default), damaged or scrap; `restock=False` makes the default scrap.
    """
    default = Disposition.RESTOCK if restock else Disposition.SCRAP
    with db.write() as s:
        order = load_order(s, reference)
        check_transition("return", order.status, order.reference)
        chosen = _dispositions(order, dispositions or {}, default)
        sources = _returnable(s, order, shipment_id)
        wanted = _wanted(order, sources, quantities)
        if not wanted:
            raise ValidationError(f"nothing to return on {order.reference}"
                                  + (f" from shipment {shipment_id}" if shipment_id is not None else ""))
        year = utcnow().year
        rma = ReturnAuthorization(reference=f"RMA-{year}-{next_value(s, f'rma:{year}'):06d}", order_id=order.id,
                                  shipment_id=shipment_id, reason=reason.strip(), user=actor.user,
                                  workstation=actor.workstation)
        s.add(rma)
        codes = dict(s.execute(select(Warehouse.id, Warehouse.code)).all())
        back_to: set[str] = set()
        for line in order.lines:
            for wid, qty in wanted.get(line.id, []):
                disposition = chosen[line.sku]
                rma.lines.append(ReturnLine(order_line_id=line.id, warehouse_id=wid, qty=qty,
                                            disposition=disposition.value))
                back_to.add(codes[wid])
                _book(s, actor, order, line, wid, qty, disposition, rma.reference)
                line.qty_returned += qty
        s.flush()
        units = sum(q for parts in wanted.values() for _w, q in parts)
        # The clerk's reason verbatim, as for every action; the RMA row links the return to it.
        note = reason.strip() or f"{rma.reference}: {units} unit(s) back to {' + '.join(sorted(back_to))}"
        if all(ln.qty_returned == ln.qty for ln in order.lines):
            set_status(s, order, OrderStatus.RETURNED, "return", actor, note)
        else:
            # Part came back: the order keeps its status, so what is still out can come back
            # later and a rest still to ship can ship.
            audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                         action="return", from_status=order.status, to_status=order.status, reason=note)
        return ReturnResult(order.reference, order.status, rma.reference, units, tuple(sorted(back_to)),
                            order.refund_due, _credit_note_hint(s, order, wanted))


def _dispositions(order: Order, given: Mapping[str, str], default: Disposition) -> dict[str, Disposition]:
    skus = {ln.sku for ln in order.lines}
    unknown = sorted(set(given) - skus)
    if unknown:
        raise ValidationError(f"SKU {', '.join(unknown)} is not on order {order.reference}")
    out = {}
    for sku in skus:
        value = given.get(sku, default.value)
        try:
            out[sku] = Disposition(value)
        except ValueError:
            raise ValidationError(f"disposition of {sku} must be restock, damaged or scrap, got {value!r}") from None
    return out


def _returnable(s: Session, order: Order, shipment_id: int | None) -> dict[int, list[tuple[int, int]]]:
    """Order line id -> [(warehouse id, units shipped and not yet returned)], parcel by parcel."""
    if shipment_id is not None and all(sh.id != shipment_id for sh in order.shipments):
        raise ValidationError(f"shipment {shipment_id} is not a parcel of order {order.reference}")
    returned: dict[tuple[int, int | None], int] = {
        (line_id, sid): int(q) for line_id, sid, q in s.execute(
            select(ReturnLine.order_line_id, ReturnAuthorization.shipment_id, func.sum(ReturnLine.qty))
            .join(ReturnAuthorization, ReturnAuthorization.id == ReturnLine.return_id)
            .where(ReturnAuthorization.order_id == order.id)
            .group_by(ReturnLine.order_line_id, ReturnAuthorization.shipment_id))}
    out: dict[int, list[tuple[int, int]]] = {}
    for line in order.lines:
        # Units returned without naming a parcel are taken off the earliest parcels first.
        skip = line.qty_returned - sum(q for (lid, sid), q in returned.items() if lid == line.id and sid)
        for shipment in order.shipments:
            here = sum(sl.qty for sl in shipment.lines if sl.order_line_id == line.id)
            here -= returned.get((line.id, shipment.id), 0)
            taken = min(skip, here)
            skip -= taken
            here -= taken
            if here > 0 and (shipment_id is None or shipment.id == shipment_id):
                out.setdefault(line.id, []).append((shipment.warehouse_id, here))
    return out


def _wanted(order: Order, sources: dict[int, list[tuple[int, int]]],
            quantities: Mapping[str, int] | None) -> dict[int, list[tuple[int, int]]]:
    if quantities is None:
        return {lid: parts for lid, parts in sources.items() if parts}
    unknown = sorted(set(quantities) - {ln.sku for ln in order.lines})
    if unknown:
        raise ValidationError(f"SKU {', '.join(unknown)} is not on order {order.reference}")
    out: dict[int, list[tuple[int, int]]] = {}
    for sku, qty in quantities.items():
        left = positive_int(qty, f"quantity of {sku} to return")
        for line in order.lines:
            if line.sku != sku:
                continue
            for wid, have in sources.get(line.id, []):
                take = min(left, have)
                if take:
                    out.setdefault(line.id, []).append((wid, take))
                    left -= take
        if left:
            raise ValidationError(f"cannot return {qty} x {sku} on {order.reference}: "
                                  "more than was shipped and not yet returned")
    return out


def _book(s: Session, actor: Actor, order: Order, line: OrderLine, wid: int, qty: int,
          disposition: Disposition, rma: str) -> None:
    """Ledger moves of returned units: back in, then out again unless they are sellable."""
    product = s.get(Product, line.product_id)
    wh = s.get(Warehouse, wid)
    assert product is not None and wh is not None
    if not product.stock_tracked:
        return
    move(s, actor, product, wh, qty, MoveKind.RETURN, f"{rma} {order.reference}", order.id)
    if disposition is Disposition.RESTOCK:
        return
    kind = MoveKind.DAMAGED if disposition is Disposition.DAMAGED else MoveKind.SCRAP
    move(s, actor, product, wh, -qty, kind, f"{rma} {disposition.value}", order.id)
    if disposition is Disposition.DAMAGED:
        s.execute(update(StockLevel).where(StockLevel.product_id == product.id, StockLevel.warehouse_id == wid)
                  .values(damaged=StockLevel.damaged + qty).execution_options(synchronize_session=False))


def _credit_note_hint(s: Session, order: Order, wanted: dict[int, list[tuple[int, int]]]) -> str:
    """The credit note command for the returned units, against the order's latest live invoice."""
    invoice = s.scalar(select(Invoice).where(Invoice.order_id == order.id, Invoice.total > 0)
                       .order_by(Invoice.id.desc()).limit(1))
    if invoice is None:
        return ""
    per_sku: dict[str, int] = {}
    for line in order.lines:
        qty = sum(q for _w, q in wanted.get(line.id, []))
        if qty:
            per_sku[line.sku] = per_sku.get(line.sku, 0) + qty
    lines = " ".join(f"--line {sku}:{qty}" for sku, qty in per_sku.items())
    # R5 corrects a simplified invoice (ticket); R4 is the general case (a return).
    code = "R5" if invoice.invoice_type == "F2" else "R4"
    return f"omsdesk invoices credit {invoice.number} {lines} --reason {code}"
