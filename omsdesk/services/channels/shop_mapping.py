"""Per-channel choices of how shop orders become omsdesk orders: shipping product, cancelled on arrival.

Kept in the channel's settings (JSON), like the ship-by promise, so every shop kind has them
without a column per option. One place decides them; the importer, the CLI and `channels add`
all read them from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, NotFound, Product, ValidationError
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.catalog import ProductInput, add_product_in
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require

# The connector option that names an existing product for shipping (kept for the channels that
# set it before every channel had its own shipping product).
SHIPPING_SKU_KEY = "shipping_sku"
CANCELLED_ON_ARRIVAL_KEY = "cancelled_on_arrival"
CANCELLED_IMPORT, CANCELLED_SKIP = "import", "skip"
CANCELLED_CHOICES = (CANCELLED_IMPORT, CANCELLED_SKIP)


def default_shipping_sku(code: str) -> str:
    """The SKU of the shipping service product `channels add` creates: 'tienda' -> 'SHIP-TIENDA'."""
    return f"SHIP-{code.upper()}"


def shipping_sku_of(code: str, settings: Mapping[str, Any] | None) -> str:
    """The product a channel's shipping lines are sold as: `shipping_sku` if set, else its own."""
    configured = str((settings or {}).get(SHIPPING_SKU_KEY) or "").strip()
    return configured or default_shipping_sku(code)


def ensure_shipping_product_in(session: Session, channel: Channel, *, actor: Actor) -> str:
    """Create the channel's shipping service product unless it exists; returns its SKU.

    A service (not stock tracked): never reserved, picked or counted. Its price is 0 because
    every order line carries the shop's own shipping price; the rate is only the default.
    """
    sku = default_shipping_sku(channel.code)
    if session.scalar(select(Product.id).where(Product.sku == sku)) is None:
        add_product_in(session, ProductInput(sku=sku, name=f"Envío {channel.name}"[:200], price=0,
                                             stock_tracked=False), actor=actor)
    return sku


def ensure_shipping_product(db: Database, code: str, *, actor: Actor) -> str:
    """ensure_shipping_product_in in its own transaction (for channels added before it existed)."""
    with db.write() as s:
        channel = s.scalar(select(Channel).where(Channel.code == code))
        if channel is None:
            raise NotFound(f"unknown channel '{code}'")
        return ensure_shipping_product_in(s, channel, actor=actor)


def cancelled_on_arrival(settings: Mapping[str, Any] | None) -> str:
    """'import' (as cancelled, the default) or 'skip' for orders already cancelled when first seen."""
    value = str((settings or {}).get(CANCELLED_ON_ARRIVAL_KEY) or CANCELLED_IMPORT)
    return value if value in CANCELLED_CHOICES else CANCELLED_IMPORT


def channel_cancelled_on_arrival(db: Database, code: str) -> str:
    """The cancelled-on-arrival choice of the channel with this code."""
    with db.read() as s:
        channel = s.scalar(select(Channel).where(Channel.code == code))
        if channel is None:
            raise NotFound(f"unknown channel '{code}'")
        return cancelled_on_arrival(channel.settings)


def set_cancelled_on_arrival(db: Database, code: str, choice: str, *, actor: Actor) -> str:
    """Choose what the import does with an order the shop had cancelled before omsdesk saw it."""
    choice = choice.strip().lower()
    if choice not in CANCELLED_CHOICES:
        raise ValidationError(f"--cancelled-on-arrival takes {' or '.join(CANCELLED_CHOICES)}, "
                              f"got '{choice}'")
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"cancelled orders of {code}")
        channel = s.scalar(select(Channel).where(Channel.code == code))
        if channel is None:
            known = ", ".join(s.scalars(select(Channel.code).order_by(Channel.code)))
            raise NotFound(f"unknown channel '{code}'" + (f" (known: {known})" if known else ""))
        before = cancelled_on_arrival(channel.settings)
        if before != choice:
            # A new dict: SQLAlchemy sees a JSON column change only when the value is replaced.
            channel.settings = {**(channel.settings or {}), CANCELLED_ON_ARRIVAL_KEY: choice}
            audit.record(s, actor, entity="channel", entity_id=channel.id, reference=code,
                         action="set_cancelled_on_arrival", reason=f"{before} -> {choice}")
    return choice
