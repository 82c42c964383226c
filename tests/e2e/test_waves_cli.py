"""CLI contract of issue 17 point 2: `waves claim|list|release|heartbeat`, and `orders show` naming the bench."""

from __future__ import annotations

from tests.e2e.test_cli import WORKSTATION, Cli, cli, services, shop_template  # noqa: F401 (fixtures)


def test_a_bench_claims_lists_and_releases_a_wave(cli: Cli) -> None:  # noqa: F811
    with services(cli) as shop:
        refs = [shop.order_at("allocated", {"MUG-01": 1}) for _ in range(3)]
    claim = cli.json("waves", "claim", "--warehouse", "MAD", "--size", "2")
    assert [o["reference"] for o in claim["orders"]] == refs[:2]
    assert claim["workstation"] == WORKSTATION and claim["expired"] == []
    shown = cli.json("orders", "show", refs[0])
    assert shown["claimed_by"].startswith(f"{WORKSTATION}/") and shown["claim_wave"] == claim["name"]
    assert cli.json("orders", "show", refs[2])["claimed_by"] == ""
    listed = cli.json("waves", "list")
    assert [(c["id"], c["state"], c["orders"]) for c in listed] == [(claim["id"], "active", refs[:2])]
    assert cli.json("waves", "heartbeat")["active"] == [claim["id"]]
    assert cli.json("waves", "release", str(claim["id"])) == {"id": claim["id"], "state": "released", "returned": 2}
    assert cli.json("waves", "list") == []
    assert [c["state"] for c in cli.json("waves", "list", "--all")] == ["released"]
    assert "has already ended: released" in cli.refused_here("waves", "release", str(claim["id"]))
    assert cli.refused_here("waves", "claim", "--warehouse", "BCN") == "omsdesk: no order waits to be picked in BCN"
    code, _out, err = cli.run_here("waves", "claim", "--size", "0")
    assert code == 2 and "must be greater than zero" in err
