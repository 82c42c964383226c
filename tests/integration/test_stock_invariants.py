"""Random sequences of receipts, orders, parcels, cancels and returns keep every stock invariant.

Runs on SQLite and on PostgreSQL. Orders may carry a service line (shipping), allocations
split across warehouses, parcels ship one warehouse at a time, receipts serve backorders,
the rest of an order is closed, returns are restocked, damaged or scrapped, money is refunded.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import (
    OmsError,
    Order,
    OrderLine,
    Payment,
    Product,
    Refund,
    Reservation,
    Shipment,
    ShipmentLine,
    StockLevel,
    StockMove,
)
from omsdesk.models.returns import ReturnLine
from omsdesk.services.catalog import ProductInput, add_product
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment import returns, shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.fulfilment.refunds import refund_order
from omsdesk.services.ledger.stock import adjust_stock
from tests.fixtures.database import ACTOR, PgSessionDatabase, Shop, fresh_sqlite, ledger_problems

SKUS = ("SKU-A", "SKU-B", "SKU-C")
SERVICE = "ENVIO"
WAREHOUSES = ("MAD", "BCN")
ACTIONS = ("pay", "allocate", "pick", "pack", "ship", "deliver", "hold", "release", "cancel", "return",
           "cancel-rest", "refund")
DISPOSITIONS = ("restock", "damaged", "scrap")
# The usual way forward from each status; `advance` follows it.
NEXT_STEP = {"new": "pay", "paid": "allocate", "backorder": "allocate", "partial": "allocate",
             "allocated": "pick", "picking": "pack", "packed": "ship", "shipped": "deliver",
             "delivered": "return", "on_hold": "release"}
# Only these statuses may hold stock back from sale (partial: the parcels not shipped yet).
HOLDING_STATUSES = {"allocated", "picking", "packed", "on_hold", "partial"}
# Statuses in which nothing may have left a warehouse.
NOTHING_SHIPPED = {"new", "paid", "backorder", "cancelled"}


def _catalogue(db: Database) -> None:
    shop = Shop(db)
    shop.warehouses(WAREHOUSES)
    for sku in SKUS:
        shop.product(sku)
    add_product(db, ProductInput(SERVICE, "Gastos de envío", 495, stock_tracked=False), actor=ACTOR)


@pytest.fixture(scope="module")
def catalogue_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with two warehouses, three products and a service, copied for every example."""
    path = tmp_path_factory.mktemp("catalogue") / "omsdesk.sqlite3"
    db = fresh_sqlite(sqlite_template, path)
    try:
        _catalogue(db)
    finally:
        db.dispose()
    return path


