"""Clerk-facing names of workflow states, translated: shared by the queue, the panels and the refusals.

A leaf module (Qt core only), so anything may use it without pulling in models or workers.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_text(status: str) -> str:
    """The clerk-facing, translated name of a workflow status."""
    # Spelled out (not aliased) so pyside6-lupdate files each name under its context.
    translate = QCoreApplication.translate
    names = {
        "new": translate("status", "New"), "paid": translate("status", "Paid"), "allocated": translate("status", "Allocated"),
        "picking": translate("status", "Picking"), "packed": translate("status", "Packed"), "shipped": translate("status", "Shipped"),
        "delivered": translate("status", "Delivered"), "on_hold": translate("status", "On hold"),
        "cancelled": translate("status", "Cancelled"), "partial": translate("status", "Partly shipped"),
        "backorder": translate("status", "Backorder"), "returned": translate("status", "Returned"),
    }
    return names.get(status, status)


def parcel_status_text(status: str) -> str:
    """The clerk-facing, translated name of a parcel's status."""
    translate = QCoreApplication.translate
    names = {
        "open": translate("parcel status", "waiting to be picked"), "picking": translate("parcel status", "being picked"),
        "packed": translate("parcel status", "packed"), "shipped": translate("parcel status", "shipped"),
        "delivered": translate("parcel status", "delivered"),
    }
    return names.get(status, status)
