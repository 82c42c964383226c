"""The sync benchmark runs and reports its figure beside both baselines."""

from __future__ import annotations

from bench.sync import bench_sync_import


def test_the_sync_benchmark_reports_orders_per_second_beside_its_baselines() -> None:
    results = bench_sync_import(n=300, page=100)
    assert len(results) == 3
    for row in results:
        assert set(row) >= {"name", "value", "unit", "baseline", "ratio", "goal", "passed"}
        assert row["unit"] == "orders/s" and row["value"] > 0 and row["baseline"] > 0
    assert results[0]["passed"] == (results[0]["ratio"] >= 0.5)
    assert results[0]["goal"].startswith(">= 0.5")
    assert "raw sqlite3" in results[1]["baseline_name"]
