"""Pick-list scan verification: right items count in bin order, wrong items and over-picks are refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from omsdesk.documents.data import PickItem, PickListDoc
from omsdesk.services.fulfilment.picking import OverPick, PickProgress, WrongItem


def _progress() -> PickProgress:
    items = [
        PickItem("SO-1", "MUG-1", "Mug", "A-10", 2, ean="8400000000011"),
        PickItem("SO-2", "CUP-1", "Cup", "A-2", 1, ean="8400000000028"),
        PickItem("SO-2", "MUG-1", "Mug", "A-10", 1, ean="8400000000011"),
    ]
    doc = PickListDoc.from_items("W1", "MAD", datetime(2026, 1, 1, tzinfo=UTC), items)
    return PickProgress(doc.rows)


def test_pick_list_walks_bins_in_natural_order_and_sums_quantities() -> None:
    rows = _progress().rows
    assert [(r.bin, r.sku, r.qty) for r in rows] == [("A-2", "CUP-1", 1), ("A-10", "MUG-1", 3)]
    assert rows[1].order_refs == ("SO-1", "SO-2")


def test_scan_by_ean_or_sku_counts_one_unit() -> None:
    progress = _progress()
    first = progress.scan("8400000000011")
    second = progress.scan(" MUG-1 ")
    assert (first.sku, first.picked, first.qty) == ("MUG-1", 1, 3)
    assert second.picked == 2
    assert progress.units_left == 2


def test_wrong_item_is_refused_and_counts_nothing() -> None:
    progress = _progress()
    with pytest.raises(WrongItem, match="not on this pick list"):
        progress.scan("9999999999999")
    assert progress.picked == [0, 0]


def test_over_pick_is_refused_and_counts_nothing() -> None:
    progress = _progress()
    progress.scan("CUP-1")
    with pytest.raises(OverPick, match="already picked"):
        progress.scan("CUP-1")
    assert progress.picked == [1, 0]


def test_list_is_complete_only_when_every_unit_is_scanned() -> None:
    progress = _progress()
    results = [progress.scan(code) for code in ("CUP-1", "MUG-1", "MUG-1", "MUG-1")]
    assert [r.complete for r in results] == [False, False, False, True]
    assert progress.complete and progress.units_left == 0
