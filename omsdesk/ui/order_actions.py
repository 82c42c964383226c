"""The order actions the desktop offers, each one call to a service, with clerk-facing names."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import allocation, returns, shipping
from omsdesk.services.fulfilment import orders as order_svc

Action = Callable[[Database, str, Actor, str], object]


_CALLS: dict[str, Action] = {
    "pay": lambda db, ref, actor, reason: order_svc.pay_order(db, ref, actor=actor),
    "allocate": lambda db, ref, actor, reason: allocation.allocate_order(db, ref, actor=actor),
    "pick": lambda db, ref, actor, reason: order_svc.pick_order(db, ref, actor=actor, reason=reason),
    "pack": lambda db, ref, actor, reason: order_svc.pack_order(db, ref, actor=actor, reason=reason),
    "ship": lambda db, ref, actor, reason: shipping.ship_order(db, ref, actor=actor),
    "deliver": lambda db, ref, actor, reason: order_svc.deliver_order(db, ref, actor=actor, reason=reason),
    "hold": lambda db, ref, actor, reason: order_svc.hold_order(db, ref, actor=actor, reason=reason),
    "release": lambda db, ref, actor, reason: order_svc.release_order(db, ref, actor=actor, reason=reason),
    "cancel": lambda db, ref, actor, reason: order_svc.cancel_order(db, ref, actor=actor, reason=reason),
    "return": lambda db, ref, actor, reason: returns.return_order(db, ref, actor=actor, reason=reason),
    "cancel-rest": lambda db, ref, actor, reason: order_svc.cancel_rest(db, ref, actor=actor, reason=reason),
}

# Refund asks for an amount and method, so the detail panel runs it through its own dialog.
ACTIONS = (*_CALLS, "refund")


def run_order_action(db: Database, action: str, reference: str, actor: Actor, reason: str = "") -> object:
    """Apply one workflow action to one order through its service."""
    return _CALLS[action](db, reference, actor, reason)


def action_text(action: str) -> str:
    # Spelled out (not aliased) so pyside6-lupdate files each name under its context.
    translate = QCoreApplication.translate
    names = {
        "pay": translate("action", "Record payment"), "allocate": translate("action", "Allocate"),
        "pick": translate("action", "Start picking"), "pack": translate("action", "Pack"), "ship": translate("action", "Ship"),
        "deliver": translate("action", "Mark delivered"), "hold": translate("action", "Hold"),
        "release": translate("action", "Release hold"), "cancel": translate("action", "Cancel order"),
        "return": translate("action", "Record return"), "cancel-rest": translate("action", "Close unshipped rest"),
        "refund": translate("action", "Refund"), "edit": translate("action", "Edit address and notes"),
        "cancel-label": translate("action", "Cancel label"),
    }
    return names.get(action, action)
