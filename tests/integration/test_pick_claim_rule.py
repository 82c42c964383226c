"""The claim rule at every door (issue 17 point 2): `orders pick REF` and the pick service refuse
an order another bench holds with a live claim, naming bench and user; an expired claim does
not block, and the bench's own claim is its own. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from omsdesk.models.base import utcnow
from omsdesk.models.claims import PickClaim
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment.claims import ClaimedByAnotherBench, claim_wave, heartbeat
from omsdesk.services.fulfilment.picking import start_picking
from tests.fixtures.database import Shop

BENCH_1 = Actor("ana", "bench-1")
BENCH_2 = Actor("luis", "bench-2")


def _orders(shop: Shop, n: int) -> list[str]:
    shop.product("MUG-01")
    shop.stock("MUG-01", 10 * n)
    return [shop.order_at("allocated", {"MUG-01": 1}) for _ in range(n)]


def test_picking_an_order_in_another_bench_s_live_claim_is_refused_naming_bench_and_user(shop: Shop) -> None:
    [ref] = _orders(shop, 1)
    wave = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=1)
    with pytest.raises(ClaimedByAnotherBench, match=f"claimed by bench-1/ana \\(wave {wave.name}") as refused:
        order_svc.pick_order(shop.db, ref, actor=BENCH_2)
    assert (refused.value.workstation, refused.value.user, refused.value.claim_id) == ("bench-1", "ana", wave.id)
    assert shop.status(ref) == "allocated"
    # Another workstation's pick list passes it over the same way.
    with pytest.raises(Exception, match="none of the chosen orders"):
        start_picking(shop.db, [ref], actor=BENCH_2, warehouse="MAD")
    # The holding bench itself may pick it from the order, and pack it: its claim is then done.
    assert order_svc.pick_order(shop.db, ref, actor=BENCH_1).status == "picking"
    assert order_svc.pack_order(shop.db, ref, actor=BENCH_1).status == "packed"
    with shop.db.read() as s:
        assert s.get(PickClaim, wave.id).state == "done"  # type: ignore[union-attr]


def test_packing_what_another_bench_is_picking_on_its_claim_is_refused(shop: Shop) -> None:
    [ref] = _orders(shop, 1)
    wave = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=1)
    start_picking(shop.db, [ref], actor=BENCH_1, warehouse="MAD", resume=False, claim_id=wave.id)
    with pytest.raises(ClaimedByAnotherBench, match="bench-1/ana"):
        order_svc.pack_order(shop.db, ref, actor=BENCH_2)
    assert shop.status(ref) == "picking"


def test_an_expired_claim_does_not_block_and_its_silent_bench_loses_it(shop: Shop) -> None:
    refs = _orders(shop, 2)
    t0 = utcnow() - timedelta(minutes=3)
    lost = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=2, now=t0)
    # Silent for 3 minutes, past the 2-minute default: bench 2 picks the first order from the CLI door.
    assert order_svc.pick_order(shop.db, refs[0], actor=BENCH_2).status == "picking"
    with shop.db.read() as s:
        assert s.get(PickClaim, lost.id).state == "expired"  # type: ignore[union-attr]
    assert heartbeat(shop.db, "bench-1") == set()
    assert "expired" in shop.audit(refs[1])[-1].reason
    # A longer timeout on this desk would have kept it live.
    kept = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=1, now=t0)
    with pytest.raises(ClaimedByAnotherBench):
        order_svc.pick_order(shop.db, kept.references[0], actor=BENCH_2, claim_timeout=timedelta(minutes=5))


def test_cli_orders_pick_refuses_another_bench_s_claim_and_picks_once_it_is_released(
        shop: Shop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from omsdesk.cli import main
    from omsdesk.services.fulfilment.claims import release_claim

    [ref] = _orders(shop, 1)
    wave = claim_wave(shop.db, actor=BENCH_1, warehouse="MAD", size=1)
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("OMSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OMSDESK_USER", "luis")
    monkeypatch.setenv("OMSDESK_WORKSTATION", "bench-2")
    capsys.readouterr()
    assert main(["--db", shop.db.url, "orders", "pick", ref]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"omsdesk: order {ref} is claimed by bench-1/ana (wave {wave.name}")
    assert f"omsdesk waves release {wave.id}" in err
    assert shop.status(ref) == "allocated"
    # Its own bench picks it from the CLI; once released, any bench may.
    monkeypatch.setenv("OMSDESK_WORKSTATION", "bench-1")
    assert main(["--db", shop.db.url, "orders", "pick", ref, "--json"]) == 0
    assert shop.status(ref) == "picking"
    release_claim(shop.db, wave.id, actor=BENCH_1)
    monkeypatch.setenv("OMSDESK_WORKSTATION", "bench-2")
    assert main(["--db", shop.db.url, "orders", "pick", ref]) == 0
    assert shop.status(ref) == "picking"
