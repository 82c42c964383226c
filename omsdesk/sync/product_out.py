"""Product data out: plan per product what a shop lacks or shows differently, then send just that.

The plan compares omsdesk's values (services.channels.product_listing: the channel's field
mapping, prices in the shop's tax convention, available-to-sell) with what the shop holds now
(Connector.find_listings) and says per product: create, update (field: old -> new),
unchanged, or refused with the reason. A dry run stops there and sends nothing. A real run
sends the creates and updates through Connector.write_listings and records the run with its
counts and failures.

Not through the outbox: the plan is a difference against the shop's live state, so running
it again after a crash or a partial failure re-reads the shop and sends only what still
differs (a product created before the crash is found and left alone, not created twice). A
queued message would carry a stale difference instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Channel, Product, ValidationError
from omsdesk.services.channels.channels import finish_run, shop_channel, start_run
from omsdesk.services.channels.product_listing import (
    FIELDS,
    DesiredListing,
    ListingSettings,
    desired_listings,
    listing_settings,
    set_listing_settings,
)
from omsdesk.services.context import Actor
from omsdesk.sync.connector import Connector, ListingResult, ListingWrite, RemoteListing
from omsdesk.sync.engine import ConnectorFactory, RunReport, classify, default_factory
from omsdesk.sync.errors import SyncError
from omsdesk.sync.lock import ChannelJobLock
from omsdesk.sync.outbox import available_to_sell, shop_skus
from omsdesk.sync.registry import connector_class
from omsdesk.sync.secrets import SecretUnavailable

log = logging.getLogger(__name__)

CREATE, UPDATE, UNCHANGED, REFUSED = "create", "update", "unchanged", "refused"
PUSH_JOB = "push_products"  # the sync run's job, by hand or scheduled
BATCH = 50
# A shop needs at least these to list a new product.
NEEDED_TO_CREATE = ("title", "price")


@dataclass(frozen=True)
class FieldChange:
    """One field a push sets: the shop's value now (None: it has none) and omsdesk's."""

    field: str
    old: str | None
    new: str


@dataclass(frozen=True)
class PlanItem:
    """What a push would do to one product on one shop."""

    sku: str
    shop_sku: str
    action: str
    changes: tuple[FieldChange, ...] = ()
    reason: str = ""
    external_id: str = ""
    remote: RemoteListing | None = field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, object]:
        return {"sku": self.sku, "shop_sku": self.shop_sku, "action": self.action,
                "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in self.changes],
                "reason": self.reason, "external_id": self.external_id}


@dataclass(frozen=True)
class ProductPlan:
    """The whole plan for one channel, in SKU order."""

    channel: str
    settings: ListingSettings
    items: tuple[PlanItem, ...]

    def counts(self) -> dict[str, int]:
        found = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, REFUSED: 0}
        for item in self.items:
            found[item.action] += 1
        return found


@dataclass(frozen=True)
class PushOutcome:
    """What happened to one planned create or update."""

    sku: str
    action: str
    ok: bool
    reason: str = ""
    external_id: str = ""


@dataclass
class PushReport:
    """A real run: the plan it sent, each product's outcome, and the channel's health."""

    channel: str
    plan: ProductPlan
    outcomes: list[PushOutcome] = field(default_factory=list)
    status: str = "ok"
    error: str = ""
    health: str = "ok"

    def counts(self) -> dict[str, int]:
        plan = self.plan.counts()
        done = [o for o in self.outcomes if o.ok]
        return {"created": sum(1 for o in done if o.action == CREATE),
                "updated": sum(1 for o in done if o.action == UPDATE),
                "unchanged": plan[UNCHANGED], "refused": plan[REFUSED],
                "failed": sum(1 for o in self.outcomes if not o.ok)}

    def run_counts(self) -> dict[str, int]:
        """The counts as the sync run records them (a refused product counts as failed)."""
        counts = self.counts()
        return {"created": counts["created"], "updated": counts["updated"],
                "unchanged": counts["unchanged"], "failed": counts["failed"] + counts["refused"],
                "delivered": counts["created"] + counts["updated"]}

    def as_run_report(self) -> RunReport:
        """The run as the scheduler's listeners and `sync --once` hear of any job."""
        return RunReport(self.channel, PUSH_JOB, self.status, self.run_counts(), self.error,
                         self.health)


