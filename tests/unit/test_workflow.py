"""The order workflow table: every action from every status is either allowed or refused clearly."""

from __future__ import annotations

import pytest

from omsdesk.models import IllegalTransition, OrderStatus, allowed_actions, check_transition
from omsdesk.models.workflow import ACTIONS, TRANSITIONS

S = OrderStatus
REF = "SO-2026-000123"

# The specification (issue 2, point 4), written out independently of the code's table so a
# change to either shows up here.
EXPECTED: dict[str, set[OrderStatus]] = {
    # Money can arrive at any time until the order is dead (cash on delivery, late transfers).
    "pay": {S.NEW, S.PAID, S.ALLOCATED, S.PICKING, S.PACKED, S.BACKORDER, S.PARTIAL, S.SHIPPED,
            S.DELIVERED, S.ON_HOLD},
    "allocate": {S.PAID, S.BACKORDER, S.PARTIAL},
    # Picked, packed and shipped per parcel (issue 11 point 2): a split order in picking can
    # have one parcel packed and leaving while the other is still picked; a part-shipped
    # order's next parcel is picked and packed from partial.
    "pick": {S.ALLOCATED, S.PICKING, S.PARTIAL},
    "pack": {S.PICKING, S.PARTIAL},
    "ship": {S.PICKING, S.PACKED, S.PARTIAL},
    "deliver": {S.SHIPPED},
    "hold": {S.NEW, S.PAID, S.ALLOCATED, S.PICKING, S.PACKED, S.BACKORDER, S.PARTIAL},
    "release": {S.ON_HOLD},
    "cancel": {S.NEW, S.PAID, S.ALLOCATED, S.PICKING, S.PACKED, S.BACKORDER, S.ON_HOLD},
    "return": {S.SHIPPED, S.DELIVERED, S.PARTIAL},
}

ALLOWED = [(a, st) for a in EXPECTED for st in S if st in EXPECTED[a]]
REFUSED = [(a, st) for a in EXPECTED for st in S if st not in EXPECTED[a]]


def test_the_table_names_exactly_the_documented_actions() -> None:
    assert set(TRANSITIONS) == set(EXPECTED)
    assert tuple(TRANSITIONS) == ACTIONS


@pytest.mark.parametrize(("action", "status"), ALLOWED, ids=[f"{a}-from-{s.value}" for a, s in ALLOWED])
def test_allowed_transition_passes(action: str, status: OrderStatus) -> None:
    check_transition(action, status, REF)
    assert action in allowed_actions(status)


@pytest.mark.parametrize(("action", "status"), REFUSED, ids=[f"{a}-from-{s.value}" for a, s in REFUSED])
def test_refused_transition_raises_with_action_reference_and_status(action: str, status: OrderStatus) -> None:
    with pytest.raises(IllegalTransition) as err:
        check_transition(action, status, REF)
    message = str(err.value)
    assert message.startswith(f"cannot {action} order {REF}: status is {status.value}")
    assert "\n" not in message
    assert action not in allowed_actions(status)


@pytest.mark.parametrize("status", [S.SHIPPED, S.DELIVERED, S.RETURNED])
def test_cancel_after_shipping_is_refused(status: OrderStatus) -> None:
    with pytest.raises(IllegalTransition, match="already shipped; record a return instead"):
        check_transition("cancel", status, REF)


def test_cancel_of_a_part_shipped_order_points_to_cancel_rest() -> None:
    with pytest.raises(IllegalTransition, match="close the unshipped lines instead \\(orders cancel-rest\\)"):
        check_transition("cancel", S.PARTIAL, REF)


def test_cancel_of_a_cancelled_order_says_it_is_already_cancelled() -> None:
    with pytest.raises(IllegalTransition, match="already cancelled"):
        check_transition("cancel", S.CANCELLED, REF)


def test_allocate_before_payment_says_pay_first() -> None:
    with pytest.raises(IllegalTransition, match="must be paid first"):
        check_transition("allocate", S.NEW, REF)


@pytest.mark.parametrize("status", [S.ALLOCATED, S.PICKING, S.PACKED])
def test_allocate_twice_says_already_allocated(status: OrderStatus) -> None:
    with pytest.raises(IllegalTransition, match="already allocated"):
        check_transition("allocate", status, REF)


def test_hold_twice_says_already_on_hold() -> None:
    with pytest.raises(IllegalTransition, match="already on hold"):
        check_transition("hold", S.ON_HOLD, REF)


@pytest.mark.parametrize(("action", "hint"), [
    ("pick", "must be allocated first"), ("pack", "must be picked first"),
    ("ship", "must be packed first"), ("deliver", "has not shipped"), ("release", "is not on hold"),
])
def test_out_of_order_steps_say_what_comes_first(action: str, hint: str) -> None:
    with pytest.raises(IllegalTransition, match=hint):
        check_transition(action, S.NEW, REF)


def test_unknown_action_is_refused_by_name() -> None:
    with pytest.raises(IllegalTransition, match="unknown order action 'teleport'"):
        check_transition("teleport", S.NEW, REF)


def test_unknown_status_is_not_silently_accepted() -> None:
    with pytest.raises(ValueError):
        check_transition("pay", "lost_in_space", REF)


def test_statuses_are_accepted_as_plain_strings_from_the_database() -> None:
    check_transition("ship", "packed", REF)
    assert allowed_actions("packed") == ["pay", "ship", "hold", "cancel"]


@pytest.mark.parametrize(("status", "actions"), [
    (S.NEW, ["pay", "hold", "cancel"]),
    (S.ALLOCATED, ["pay", "pick", "hold", "cancel"]),
    (S.ON_HOLD, ["pay", "release", "cancel"]),
    (S.PARTIAL, ["pay", "allocate", "pick", "pack", "ship", "hold", "return"]),
    (S.CANCELLED, []),
    (S.RETURNED, []),
])
def test_allowed_actions_lists_buttons_in_workflow_order(status: OrderStatus, actions: list[str]) -> None:
    assert allowed_actions(status) == actions


def test_every_status_but_the_final_ones_has_a_way_forward() -> None:
    dead_ends = {st for st in S if not allowed_actions(st)}
    assert dead_ends == {S.CANCELLED, S.RETURNED}
