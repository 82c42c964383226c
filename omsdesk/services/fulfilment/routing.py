"""Which warehouses serve an order: nearest that has everything, else the fewest-shipment split."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, NotFound, Order, ValidationError, Warehouse
from omsdesk.models.planning import ChannelRule, ChannelRuleKind
from omsdesk.models.roles import Permission
from omsdesk.planning.geo import great_circle_km, locate
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.ledger.stock import warehouse_by_code
from omsdesk.services.users.permissions import require

# Beyond this many candidate warehouses the exhaustive split search is replaced by a greedy one.
EXHAUSTIVE_SPLIT_LIMIT = 10


@dataclass(frozen=True)
class Candidate:
    """A warehouse allowed to serve the order, with what ranks it."""

    id: int
    code: str
    distance_km: float | None
    preferred: bool
    rank: int
    # Why this warehouse ranks where it does, for the audit trail ("nearest (505 km)").
    why: str = ""


@dataclass(frozen=True)
class AllocationPlan:
    """What to reserve where (warehouse id -> product id -> qty) and why, for the audit trail."""

    picks: dict[int, dict[int, int]]
    codes: dict[int, str]
    reason: str
    order: tuple[int, ...] = field(default=())

    @property
    def split(self) -> bool:
        return len(self.picks) > 1

    @property
    def primary_warehouse_id(self) -> int:
        """The warehouse shipping most units (ties: the better ranked), recorded on the order."""
        return max(self.order, key=lambda w: (sum(self.picks[w].values()), -self.order.index(w)))

    @property
    def message(self) -> str:
        return "reserved in " + " + ".join(self.codes[w] for w in self.order)


@dataclass(frozen=True)
class WarehouseOptions:
    """The active warehouses and one channel's rules for them: what ranking reads from the
    database, read once for a batch of the channel's orders."""

    # (id, code, latitude, longitude, warehouse priority, rule kind, rule priority)
    rows: tuple[tuple[int, str, float | None, float | None, int, str | None, int | None], ...]
    channel_code: str


def warehouse_options(session: Session, channel_id: int | None) -> WarehouseOptions:
    # One query for warehouses and this channel's rules: allocation runs for every order.
    rows = tuple(tuple(r) for r in session.execute(
        select(Warehouse.id, Warehouse.code, Warehouse.latitude, Warehouse.longitude, Warehouse.priority,
               ChannelRule.kind, ChannelRule.priority)
        .outerjoin(ChannelRule, (ChannelRule.warehouse_id == Warehouse.id)
                   & (ChannelRule.channel_id == channel_id))
        .where(Warehouse.active.is_(True))
    ))
    channel_code = ""
    if any(r[5] == ChannelRuleKind.PREFER.value for r in rows):
        channel_code = session.scalar(select(Channel.code).where(Channel.id == channel_id)) or ""
    return WarehouseOptions(rows, channel_code)  # type: ignore[arg-type]


def candidates(session: Session, order: Order) -> list[Candidate]:
    """Active warehouses the order's channel allows, best first (see `rank_candidates`)."""
    return rank_candidates(warehouse_options(session, order.channel_id), order.ship_postcode,
                           order.ship_country, order.ship_province)


def rank_candidates(options: WarehouseOptions, postcode: str, country: str,
                    province: str) -> list[Candidate]:
    """The allowed warehouses for a ship-to, best first.

    Preferred warehouses of the channel come first (by rule priority); then the nearest to the
    ship-to point; warehouses without coordinates, or orders without a known place, fall back to
    the configured warehouse priority and code.
    """
    point = locate(postcode, country, province)
    scored = []
    for wid, code, lat, lon, wh_priority, kind, rule_priority in options.rows:
        if kind == ChannelRuleKind.EXCLUDE.value:
            continue
        dist = great_circle_km(point, (lat, lon)) if point is not None and lat is not None \
            and lon is not None else None
        preferred = kind == ChannelRuleKind.PREFER.value
        key = (0 if preferred else 1, rule_priority if preferred else 0,
               dist if dist is not None else float("inf"), wh_priority, code)
        scored.append((key, wid, code, dist, preferred))
    scored.sort()
    return [Candidate(wid, code, dist, pref, rank, _why(pref, dist, options.channel_code))
            for rank, (_key, wid, code, dist, pref) in enumerate(scored)]


def rank_warehouses(session: Session, order: Order) -> list[Warehouse]:
    """Active, allowed warehouses in the order to try them (see `candidates`)."""
    ranked = candidates(session, order)
    by_id = {wh.id: wh for wh in session.scalars(
        select(Warehouse).where(Warehouse.id.in_([c.id for c in ranked])))}
    return [by_id[c.id] for c in ranked]


def _why(preferred: bool, distance_km: float | None, channel_code: str) -> str:
    if preferred:
        return f"preferred for channel {channel_code}"
    if distance_km is not None:
        return f"nearest ({distance_km:.0f} km)"
    return "first by warehouse priority"


