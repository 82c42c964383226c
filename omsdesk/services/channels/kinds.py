"""Which channel types are shops: the ones omsdesk ships and every connector a plug-in registers.

A connector package declares an entry point in the group `omsdesk.connectors` (name = its type,
value = `module:ConnectorClass`); once installed next to omsdesk, its type is a shop kind like
`shopify`: `channels add --type`, the Settings dropdown, the sync and the pushes back to the shop
all take it from here, so no list in omsdesk has to name it.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib.metadata import entry_points

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "omsdesk.connectors"
BUILTIN_SHOP_KINDS = ("shopify", "woocommerce", "prestashop", "amazon", "demo")
# ERPs appear in the Sync view like shops: their runs, health and outbox hang off a channel row.
ERP_KINDS = ("tryton", "odoo")
# Order sources omsdesk itself is (no connector): a shop kind may not take these names.
OWN_KINDS = ("counter", "manual", "phone", "csv", "b2b")
# Marketplaces that take shipments and cancellations back without a connector of ours yet
# (none now: Amazon has its connector, omsdesk/sync/amazon.py).
OTHER_MARKETPLACES: tuple[str, ...] = ()
_KIND = re.compile(r"^[a-z0-9][a-z0-9_-]{0,19}$")  # fits channels.kind (20 characters)


@lru_cache(maxsize=1)
def shop_kinds() -> tuple[str, ...]:
    """The built-in shop kinds, then every plug-in connector's type, sorted (read once per process)."""
    found = list(BUILTIN_SHOP_KINDS)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        name = ep.name
        if name in found:
            continue
        if not _KIND.match(name) or name in ERP_KINDS or name in OWN_KINDS:
            log.warning("connector plug-in %s (%s) ignored: its type name is not allowed", name, ep.value)
            continue
        found.append(name)
    return tuple(BUILTIN_SHOP_KINDS) + tuple(sorted(found[len(BUILTIN_SHOP_KINDS):]))


def sync_kinds() -> tuple[str, ...]:
    """Every channel kind the Sync view and the scheduler serve: shops and ERPs."""
    return shop_kinds() + ERP_KINDS


def is_shop(kind: str) -> bool:
    return kind in shop_kinds()


def takes_updates_back(kind: str) -> bool:
    """An order from this kind of channel has shipments and cancellations pushed back to it."""
    return kind in shop_kinds() or kind in OTHER_MARKETPLACES
