"""Dismissing an exceptions inbox item with a note (issue 16 point 5): hidden until its cause changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from omsdesk.models import AuditEntry, Order, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.inbox import ExceptionDismissal
from omsdesk.queries.exceptions import exception_counts, exceptions
from omsdesk.services.exceptions_inbox import dismiss_exception
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment.allocation import allocate_order
from tests.fixtures.database import ACTOR, Shop


def test_a_late_order_stays_dismissed_while_it_moves_on_and_returns_with_a_new_ship_by(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 2)
    ref = shop.order_at("allocated", {sku: 1})
    with shop.db.write() as s:
        s.execute(update(Order).where(Order.reference == ref).values(ship_by=utcnow() - timedelta(days=1)))
    done = dismiss_exception(shop.db, ref, note="  el cliente  recoge el lunes ", actor=ACTOR)
    assert (done.kind, done.note, done.user) == ("late", "el cliente recoge el lunes", ACTOR.user)
    svc.pick_order(shop.db, ref, actor=ACTOR)  # its status changes, its cause does not
    with shop.db.read() as s:
        assert exceptions(s, kinds=("late",)) == []
        assert exception_counts(s)["late"] == 0
        assert [i.key for i in exceptions(s, kinds=("late",), include_dismissed=True)] == [ref]
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "dismiss"))
        assert entry.reference == f"late:{ref}" and entry.reason.startswith("el cliente recoge el lunes")
    with shop.db.write() as s:
        s.execute(update(Order).where(Order.reference == ref).values(ship_by=utcnow() - timedelta(hours=2)))
    with shop.db.read() as s:
        assert [i.key for i in exceptions(s, kinds=("late",))] == [ref]  # a new promise missed


def test_a_key_of_two_items_needs_its_kind_and_a_note_is_required(shop: Shop) -> None:
    sku = shop.product()  # no stock: it waits
    ref = shop.order_at("paid", {sku: 2})
    allocate_order(shop.db, ref, actor=ACTOR)
    with shop.db.write() as s:
        s.execute(update(Order).where(Order.reference == ref).values(ship_by=utcnow() - timedelta(days=1)))
    with shop.db.read() as s:
        assert sorted(i.kind for i in exceptions(s) if i.key == ref) == ["backorder", "late"]
    with pytest.raises(ValidationError, match="is 2 exceptions"):
        dismiss_exception(shop.db, ref, note="el proveedor sirve el martes", actor=ACTOR)
    with pytest.raises(ValidationError, match="needs a note"):
        dismiss_exception(shop.db, ref, note=" ", actor=ACTOR, kind="backorder")
    dismiss_exception(shop.db, ref, note="el proveedor sirve el martes", actor=ACTOR, kind="backorder")
    with pytest.raises(ValidationError, match="already dismissed"):
        dismiss_exception(shop.db, ref, note="otra vez", actor=ACTOR, kind="backorder")
    with shop.db.read() as s:
        assert sorted(i.kind for i in exceptions(s) if i.key == ref) == ["late"]
        assert s.scalar(select(ExceptionDismissal.note)) == "el proveedor sirve el martes"
