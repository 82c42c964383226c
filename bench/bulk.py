"""Bulk initial import: a Shopify bulk export of 100,000 orders (JSONL) into SQLite, beside raw sqlite3.

The file is written as Shopify's bulk operation returns it. shopify.dev, "Perform bulk operations
with the GraphQL Admin API" (https://shopify.dev/docs/api/usage/bulk-operations/queries): "When
the operation is complete, the results are delivered in the form of a JSONL file that Shopify
makes available at a URL"; each line is one JSON object, and the nodes of a nested connection
(here an order's localizedFields, lineItems and shippingLines) are lines of their own that name
their parent in `__parentId`, while plain objects and lists (addresses, money sets, taxLines)
stay inline in their node. The connector asks for `groupObjects: true`
(bulkOperationRunQuery: "Whether to group objects under their corresponding parent objects in
the JSONL output"), so every child line follows its order. BulkOperation.rootObjectCount
counts "only the objects at the root of the query": the orders.

The export is served by a local Shopify-style shop in a child process (the GraphQL bulk run and
status poll of omsdesk/sync/shopify_simulator.py, and the file from disk), and imported by the
connector's own bulk path: download streamed line by line, orders rebuilt 250 at a time
(shopify_bulk.order_nodes), parsed, and stored page by page by the sync engine through the
intake service. The baseline is raw sqlite3 executemany of the same order and line rows.
The importing process's resident memory is sampled during the import: streaming keeps it flat
whatever the size of the export.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.sync import ACTOR, TOKEN, importer_cpu, prepare_shop_database, raw_insert_rows
from omsdesk.db import open_database
from omsdesk.models import Channel
from omsdesk.sync.connector import ChannelConfig, Connector
from omsdesk.sync.demo_data import DemoOrder, generate_orders
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.money import rate_to_bp, to_minor
from omsdesk.sync.registry import create_connector
from omsdesk.sync.shopify_simulator import ShopifySimulator

CHUNK = 5000  # orders generated at a time, so writing the file needs little memory either


def bench_bulk_import(n: int = 100_000) -> list[dict[str, Any]]:
    """Import a bulk export of `n` orders (about three lines each); returns result dicts."""
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "bulk-orders.jsonl"
        server, url = _start_shop(export, n)
        try:
            # The bulk path whatever n (the connector's own threshold is 1,000 orders).
            config = ChannelConfig("bench", "shopify", url, TOKEN, {"bulk_threshold": "1"})

            def factory(_channel: Channel) -> Connector:
                return create_connector(config)

            db = open_database(f"sqlite:///{tmp}/bulk.sqlite")
            prepare_shop_database(db, n)
            watch = _RssWatch()
            t0, c0 = time.perf_counter(), importer_cpu()
            with watch:
                report = pull_orders(db, "bench", factory=factory, actor=ACTOR)
            seconds = time.perf_counter() - t0
            cpu_seconds = importer_cpu() - c0
            db.dispose()
            if report.status != "ok" or report.counts.get("created") != n:
                raise RuntimeError(f"bulk import incomplete: {report}")
        finally:
            server.stdin.close()  # type: ignore[union-attr]
            server.wait(timeout=60)
        orders, lines = _raw_rows(export)
        raw_seconds = raw_insert_rows(Path(tmp) / "raw.sqlite", orders, lines)
        size_mb = export.stat().st_size / 1e6
    rate, raw, cpu = n / seconds, n / raw_seconds, n / cpu_seconds
    return [
        {"name": f"bulk import: {n:,} orders, Shopify bulk JSONL ({size_mb:.0f} MB) -> SQLite",
         "value": round(rate, 1), "unit": "orders/s",
         "baseline_name": "raw sqlite3 executemany of the same order and line rows",
         "baseline": round(raw, 1), "ratio": round(rate / raw, 3),
         "goal": "(informational: beside raw sqlite3)", "passed": True},
        # On a shared machine wall time includes waiting for a core; CPU time is the code's cost.
        {"name": f"bulk import: {n:,} orders, per CPU second of the importer and its reader",
         "value": round(cpu, 1), "unit": "orders/s",
         "baseline_name": "raw sqlite3 executemany of the same order and line rows",
         "baseline": round(raw, 1), "ratio": round(cpu / raw, 3),
         "goal": "(informational: beside raw sqlite3)", "passed": True},
        {"name": f"bulk import: {n:,} orders, peak resident memory while importing",
         "value": round(watch.peak_mb, 1), "unit": "MB",
         "baseline_name": "resident memory when the import started",
         "baseline": round(watch.start_mb, 1), "ratio": round(watch.peak_mb / watch.start_mb, 3),
         "goal": "(informational: streamed, flat in n)", "passed": True},
        {"name": f"bulk import: {n:,} orders, peak resident memory of the bulk reader process",
         "value": round(watch.children_peak_mb, 1), "unit": "MB",
         "baseline_name": "the importer's resident memory when the import started",
         "baseline": round(watch.start_mb, 1),
         "ratio": round(watch.children_peak_mb / watch.start_mb, 3),
         "goal": "(informational: streamed, flat in n)", "passed": True},
    ]


# -- the export file -----------------------------------------------------------------------


def write_export(path: Path, n: int) -> int:
    """Write `n` orders as a grouped bulk-operation JSONL file; returns the number of lines."""
    count = 0
    start = datetime(2025, 1, 7, 9, 0, tzinfo=UTC)
    step = timedelta(seconds=7)
    with path.open("w", encoding="utf-8") as out:
        for offset in range(0, n, CHUNK):
            chunk = generate_orders(min(CHUNK, n - offset), seed=7 + offset, first_id=5001 + offset,
                                    start=start + step * offset, step=step)
            text: list[str] = []
            for order in chunk:
                # generate_orders numbers its e-mail addresses per call: make them unique.
                order = dataclasses.replace(order, email=order.email.replace("@", f".{order.order_id}@"))
                text.extend(export_lines(order))
            count += len(text)
            out.write("\n".join(text) + "\n")
    return count


def export_lines(o: DemoOrder) -> Iterator[str]:
    """One order as grouped bulk JSONL: the order node, then each child node with `__parentId`.

    The fields are those of omsdesk.sync.shopify_queries.BULK_ORDERS_QUERY, in its order.
    """
    cur = o.currency
    gid = f"gid://shopify/Order/{o.order_id}"
    address = {"name": o.name, "firstName": o.first_name, "lastName": o.last_name,
               "company": None, "address1": o.street, "address2": None, "city": o.city,
               "zip": o.postcode, "province": o.province, "provinceCode": None,
               "countryCodeV2": o.country, "phone": o.phone}
    stamp = _iso(o.updated)
    yield json.dumps({
        "id": gid, "name": f"#{o.number}", "createdAt": _iso(o.created), "updatedAt": stamp,
        "cancelledAt": stamp if o.cancelled else None, "closed": False, "note": None,
        "displayFinancialStatus": "PAID" if o.paid else "PENDING",
        "displayFulfillmentStatus": "UNFULFILLED", "currencyCode": cur, "taxesIncluded": True,
        "email": o.email, "phone": o.phone, "paymentGatewayNames": ["shopify_payments"],
        "customer": {"id": f"gid://shopify/Customer/{zlib.crc32(o.email.encode())}",
                     "displayName": o.name},
        "shippingAddress": address, "billingAddress": address,
        "totalPriceSet": _money(o.total, cur), "totalDiscountsSet": _money(o.discount, cur),
        "totalOutstandingSet": _money(Decimal(0) if o.paid else o.total, cur),
        "discountCodes": [o.discount_code] if o.discount_code else [],
    }, ensure_ascii=False)
    # LocalizedField has no id: only its place below the order says whose it is.
    yield json.dumps({"key": "TAX_CREDENTIAL_ES", "value": o.tax_id, "__parentId": gid})
    for line in o.lines:
        yield json.dumps({
            "id": f"gid://shopify/LineItem/{line.line_id}", "sku": line.sku, "title": line.title,
            "quantity": line.quantity, "currentQuantity": line.quantity,
            "originalUnitPriceSet": _money(line.unit_price, cur),
            "taxLines": [{"rate": float(line.rate), "priceSet": _money(line.tax, cur)}],
            "discountAllocations": [], "__parentId": gid}, ensure_ascii=False)
    if o.shipping:
        yield json.dumps({
            "id": f"gid://shopify/ShippingLine/{o.order_id}0", "title": o.shipping_title,
            "code": "ESTANDAR", "originalPriceSet": _money(o.shipping, cur),
            "taxLines": [{"rate": 0.21, "priceSet": _money(o.shipping_tax, cur)}],
            "__parentId": gid}, ensure_ascii=False)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _money(amount: Decimal, currency: str) -> dict[str, Any]:
    return {"shopMoney": {"amount": f"{amount:.2f}", "currencyCode": currency}}


def _raw_rows(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The order and line rows of the export, read straight from the file for the baseline."""
    orders: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    with path.open("rb") as src:
        for raw in src:
            item = json.loads(raw)
            parent = item.get("__parentId")
            if parent is None:
                cur = item["currencyCode"]
                address = item["shippingAddress"]
                orders.append((len(orders) + 1, item["id"], item["name"], address["name"],
                               item["email"], address["city"], cur,
                               to_minor(item["totalPriceSet"]["shopMoney"]["amount"], cur),
                               item["createdAt"]))
            elif str(item.get("id", "")).startswith("gid://shopify/LineItem/"):
                cur = item["originalUnitPriceSet"]["shopMoney"]["currencyCode"]
                tax = item["taxLines"][0]
                lines.append((len(orders), item["sku"], item["title"], item["quantity"],
                              to_minor(item["originalUnitPriceSet"]["shopMoney"]["amount"], cur),
                              rate_to_bp(tax["rate"]),
                              to_minor(tax["priceSet"]["shopMoney"]["amount"], cur)))
    return orders, lines


