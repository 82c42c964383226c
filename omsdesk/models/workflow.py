"""The order workflow as data: statuses and the one transition table services and UI both read."""

from __future__ import annotations

from enum import StrEnum

from omsdesk.models.errors import IllegalTransition


class OrderStatus(StrEnum):
    NEW = "new"
    PAID = "paid"
    ALLOCATED = "allocated"
    PICKING = "picking"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"
    # Part of the order has shipped; the rest waits for stock as a backorder.
    PARTIAL = "partial"
    # Nothing could be reserved yet; allocated again when stock arrives.
    BACKORDER = "backorder"
    RETURNED = "returned"


S = OrderStatus

# Statuses an order in which can still be cancelled: nothing has left a warehouse yet.
NOT_SHIPPED = frozenset({S.NEW, S.PAID, S.ALLOCATED, S.PICKING, S.PACKED, S.BACKORDER, S.ON_HOLD})

# action -> statuses it may start from. The target status is decided by the service
# (ship may end in shipped or partial, release returns to the status held from).
TRANSITIONS: dict[str, frozenset[OrderStatus]] = {
    "pay": frozenset({S.NEW, S.PAID, S.ALLOCATED, S.PICKING, S.PACKED, S.BACKORDER, S.PARTIAL,
                      S.SHIPPED, S.DELIVERED, S.ON_HOLD}),
    "allocate": frozenset({S.PAID, S.BACKORDER, S.PARTIAL}),
    # Picking, packing and shipping are done per parcel (one per warehouse, services/fulfilment/
    # parcels.py): a split order in picking may have one parcel packed and shipped while the
    # other is still on the shelf; a part-shipped order's next parcel is picked from partial.
    "pick": frozenset({S.ALLOCATED, S.PICKING, S.PARTIAL}),
    "pack": frozenset({S.PICKING, S.PARTIAL}),
    "ship": frozenset({S.PICKING, S.PACKED, S.PARTIAL}),
    "deliver": frozenset({S.SHIPPED}),
    "hold": frozenset({S.NEW, S.PAID, S.ALLOCATED, S.PICKING, S.PACKED, S.BACKORDER, S.PARTIAL}),
    "release": frozenset({S.ON_HOLD}),
    "cancel": NOT_SHIPPED,
    "return": frozenset({S.SHIPPED, S.DELIVERED, S.PARTIAL}),
}

ACTIONS = tuple(TRANSITIONS)
# Actions that depend on the order's lines and money, not its status alone (Order.available_actions).
LINE_ACTIONS = ("cancel-rest", "refund")
# Actions whose audit row must say why (the desktop asks before it runs them).
NEEDS_REASON = frozenset({"hold", "cancel", "return", "cancel-rest"})

# What to do instead of cancelling an order part of which has left.
CLOSE_REST_INSTEAD = "close the unshipped lines instead (orders cancel-rest) or record a return"

_REFUSAL_HINTS: dict[str, str] = {
    "cancel": "it has already shipped; record a return instead",
    "allocate": "it must be paid first",
    "ship": "it must be packed first",
    "pack": "it must be picked first",
    "pick": "it must be allocated first",
    "deliver": "it has not shipped",
    "release": "it is not on hold",
}


def allowed_actions(status: OrderStatus | str) -> list[str]:
    """Actions the workflow allows from a status, in workflow order (for menus and buttons)."""
    st = OrderStatus(status)
    return [a for a in ACTIONS if st in TRANSITIONS[a]]


def check_transition(action: str, status: OrderStatus | str, reference: str) -> None:
    """Raise IllegalTransition with a clerk-readable message when `action` is not allowed."""
    if action not in TRANSITIONS:
        raise IllegalTransition(f"unknown order action '{action}'")
    st = OrderStatus(status)
    if st in TRANSITIONS[action]:
        return
    hint = _REFUSAL_HINTS.get(action)
    if action == "cancel" and st == S.CANCELLED:
        hint = "it is already cancelled"
    elif action == "cancel" and st == S.PARTIAL:
        hint = f"it has already shipped; {CLOSE_REST_INSTEAD}"
    elif action == "allocate" and st in (S.ALLOCATED, S.PICKING, S.PACKED):
        hint = "it is already allocated"
    elif action == "hold" and st == S.ON_HOLD:
        hint = "it is already on hold"
    msg = f"cannot {action} order {reference}: status is {st.value}"
    raise IllegalTransition(f"{msg}; {hint}" if hint else msg)
