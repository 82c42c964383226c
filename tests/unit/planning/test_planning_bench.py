"""The planning benchmark runs at a small size and reports in the shape `omsdesk bench` reads."""

from __future__ import annotations

from bench.planning import bench_available_to_sell


def test_bench_reports_the_changed_only_push_list_beside_the_baseline() -> None:
    [row] = bench_available_to_sell(skus=2000, runs=1, changed_share=0.05)
    assert {"name", "value", "unit", "baseline", "ratio", "goal", "passed"} <= set(row)
    assert row["unit"] == "ms" and row["value"] > 0 and row["baseline"] > 0
    # 5% of 6,000 levels changed by one unit; each touched SKU whose figure moved is listed once.
    changed = int(row["name"].split("(")[1].split()[0])
    assert 0 < changed <= 300
