"""The allocation rules without a database: what an order needs, and where it is served from."""

from __future__ import annotations

from omsdesk.models.order import stock_need
from omsdesk.services.fulfilment.allocation import spread_over_lines
from omsdesk.services.fulfilment.routing import Candidate, plan_allocation

MAD = Candidate(1, "MAD", 0.0, False, 0, "nearest (0 km)")
BCN = Candidate(2, "BCN", 505.0, False, 1, "nearest (505 km)")
SEV = Candidate(3, "SEV", 390.0, False, 2, "nearest (390 km)")
SKUS = {10: "TAZ", 20: "CAF", 30: "ENVIO"}


def test_a_service_line_never_needs_stock() -> None:
    assert stock_need([(10, True, 2, 0), (30, False, 1, 0)]) == {10: 2}


def test_what_is_already_reserved_is_not_needed_again() -> None:
    # Two lines of one product: 3 open with 1 reserved, and 2 open fully reserved.
    assert stock_need([(10, True, 3, 1), (10, True, 2, 2)]) == {10: 2}


def test_a_fully_shipped_or_reserved_order_needs_nothing() -> None:
    assert stock_need([(10, True, 0, 0), (20, True, 1, 1), (30, False, 1, 0)]) == {}


def test_one_warehouse_with_every_line_beats_a_nearer_split() -> None:
    available = {(10, 1): 5, (20, 2): 5, (10, 3): 5, (20, 3): 5}
    plan = plan_allocation([MAD, SEV, BCN], {10: 2, 20: 1}, available, SKUS)
    assert plan is not None
    assert plan.picks == {3: {10: 2, 20: 1}}
    assert plan.reason == "SEV: nearest (390 km) that has all lines; MAD cannot ship all lines"


def test_no_single_warehouse_means_the_fewest_warehouses_split() -> None:
    available = {(10, 1): 4, (20, 2): 1, (10, 2): 4}
    plan = plan_allocation([MAD, BCN, SEV], {10: 6, 20: 1}, available, SKUS)
    assert plan is not None
    assert plan.picks == {1: {10: 4}, 2: {10: 2, 20: 1}}
    assert plan.split and plan.primary_warehouse_id == 1
    assert plan.reason.startswith("split into 2 shipments")


def test_not_enough_stock_anywhere_gives_no_plan() -> None:
    assert plan_allocation([MAD, BCN], {10: 9}, {(10, 1): 4, (10, 2): 4}, SKUS) is None


def test_the_same_question_always_gets_the_same_answer() -> None:
    available = {(10, 1): 1, (10, 2): 1, (10, 3): 1}
    plans = {str(plan_allocation([MAD, BCN, SEV], {10: 2}, available, SKUS)) for _ in range(5)}
    assert len(plans) == 1


def test_a_split_plan_is_spread_over_the_lines_that_need_it() -> None:
    plan = plan_allocation([MAD, BCN], {10: 3}, {(10, 1): 2, (10, 2): 1}, SKUS)
    assert plan is not None and plan.picks == {1: {10: 2}, 2: {10: 1}}
    # Line 0 wants 2 and line 1 wants 1 of the same product: shared out in ranking order.
    assert spread_over_lines([(0, 10, 2), (1, 10, 1)], plan) == [(0, 1, 2), (1, 2, 1)]
