"""Changing an order after it was taken: where it goes (ship-to address) and its internal notes.

Lines and prices are not edited here: they change stock, totals and invoices, and go through
cancel-rest, returns and credit notes instead. An address stops being editable once goods have
left with it, or once a carrier label carries it (the label would go out with the old one).
"""

from __future__ import annotations

from dataclasses import dataclass

from omsdesk.db import Database
from omsdesk.models import IllegalTransition, Order, OrderStatus, ParcelStatus, ValidationError
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.customers import AddressInput, checked_address
from omsdesk.services.fulfilment.status import OrderState, load_order

# Statuses in which nothing of the order is still to leave the warehouse.
_ADDRESS_FINAL = frozenset({OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.CANCELLED,
                            OrderStatus.RETURNED})
_COLUMNS = ("ship_name", "ship_line1", "ship_line2", "ship_city", "ship_postcode", "ship_province", "ship_country")
NOTES_MAX = 4000


@dataclass(frozen=True)
class OrderEdit:
    """What to change; None leaves that part as it is."""

    ship_to: AddressInput | None = None
    # Only some fields of the address (the CLI's --ship-city ...); the rest stay as they are.
    ship_fields: dict[str, str] | None = None
    notes: str | None = None
    reason: str = ""


def edit_order(db: Database, reference: str, change: OrderEdit, *, actor: Actor) -> OrderState:
    """Apply an address and/or notes change to one order, audited with what it was before."""
    if change.ship_to is None and not change.ship_fields and change.notes is None:
        raise ValidationError("nothing to change: give a ship-to address or notes")
    with db.write() as s:
        order = load_order(s, reference)
        changed: list[str] = []
        ship_to = change.ship_to or (_merged(order, change.ship_fields) if change.ship_fields else None)
        if ship_to is not None:
            before = address_line(order)
            if _set_ship_to(order, ship_to):
                audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                             action="edit_address", reason=_why(f"was: {before or '(none)'}", change.reason))
                changed.append("address")
        if change.notes is not None:
            notes = change.notes.strip()
            if len(notes) > NOTES_MAX:
                raise ValidationError(f"notes are limited to {NOTES_MAX} characters ({len(notes)} given)")
            if notes != (order.notes or ""):
                order.notes = notes
                audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                             action="edit_notes", reason=change.reason.strip())
                changed.append("notes")
        message = ("changed: " + ", ".join(changed)) if changed else "nothing changed"
        return OrderState(order.reference, order.status, message)


def address_can_change(status: str) -> bool:
    """Whether an order in this status may still be sent elsewhere (the desktop greys the form)."""
    return status not in _ADDRESS_FINAL


def _set_ship_to(order: Order, addr: AddressInput) -> bool:
    if not address_can_change(order.status):
        raise IllegalTransition(f"order {order.reference} is {order.status}: its address can no longer change")
    labelled = [p for p in order.parcels if p.status != ParcelStatus.SHIPPED.value
                and p.status != ParcelStatus.DELIVERED.value and p.tracking]
    if labelled:
        p = labelled[0]
        raise IllegalTransition(f"parcel {p.id} of order {order.reference} already has a label with tracking "
                                f"{p.tracking}; cancel that label before changing the address")
    checked = checked_address(addr, "shipping")
    if checked is None:
        raise ValidationError("a ship-to address needs a street, a postcode and a city")
    values = {"ship_name": checked.name or order.customer_name, "ship_line1": checked.line1,
              "ship_line2": checked.line2, "ship_city": checked.city, "ship_postcode": checked.postcode,
              "ship_province": checked.province, "ship_country": checked.country}
    if all(getattr(order, c) == values[c] for c in _COLUMNS):
        return False
    for column in _COLUMNS:
        setattr(order, column, values[column])
    return True


def _merged(order: Order, fields: dict[str, str]) -> AddressInput:
    unknown = sorted(set(fields) - {c.removeprefix("ship_") for c in _COLUMNS})
    if unknown:
        raise ValidationError(f"unknown address field(s): {', '.join(unknown)}")
    current = {c.removeprefix("ship_"): getattr(order, c) or "" for c in _COLUMNS}
    current.update(fields)
    return AddressInput(name=current["name"], line1=current["line1"], line2=current["line2"],
                        city=current["city"], postcode=current["postcode"], province=current["province"],
                        country=current["country"] or "ES")


def address_line(order: Order) -> str:
    """The ship-to address on one line, as the audit keeps it."""
    place = " ".join(p for p in (order.ship_postcode, order.ship_city) if p)
    parts = (order.ship_name, order.ship_line1, order.ship_line2, place, order.ship_province, order.ship_country)
    return ", ".join(p for p in parts if p) if order.ship_line1 else ""


def _why(before: str, reason: str) -> str:
    return f"{before}; {reason.strip()}" if reason.strip() else before
