"""Demand forecasting: additive Holt-Winters with damped trend and weekly seasonality, top-down shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product as grid

WEEK = 7
ALPHAS = (0.05, 0.1, 0.2, 0.3, 0.5)
BETAS = (0.0, 0.02, 0.05, 0.1)
GAMMAS = (0.05, 0.1, 0.2, 0.3)
PHIS = (0.9, 0.98)


@dataclass(frozen=True)
class HoltWinters:
    """A fitted model: smoothing weights and the state after the last observation."""

    alpha: float
    beta: float
    gamma: float
    phi: float
    level: float
    trend: float
    season: tuple[float, ...]  # season[i] applies i steps after the last observation (mod m)
    sse: float

    def forecast(self, horizon: int) -> list[float]:
        """Point forecasts for the next `horizon` periods, never below zero (it is demand)."""
        out = []
        damp = 0.0
        for h in range(1, horizon + 1):
            damp += self.phi ** h
            out.append(max(0.0, self.level + damp * self.trend + self.season[(h - 1) % len(self.season)]))
        return out


def _initial(y: Sequence[float], m: int) -> tuple[float, float, list[float]]:
    """Classical decomposition of the full seasons: level, per-period trend, seasonal offsets."""
    seasons = len(y) // m
    means = [sum(y[k * m:(k + 1) * m]) / m for k in range(seasons)]
    level = means[0]
    trend = (means[-1] - means[0]) / (m * (seasons - 1)) if seasons > 1 else 0.0
    offsets = [sum(y[k * m + i] - means[k] for k in range(seasons)) / seasons for i in range(m)]
    # Offsets of an additive season sum to zero, or they would leak into the level.
    drift = sum(offsets) / m
    return level, trend, [o - drift for o in offsets]


def _run(y: Sequence[float], m: int, alpha: float, beta: float, gamma: float, phi: float,
         level: float, trend: float, season: list[float]) -> HoltWinters:
    s = list(season)
    sse = 0.0
    for t, obs in enumerate(y):
        i = t % m
        predicted = level + phi * trend + s[i]
        err = obs - predicted
        sse += err * err
        prev_level, prev_trend = level, trend
        level = alpha * (obs - s[i]) + (1 - alpha) * (prev_level + phi * prev_trend)
        trend = beta * (level - prev_level) + (1 - beta) * phi * prev_trend
        s[i] = gamma * (obs - prev_level - phi * prev_trend) + (1 - gamma) * s[i]
    start = len(y) % m
    return HoltWinters(alpha, beta, gamma, phi, level, trend,
                       tuple(s[(start + k) % m] for k in range(m)), sse)


def fit_holt_winters(y: Sequence[float], m: int = WEEK) -> HoltWinters:
    """Fit by grid search on one-step-ahead squared error; needs at least two full seasons."""
    if len(y) < 2 * m:
        raise ValueError(f"Holt-Winters needs at least {2 * m} observations, got {len(y)}")
    level, trend, season = _initial(y, m)
    best: HoltWinters | None = None
    for alpha, beta, gamma, phi in grid(ALPHAS, BETAS, GAMMAS, PHIS):
        model = _run(y, m, alpha, beta, gamma, phi, level, trend, season)
        if best is None or model.sse < best.sse:
            best = model
    assert best is not None
    return best


def recent_share(part: Sequence[float], whole: Sequence[float], half_life: float = 21.0) -> float:
    """Exponentially weighted share of `whole` that `part` took, recent days weighing most.

    Single products sell a few units a day or none; their own series is mostly noise, so a
    product's forecast is its recent share of the total forecast (top-down).
    """
    decay = 0.5 ** (1.0 / half_life)
    weight, num, den = 1.0, 0.0, 0.0
    for p, w in zip(reversed(part), reversed(whole), strict=True):
        num += weight * p
        den += weight * w
        weight *= decay
    return num / den if den > 0 else 0.0


def naive_last(y: Sequence[float], horizon: int) -> list[float]:
    """The naive baseline: every future period equals the last observed one."""
    return [float(y[-1])] * horizon


def seasonal_naive(y: Sequence[float], horizon: int, m: int = WEEK) -> list[float]:
    """Same weekday last week; reported beside the naive baseline for honesty."""
    return [float(y[len(y) - m + (h % m)]) for h in range(horizon)]
