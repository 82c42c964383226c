"""The live refresh's row read (queries.orders.named_rows): the rows of named orders, as the
queue page shows them, kept only while they pass the queue's filters."""

from __future__ import annotations

from omsdesk.db import Database
from omsdesk.queries.order_page import OrderFilter
from omsdesk.queries.orders import list_orders, named_rows
from omsdesk.services.fulfilment import orders as svc
from tests.fixtures.database import ACTOR, Shop


def test_named_rows_are_the_page_rows_of_those_orders_while_they_pass_the_filter(db: Database) -> None:
    shop = Shop(db)
    shop.warehouses(("MAD",))
    sku = shop.product()
    shop.stock(sku, 5)
    first, second, third = (shop.order_at("paid", {sku: 1}) for _ in range(3))
    svc.hold_order(db, third, actor=ACTOR, reason="check")
    with db.read() as s:
        page = {r.reference: r for r in list_orders(s, OrderFilter())}
        conn = s.connection()
        one = named_rows(conn, OrderFilter(), (first,))
        both = named_rows(conn, OrderFilter(status="paid"), (second, third))
        searched = named_rows(conn, OrderFilter(search="lucia"), (first,))
        gone = named_rows(conn, OrderFilter(), ("SO-1999-000001",))
    assert one == [page[first]]
    assert both == [page[second]]  # the held one no longer passes status=paid
    assert searched is None  # whether it still matches a search is the search's to say
    assert gone == []
