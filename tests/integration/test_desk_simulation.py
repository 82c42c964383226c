"""The desk simulation (issue 17), short: two desk processes on the test PostgreSQL for a few
seconds, the sync leader killed half-way. Every invariant it checks must hold."""

from __future__ import annotations

import pytest

from omsdesk.db import Database
from omsdesk.demo.desks import SimConfig, SimulationRefused, run_simulation


@pytest.mark.postgres
@pytest.mark.parametrize("db", ["postgres"], indirect=True)
def test_two_desks_keep_every_invariant_and_a_killed_leader_is_replaced(db: Database) -> None:
    url = db.url
    db.dispose()  # the desks and the checks open their own engines
    report = run_simulation(SimConfig(url=url, desks=2, seconds=6, claim_timeout=2.0,
                                      leader_interval=0.5, wave_size=3))
    assert report.errors == []
    assert report.counts.get("orders_in", 0) > 0 and report.fulfilled > 0, report.counts
    assert (report.double_picks, report.over_shipped_lines, report.oversells) == (0, 0, 0)
    assert report.series_gaps == [] and report.ledger_mismatches == []
    assert report.notifications_sent > 0
    assert report.listeners_checked == 1 and report.listeners_complete == 1  # the survivor heard all
    assert report.leader_killed and report.takeover_desk and report.takeover_desk != report.leader_killed
    assert report.takeover_gap_s is not None and report.takeover_gap_s < 0.5 + 3.0
    assert report.passed


def test_it_refuses_a_database_that_is_not_postgresql(sqlite_db: Database) -> None:
    with pytest.raises(SimulationRefused, match="needs PostgreSQL"):
        run_simulation(SimConfig(url=sqlite_db.url, desks=1, seconds=1))
