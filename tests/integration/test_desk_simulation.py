"""The desk simulation (issue 17), short, through its CLI: three desk processes on the test
PostgreSQL for a few seconds; the last is cut off the server for two seconds (its counter sells
into its journal and replays it), then the sync leader is killed. Every invariant must hold."""

from __future__ import annotations

import json

import pytest

from omsdesk.db import Database
from omsdesk.demo.desks import SimConfig, SimulationRefused, run_simulation

# Documented in docs/cli.md (simulate desks); new keys may appear, these may not disappear.
REPORT_KEYS = {"desks", "seconds", "fulfilled", "per_minute", "counts", "double_picks", "oversells",
               "over_shipped_lines", "series_gaps", "ledger_mismatches", "notifications_sent",
               "listeners_complete", "listeners_checked", "leader_killed", "takeover_desk", "takeover_gap_s",
               "chain_ok", "cut_desk", "cut_s", "offline_sales", "replayed", "replay_missing",
               "replay_duplicates", "till_series", "till_series_gapless", "till_stock_applied",
               "offline_shortfalls", "cut_listener_reconnected", "errors", "skipped", "cut_episode_held",
               "passed"}


@pytest.mark.postgres
@pytest.mark.parametrize("db", ["postgres"], indirect=True)
def test_three_desks_keep_every_invariant_a_cut_desk_replays_once_and_a_killed_leader_is_replaced(
        db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    from omsdesk.cli import main

    url = db.url
    db.dispose()  # the desks and the checks open their own engines
    code = main(["simulate", "desks", "--db", url, "--desks", "3", "--minutes", str(8 / 60),
                 "--claim-timeout", "2", "--leader-interval", "0.5", "--cut-seconds", "2", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= REPORT_KEYS
    assert report["errors"] == []
    assert report["counts"].get("orders_in", 0) > 0 and report["fulfilled"] > 0, report["counts"]
    assert (report["double_picks"], report["over_shipped_lines"], report["oversells"]) == (0, 0, 0)
    assert report["series_gaps"] == [] and report["ledger_mismatches"] == [] and report["chain_ok"]
    assert report["notifications_sent"] > 0
    # desk-2 was cut off and the leader killed: the third desk heard every notification.
    assert report["listeners_checked"] == 1 and report["listeners_complete"] == 1
    # The cut: sales were made into the journal, each arrived once, numbered without a hole.
    assert report["cut_desk"] == "desk-2" and report["cut_s"] == 2.0
    assert report["cut_listener_reconnected"]  # its listener knew it missed notifications
    assert report["offline_sales"] > 0 and report["counts"]["offline_sales"] == report["offline_sales"]
    assert report["replayed"] == report["offline_sales"] == report["counts"]["replayed"]
    assert (report["replay_missing"], report["replay_duplicates"]) == (0, 0)
    assert report["till_series"] == "TPV01" and report["till_series_gapless"] and report["till_stock_applied"]
    assert report["cut_episode_held"]
    # The kill, after the cut: another desk leads within the retry interval and a bit.
    assert report["leader_killed"] in ("desk-0", "desk-1") and report["takeover_desk"]
    assert report["takeover_desk"] != report["leader_killed"]
    assert report["takeover_gap_s"] is not None and report["takeover_gap_s"] < 0.5 + 3.0
    assert report["passed"] and code == 0


def test_it_refuses_a_database_that_is_not_postgresql(sqlite_db: Database) -> None:
    with pytest.raises(SimulationRefused, match="needs PostgreSQL"):
        run_simulation(SimConfig(url=sqlite_db.url, desks=1, seconds=1))