# -- the shop serving it --------------------------------------------------------------------


class _ExportShop(ShopifySimulator):
    """The simulator's bulk run and status poll, with the export read from a file."""

    def __init__(self, export: Path, orders: int) -> None:
        # A first import this large is one bulk export; it is ready at the first status poll,
        # so the figures are the download, parse and import, not Shopify's own run time.
        super().__init__(TOKEN, throttle=False, bulk_polls=0)
        self.export, self.orders = export, orders

    def _op_OrdersCount(self, v: Mapping[str, Any]) -> dict[str, Any]:
        limit = int(v.get("limit") or 10000)
        return {"ordersCount": {"count": min(self.orders, limit),
                                "precision": "AT_LEAST" if self.orders > limit else "EXACT"}}

    def _op_BulkOrders(self, v: Mapping[str, Any]) -> dict[str, Any]:
        ident = f"gid://shopify/BulkOperation/{len(self.bulk_operations) + 1}"
        self.bulk_operations[ident] = {
            "id": ident, "createdAt": _iso(datetime.now(UTC)), "polls": 0,
            "rootObjectCount": self.orders, "objectCount": self.orders, "file": str(self.export)}
        return {"bulkOperationRunQuery": {"bulkOperation": {"id": ident, "status": "CREATED"},
                                          "userErrors": []}}

    def _bulk_file(self, name: str) -> tuple[int, Mapping[str, str], bytes]:
        return 200, {"Content-Type": "application/jsonl"}, self.export.read_bytes()


