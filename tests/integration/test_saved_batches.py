"""Saved batch runs: what each took and how it ended, the queue filter on them and `batches` / `orders list`."""

from __future__ import annotations

import io
import json

import pytest

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.models import NotFound, ValidationError
from omsdesk.queries.order_page import OrderFilter
from omsdesk.queries.orders import filtered_status_counts, list_orders
from omsdesk.queries.saved_batches import batch_orders, recent_batches
from omsdesk.services import saved_batches
from omsdesk.services.saved_batches import save_batch
from tests.fixtures.database import ACTOR, Shop


def test_a_batch_keeps_each_order_with_its_outcome_and_filters_the_queue(shop: Shop) -> None:
    sku = shop.product()
    refs = [shop.order({sku: 1}) for _ in range(5)]
    first = save_batch(shop.db, "allocate", done=refs[:2], failed=[(refs[2], "not paid yet")],
                       cancelled=refs[3:4], actor=ACTOR)
    second = save_batch(shop.db, "print_packing_slip", done=refs[4:], actor=ACTOR)
    assert first is not None and second is not None and second > first
    with shop.db.read() as s:
        recent = recent_batches(s)
        assert [(b.kind, b.done, b.failed, b.cancelled) for b in recent] == [
            ("print_packing_slip", 1, 0, 0), ("allocate", 2, 1, 1)]
        assert [(r.reference, r.outcome, r.message) for r in batch_orders(s, first)] == [
            (refs[3], "cancelled", ""), (refs[2], "failed", "not paid yet"), (refs[0], "done", ""),
            (refs[1], "done", "")]
        shown = {r.reference for r in list_orders(s, OrderFilter(batch_id=first))}
        assert shown == set(refs[:4])
        assert {r.reference for r in list_orders(s, OrderFilter(batch_id=first, batch_outcome="failed"))} == \
            {refs[2]}
        # With a search and a status too: the batch filter composes with the others.
        assert [r.reference for r in list_orders(s, OrderFilter(batch_id=first, search=refs[1]))] == [refs[1]]
        assert list_orders(s, OrderFilter(batch_id=first, status="paid")) == []
        assert filtered_status_counts(s, OrderFilter(batch_id=first)).by_status == {"new": 4}
    assert save_batch(shop.db, "allocate", done=[], actor=ACTOR) is None
    with pytest.raises(ValidationError, match="unknown batch kind"):
        save_batch(shop.db, "explode", done=refs, actor=ACTOR)


def test_only_the_newest_runs_are_kept(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saved_batches, "KEEP", 3)
    sku = shop.product()
    ref = shop.order({sku: 1})
    ids = [save_batch(shop.db, "hold", done=[ref], actor=ACTOR) for _ in range(5)]
    with shop.db.read() as s:
        assert [b.id for b in recent_batches(s)] == ids[:1:-1]
        with pytest.raises(NotFound, match="no saved batch"):
            batch_orders(s, ids[0])  # type: ignore[arg-type]


def test_batches_cli_and_orders_list_by_batch(db: Database, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    shop = Shop(db)
    sku = shop.product()
    refs = [shop.order({sku: 1}) for _ in range(3)]
    bid = save_batch(db, "allocate", done=refs[:2], failed=[(refs[2], "not paid")], actor=ACTOR)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db.url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = run("batches", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [(b["id"], b["kind"], b["done"], b["failed"]) for b in listed] == [(bid, "allocate", 2, 1)]
    code, out, _ = run("batches", "show", str(bid), "--outcome", "failed", "--json")
    assert code == 0 and json.loads(out)["orders"] == [{"reference": refs[2], "outcome": "failed",
                                                         "message": "not paid"}]
    code, out, _ = run("orders", "list", "--batch", str(bid), "--batch-outcome", "done", "--json")
    assert code == 0 and sorted(r["reference"] for r in json.loads(out)) == sorted(refs[:2])
    code, _, err = run("batches", "show", "999")
    assert code != 0 and "no saved batch 999" in err
    code, _, err = run("orders", "list", "--batch-outcome", "done")
    assert code != 0 and "needs --batch" in err
