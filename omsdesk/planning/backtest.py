"""Rolling-origin backtest of the demand forecast against the naive last-period forecast."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from omsdesk.planning.forecast import (
    WEEK,
    fit_holt_winters,
    naive_last,
    recent_share,
    seasonal_naive,
)

Forecaster = Callable[[Sequence[float], int], list[float]]


@dataclass(frozen=True)
class BacktestResult:
    """Errors of each method over the same origins and horizon (lower is better)."""

    origins: int
    horizon: int
    mape: dict[str, float]      # total demand per day, days with demand only
    mase: dict[str, float]      # total demand per day
    product_mase: dict[str, float]  # mean over the products tested
    products: int

    def beats_naive(self) -> bool:
        return (self.mase["holt_winters"] < self.mase["naive"]
                and self.product_mase["holt_winters"] < self.product_mase["naive"])


def holt_winters_forecast(y: Sequence[float], horizon: int) -> list[float]:
    return fit_holt_winters(y).forecast(horizon)


def _mae(actual: Sequence[float], predicted: Sequence[float]) -> float:
    return sum(abs(a - p) for a, p in zip(actual, predicted, strict=True)) / len(actual)


def _scale(train: Sequence[float]) -> float:
    """In-sample MAE of the one-step naive forecast: the MASE denominator."""
    diffs = [abs(train[t] - train[t - 1]) for t in range(1, len(train))]
    return sum(diffs) / len(diffs) if diffs else 0.0


def origins_for(n: int, horizon: int, min_train: int, step: int) -> list[int]:
    return list(range(min_train, n - horizon + 1, step))


def backtest(total: Sequence[float], by_product: Mapping[int, Sequence[float]], *,
             horizon: int = WEEK, min_train: int = 8 * WEEK, step: int = WEEK,
             top_products: int = 30) -> BacktestResult:
    """Fit on the past at each origin, forecast `horizon` days, score against what happened.

    The product forecast is the total forecast times the product's recent share; the naive
    product forecast is the product's own last day, as a planner without a model would use.
    """
    origins = origins_for(len(total), horizon, min_train, step)
    if not origins:
        raise ValueError(f"{len(total)} days of history is too short to backtest")
    methods: dict[str, Forecaster] = {"holt_winters": holt_winters_forecast, "naive": naive_last,
                                      "seasonal_naive": seasonal_naive}
    ape: dict[str, list[float]] = {k: [] for k in methods}
    scaled: dict[str, list[float]] = {k: [] for k in methods}
    ranked = sorted(by_product, key=lambda p: -sum(by_product[p]))[:top_products]
    prod_scaled: dict[str, list[float]] = {k: [] for k in methods}
    for origin in origins:
        train, actual = total[:origin], total[origin:origin + horizon]
        scale = _scale(train)
        forecasts = {name: f(train, horizon) for name, f in methods.items()}
        for name, fc in forecasts.items():
            ape.setdefault(name, []).extend(abs(a - p) / a for a, p in zip(actual, fc, strict=True) if a > 0)
            if scale > 0:
                scaled[name].append(_mae(actual, fc) / scale)
        for pid in ranked:
            series = by_product[pid]
            p_train, p_actual = series[:origin], series[origin:origin + horizon]
            p_scale = _scale(p_train)
            if p_scale == 0:
                continue
            share = recent_share(p_train, train)
            p_fc = {"holt_winters": [share * v for v in forecasts["holt_winters"]],
                    "naive": naive_last(p_train, horizon),
                    "seasonal_naive": seasonal_naive(p_train, horizon)}
            for name, fc in p_fc.items():
                prod_scaled[name].append(_mae(p_actual, fc) / p_scale)

    def mean(xs: list[float]) -> float:
        return sum(xs) / len(xs) if xs else float("nan")

    return BacktestResult(
        origins=len(origins), horizon=horizon,
        mape={k: mean(v) for k, v in ape.items()},
        mase={k: mean(v) for k, v in scaled.items()},
        product_mase={k: mean(v) for k, v in prod_scaled.items()},
        products=len(ranked),
    )
