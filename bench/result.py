"""One benchmark figure beside its same-run baseline."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class BenchResult:
    name: str
    value: float
    unit: str
    baseline_name: str
    baseline: float
    goal: str
    passed: bool

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ratio"] = round(self.ratio, 3)
        return d


def from_dict(d: dict[str, Any]) -> BenchResult:
    """Scenarios of other modules return plain dicts with the same keys."""
    return BenchResult(name=str(d["name"]), value=float(d["value"]), unit=str(d.get("unit", "")),
                       baseline_name=str(d.get("baseline_name", "baseline")),
                       baseline=float(d.get("baseline_value", d.get("baseline", 0.0))),
                       goal=str(d.get("goal", "")), passed=bool(d.get("passed", False)))
