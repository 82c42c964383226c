"""Roles and permissions as data: the one table the services enforce and the UI reads."""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    """What a role may do beyond the everyday work every signed-in user does."""

    CREDIT_NOTE = "invoice.credit"        # issue a credit note, annul an invoice
    REFUND = "order.refund"               # give money back
    CANCEL_PAID = "order.cancel_paid"     # cancel (or close the rest of) an order money was paid on
    PRICE_OVERRIDE = "order.price_override"  # a keyed-in price below the catalogue by more than the limit
    STOCK_ADJUST = "stock.adjust"         # stock adjustments and write-offs
    SETTINGS = "settings.change"          # company, invoicing, mail, backup and channel settings
    USERS = "users.manage"                # add, disable, reset PINs, change roles


class Role(StrEnum):
    COUNTER = "counter"
    WAREHOUSE = "warehouse"
    SALES = "sales"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"


P = Permission

# role -> permissions. A user may hold several roles; they add up. Everything not listed here
# (selling at the counter, picking, packing, shipping, taking orders) is open to every user.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COUNTER: frozenset(),
    Role.WAREHOUSE: frozenset({P.STOCK_ADJUST}),
    Role.SALES: frozenset({P.REFUND, P.CANCEL_PAID, P.PRICE_OVERRIDE}),
    Role.MANAGER: frozenset({P.CREDIT_NOTE, P.REFUND, P.CANCEL_PAID, P.PRICE_OVERRIDE, P.STOCK_ADJUST}),
    Role.ADMINISTRATOR: frozenset(Permission),
}

ROLE_TITLES: dict[Role, str] = {
    Role.COUNTER: "Counter clerk",
    Role.WAREHOUSE: "Warehouse",
    Role.SALES: "Sales / back office",
    Role.MANAGER: "Manager",
    Role.ADMINISTRATOR: "Administrator",
}

PERMISSION_TITLES: dict[Permission, str] = {
    P.CREDIT_NOTE: "Issue credit notes and annul invoices",
    P.REFUND: "Refund money",
    P.CANCEL_PAID: "Cancel an order after payment",
    P.PRICE_OVERRIDE: "Override a price beyond the limit",
    P.STOCK_ADJUST: "Adjust and write off stock",
    P.SETTINGS: "Change settings and channels",
    P.USERS: "Manage users",
}


# Order actions (models/workflow.py names) that need a permission; cancelling needs one only
# once money was paid. The services enforce this and the desktop disables from it.
ORDER_ACTION_PERMISSIONS: dict[str, Permission] = {
    "refund": P.REFUND,
    "cancel": P.CANCEL_PAID,
    "cancel-rest": P.CANCEL_PAID,
}
_ONLY_WHEN_PAID = frozenset({"cancel", "cancel-rest"})


def order_action_permission(action: str, net_paid: int) -> Permission | None:
    """The permission an order action needs, given what was paid and not refunded; None if none."""
    if action in _ONLY_WHEN_PAID and net_paid <= 0:
        return None
    return ORDER_ACTION_PERMISSIONS.get(action)


def parse_roles(text: str) -> frozenset[Role]:
    """Roles from 'manager,warehouse'; an unknown name raises ValueError naming the valid ones."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if not names:
        raise ValueError(f"give at least one role ({', '.join(Role)})")
    unknown = [n for n in names if n not in set(Role)]
    if unknown:
        raise ValueError(f"unknown role '{unknown[0]}' (use {', '.join(Role)})")
    return frozenset(Role(n) for n in names)


def permissions_of(roles: frozenset[Role] | set[Role]) -> frozenset[Permission]:
    """Every permission the roles grant together."""
    out: set[Permission] = set()
    for role in roles:
        out |= ROLE_PERMISSIONS[role]
    return frozenset(out)
