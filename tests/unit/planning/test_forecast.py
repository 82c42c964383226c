"""Holt-Winters and the top-down share on synthetic series whose answer is known."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest

from omsdesk.planning.backtest import backtest
from omsdesk.planning.forecast import fit_holt_winters, naive_last, recent_share, seasonal_naive
from omsdesk.planning.geo import great_circle_km, locate
from omsdesk.queries.planning import cover

WEEKDAY = (30.0, 25.0, 20.0, 20.0, 22.0, 8.0, 5.0)


def _series(days: int, *, growth: float = 0.0, noise: float = 0.0, seed: int = 1) -> list[float]:
    rng = random.Random(seed)
    return [max(0.0, WEEKDAY[t % 7] + growth * t + rng.gauss(0, noise)) for t in range(days)]


def test_a_pure_weekly_pattern_is_forecast_exactly() -> None:
    y = _series(56)
    fc = fit_holt_winters(y).forecast(7)
    assert fc == pytest.approx([WEEKDAY[(56 + h) % 7] for h in range(7)], abs=0.5)


def test_trend_and_season_are_followed() -> None:
    y = _series(84, growth=0.2)
    fc = fit_holt_winters(y).forecast(7)
    expected = [WEEKDAY[(84 + h) % 7] + 0.2 * (84 + h) for h in range(7)]
    assert max(abs(f - e) for f, e in zip(fc, expected, strict=True)) < 2.0


def test_forecast_never_goes_negative() -> None:
    y = [10.0] * 28 + [0.0] * 14
    assert min(fit_holt_winters(y).forecast(30)) >= 0.0


def test_too_short_history_is_refused() -> None:
    with pytest.raises(ValueError):
        fit_holt_winters([1.0] * 13)


def test_backtest_on_noisy_weekly_demand_beats_naive() -> None:
    total = _series(84, growth=0.1, noise=3.0)
    products = {1: [v * 0.3 for v in total], 2: [v * 0.1 for v in total]}
    result = backtest(total, products)
    assert result.origins == 4
    assert result.mase["holt_winters"] < result.mase["naive"]
    assert result.mape["holt_winters"] < result.mape["naive"]
    assert result.beats_naive()


def test_baselines() -> None:
    y = [1.0, 2, 3, 4, 5, 6, 7, 8]
    assert naive_last(y, 3) == [8.0, 8.0, 8.0]
    assert seasonal_naive(y, 8) == [2.0, 3, 4, 5, 6, 7, 8, 2]


def test_recent_share_weighs_recent_days_more() -> None:
    whole = [10.0] * 60
    early = [5.0] * 30 + [0.0] * 30
    late = [0.0] * 30 + [5.0] * 30
    assert recent_share(late, whole) > 2 * recent_share(early, whole)
    # Shares of complementary halves add up to the half the product took overall.
    assert recent_share(late, whole) + recent_share(early, whole) == pytest.approx(0.5)
    assert recent_share([0.0] * 60, [0.0] * 60) == 0.0


def test_cover_and_stockout_date() -> None:
    days, out = cover(10, [3.0] * 10, date(2026, 3, 2))
    assert days == pytest.approx(10 / 3)
    assert out == date(2026, 3, 5)          # 3, 6, 9 sold; the 4th day runs out
    assert cover(100, [1.0] * 10, date(2026, 3, 2)) == (100.0, None)
    assert cover(5, [0.0] * 10, date(2026, 3, 2)) == (None, None)


def test_postcodes_locate_provinces_and_countries() -> None:
    assert locate("08001") == (41.39, 2.17)
    assert locate("", "ES", "Vizcaya") == locate("48001")
    assert locate("75001", "FR") == (46.6, 2.4)
    assert locate("99999", "ES") == locate("", "ES")
    assert locate("1234", "ZZ") is None
    madrid_barcelona = great_circle_km(locate("28001") or (0, 0), locate("08001") or (0, 0))
    assert 480 < madrid_barcelona < 520
    assert math.isclose(great_circle_km((40.0, -3.0), (40.0, -3.0)), 0.0)
