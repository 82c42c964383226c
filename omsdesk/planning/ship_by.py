"""Ship-by promise: working days in Spain, a channel's handling time and its daily cut-off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

# The warehouse works, and the carriers collect, on Spanish local time.
MADRID = ZoneInfo("Europe/Madrid")

DEFAULT_HANDLING_DAYS = 1
DEFAULT_CUTOFF = time(14, 0)
# A longer promise is a typing mistake, not a handling time (marketplaces cap theirs at 30).
MAX_HANDLING_DAYS = 30

# National holidays of Spain that fall on a fixed date: Real Decreto 2001/1983, art. 45.1,
# as the Dirección General de Trabajo lists them every year in the BOE ("Resolución ... por la
# que se publica la relación de fiestas laborales para el año ..."). Regional and local
# holidays, and a region moving a holiday that falls on a Sunday to the Monday, differ from
# place to place and are not national, so they are left out.
FIXED_HOLIDAYS = ((1, 1), (1, 6), (5, 1), (8, 15), (10, 12), (11, 1), (12, 6), (12, 8), (12, 25))


@dataclass(frozen=True)
class ShipByPolicy:
    """A channel's promise: handling time in working days, counted from the daily cut-off.

    An order placed before the cut-off on a working day counts from that day; one placed at
    or after it, or on a weekend or holiday, from the next working day. The order must ship
    by the cut-off of the day `handling_days` working days later (0: the same day): the
    cut-off is when the day's parcels leave with the carrier, so a parcel still here after it
    has missed the day.
    """

    handling_days: int = DEFAULT_HANDLING_DAYS
    cutoff: time = DEFAULT_CUTOFF

    def __post_init__(self) -> None:
        if not 0 <= self.handling_days <= MAX_HANDLING_DAYS:
            raise ValueError(f"handling time must be 0 to {MAX_HANDLING_DAYS} working days, "
                             f"got {self.handling_days}")


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian computus, valid for any year)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def national_holidays(year: int) -> frozenset[date]:
    """Spain's national holidays of a year: the fixed ones and Good Friday (Viernes Santo)."""
    fixed = {date(year, month, day) for month, day in FIXED_HOLIDAYS}
    return frozenset(fixed | {easter_sunday(year) - timedelta(days=2)})


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a national holiday."""
    return day.weekday() < 5 and day not in national_holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def ship_by(placed_at: datetime, policy: ShipByPolicy = ShipByPolicy()) -> datetime:
    """The UTC instant by which an order placed at `placed_at` (aware, any zone) must ship."""
    if placed_at.tzinfo is None:
        raise ValueError("placed_at must be timezone-aware (UTC in the database)")
    local = placed_at.astimezone(MADRID)
    day = local.date()
    if not is_working_day(day) or local.time() >= policy.cutoff:
        day = next_working_day(day)
    for _ in range(policy.handling_days):
        day = next_working_day(day)
    # Built in Madrid time, so the cut-off stays 14:00 on the wall clock across DST changes.
    due = datetime.combine(day, policy.cutoff, tzinfo=MADRID)
    return due.astimezone(UTC)


def parse_cutoff(text: str) -> time:
    """'HH:MM' (24-hour clock) as a time; ValueError with a clerk's message otherwise."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit()) or len(minutes) != 2 \
            or not 0 <= int(hours) <= 23 or not 0 <= int(minutes) <= 59:
        raise ValueError(f"cut-off must be HH:MM on a 24-hour clock, e.g. 14:00, got '{text}'")
    return time(int(hours), int(minutes))
