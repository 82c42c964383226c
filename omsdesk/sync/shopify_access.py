"""What a Shopify store must grant omsdesk: an API version in the supported window, and the access scopes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from omsdesk.sync.connector import ConnectionCheck

# The versions these documents are written for and validated against (tests, official schema):
# 2025-10 lacks @idempotent and changeFromQuantity; Shopify supports a version for 12 months.
SUPPORTED_API_VERSIONS = ("2026-01", "2026-04", "2026-07", "2026-10")
# Scopes the sync needs (from the schema's requiredAccess of each field and mutation it uses);
# a tuple means any one of them. read_all_orders is only advised (60-day window, below).
REQUIRED_SCOPES: tuple[tuple[str, ...], ...] = (
    ("write_orders",),  # cancellations; it includes read_orders
    ("read_products", "write_products"),
    ("read_customers", "write_customers"),
    ("read_locations",),
    ("write_inventory",),
    ("write_merchant_managed_fulfillment_orders", "write_assigned_fulfillment_orders",
     "write_third_party_fulfillment_orders"),
)

# Scopes only `omsdesk products push` needs: without them the order sync works, so their lack
# is a note of Test connection, not a problem.
OPTIONAL_SCOPES: tuple[tuple[str, ...], ...] = (("write_products",),)


def connection_check(data: Mapping[str, Any], api_version: str) -> ConnectionCheck:
    """Problems and notes from a ConnectionCheck answer (publicApiVersions, accessScopes)."""
    problems: list[str] = []
    notes: list[str] = []
    served = {v["handle"]: bool(v.get("supported")) for v in data.get("publicApiVersions") or []}
    if api_version not in SUPPORTED_API_VERSIONS:
        problems.append(
            f"API version {api_version} is outside the versions omsdesk is built for "
            f"({', '.join(SUPPORTED_API_VERSIONS)}): set the api_version option to one of them")
    elif not served.get(api_version):
        problems.append(f"Shopify no longer supports API version {api_version}: set the "
                        "api_version option to a newer one")
    granted = {s["handle"] for s in data["currentAppInstallation"]["accessScopes"]}
    for choice in REQUIRED_SCOPES:
        if not granted.intersection(choice):
            problems.append(f"the access token lacks the scope {' or '.join(choice)}")
    for choice in OPTIONAL_SCOPES:
        if not granted.intersection(choice):
            notes.append(f"without the scope {' or '.join(choice)} `omsdesk products push` "
                         "cannot create or change products on this store")
    if "read_all_orders" not in granted:
        notes.append("without the read_all_orders scope only the last 60 days of orders are "
                     "visible")
    return ConnectionCheck(tuple(problems), tuple(notes))