def supports_product_push(kind: str) -> bool:
    """Whether connectors of this channel type read and write listings."""
    cls = connector_class(kind)
    return (cls.find_listings is not Connector.find_listings
            and cls.write_listings is not Connector.write_listings)


def schedule_product_push(db: Database, channel_code: str, minutes: int, *,
                          actor: Actor) -> ListingSettings:
    """Have the scheduler run push_products on this shop every `minutes` (0: only by hand).

    Refused for a shop whose connector cannot push products: its scheduled runs could only
    fail, and mark the channel failing for its order sync too.
    """
    with db.read() as s:
        channel = shop_channel(s, channel_code)
    if minutes and not supports_product_push(channel.kind):
        raise ValidationError(f"{channel.kind} channels cannot take a product push, so none "
                              "can be scheduled")
    return set_listing_settings(db, channel_code, actor=actor, push_every_minutes=minutes)


def _products(db: Database, channel: Channel, skus: Sequence[str],
              ) -> tuple[list[Product], dict[str, int], dict[str, str], list[str]]:
    with db.read() as s:
        stmt = select(Product).order_by(Product.sku)
        if skus:
            stmt = stmt.where(Product.sku.in_(list(skus)))
        else:
            # Services (shipping, gift wrap) and products no longer sold are not listed.
            stmt = stmt.where(Product.active.is_(True), Product.stock_tracked.is_(True))
        products = list(s.scalars(stmt))
        names = [p.sku for p in products]
        missing = sorted(set(skus) - set(names))
        return (products, available_to_sell(s, names), shop_skus(s, channel.id, names),
                missing)


def _same(name: str, old: str | None, new: str) -> bool:
    if old is None:
        return False
    if name == "price":
        # At the precision omsdesk sends: PrestaShop keeps six decimals of a net price
        # ("28.512397"), which is the 28.51 it was given once rounded.
        try:
            wanted = Decimal(new)
            return Decimal(old).quantize(wanted, rounding=ROUND_HALF_UP) == wanted
        except InvalidOperation:
            return False
    if name == "stock":
        return old.strip().lstrip("+") == new.strip()
    return old.strip() == new.strip()


def plan_item(desired: DesiredListing, shop_sku: str, remote: RemoteListing | None,
              settings: ListingSettings, *, create: bool = True) -> PlanItem:
    """The decision for one product: the one rule the dry run and the real run share."""
    if desired.refused:
        return PlanItem(desired.sku, shop_sku, REFUSED, reason=desired.refused, remote=remote)
    sent = [n for n in FIELDS if n in settings.fields and n in desired.values]
    if remote is None:
        if not create:
            return PlanItem(desired.sku, shop_sku, REFUSED,
                            reason="not on the shop (creating was not asked for)")
        off = [n for n in NEEDED_TO_CREATE if n not in settings.fields]
        if off:
            return PlanItem(desired.sku, shop_sku, REFUSED,
                            reason=f"not on the shop, and {' and '.join(off)} "
                                   "switched off for this channel: it cannot be created")
        return PlanItem(desired.sku, shop_sku, CREATE, tuple(
            FieldChange(n, None, desired.values[n]) for n in sent))
    changes = tuple(FieldChange(n, remote.values.get(n), desired.values[n]) for n in sent
                    if n in remote.fields and not _same(n, remote.values.get(n),
                                                        desired.values[n]))
    return PlanItem(desired.sku, shop_sku, UPDATE if changes else UNCHANGED, changes,
                    reason=remote.note, external_id=remote.external_id, remote=remote)


def _plan(db: Database, channel: Channel, connector: Connector, skus: Sequence[str],
          create: bool) -> ProductPlan:
    settings = listing_settings(channel.kind, channel.settings)
    products, available, names, missing = _products(db, channel, skus)
    desired = desired_listings(products, settings, available)
    remote = connector.find_listings(sorted({names.get(d.sku, d.sku) for d in desired
                                             if not d.refused}))
    items = [plan_item(d, names.get(d.sku, d.sku), remote.get(names.get(d.sku, d.sku)),
                       settings, create=create) for d in desired]
    items += [PlanItem(sku, sku, REFUSED, reason="no such product in the catalogue")
              for sku in missing]
    return ProductPlan(channel.code, settings, tuple(sorted(items, key=lambda i: i.sku)))


