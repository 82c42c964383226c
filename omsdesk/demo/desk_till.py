"""The desk the simulation cuts off the server (issue 17 point 6), and the check of what it sold.

That desk reaches PostgreSQL through a CuttableProxy the parent cuts mid-run. Its counter
goes through the same services as the real till (counter_offline): a sale that cannot reach
the server goes to the workstation's journal with a reserved receipt number; while the link
is down the desk can only sell (a clerk does nothing else without the server) and checks the
link as the till's CounterLink does, with `catch_up`, which replays the journal once it is
back. Afterwards `till_outcome` compares the journal with the server: every offline sale
arrived exactly once (by its key, workstation + journal sequence), the workstation's receipt
series has no hole, the sales' stock moves are in the ledger, and the VERI*FACTU chain verifies.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import Order, Product, StockMove
from omsdesk.models.counter_offline import CounterReplay
from omsdesk.models.invoice import Invoice
from omsdesk.services.context import Actor
from omsdesk.services.counter import CounterSale
from omsdesk.services.counter_journal import Journal
from omsdesk.services.counter_offline import (
    LOST,
    OfflineSale,
    ServerUnreachable,
    catch_up,
    prepare_offline,
    sell_or_journal,
)
from omsdesk.services.invoicing.numbering import series_gaps

OFFLINE_PACE_S = 0.2   # one sale rung every 0.2 s while cut off: enough to count, not thousands
LINK_CHECK_S = 0.5     # the real till backs off from 2 s; a short run needs the return sooner
FINAL_CATCH_UP_S = 20.0
BLOCK = 200            # receipt numbers reserved before the run


@dataclass
class Till:
    """The cut desk's counter: online through the server, offline into its journal."""

    db: Database
    journal: Journal
    actor: Actor
    warehouse: str
    offline: bool = False
    _checked: float = 0.0

    def prepare(self) -> None:
        prepare_offline(self.db, self.journal, actor=self.actor, warehouse=self.warehouse, block=BLOCK)

    def sell(self, sale: CounterSale, counts: Counter[str]) -> None:
        """One counter sale, wherever it can go; counts say where it went."""
        try:
            result = sell_or_journal(self.db, self.journal, sale, actor=self.actor)
        except ServerUnreachable:
            # Lost during the COMMIT (outcome unknown) or no numbers left: the till refuses.
            counts["counter_refused_offline"] += 1
            self.went_offline()
            return
        if isinstance(result, OfflineSale):
            counts["offline_sales"] += 1
            self.went_offline()
        else:
            counts["counter_sales"] += 1

    def went_offline(self) -> None:
        self.offline = True

    def offline_step(self, sale: CounterSale, counts: Counter[str]) -> None:
        """While cut off: ring the next sale, then look at the link now and then."""
        self.sell(sale, counts)
        time.sleep(OFFLINE_PACE_S)
        if time.monotonic() - self._checked >= LINK_CHECK_S:
            self.check(counts)

    def check(self, counts: Counter[str]) -> bool:
        """The link check of the real till: True once the server answers and nothing waits."""
        self._checked = time.monotonic()
        try:
            done = catch_up(self.db, self.journal, actor=self.actor, warehouse=self.warehouse, prepare=False)
        except LOST:
            return False
        counts["replayed"] += done.sent
        if done.reachable and done.waiting == 0:
            self.offline = False
        return not self.offline

    def finish(self, counts: Counter[str]) -> None:
        """After the run: the link is back, so what still waits goes now."""
        deadline = time.monotonic() + FINAL_CATCH_UP_S
        while (self.offline or self.journal.waiting_count()) and time.monotonic() < deadline:
            if not self.check(counts):
                time.sleep(LINK_CHECK_S)


@dataclass(frozen=True)
class TillOutcome:
    offline_sales: int        # journal entries: sales made while the server was unreachable
    replayed: int             # of them, found on the server by their key
    missing: int              # journal entries the server does not have (or still waiting)
    duplicates: int           # a sale applied more than once (extra key rows or extra orders)
    series: str
    series_gapless: bool      # the workstation's receipt numbers 1..n, each once, the journal's own
    stock_applied: bool       # the replayed orders' stock moves are the journal's quantities
    offline_units: dict[int, int]  # product id -> units sold offline (a shelf may go below zero)


def till_outcome(db: Database, journal_path: Path, workstation: str) -> TillOutcome:
    """Compare the cut desk's journal with what the server holds."""
    journal = Journal(journal_path)
    try:
        sales = journal.sales(waiting_only=False)
        series, year = journal.meta("series") or "", journal.meta("year") or 0
    finally:
        journal.close()
    seqs = {s.seq for s in sales}
    with db.read() as s:
        keys = s.execute(select(CounterReplay.journal_seq, CounterReplay.order_id, CounterReplay.invoice_number)
                         .where(CounterReplay.workstation == workstation)).all()
        key_seqs = Counter(k.journal_seq for k in keys)
        # An independent witness: each replayed sale's order names its journal entry.
        notes = Counter(s.scalars(select(Order.notes).where(
            Order.notes.like(f"offline counter sale % at {workstation}"))))
        invoices = s.execute(select(Invoice.seq, Invoice.number).where(
            Invoice.series == series, Invoice.year == year).order_by(Invoice.seq)).all()
        gaps = [g for g in series_gaps(s) if g.series == series]
        order_ids = [k.order_id for k in keys]
        moved = {sku: -int(q) for sku, q in s.execute(
            select(Product.sku, func.sum(StockMove.qty)).join(Product, Product.id == StockMove.product_id)
            .where(StockMove.order_id.in_(order_ids)).group_by(Product.sku))} if order_ids else {}
        pids = dict(s.execute(select(Product.sku, Product.id)).all())
    sold: Counter[str] = Counter()
    for sale in sales:
        for ln in sale.payload["lines"]:
            sold[ln["sku"]] += ln["qty"]
    replayed = len(seqs & set(key_seqs))
    duplicates = sum(n - 1 for n in key_seqs.values() if n > 1) + sum(n - 1 for n in notes.values() if n > 1)
    printed = sorted((s.invoice_seq, s.invoice_number) for s in sales if s.invoice_seq is not None)
    gapless = (not gaps and [seq for seq, _n in invoices] == list(range(1, len(invoices) + 1))
               and [tuple(i) for i in invoices] == printed)
    return TillOutcome(
        offline_sales=len(sales), replayed=replayed, missing=len(seqs - set(key_seqs)) + len(set(key_seqs) - seqs),
        duplicates=duplicates, series=series, series_gapless=gapless,
        stock_applied=dict(sold) == moved,
        offline_units={pids[sku]: n for sku, n in sold.items() if sku in pids})
