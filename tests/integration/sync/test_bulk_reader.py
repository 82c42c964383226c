"""A bulk export fetched and read by a child process (omsdesk/sync/bulk_parse.py).

The export is a real grouped JSONL file (bench/bulk.py writes it the way Shopify's bulk
operation does, checked against the paged API in test_bench_bulk.py), served by the standard
library's HTTP server, which can also cut it short.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from bench.bulk import write_export
from bench.sync import ACTOR, TOKEN, prepare_shop_database
from omsdesk.db import open_database
from omsdesk.models.sync_state import ChannelOrderLink, ChannelSyncState
from omsdesk.sync import bulk_parse
from omsdesk.sync.bulk_parse import BulkReader, LazyPayload, read_pages
from omsdesk.sync.connector import ChannelConfig
from omsdesk.sync.demo_data import generate_orders
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.errors import BadResponse, ChannelUnavailable
from omsdesk.sync.http import Download
from omsdesk.sync.importer import ImportCounts
from omsdesk.sync.registry import create_connector
from omsdesk.sync.shopify_bulk import order_nodes
from omsdesk.sync.shopify_simulator import ShopifySimulator
from omsdesk.sync.streamed_lines import split_lines

ORDERS = 600
PAGE = 250


class _Files(BaseHTTPRequestHandler):
    body = b""
    cut_at: int | None = None  # send this many bytes of a longer announced body, then hang up

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if self.path == "/missing":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body if self.cut_at is None else self.body[: self.cut_at])
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("bulk") / "export.jsonl"
    write_export(path, ORDERS)
    return path.read_bytes()


@pytest.fixture
def served(export: bytes) -> Iterator[type[_Files]]:
    handler = type("Files", (_Files,), {"body": export})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


def _download(handler: type[_Files], path: str = "/export.jsonl") -> Download:
    url = handler.url + path  # type: ignore[attr-defined]
    return Download(url, url, "Tienda Shopify", 5.0, 5.0, True)


def _here(export: bytes) -> list[bulk_parse.Page]:
    return list(read_pages(split_lines(iter([export])), PAGE))


def test_the_child_reads_the_same_pages_as_this_process(served: type[_Files], export: bytes) -> None:
    with BulkReader(PAGE) as reader:
        assert reader._child is not None and reader._child.is_alive()
        pages = list(reader.pages(_download(served)))
    assert [(len(o), len(r), last) for o, r, last in pages] == [(250, 0, False), (250, 0, False),
                                                                (100, 0, True)]
    here = _here(export)
    assert [o for p in pages for o in p[0]] == [o for p in here for o in p[0]]
    # Each payload crosses as its export lines and reads as the order node it was rebuilt as.
    first_child, first_here = pages[0][0][0], here[0][0][0]
    assert isinstance(first_child.raw, LazyPayload)
    assert dict(first_child.raw) == dict(first_here.raw)
    assert first_child.raw["lineItems"]["nodes"][0]["sku"] == first_here.lines[0].sku


def test_a_refused_order_keeps_its_payload_as_sent(served: type[_Files], export: bytes) -> None:
    lines = export.split(b"\n")
    # The second order's total no longer matches its lines.
    second = [i for i, line in enumerate(lines) if line and b"__parentId" not in line][1]
    lines[second] = lines[second].replace(b'"totalPriceSet": {"shopMoney": {"amount": "',
                                          b'"totalPriceSet": {"shopMoney": {"amount": "9', 1)
    assert lines[second] != export.split(b"\n")[second]
    served.body = b"\n".join(lines)
    with BulkReader(PAGE) as reader:
        orders, rejected, _last = next(iter(reader.pages(_download(served))))
    assert len(orders) == 249
    [refused] = rejected
    assert "add up to" in refused.reason
    assert dict(refused.raw) == next(order_nodes([lines[second], *lines[second + 1:second + 8]]))


def test_a_download_cut_short_is_an_outage_and_never_gives_the_last_page(
        served: type[_Files], export: bytes) -> None:
    served.cut_at = len(export) * 2 // 3
    seen: list[bool] = []
    with BulkReader(PAGE) as reader, pytest.raises(ChannelUnavailable, match="downloading"):
        for _orders, _rejected, last in reader.pages(_download(served)):
            seen.append(last)
    assert seen and not any(seen)  # full pages came; the last (which moves the cursor) did not


def test_a_missing_file_is_an_outage_naming_the_status(served: type[_Files]) -> None:
    with BulkReader(PAGE) as reader, pytest.raises(ChannelUnavailable, match="HTTP 404"):
        list(reader.pages(_download(served, "/missing")))


def test_a_broken_line_is_a_bad_response(served: type[_Files], export: bytes) -> None:
    served.body = export + b"{not json\n"
    with BulkReader(PAGE) as reader, pytest.raises(BadResponse, match=r"line \d+ is not JSON"):
        list(reader.pages(_download(served)))


def test_leaving_early_stops_the_child(served: type[_Files]) -> None:
    served.body = served.body * 20  # 12,000 orders: the child is still at work when we leave
    reader = BulkReader(PAGE)
    child = reader._child
    pages = reader.pages(_download(served))
    next(pages)
    assert child is not None and child.is_alive()
    pages.close()
    reader.close()
    assert not child.is_alive() and child.exitcode == -signal.SIGTERM
    # Never given an export, it goes too.
    idle = BulkReader(PAGE)
    waiting = idle._child
    assert waiting is not None and waiting.is_alive()
    idle.close()
    assert not waiting.is_alive()


def test_a_reader_killed_mid_export_leaves_the_rest_to_this_process(
        served: type[_Files], export: bytes) -> None:
    """A stop signal to the whole process group, the out-of-memory killer: no order is lost or
    given twice, and only the last page says the export is over."""
    with BulkReader(PAGE) as reader:
        child = reader._child
        assert child is not None
        pages = reader.pages(_download(served))
        first = next(pages)
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        rest = list(pages)
    got = [o.external_id for p in [first, *rest] for o in p[0]]
    assert got == [o.external_id for p in _here(export) for o in p[0]]
    assert [p[2] for p in [first, *rest]] == [False, False, True]


def test_a_reader_gone_before_the_export_is_ready_leaves_it_all_to_this_process(
        served: type[_Files], export: bytes) -> None:
    with BulkReader(PAGE) as reader:
        child = reader._child
        assert child is not None
        child.kill()
        child.join(10)
        pages = list(reader.pages(_download(served)))
    assert [o for p in pages for o in p[0]] == [o for p in _here(export) for o in p[0]]


def test_ctrl_c_at_the_terminal_leaves_the_reader_to_the_importer(served: type[_Files]) -> None:
    with BulkReader(PAGE) as reader:
        child = reader._child
        assert child is not None
        # Signalled once its start-up is done and it ignores SIGINT (Linux: SigIgn in /proc).
        deadline = time.monotonic() + 60
        while not _ignores_sigint(child.pid) and time.monotonic() < deadline:  # type: ignore[arg-type]
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGINT)  # type: ignore[arg-type]
        pages = list(reader.pages(_download(served)))
        assert child.is_alive() or child.exitcode == 0
    assert sum(len(p[0]) for p in pages) == ORDERS


def _ignores_sigint(pid: int) -> bool:
    with open(f"/proc/{pid}/status") as status:
        mask = next(line.split()[1] for line in status if line.startswith("SigIgn:"))
    return bool(int(mask, 16) & (1 << (signal.SIGINT - 1)))


def test_the_download_shows_no_signed_url_in_its_repr(served: type[_Files]) -> None:
    download = Download("https://storage.example/export.jsonl?X-Goog-Signature=abc123",
                        "https://storage.example/export.jsonl?X-Goog-Signature=***", "Tienda", 5, 5, True)
    assert "abc123" not in repr(download) and "***" in repr(download)


def test_without_a_child_process_the_export_is_read_here(
        served: type[_Files], export: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_method: str) -> None:
        raise OSError("no processes left")

    monkeypatch.setattr(bulk_parse.multiprocessing, "get_context", refuse)
    with BulkReader(PAGE) as reader:
        assert reader._child is None
        pages = list(reader.pages(_download(served)))
    assert [o for p in pages for o in p[0]] == [o for p in _here(export) for o in p[0]]
    assert pages[-1][2] and not any(p[2] for p in pages[:-1])


def test_a_pull_whose_reader_is_killed_stores_every_order_once_and_moves_the_cursor_once(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Through the sync engine: the reader is killed after the first page is stored."""
    with ShopifySimulator(TOKEN, throttle=False, bulk_polls=0) as shop:
        assert isinstance(shop, ShopifySimulator)
        demos = generate_orders(4 * ORDERS, lines_per_order=3)  # ten pages: killed well before the end
        shop.add_orders(demos)
        config = ChannelConfig("bench", "shopify", shop.url, TOKEN, {"bulk_threshold": "5"})
        db = open_database(f"sqlite:///{tmp_path}/pull.sqlite")
        prepare_shop_database(db, len(demos))
        caplog.set_level(logging.WARNING, logger="omsdesk.sync.bulk_parse")
        killed: list[int] = []

        def after_page(_counts: ImportCounts) -> None:
            for child in multiprocessing.active_children():
                if child.name == "omsdesk-bulk-read" and not killed and child.pid:
                    os.kill(child.pid, signal.SIGKILL)
                    killed.append(child.pid)

        report = pull_orders(db, "bench", factory=lambda _c: create_connector(config), actor=ACTOR,
                             progress=after_page)
        assert killed, "the reader was never seen"
        assert "this process reads the rest" in caplog.text
        assert report.status == "ok" and report.counts["created"] == len(demos)
        with db.read() as s:
            stored = s.scalars(select(ChannelOrderLink.external_id)).all()
            cursor = s.scalar(select(ChannelSyncState.cursor))
        assert len(stored) == len(set(stored)) == len(demos)
        # The cursor moved once, with the last page, to the newest update read.
        assert cursor == max(o.updated for o in demos).strftime("%Y-%m-%dT%H:%M:%SZ")
        db.dispose()