def _start_shop(export: Path, n: int) -> tuple[subprocess.Popen[str], str]:
    """Write the export and serve it from a child process (its work shares no lock with ours)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "bench.bulk", "--serve", str(export), str(n)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline() if proc.stdout else ""
    if not line.startswith("http://"):
        proc.kill()
        raise RuntimeError(f"the bench shop did not start: {line!r}")
    return proc, line.strip()


def _serve(export: Path, n: int) -> None:
    write_export(export, n)
    shop = _ExportShop(export, n)
    shop.start()
    print(shop.url, flush=True)
    sys.stdin.read()
    shop.stop()


# -- memory ----------------------------------------------------------------------------------


class _RssWatch:
    """Samples this process's resident set size while the block runs (Linux /proc; else the
    peak so far from getrusage), and that of its multiprocessing children (the bulk reader).

    The children are sampled, not asked with getrusage(RUSAGE_CHILDREN): Linux counts in a
    child's peak the copy of this process it was forked from before it became a fresh
    interpreter (about 100 MB here, for a reader that never holds half of that)."""

    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.start_mb = self.peak_mb = 0.0
        self.children_peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="bench-rss", daemon=True)

    def __enter__(self) -> _RssWatch:
        self.start_mb = self.peak_mb = _rss_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, _rss_mb())

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.peak_mb = max(self.peak_mb, _rss_mb())
            for child in multiprocessing.active_children():
                self.children_peak_mb = max(self.children_peak_mb, _rss_mb(child.pid))


def _rss_mb(pid: int | None = None) -> float:
    try:
        with open(f"/proc/{pid or 'self'}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError):
        if pid is not None:
            return 0.0  # ended meanwhile, or no /proc: nothing to say about it
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        _serve(Path(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1:2] == ["--write"]:
        print(write_export(Path(sys.argv[2]), int(sys.argv[3])), "lines")
    else:
        for row in bench_bulk_import(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000):
            print(row)
