"""Ship-by from placed time, handling days and cut-off: weekends, Spanish holidays, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from omsdesk.planning.ship_by import (
    MADRID,
    ShipByPolicy,
    easter_sunday,
    is_working_day,
    national_holidays,
    parse_cutoff,
    ship_by,
)


def madrid(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=MADRID)


def local(instant: datetime) -> datetime:
    return instant.astimezone(MADRID)


@pytest.mark.parametrize(("year", "easter"), [
    (2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
    (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22)),
])
def test_easter_sunday_matches_the_calendar(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_good_friday_is_a_national_holiday_every_year() -> None:
    assert date(2026, 4, 3) in national_holidays(2026)
    assert date(2027, 3, 26) in national_holidays(2027)
    assert not is_working_day(date(2026, 4, 3))
    # Easter Monday is regional (Catalonia, Valencia ...), not national.
    assert is_working_day(date(2026, 4, 6))


def test_the_fixed_national_holidays_are_not_working_days() -> None:
    for month, day in ((1, 1), (1, 6), (5, 1), (8, 15), (10, 12), (11, 1), (12, 6), (12, 8), (12, 25)):
        assert date(2031, month, day) in national_holidays(2031)
    assert len(national_holidays(2031)) == 10


def test_before_cutoff_one_handling_day_ships_by_next_day_cutoff() -> None:
    # Tuesday 10:00 in Madrid (09:00 UTC in winter).
    due = ship_by(madrid(2026, 12, 1, 10), ShipByPolicy(1, time(14, 0)))
    assert local(due) == madrid(2026, 12, 2, 14)
    assert due.tzinfo == UTC and due.hour == 13


def test_at_or_after_cutoff_counts_from_the_next_working_day() -> None:
    policy = ShipByPolicy(1, time(14, 0))
    assert local(ship_by(madrid(2026, 12, 1, 14, 0), policy)) == madrid(2026, 12, 3, 14)
    assert local(ship_by(madrid(2026, 12, 1, 13, 59), policy)) == madrid(2026, 12, 2, 14)


def test_zero_handling_days_ships_the_same_day_before_cutoff() -> None:
    policy = ShipByPolicy(0, time(16, 30))
    assert local(ship_by(madrid(2026, 11, 30, 9), policy)) == madrid(2026, 11, 30, 16, 30)


def test_a_weekend_order_counts_from_monday() -> None:
    # Saturday morning: Monday is day 0, so one handling day is Tuesday.
    assert local(ship_by(madrid(2026, 11, 28, 9))) == madrid(2026, 12, 1, 14)
    # Friday after the cut-off: Monday is day 0 too.
    assert local(ship_by(madrid(2026, 11, 27, 18))) == madrid(2026, 12, 1, 14)


def test_holidays_are_skipped_on_the_way() -> None:
    # Friday 4 Dec 2026 after the cut-off; Mon 7 is a working day, Tue 8 (Inmaculada) is not.
    due = ship_by(madrid(2026, 12, 4, 15), ShipByPolicy(1, time(14, 0)))
    assert local(due) == madrid(2026, 12, 9, 14)


def test_easter_week_skips_good_friday() -> None:
    # Thursday 2 Apr 2026 after the cut-off: Friday is Good Friday, so day 0 is Monday 6 Apr.
    due = ship_by(madrid(2026, 4, 2, 20), ShipByPolicy(2, time(14, 0)))
    assert local(due) == madrid(2026, 4, 8, 14)


def test_christmas_and_new_year() -> None:
    due = ship_by(madrid(2026, 12, 24, 15), ShipByPolicy(1, time(14, 0)))
    # 25 Dec holiday, 26-27 weekend: day 0 is Mon 28, one working day later Tue 29.
    assert local(due) == madrid(2026, 12, 29, 14)
    due = ship_by(madrid(2026, 12, 31, 15), ShipByPolicy(1, time(14, 0)))
    # 1 Jan holiday, 2-3 weekend, day 0 Mon 4 Jan; 5 Jan works; 6 Jan (Reyes) does not.
    assert local(due) == madrid(2027, 1, 5, 14)


def test_cutoff_is_read_on_the_madrid_clock_not_utc() -> None:
    # 13:30 UTC on 1 Dec is 14:30 in Madrid: past a 14:00 cut-off there.
    due = ship_by(datetime(2026, 12, 1, 13, 30, tzinfo=UTC), ShipByPolicy(0, time(14, 0)))
    assert local(due) == madrid(2026, 12, 2, 14)


def test_ship_by_keeps_the_wall_clock_cutoff_across_dst() -> None:
    # Summer time starts on Sunday 29 Mar 2026: Friday's 14:00 is 13:00 UTC, Monday's 12:00 UTC.
    friday = ship_by(madrid(2026, 3, 26, 10), ShipByPolicy(1, time(14, 0)))
    monday = ship_by(madrid(2026, 3, 27, 10), ShipByPolicy(1, time(14, 0)))
    assert friday == datetime(2026, 3, 27, 13, 0, tzinfo=UTC)
    assert monday == datetime(2026, 3, 30, 12, 0, tzinfo=UTC)
    # And back to winter time on Sunday 25 Oct 2026.
    assert ship_by(madrid(2026, 10, 23, 10)) == datetime(2026, 10, 26, 13, 0, tzinfo=UTC)


def test_a_naive_placed_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ship_by(datetime(2026, 12, 1, 10))


def test_handling_days_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="0 to 30"):
        ShipByPolicy(-1)
    with pytest.raises(ValueError, match="0 to 30"):
        ShipByPolicy(31)


@pytest.mark.parametrize("text", ["14", "24:00", "12:60", "1:5", "ab:cd", "", "-1:00"])
def test_malformed_cutoffs_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        parse_cutoff(text)


def test_cutoff_parses() -> None:
    assert parse_cutoff(" 9:05 ") == time(9, 5)
    assert parse_cutoff("23:59") == time(23, 59)