class StockMachine(RuleBasedStateMachine):
    orders = Bundle("orders")
    # Set on a subclass by the test: where each example gets a fresh database with the catalogue.
    open_db: ClassVar[Callable[[Path], Database]]

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="omsdesk-stock-machine-"))
        self.db: Database = type(self).open_db(self.dir)
        self.shop = Shop(self.db)
        # What went in and out other than through orders, per SKU: the independent model.
        self.booked_in: Counter[str] = Counter()

    def teardown(self) -> None:
        self.db.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _refusal_changes_nothing(self, action: str, ref: str, call: object) -> None:
        before = self.shop.snapshot()
        try:
            call()  # type: ignore[operator]
        except OmsError:
            assert self.shop.snapshot() == before, f"refused {action} of {ref} changed data"
            event(f"{action} refused")
        else:
            # Shown by --hypothesis-show-statistics: proof the run reaches shipments and returns.
            event(f"{action} done")

    # -- stock ---------------------------------------------------------------

    @initialize(opening=st.lists(st.integers(0, 10), min_size=len(SKUS) * len(WAREHOUSES),
                                 max_size=len(SKUS) * len(WAREHOUSES)))
    def opening_stock(self, opening: list[int]) -> None:
        places = [(sku, wh) for sku in SKUS for wh in WAREHOUSES]
        for (sku, wh), qty in zip(places, opening, strict=True):
            if qty:
                self.receive(sku, wh, qty)

    @rule(sku=st.sampled_from(SKUS), wh=st.sampled_from(WAREHOUSES), qty=st.integers(1, 8))
    def receive(self, sku: str, wh: str, qty: int) -> None:
        self.shop.stock(sku, qty, wh)
        self.booked_in[sku] += qty

    @rule(sku=st.sampled_from(SKUS), wh=st.sampled_from(WAREHOUSES),
          delta=st.integers(-4, 4).filter(lambda d: d != 0))
    def adjust(self, sku: str, wh: str, delta: int) -> None:
        before = self.shop.snapshot()
        try:
            adjust_stock(self.db, sku, delta, wh, reason="cycle count", actor=ACTOR)
        except OmsError:
            assert self.shop.snapshot() == before
        else:
            self.booked_in[sku] += delta

    # -- orders --------------------------------------------------------------

    @rule(target=orders, lines=st.dictionaries(st.sampled_from(SKUS), st.integers(1, 3),
                                               min_size=1, max_size=2), with_shipping=st.booleans())
    def create(self, lines: dict[str, int], with_shipping: bool) -> str:
        return self.shop.order(lines | ({SERVICE: 1} if with_shipping else {}))

    def _action(self, action: str, ref: str, partial: bool, sku: str, wh: str | None = None,
                disposition: str = "restock") -> None:
        some = {self._sku_on(ref, sku): 1} if partial else None
        calls = {
            "pay": lambda: svc.pay_order(self.db, ref, actor=ACTOR, amount=1 if partial else None),
            "allocate": lambda: allocate_order(self.db, ref, actor=ACTOR),
            # Picked and packed per parcel: one warehouse's parcel, or all of them.
            "pick": lambda: svc.pick_order(self.db, ref, actor=ACTOR, warehouse=wh),
            "pack": lambda: svc.pack_order(self.db, ref, actor=ACTOR, warehouse=wh),
            # A tracking number belongs to one parcel: given only when one warehouse ships.
            "ship": lambda: shipping.ship_order(self.db, ref, actor=ACTOR, tracking=f"T-{wh}" if wh else "",
                                                quantities=some, warehouse=wh),
            "deliver": lambda: svc.deliver_order(self.db, ref, actor=ACTOR),
            "hold": lambda: svc.hold_order(self.db, ref, actor=ACTOR),
            "release": lambda: svc.release_order(self.db, ref, actor=ACTOR),
            "cancel": lambda: svc.cancel_order(self.db, ref, actor=ACTOR),
            "return": lambda: returns.return_order(self.db, ref, actor=ACTOR, quantities=some,
                                                   dispositions={self._sku_on(ref, sku): disposition}),
            "cancel-rest": lambda: svc.cancel_rest(self.db, ref, actor=ACTOR, reason="closed"),
            "refund": lambda: refund_order(self.db, ref, actor=ACTOR, amount=1 if partial else 100,
                                           method="card"),
        }
        self._refusal_changes_nothing(action, ref, calls[action])

    def _sku_on(self, ref: str, sku: str) -> str:
        """`sku` if the order has it, else its first line's: partial moves need a SKU on the order."""
        with self.db.read() as s:
            skus = list(s.scalars(select(OrderLine.sku).join(Order, Order.id == OrderLine.order_id)
                                  .where(Order.reference == ref).order_by(OrderLine.line_no)))
        return sku if sku in skus else skus[0]

    @rule(ref=orders, action=st.sampled_from(ACTIONS), partial=st.booleans(), sku=st.sampled_from(SKUS),
          wh=st.sampled_from((None, *WAREHOUSES)), disposition=st.sampled_from(DISPOSITIONS))
    def any_action(self, ref: str, action: str, partial: bool, sku: str, wh: str | None,
                   disposition: str) -> None:
        """Whatever the status: most of these are refusals, which must change nothing."""
        self._action(action, ref, partial, sku, wh, disposition)

    @rule(ref=orders, steps=st.integers(1, 8), partial=st.booleans(), sku=st.sampled_from(SKUS),
          wh=st.sampled_from((None, *WAREHOUSES)))
    def advance(self, ref: str, steps: int, partial: bool, sku: str, wh: str | None) -> None:
        """Push an order along its usual path, so runs reach shipments, backorders and returns."""
        for _ in range(steps):
            status = self.shop.status(ref)
            if status not in NEXT_STEP:
                return
            self._action(NEXT_STEP[status], ref, partial, sku, wh)
            if self.shop.status(ref) == status:
                return  # refused or waiting for stock

    # -- after every step ----------------------------------------------------

    @invariant()
    def never_oversold_and_levels_equal_the_ledger(self) -> None:
        assert ledger_problems(self.db) == []

    @invariant()
    def on_hand_equals_receipts_and_adjustments_less_shipped_plus_returned(self) -> None:
        # Counted from order lines, not from the ledger, so the two bookkeepings check each other.
        levels = dict.fromkeys(SKUS, 0)
        flows = dict.fromkeys(SKUS, 0)
        with self.db.read() as s:
            for sku, n in s.execute(select(Product.sku, func.sum(StockLevel.on_hand))
                                    .join(Product, Product.id == StockLevel.product_id)
                                    .group_by(Product.sku)):
                levels[sku] = int(n)
            for sku, shipped, returned in s.execute(
                    select(OrderLine.sku, OrderLine.qty_shipped, OrderLine.qty_returned)
                    .where(OrderLine.sku != SERVICE)):
                flows[sku] += returned - shipped
        with self.db.read() as s:
            # Returned units that were scrapped or set apart as damaged left the sellable stock again.
            for sku, qty in s.execute(select(OrderLine.sku, func.sum(ReturnLine.qty))
                                      .join(ReturnLine, ReturnLine.order_line_id == OrderLine.id)
                                      .where(ReturnLine.disposition != "restock").group_by(OrderLine.sku)):
                if sku in flows:
                    flows[sku] -= int(qty)
        for sku in SKUS:
            assert levels[sku] == self.booked_in[sku] + flows[sku], sku

    @invariant()
    def only_orders_in_the_warehouse_flow_hold_reservations(self) -> None:
        with self.db.read() as s:
            holding = set(s.scalars(
                select(Order.status).join(OrderLine, OrderLine.order_id == Order.id)
                .join(Reservation, Reservation.order_line_id == OrderLine.id)))
        assert holding <= HOLDING_STATUSES

    @invariant()
    def no_line_is_reserved_beyond_what_is_still_open_and_services_never(self) -> None:
        with self.db.read() as s:
            rows = s.execute(
                select(OrderLine.sku, OrderLine.qty, OrderLine.qty_shipped, func.coalesce(func.sum(Reservation.qty), 0))
                .outerjoin(Reservation, Reservation.order_line_id == OrderLine.id)
                .group_by(OrderLine.id, OrderLine.sku, OrderLine.qty, OrderLine.qty_shipped)).all()
        for sku, qty, shipped, reserved in rows:
            assert reserved <= qty - shipped, (sku, qty, shipped, reserved)
            assert sku != SERVICE or reserved == 0

    @invariant()
    def every_shipped_unit_left_the_warehouse_that_reserved_it(self) -> None:
        with self.db.read() as s:
            parcels = Counter({(o, p, w): int(q) for o, p, w, q in s.execute(
                select(Shipment.order_id, OrderLine.product_id, Shipment.warehouse_id, func.sum(ShipmentLine.qty))
                .join(ShipmentLine, ShipmentLine.shipment_id == Shipment.id)
                .join(OrderLine, OrderLine.id == ShipmentLine.order_line_id)
                .join(Product, Product.id == OrderLine.product_id).where(Product.stock_tracked.is_(True))
                .group_by(Shipment.order_id, OrderLine.product_id, Shipment.warehouse_id))})
            sales = Counter({(o, p, w): -int(q) for o, p, w, q in s.execute(
                select(StockMove.order_id, StockMove.product_id, StockMove.warehouse_id, func.sum(StockMove.qty))
                .where(StockMove.kind == "sale")
                .group_by(StockMove.order_id, StockMove.product_id, StockMove.warehouse_id))})
        assert parcels == sales

    @invariant()
    def paid_less_refunded_is_the_money_ledger(self) -> None:
        with self.db.read() as s:
            paid = dict(s.execute(select(Payment.order_id, func.sum(Payment.amount)).group_by(Payment.order_id)).all())
            refunded = dict(s.execute(select(Refund.order_id, func.sum(Refund.amount))
                                      .group_by(Refund.order_id)).all())
            for oid, paid_amount, refunded_amount in s.execute(
                    select(Order.id, Order.paid_amount, Order.refunded_amount)):
                assert (paid_amount, refunded_amount) == (paid.get(oid, 0), refunded.get(oid, 0)), oid
                assert 0 <= refunded_amount <= paid_amount

    @invariant()
    def one_open_parcel_per_reserved_warehouse_and_its_step_agrees_with_the_order(self) -> None:
        with self.db.read() as s:
            reserved = {(oid, wid) for oid, wid in s.execute(
                select(OrderLine.order_id, Reservation.warehouse_id)
                .join(Reservation, Reservation.order_line_id == OrderLine.id).distinct())}
            parcels = s.execute(select(Shipment.order_id, Shipment.warehouse_id, Shipment.status,
                                       Shipment.shipped_at, Order.status)
                                .join(Order, Order.id == Shipment.order_id)).all()
            lines = dict(s.execute(select(ShipmentLine.shipment_id, func.count()).group_by(ShipmentLine.shipment_id))
                         .all())
            ids = dict(s.execute(select(Shipment.id, Shipment.status)).all())
        open_ = [(oid, wid) for oid, wid, st_, _at, _o in parcels if st_ in ("open", "picking", "packed")]
        assert sorted(open_) == sorted(reserved), "open parcels are exactly the reserved warehouses, once each"
        for oid, _wid, st_, at, order_status in parcels:
            assert (at is None) == (st_ in ("open", "picking", "packed")), (oid, st_, at)
            if order_status == "allocated":
                assert st_ in ("open", "shipped", "delivered"), (oid, order_status, st_)
            if order_status == "packed":
                assert st_ in ("packed", "shipped", "delivered"), (oid, order_status, st_)
        for sid, st_ in ids.items():
            if st_ in ("shipped", "delivered"):
                assert lines.get(sid, 0) > 0, f"shipped parcel {sid} has no lines"

    @invariant()
    def an_orders_status_agrees_with_its_parcels(self) -> None:
        with self.db.read() as s:
            rows = s.execute(select(Order.reference, Order.status, func.sum(OrderLine.qty),
                                    func.sum(OrderLine.qty_shipped), func.sum(OrderLine.qty_cancelled))
                             .join(OrderLine, OrderLine.order_id == Order.id)
                             .group_by(Order.reference, Order.status)).all()
        for ref, status, qty, shipped, closed in rows:
            if status in NOTHING_SHIPPED:
                assert shipped == 0, (ref, status, shipped)
            if status in ("shipped", "delivered"):
                # Everything left, or what did not was closed unshipped (cancel-rest).
                assert shipped > 0 and shipped + closed == qty, (ref, status, qty, shipped, closed)
            if status == "partial":
                assert shipped > 0 and shipped + closed < qty, (ref, status, qty, shipped, closed)


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def test_random_operations_never_oversell_and_match_the_ledger(catalogue_template: Path) -> None:
    def open_db(folder: Path) -> Database:
        return fresh_sqlite(catalogue_template, folder / "omsdesk.sqlite3")

    machine = type("StockMachineOnSqlite", (StockMachine,), {"open_db": staticmethod(open_db)})
    run_state_machine_as_test(machine, settings=settings(max_examples=50, stateful_step_count=30, **SETTINGS))


@pytest.mark.postgres
def test_random_operations_keep_the_invariants_on_postgresql(pg_migrated: PgSessionDatabase) -> None:
    def open_db(_folder: Path) -> Database:
        db = pg_migrated.fresh()
        _catalogue(db)
        return db

    machine = type("StockMachineOnPostgres", (StockMachine,), {"open_db": staticmethod(open_db)})
    run_state_machine_as_test(machine, settings=settings(max_examples=15, stateful_step_count=30, **SETTINGS))
