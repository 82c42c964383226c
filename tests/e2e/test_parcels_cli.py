"""CLI contract of issue 11 point 10: parcels named by id (`--shipment N`), picked, packed and shipped apart."""

from __future__ import annotations

from tests.e2e.test_cli import Cli, cli, services, shop_template  # noqa: F401 (fixtures)


def _split(cli: Cli) -> tuple[str, dict[str, int]]:  # noqa: F811
    """MUG-01 is only in MAD and TEE-02 only in BCN: one order of both is two parcels."""
    with services(cli) as shop:
        ref = shop.order_at("allocated", {"MUG-01": 2, "TEE-02": 1})
    shown = cli.json("orders", "show", ref)
    return ref, {p["warehouse"]: p["id"] for p in shown["open_parcels"]}


def test_each_parcel_goes_through_pick_pack_and_ship_by_its_id(cli: Cli) -> None:  # noqa: F811
    ref, ids = _split(cli)
    shown = cli.json("orders", "show", ref)
    assert sorted((p["warehouse"], p["status"], p["lines"]) for p in shown["open_parcels"]) == [
        ("BCN", "open", {"TEE-02": 1}), ("MAD", "open", {"MUG-01": 2})]
    assert cli.json("orders", "pick", ref, "--shipment", str(ids["MAD"]))["status"] == "picking"
    assert cli.json("orders", "pack", ref, "--warehouse", "MAD")["status"] == "picking"
    shipped = cli.json("orders", "ship", ref, "--shipment", str(ids["MAD"]), "--carrier", "SEUR",
                       "--tracking", "SEUR-1")
    assert shipped["status"] == "partial"
    shown = cli.json("orders", "show", ref)
    assert [(s["id"], s["warehouse"], s["tracking"], s["lines"], s["status"]) for s in shown["shipments"]] == [
        (ids["MAD"], "MAD", "SEUR-1", {"MUG-01": 2}, "shipped")]
    assert [(p["id"], p["status"]) for p in shown["open_parcels"]] == [(ids["BCN"], "open")]
    assert [ln["qty_reserved"] for ln in shown["lines"]] == [0, 1]

    for step in ("pick", "pack"):
        assert cli.json("orders", step, ref, "--shipment", str(ids["BCN"]))["status"] == "partial"
    assert cli.json("orders", "ship", ref, "--shipment", str(ids["BCN"]), "--tracking", "GLS-2")["status"] == "shipped"
    shown = cli.json("orders", "show", ref)
    assert [(s["warehouse"], s["tracking"]) for s in shown["shipments"]] == [("MAD", "SEUR-1"), ("BCN", "GLS-2")]
    assert shown["open_parcels"] == []


def test_a_wrong_parcel_exits_1_in_one_line_and_writes_nothing(cli: Cli) -> None:  # noqa: F811
    ref, ids = _split(cli)
    before = cli.dump()
    assert "parcel 999999 is not a parcel of order" in cli.refused_here("orders", "pick", ref, "--shipment", "999999")
    assert "must be picked first" in cli.refused_here("orders", "pack", ref)
    assert "XXX" in cli.refused_here("orders", "pick", ref, "--warehouse", "XXX")
    cli.ok("orders", "pick", ref, "--warehouse", "BCN")
    after_pick = cli.dump()
    assert before != after_pick
    assert f"parcel {ids['MAD']} of {ref} (MAD) must be picked first" in cli.refused_here(
        "orders", "pack", ref, "--shipment", str(ids["MAD"]))
    assert f"parcel {ids['BCN']} of {ref} (BCN) is not packed yet: it is picking" in cli.refused_here(
        "orders", "ship", ref, "--shipment", str(ids["BCN"]), "--tracking", "X-1")
    code, out, err = cli.run_here("orders", "ship", ref, "--shipment", str(ids["BCN"]), "--warehouse", "BCN")
    assert (code, out) == (2, "") and "--warehouse: not allowed with argument --shipment" in err
    assert cli.dump() == after_pick


def test_exceptions_list_and_counts_through_the_cli(cli: Cli) -> None:  # noqa: F811
    from omsdesk.services.fulfilment.allocation import allocate_order
    from tests.fixtures.database import ACTOR

    with services(cli) as shop:
        waiting = shop.order_at("paid", {"TEE-02": 9})
        allocate_order(shop.db, waiting, actor=ACTOR)
    items = cli.json("exceptions", "list")
    assert [(i["kind"], i["key"], i["action"]) for i in items] == [("backorder", waiting, "allocate")]
    assert set(items[0]) == {"kind", "key", "reason", "since", "action", "channel", "state", "units", "amount",
                             "currency", "detail", "parcel"}
    assert items[0]["units"] == 9
    assert cli.json("exceptions", "counts")["backorder"] == 1
    assert cli.json("exceptions", "list", "--kind", "late") == []
    code, _out, err = cli.run_here("exceptions", "list", "--kind", "nonsense")
    assert code == 2 and "invalid choice" in err
