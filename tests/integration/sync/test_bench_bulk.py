"""The bulk-import benchmark: its export reads as the paged API's orders, and it reports its figures."""

from __future__ import annotations

from pathlib import Path

from bench.bulk import bench_bulk_import, export_lines, write_export
from omsdesk.sync.demo_data import generate_orders
from omsdesk.sync.mapping import content_hash
from omsdesk.sync.shopify_bulk import order_nodes
from omsdesk.sync.shopify_orders import parse_order
from omsdesk.sync.shopify_simulator import ShopifySimulator


def test_the_export_holds_the_same_orders_the_paged_api_serves() -> None:
    demo = generate_orders(5, lines_per_order=3)
    shop = ShopifySimulator("shpat_test")
    shop.add_orders(demo)
    lines = [line.encode() for order in demo for line in export_lines(order)]
    rebuilt = [parse_order(node) for node in order_nodes(lines)]
    paged = [parse_order(shop._render(order)) for order in demo]
    assert [content_hash(o) for o in rebuilt] == [content_hash(o) for o in paged]
    assert all(len(o.lines) == 3 and o.shipping_lines for o in rebuilt)


def test_the_export_is_one_object_per_line_with_children_naming_their_order(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    count = write_export(path, 12)
    text = path.read_text(encoding="utf-8").splitlines()
    assert len(text) == count
    roots = [line for line in text if "__parentId" not in line]
    assert len(roots) == 12
    # Unique buyers across generated chunks: one e-mail per order.
    assert len({o.customer.email for o in map(parse_order, order_nodes(x.encode() for x in text))}) == 12


def test_the_bulk_benchmark_reports_orders_per_second_beside_raw_sqlite3() -> None:
    results = bench_bulk_import(n=300)
    assert len(results) == 4
    speed, cpu, memory, reader = results
    for row in (speed, cpu):
        assert row["unit"] == "orders/s" and row["value"] > 0 and row["baseline"] > 0
        assert "raw sqlite3" in row["baseline_name"]
    assert memory["unit"] == "MB" and memory["value"] >= memory["baseline"] > 0
    # The export was read by a child process of its own, and it had memory to show.
    assert reader["unit"] == "MB" and reader["value"] > 0