def plan_product_push(db: Database, channel_code: str, *, skus: Sequence[str] = (),
                      create: bool = True, factory: ConnectorFactory | None = None,
                      ) -> ProductPlan:
    """The dry run: what a push to this channel would create or change; sends nothing."""
    with db.read() as s:
        channel = shop_channel(s, channel_code)
    connector = (factory or default_factory())(channel)
    try:
        return _plan(db, channel, connector, skus, create)
    finally:
        connector.close()


def push_products(db: Database, channel_code: str, *, skus: Sequence[str] = (),
                  create: bool = True, factory: ConnectorFactory | None = None,
                  progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Plan, then send the creates and updates; a refused product fails alone.

    The run is recorded (job push_products) with its counts and the failures' reasons. A shop
    that goes offline or refuses the credentials mid-run stops it: what was not sent is
    reported as failed and the next run sends it.
    """
    with db.read() as s:
        channel = shop_channel(s, channel_code)
    run_id = start_run(db, channel.id, PUSH_JOB)
    connector: Connector | None = None
    plan = ProductPlan(channel.code, listing_settings(channel.kind, channel.settings), ())
    report = PushReport(channel.code, plan)
    lock = ChannelJobLock(db, PUSH_JOB, channel.id)
    try:
        if not lock.acquire():
            # By hand beside the schedule, or from two desks: both would create what is missing.
            report.error = (f"another product push to {channel.code} is running (another desk or "
                            "the sync's schedule); nothing was sent, try again when it has finished")
            report.status = "failed"
        else:
            connector = (factory or default_factory())(channel)
            report.plan = plan = _plan(db, channel, connector, skus, create)
            _send(connector, plan, report, progress)
    except (SyncError, SecretUnavailable) as exc:
        report.health, report.error = classify(exc), str(exc)
        log.warning("%s: product push failed (%s): %s", channel_code, report.health, exc)
    except Exception as exc:
        log.exception("%s: product push crashed", channel_code)
        report.health, report.error = "error", f"{type(exc).__name__}: {exc}"
    finally:
        if connector is not None:
            connector.close()
        lock.release()
    failed = [o for o in report.outcomes if not o.ok]
    if report.error:
        report.status = "failed"
    elif failed:
        report.status = "partial"
    if failed and not report.error:
        report.error = "; ".join(f"{o.sku}: {o.reason}" for o in failed[:20])
    finish_run(db, run_id, status=report.status, error=report.error,
               counts=report.run_counts(),
               health=report.health if report.health != "ok" or report.outcomes else "idle")
    return report


def _values(item: PlanItem) -> Mapping[str, str]:
    return {c.field: c.new for c in item.changes}


def _send(connector: Connector, plan: ProductPlan, report: PushReport,
          progress: Callable[[int, int], None] | None) -> None:
    # Products before variants: a variant written after its product sees the product's new
    # state (a PrestaShop combination's price is an impact over its product's price).
    todo = sorted((i for i in plan.items if i.action in (CREATE, UPDATE)),
                  key=lambda i: i.remote is not None and bool(i.remote.parent_id))
    by_shop_sku = {i.shop_sku: i for i in todo}
    for start in range(0, len(todo), BATCH):
        batch = todo[start:start + BATCH]
        writes = [ListingWrite(i.shop_sku, _values(i), i.remote) for i in batch]
        try:
            results = connector.write_listings(writes)
        except SyncError as exc:
            if classify(exc) != "error":
                # Offline or credentials refused: nothing more gets through now.
                for item in todo[start:]:
                    report.outcomes.append(PushOutcome(item.sku, item.action, False,
                                                       f"not sent: {exc}"))
                raise
            results = [ListingResult(w.sku, False, reason=str(exc)) for w in writes]
        for result in results:
            item = by_shop_sku[result.sku]
            report.outcomes.append(PushOutcome(item.sku, item.action, result.ok, result.reason,
                                               result.external_id or item.external_id))
        if progress is not None:
            progress(min(start + BATCH, len(todo)), len(todo))
