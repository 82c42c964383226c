"""The sliding window pager never skips an order, even when the shop changes mid-run."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from omsdesk.sync.paging import window_pages


class FakeShop:
    """Orders (id -> stamp) served `modified >= window` sorted, offset pages of `size`."""

    def __init__(self, stamps: dict[str, str], size: int) -> None:
        self.stamps = stamps
        self.size = size
        self.calls: list[tuple[str | None, int]] = []
        self.on_call: list[Any] = []

    def fetch(self, window: str | None, page: int) -> tuple[list[Mapping[str, Any]], bool]:
        self.calls.append((window, page))
        for action in self.on_call:
            action(len(self.calls))
        rows = sorted(((s, k) for k, s in self.stamps.items() if window is None or s >= window))
        chunk = rows[page * self.size:(page + 1) * self.size]
        return [{"id": k, "stamp": s} for s, k in chunk], False


def run(shop: FakeShop, since: str | None = None) -> list[list[str]]:
    return [[r["id"] for r in raws] for raws, _ in window_pages(
        since, shop.fetch, page_size=shop.size, stamp_of=lambda r: r["stamp"],
        key_of=lambda r: r["id"])]


def test_every_order_comes_once_in_stamp_order() -> None:
    shop = FakeShop({f"o{i:02d}": f"t{i:02d}" for i in range(25)}, size=10)
    pages = run(shop)
    flat = [i for page in pages for i in page]
    assert flat == [f"o{i:02d}" for i in range(25)]


def test_an_order_modified_mid_run_does_not_push_another_out_of_sight() -> None:
    shop = FakeShop({f"o{i:02d}": f"t{i:02d}" for i in range(25)}, size=10)
    # After the first page, o03 changes: plain page numbers would now skip o10.
    shop.on_call.append(lambda n: shop.stamps.update(o03="t99") if n == 2 else None)
    flat = [i for page in run(shop) for i in page]
    assert set(flat) == {f"o{i:02d}" for i in range(25)}
    assert flat.count("o03") == 2  # the newer version comes through as well


def test_many_orders_with_one_stamp_advance_by_page_number() -> None:
    shop = FakeShop({f"o{i:02d}": "t05" for i in range(23)}, size=10)
    flat = [i for page in run(shop, since="t00") for i in page]
    assert sorted(flat) == sorted(f"o{i:02d}" for i in range(23))
    # The first page moves the window to t05 (one re-read), then pages advance.
    assert [page for _, page in shop.calls] == [0, 0, 1, 2]


def test_high_water_mark_is_the_newest_stamp_seen() -> None:
    shop = FakeShop({"a": "t01", "b": "t07", "c": "t03"}, size=10)
    marks = [mark for _, mark in window_pages(None, shop.fetch, page_size=10,
                                              stamp_of=lambda r: r["stamp"],
                                              key_of=lambda r: r["id"])]
    assert marks == ["t07"]
