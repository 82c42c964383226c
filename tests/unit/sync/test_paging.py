"""The change pager never skips an order: ties across pages, orders changed mid-run, late commits."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from omsdesk.sync.paging import BLOCK_OVERLAP, window_pages


def at(second: int) -> str:
    return f"2026-03-01T10:{second // 60:02d}:{second % 60:02d}Z"


class FakeShop:
    """Orders (id -> stamp); ties in the window listing come in an order unrelated to the id
    (as MySQL may return them), the block listing sorts by id, as `orderby=id` does."""

    def __init__(self, stamps: dict[int, str], size: int) -> None:
        self.stamps = stamps
        self.size = size
        self.calls = 0
        self.on_call: list[Any] = []

    def _tick(self) -> None:
        self.calls += 1
        for action in self.on_call:
            action(self.calls)

    def fetch(self, window: str | None, offset: int) -> tuple[list[Mapping[str, Any]], bool]:
        self._tick()
        rows = sorted(((s, (k * 7919) % 1009, k) for k, s in self.stamps.items()
                       if window is None or s >= window))
        chunk = rows[offset:offset + self.size]
        return [{"id": str(k), "stamp": s} for s, _, k in chunk], offset + len(chunk) >= len(rows)

    def fetch_block(self, stamp: str, offset: int) -> list[Mapping[str, Any]]:
        self._tick()
        rows = sorted(k for k, s in self.stamps.items() if s == stamp)
        return [{"id": str(k), "stamp": stamp} for k in rows[offset:offset + self.size]]


def pull(shop: FakeShop, since: str | None = None, lookback: int = 0) -> list[tuple[str, str]]:
    """(id, stamp) of every order yielded, and the marks checked never to go back."""
    got: list[tuple[str, str]] = []
    last_mark = since
    for raws, mark in window_pages(since, shop.fetch, shop.fetch_block, page_size=shop.size,
                                   stamp_of=lambda r: r["stamp"], key_of=lambda r: r["id"],
                                   lookback=timedelta(seconds=lookback)):
        assert last_mark is None or (mark is not None and mark >= last_mark)
        last_mark = mark
        got.extend((r["id"], r["stamp"]) for r in raws)
    return got


def test_every_order_comes_once_in_stamp_order() -> None:
    shop = FakeShop({i: at(i) for i in range(25)}, size=10)
    assert [int(k) for k, _ in pull(shop)] == list(range(25))


def test_an_order_modified_mid_run_does_not_push_another_out_of_sight() -> None:
    shop = FakeShop({i: at(i) for i in range(25)}, size=10)
    shop.on_call.append(lambda n: shop.stamps.update({3: at(99)}) if n == 2 else None)
    got = pull(shop)
    assert {int(k) for k, _ in got} == set(range(25))
    assert [k for k, _ in got].count("3") == 2  # the newer version comes through as well


def test_a_block_larger_than_a_page_loses_nothing_while_orders_leave_it() -> None:
    # 250 orders in one second, pages of 10; after every call one order already read moves
    # to a newer second, far more than the overlap between two pages over the whole block.
    shop = FakeShop({i: at(5) for i in range(250)}, size=10)
    moved: list[int] = []

    def churn(n: int) -> None:
        if n > 2 and len(moved) < 60:
            k = len(moved) * 3
            shop.stamps[k] = at(30 + len(moved) // 10)
            moved.append(k)

    shop.on_call.append(churn)
    got = pull(shop, since=at(0))
    assert {int(k) for k, _ in got} == set(range(250))
    assert {(str(k), shop.stamps[k]) for k in moved} <= set(got)  # newer versions too


def test_the_block_is_read_again_when_more_than_the_overlap_leave_it_between_pages() -> None:
    shop = FakeShop({i: at(5) for i in range(60)}, size=10)

    def burst(n: int) -> None:
        if n == 4:  # after the block's first page: more than the overlap leave at once
            for k in range(min(BLOCK_OVERLAP, 5) + 3):
                shop.stamps[k] = at(40)

    shop.on_call.append(burst)
    assert {int(k) for k, _ in pull(shop, since=at(0))} == set(range(60))


def test_the_look_back_finds_an_order_committed_late_with_an_older_stamp() -> None:
    shop = FakeShop({i: at(10 + i) for i in range(5)}, size=10)
    first = pull(shop)
    shop.stamps[99] = at(12)  # shows up after the pull, stamped before its mark
    mark = max(s for _, s in first)
    assert ("99", at(12)) not in pull(shop, since=mark, lookback=0)
    assert ("99", at(12)) in pull(shop, since=mark, lookback=60)


def test_the_mark_never_goes_below_the_cursor_with_a_look_back() -> None:
    shop = FakeShop({1: at(1), 2: at(2)}, size=10)
    marks = [m for _, m in window_pages(at(3), shop.fetch, shop.fetch_block, page_size=10,
                                        stamp_of=lambda r: r["stamp"], key_of=lambda r: r["id"],
                                        lookback=timedelta(seconds=60))]
    assert marks == [at(3)]


@settings(max_examples=80, deadline=None)
@given(sizes=st.lists(st.integers(1, 60), min_size=1, max_size=6), page=st.integers(2, 12),
       churn=st.lists(st.integers(0, 10_000), max_size=60))
def test_random_ties_and_churn_lose_no_order(sizes: list[int], page: int,
                                             churn: list[int]) -> None:
    stamps: dict[int, str] = {}
    for second, size in enumerate(sizes):
        for _ in range(size):
            stamps[len(stamps)] = at(second)
    original = dict(stamps)
    shop = FakeShop(stamps, size=page)
    # Before the n-th request the shop modifies order churn[n-1]: it moves to a new second.
    shop.on_call.append(lambda n: shop.stamps.update(
        {churn[n - 1] % len(original): at(100 + n)}) if n <= len(churn) else None)
    got = pull(shop)
    assert {int(k) for k, _ in got} == set(original)  # 0 lost
    assert len(got) == len(set(got))  # 0 duplicated: each (order, version) once


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(1, 50), min_size=1, max_size=5), page=st.integers(2, 10),
       churn=st.lists(st.integers(0, 10_000), max_size=50),
       kills=st.lists(st.integers(1, 8), max_size=5))
def test_random_ties_churn_and_kills_lose_and_double_nothing(
        sizes: list[int], page: int, churn: list[int], kills: list[int]) -> None:
    stamps: dict[int, str] = {}
    for second, size in enumerate(sizes):
        for _ in range(size):
            stamps[len(stamps)] = at(second)
    everyone = set(stamps)
    shop = FakeShop(stamps, size=page)
    shop.on_call.append(lambda n: shop.stamps.update(
        {churn[n - 1] % len(everyone): at(100 + n)}) if n <= len(churn) else None)
    stored: dict[str, str] = {}  # the import: an upsert by shop id that keeps the newest
    cursor: str | None = None
    for pages_before_kill in [*kills, None]:  # None: the last run goes to the end
        pages = window_pages(cursor, shop.fetch, shop.fetch_block, page_size=page,
                             stamp_of=lambda r: r["stamp"], key_of=lambda r: r["id"],
                             lookback=timedelta(seconds=0))
        for done, (raws, mark) in enumerate(pages, start=1):
            for r in raws:
                stored[r["id"]] = max(stored.get(r["id"], ""), r["stamp"])
            cursor = mark  # committed with the page
            if pages_before_kill is not None and done >= pages_before_kill:
                break  # kill -9: the rest of this run never happens
    assert {int(k) for k in stored} == everyone  # 0 lost
    shop.on_call.clear()
    for raws, _ in window_pages(cursor, shop.fetch, shop.fetch_block, page_size=page,
                                stamp_of=lambda r: r["stamp"], key_of=lambda r: r["id"]):
        for r in raws:
            stored[r["id"]] = max(stored.get(r["id"], ""), r["stamp"])
    # Each order once, at the shop's latest version: no change skipped either.
    assert stored == {str(k): s for k, s in shop.stamps.items()}
