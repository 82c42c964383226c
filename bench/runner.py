"""Runs the named scenarios and prints each figure beside its same-run baseline (table or JSON)."""

from __future__ import annotations

import importlib
import json
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from bench.result import BenchResult, from_dict

# name -> (module, function, full-size kwargs, quick kwargs)
SCENARIOS: dict[str, tuple[str, str, dict[str, Any], dict[str, Any]]] = {
    "intake": ("bench.core", "bench_order_intake", {"n": 2000}, {"n": 300}),
    "intake-batch": ("bench.core", "bench_batch_intake", {"n": 10000}, {"n": 2000}),
    "csv-import": ("bench.csv_import", "bench_csv_import", {"rows": 5000}, {"rows": 1000}),
    "queue-page": ("bench.core", "bench_queue_page", {"orders": 1_000_000}, {"orders": 100_000, "rounds": 30}),
    "queue-search": ("bench.search", "bench_queue_search", {"orders": 1_000_000}, {"orders": 100_000, "rounds": 1}),
    "queue-search-pg": ("bench.search", "bench_queue_search_pg", {"orders": 1_000_000},
                        {"orders": 100_000, "rounds": 1}),
    "queue-page-pg": ("bench.pg_scale", "bench_queue_page_pg", {"orders": 1_000_000},
                      {"orders": 100_000, "rounds": 10}),
    "packing-slips": ("bench.documents", "bench_packing_slips", {"n": 500}, {"n": 100, "runs": 1}),
    "planning-ats": ("bench.planning", "bench_available_to_sell", {"skus": 50_000}, {"skus": 5_000, "runs": 3}),
    "sync-import": ("bench.sync", "bench_sync_import", {"n": 10000}, {"n": 2000}),
    "bulk-import": ("bench.bulk", "bench_bulk_import", {"n": 100_000}, {"n": 10_000}),
    "erp-push": ("bench.erp", "bench_erp_push", {"n": 1000}, {"n": 200, "baseline_samples": 10}),
    "gui-startup": ("bench.gui", "bench_startup", {"orders": 1_000_000, "runs": 5}, {"orders": 100_000, "runs": 2}),
    "gui-queue": ("bench.gui", "bench_queue", {"orders": 1_000_000, "rounds": 3}, {"orders": 100_000, "rounds": 1}),
    "invoice-pdf": ("bench.documents", "bench_invoice", {"n": 50}, {"n": 10, "baseline_runs": 5}),
    "auto-invoicing": ("bench.invoicing", "bench_auto_invoicing", {"n": 300}, {"n": 40}),
    "live-refresh": ("bench.live", "bench_live_refresh", {"rounds": 200}, {"rounds": 30}),
    "carrier-labels": ("bench.carriers", "bench_carrier_labels", {"n": 200}, {"n": 50}),
    "webhooks": ("bench.webhooks", "bench_webhooks", {"n": 2000}, {"n": 500}),
    "desks": ("bench.desks", "bench_desks", {"desks": 10, "seconds": 20.0}, {"desks": 10, "seconds": 10.0}),
}


def _collect(value: Any) -> list[BenchResult]:
    items = value if isinstance(value, list) else [value]
    return [item if isinstance(item, BenchResult) else from_dict(item) for item in items]


def run_benchmarks(*, quick: bool = False, only: list[str] | None = None, as_json: bool = False,
                   out: Callable[[str], None] | None = None) -> int:
    """Run scenarios; exit status 0 when all ran (goals are reported, not enforced as failures)."""
    write = out or (lambda text: print(text, flush=True))
    names = only or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        print(f"omsdesk: unknown scenario(s) {', '.join(unknown)}; known: {', '.join(SCENARIOS)}", file=sys.stderr)
        return 2
    results: list[BenchResult] = []
    errors: dict[str, str] = {}
    for name in names:
        module, func, full, small = SCENARIOS[name]
        if not as_json:
            write(f"... {name}")
        t0 = time.perf_counter()
        try:
            fn = getattr(importlib.import_module(module), func)
            results.extend(_collect(fn(**(small if quick else full))))
        except Exception as exc:  # one broken scenario must not hide the others' figures
            errors[name] = f"{type(exc).__name__}: {exc}"
            traceback.print_exc(file=sys.stderr)
        if not as_json:
            write(f"    {time.perf_counter() - t0:.1f} s")
    if as_json:
        write(json.dumps({"quick": quick, "results": [r.as_dict() for r in results], "errors": errors},
                         ensure_ascii=False, indent=2))
    else:
        write(_table(results))
        for name, err in errors.items():
            write(f"ERROR {name}: {err}")
    return 1 if errors else 0


def _table(results: list[BenchResult]) -> str:
    head = f"{'scenario':<72} {'value':>12} {'baseline':>12} {'ratio':>7}  {'goal':<22} ok"
    rows = [head, "-" * len(head)]
    for r in results:
        rows.append(f"{r.name[:72]:<72} {r.value:>8g} {r.unit:<3} {r.baseline:>12g} {r.ratio:>7.2f}  "
                    f"{r.goal[:22]:<22} {'-' if r.goal.startswith('(') else 'yes' if r.passed else 'NO'}")
        rows.append(f"{'':<4}baseline: {r.baseline_name}")
    return "\n".join(rows)
