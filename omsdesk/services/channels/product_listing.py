"""What a shop should show of each catalogue product: the per-channel field mapping and the values.

One rule, one place: the product push (CLI, GUI) asks here which fields a channel takes and
what omsdesk's value of each is, in the shop's own convention (price with or without tax as a
decimal string, EAN as text, stock as available-to-sell). Nothing here talks to a shop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Channel, NotFound, Product, ValidationError
from omsdesk.models.money import currency_exponent, split_gross
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require

# omsdesk's names of the fields a push can send (each connector maps them to the shop's own).
FIELDS = ("title", "description", "price", "ean", "stock")
FIELDS_KEY = "product_fields"
TAX_KEY = "prices_include_tax"
PUSH_EVERY_KEY = "product_push_every"  # minutes between scheduled pushes; absent or 0: by hand
# A push reads the shop's listing of every product: not more often than this, and at least weekly.
PUSH_EVERY_RANGE = (5, 7 * 24 * 60)
# What a fresh shop of each kind expects when the channel does not say: Shopify's EU stores
# show tax-inclusive prices by default; WooCommerce's setting "Prices entered with tax" starts
# at "No"; PrestaShop's webservice `price` is always without tax.
DEFAULT_TAX_INCLUDED = {"shopify": True, "woocommerce": False, "prestashop": False}
FIXED_TAX_INCLUDED = {"prestashop": False}


@dataclass(frozen=True)
class ListingSettings:
    """A channel's product mapping: which fields a push sends, and the shop's price convention."""

    fields: frozenset[str]
    prices_include_tax: bool
    currency: str = ""  # the shop's currency when the channel names it ('' = not checked)
    push_every_minutes: int = 0  # the scheduler pushes this often; 0: only by hand


@dataclass(frozen=True)
class DesiredListing:
    """omsdesk's values for one product on one shop, under omsdesk's field names, as text."""

    sku: str
    values: Mapping[str, str]
    refused: str = ""  # why this product cannot be listed at all ('' when it can)


def listing_settings(kind: str, settings: Mapping[str, Any] | None) -> ListingSettings:
    """The mapping stored in a channel's settings, with the defaults of its kind."""
    stored = dict(settings or {})
    raw = stored.get(FIELDS_KEY)
    fields = frozenset(FIELDS) if raw is None else frozenset(_fields(str(raw)))
    included = FIXED_TAX_INCLUDED.get(kind)
    if included is None:
        text = str(stored.get(TAX_KEY, "")).strip().lower()
        included = DEFAULT_TAX_INCLUDED.get(kind, True) if not text else text in (
            "1", "true", "yes")
    every = str(stored.get(PUSH_EVERY_KEY) or "0").strip()
    return ListingSettings(fields, included, str(stored.get("currency") or "").upper(),
                           int(every) if every.isdigit() else 0)


def _fields(text: str) -> list[str]:
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise ValidationError(f"unknown product field(s) {', '.join(unknown)}: the fields are "
                              f"{', '.join(FIELDS)}")
    return names


def channel_listing_settings(db: Database, code: str) -> ListingSettings:
    """The product mapping in force for a channel."""
    with db.read() as s:
        channel = s.scalar(select(Channel).where(Channel.code == code))
        if channel is None:
            raise NotFound(f"unknown channel '{code}'")
        return listing_settings(channel.kind, channel.settings)


def set_listing_settings(db: Database, code: str, *, actor: Actor, fields: str | None = None,
                         prices_include_tax: bool | None = None,
                         push_every_minutes: int | None = None) -> ListingSettings:
    """Choose which product fields a push sends to a channel, its price convention and how
    often the scheduler pushes (`push_every_minutes`, 0 = only by hand); audited."""
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"product fields of {code}")
        channel = s.scalar(select(Channel).where(Channel.code == code))
        if channel is None:
            raise NotFound(f"unknown channel '{code}'")
        updated = dict(channel.settings or {})
        if fields is not None:
            updated[FIELDS_KEY] = ",".join(n for n in FIELDS if n in _fields(fields))
        if prices_include_tax is not None:
            if channel.kind in FIXED_TAX_INCLUDED:
                raise ValidationError(f"{channel.kind} prices are always sent "
                                      f"{'with' if FIXED_TAX_INCLUDED[channel.kind] else 'without'}"
                                      " tax: the option does not apply")
            updated[TAX_KEY] = "true" if prices_include_tax else "false"
        if push_every_minutes is not None:
            low, high = PUSH_EVERY_RANGE
            if push_every_minutes and not low <= push_every_minutes <= high:
                raise ValidationError(f"a scheduled product push runs every {low} to {high} "
                                      "minutes (0 switches it off)")
            if push_every_minutes:
                updated[PUSH_EVERY_KEY] = str(push_every_minutes)
            else:
                updated.pop(PUSH_EVERY_KEY, None)
        before = listing_settings(channel.kind, channel.settings)
        after = listing_settings(channel.kind, updated)
        if updated != (channel.settings or {}):
            # A new dict: SQLAlchemy sees a JSON column change only when the value is replaced.
            channel.settings = updated
            audit.record(s, actor, entity="channel", entity_id=channel.id, reference=code,
                         action="set_product_fields",
                         reason=f"{describe(before)} -> {describe(after)}")
        return after


def describe(settings: ListingSettings) -> str:
    """One line for the CLI and the audit trail."""
    fields = ",".join(n for n in FIELDS if n in settings.fields) or "none"
    every = (f"every {settings.push_every_minutes} min" if settings.push_every_minutes
             else "by hand")
    return (f"fields {fields}; prices {'with' if settings.prices_include_tax else 'without'} "
            f"tax; pushed {every}")


def scheduled_product_pushes(db: Database, codes: Iterable[str]) -> dict[str, int]:
    """Minutes between scheduled product pushes of each of these channels that asks for one."""
    wanted = list(codes)
    if not wanted:
        return {}
    with db.read() as s:
        rows = s.execute(select(Channel.code, Channel.kind, Channel.settings)
                         .where(Channel.code.in_(wanted)))
        every = {code: listing_settings(kind, settings).push_every_minutes
                 for code, kind, settings in rows}
    return {code: minutes for code, minutes in sorted(every.items()) if minutes}


def decimal_text(amount: int, currency: str) -> str:
    """Minor units as the plain decimal string shops take ('1995' EUR -> '19.95')."""
    exponent = currency_exponent(currency)
    return f"{Decimal(amount).scaleb(-exponent):.{exponent}f}"


def desired_listings(products: Iterable[Product], settings: ListingSettings,
                     available: Mapping[str, int]) -> list[DesiredListing]:
    """omsdesk's values of each product for a shop; `available` is available-to-sell per SKU.

    Catalogue prices include tax (the product's own rate); a shop that wants them without
    gets the net of the same split the invoices use. An empty description or EAN is left out,
    so a push never blanks what the shop has.
    """
    listings = []
    for product in products:
        values: dict[str, str] = {"title": product.name}
        refused = ""
        if product.description:
            values["description"] = product.description
        if product.ean:
            values["ean"] = product.ean
        if product.stock_tracked:
            values["stock"] = str(max(0, int(available.get(product.sku, 0))))
        if product.price <= 0:
            refused = "no price in the catalogue"
        elif settings.currency and settings.currency != product.currency:
            refused = f"priced in {product.currency}, the shop sells in {settings.currency}"
        else:
            price = product.price if settings.prices_include_tax else split_gross(
                product.price, product.tax_rate_bp)[0]
            values["price"] = decimal_text(price, product.currency)
        listings.append(DesiredListing(product.sku, values, refused))
    return listings