def plan_allocation(ranked: Sequence[Candidate], need: Mapping[int, int],
                    available: Mapping[tuple[int, int], int],
                    skus: Mapping[int, str]) -> AllocationPlan | None:
    """The routing decision for `need` (product id -> qty) given available stock, or None.

    Pure: the same candidates, need and stock give the same plan, whoever asks. One
    warehouse that has every line beats any split; a split uses as few warehouses as
    possible, and among equally small splits the one nearest in total.
    """
    skipped: list[str] = []
    for c in ranked:
        if all(available.get((pid, c.id), 0) >= qty for pid, qty in need.items()):
            reason = f"{c.code}: {c.why} that has all lines"
            if skipped:
                reason += f"; {', '.join(skipped)} cannot ship all lines"
            return AllocationPlan({c.id: dict(need)}, {c.id: c.code}, reason, (c.id,))
        skipped.append(c.code)
    combo = _fewest_warehouses(ranked, need, available)
    if combo is None:
        return None
    picks: dict[int, dict[int, int]] = defaultdict(dict)
    for pid, qty in sorted(need.items()):
        left = qty
        for c in combo:
            take = min(left, max(0, available.get((pid, c.id), 0)))
            if take > 0:
                picks[c.id][pid] = take
                left -= take
            if left == 0:
                break
    used = tuple(c.id for c in combo if c.id in picks)
    parts = []
    for c in combo:
        if c.id in picks:
            lines = ", ".join(f"{skus.get(pid, pid)} x{q}" for pid, q in sorted(picks[c.id].items()))
            parts.append(f"{c.code} ({c.why}: {lines})")
    reason = (f"split into {len(used)} shipments, no single warehouse has all lines: "
              + "; ".join(parts))
    return AllocationPlan(dict(picks), {c.id: c.code for c in combo}, reason, used)


def _covers(combo: Sequence[Candidate], need: Mapping[int, int],
            available: Mapping[tuple[int, int], int]) -> bool:
    return all(sum(max(0, available.get((pid, c.id), 0)) for c in combo) >= qty
               for pid, qty in need.items())


def _cost(combo: tuple[Candidate, ...]) -> tuple[float, int]:
    known = [c.distance_km for c in combo if c.distance_km is not None]
    # Without distances the ranking (rules, priority) decides.
    return (sum(known) if len(known) == len(combo) else float("inf"), sum(c.rank for c in combo))


def _fewest_warehouses(ranked: Sequence[Candidate], need: Mapping[int, int],
                       available: Mapping[tuple[int, int], int]) -> tuple[Candidate, ...] | None:
    if not _covers(tuple(ranked), need, available):
        return None
    if len(ranked) > EXHAUSTIVE_SPLIT_LIMIT:
        return _greedy_cover(ranked, need, available)
    for size in range(2, len(ranked) + 1):
        feasible = [combo for combo in combinations(ranked, size) if _covers(combo, need, available)]
        if feasible:
            best = min(feasible, key=_cost)
            return tuple(sorted(best, key=lambda c: c.rank))
    return None


def _greedy_cover(ranked: Sequence[Candidate], need: Mapping[int, int],
                  available: Mapping[tuple[int, int], int]) -> tuple[Candidate, ...]:
    """Many warehouses: repeatedly take the one covering most of what is still missing."""
    left = dict(need)
    chosen: list[Candidate] = []
    while any(q > 0 for q in left.values()):
        best = max((c for c in ranked if c not in chosen),
                   key=lambda c: (sum(min(q, max(0, available.get((p, c.id), 0)))
                                      for p, q in left.items()), -c.rank))
        chosen.append(best)
        for pid in left:
            left[pid] = max(0, left[pid] - max(0, available.get((pid, best.id), 0)))
    return tuple(sorted(chosen, key=lambda c: c.rank))


def set_channel_rule(db: Database, channel: str, warehouse: str, kind: str, *, actor: Actor,
                     priority: int = 100) -> None:
    """Make a channel prefer (tried first, lower priority first) or exclude a warehouse."""
    if kind not in (ChannelRuleKind.PREFER.value, ChannelRuleKind.EXCLUDE.value):
        raise ValidationError(f"channel rule must be 'prefer' or 'exclude', got '{kind}'")
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"routing of {channel}")
        ch = s.scalar(select(Channel).where(Channel.code == channel))
        if ch is None:
            raise NotFound(f"unknown channel '{channel}'")
        wh = warehouse_by_code(s, warehouse)
        rule = s.scalar(select(ChannelRule).where(ChannelRule.channel_id == ch.id,
                                                  ChannelRule.warehouse_id == wh.id))
        if rule is None:
            rule = ChannelRule(channel_id=ch.id, warehouse_id=wh.id)
            s.add(rule)
        rule.kind, rule.priority = kind, priority
        s.flush()
        audit.record(s, actor, entity="channel_rule", entity_id=rule.id, reference=f"{ch.code}@{wh.code}",
                     action="set", reason=f"{kind} (priority {priority})")


def clear_channel_rule(db: Database, channel: str, warehouse: str, *, actor: Actor) -> bool:
    """Remove a channel's rule for a warehouse; False when there was none."""
    with db.write() as s:
        ch = s.scalar(select(Channel).where(Channel.code == channel))
        if ch is None:
            raise NotFound(f"unknown channel '{channel}'")
        wh = warehouse_by_code(s, warehouse)
        rule = s.scalar(select(ChannelRule).where(ChannelRule.channel_id == ch.id,
                                                  ChannelRule.warehouse_id == wh.id))
        if rule is None:
            return False
        audit.record(s, actor, entity="channel_rule", entity_id=rule.id, reference=f"{ch.code}@{wh.code}",
                     action="clear", reason=rule.kind)
        s.delete(rule)
        return True
