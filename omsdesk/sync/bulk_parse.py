"""A Shopify bulk export read in a child process while this one stores the orders.

Why: a first import of many orders downloads one JSONL export, and turning it into orders
(JSON decoding, the order rule of shopify_orders.read_order) is CPU work as large as half of
storing them. In one process both share the interpreter lock and take turns; in a child the
reading runs on another core while the importer stores.

- The child fetches the export itself from the pre-signed URL the connector checked
  (http.Download) and sends back pickled pages of orders; it is given no credentials and no
  database. Fed by a thread of this process instead, it starved: that thread waited for the
  interpreter lock the importer held, while the child waited for bytes.
- It is started when the export is asked for, so its start-up (a fresh interpreter and its
  imports, about half a second) passes while Shopify prepares the file.
- Each order's payload crosses as the export lines it was rebuilt from, rebuilt again only if
  someone reads it (the quarantine, for a refused order): pickled as nested dicts it took
  more to unpickle than the rest of the order.

Should no child start, the export is read here, by the same code; should the child end
before the last page, this process reads the rest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import multiprocessing
import pickle
import signal
import traceback
from collections.abc import Iterable, Iterator, Mapping
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from types import TracebackType
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no pipe sizes to set
    fcntl = None  # type: ignore[assignment]

from omsdesk.sync.connector import ChannelOrder, RejectedOrder
from omsdesk.sync.errors import BadResponse, ChannelUnavailable
from omsdesk.sync.http import Download
from omsdesk.sync.shopify_bulk import order_groups, order_nodes
from omsdesk.sync.shopify_orders import read_order, split_reads
from omsdesk.sync.streamed_lines import split_lines
from omsdesk.sync.turns import waiting

log = logging.getLogger(__name__)

# A page of orders, its refused ones, and whether it is the export's last.
Page = tuple[list[ChannelOrder], list[RejectedOrder], bool]
# An order read (or refused) with the export lines it came from.
_Read = tuple[ChannelOrder | RejectedOrder, list[bytes]]

_JOIN_SECONDS = 10.0
_PIPE_BYTES = 1 << 20


class LazyPayload(Mapping[str, Any]):
    """An order's payload kept as its bulk export lines, rebuilt the first time it is read."""

    __slots__ = ("_lines", "_value")

    def __init__(self, lines: bytes) -> None:
        self._lines = lines
        self._value: dict[str, Any] | None = None

    def _data(self) -> dict[str, Any]:
        if self._value is None:
            self._value = next(order_nodes(self._lines.split(b"\n")))
        return self._value

    def __getitem__(self, key: str) -> Any:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


def read_pages(lines: Iterable[bytes], size: int, *, skip: int = 0) -> Iterator[Page]:
    """The export's orders `size` at a time, after the first `skip` (read before); the last
    page (short or empty) comes marked last."""
    for reads, last in _read(lines, size, skip):
        yield _split([r for r, _ in reads], last)


def _read(lines: Iterable[bytes], size: int, skip: int = 0) -> Iterator[tuple[list[_Read], bool]]:
    page: list[_Read] = []
    for number, (node, group) in enumerate(order_groups(lines)):
        if number < skip:
            continue
        page.append((read_order(node), group))
        if len(page) == size:
            yield page, False
            page = []
    yield page, True


def _split(reads: list[ChannelOrder | RejectedOrder], last: bool) -> Page:
    orders, rejected = split_reads(reads)
    return orders, rejected, last


class BulkReader:
    """One bulk export, read by a child process started now, before the export is ready.

    Use as a context manager; leaving it stops the child, whatever it was doing.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._child: SpawnProcess | None = None
        ends: list[Connection] = []
        try:
            context = multiprocessing.get_context("spawn")  # never fork a process with Qt threads
            ends.extend(context.Pipe(duplex=False))  # (reading end, writing end)
            ends.extend(context.Pipe(duplex=False))
            child_source, self._to_child, self._from_child, child_sink = ends
            child = context.Process(target=_child_main, args=(child_source, child_sink, size),
                                    name="omsdesk-bulk-read", daemon=True)
            child.start()
        except (OSError, RuntimeError, ValueError, AssertionError) as exc:
            # AssertionError: a daemonic process may not have children.
            log.warning("the bulk export is read in this process: no child process (%s)", exc)
            for end in ends:
                end.close()
            return
        # Only the child keeps its ends open: its exit is then an end of file here, not a hang.
        child_source.close()
        child_sink.close()
        _widen(self._from_child)
        self._child = child

    def __enter__(self) -> BulkReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def pages(self, download: Download) -> Iterator[Page]:
        """The orders of the export at `download`, `size` at a time, the last page marked.

        Errors come as they would from reading here: BadResponse for an unreadable export,
        ChannelUnavailable for a failed download (before the last page, so a cut download
        never moves the cursor). Should the child end before the last page (killed, out of
        memory, a stop signal sent to the whole process group), this process reads the rest
        of the export itself, from a new download.
        """
        given = 0  # pages given so far, each of `size` orders
        if self._child is not None:
            try:
                for page in self._from_reader(download):
                    yield page
                    if page[2]:
                        return
                    given += 1
            except _ReaderGone as gone:
                log.warning("the bulk export reader ended (%s); this process reads the rest", gone)
                self.close()
        yield from read_pages(split_lines(download.chunks()), self.size, skip=given * self.size)

    def _from_reader(self, download: Download) -> Iterator[Page]:
        assert self._child is not None
        try:
            self._to_child.send(download)
        except OSError as exc:  # BrokenPipeError: it never got that far
            raise _ReaderGone(f"{type(exc).__name__}") from None
        while True:
            try:
                with waiting():  # the other thread of the pull may store meanwhile
                    blob = self._from_child.recv_bytes()
            except (EOFError, OSError):
                self._child.join(_JOIN_SECONDS)
                raise _ReaderGone(f"exit code {self._child.exitcode}") from None
            kind, payload = pickle.loads(blob)
            if kind == "page":
                bare, lines, last = payload
                reads = [dataclasses.replace(r, raw=LazyPayload(text))
                         for r, text in zip(bare, lines, strict=True)]
                yield _split(reads, last)
                if last:
                    return
            elif kind == "bad":
                raise BadResponse(payload)
            elif kind == "unavailable":
                raise ChannelUnavailable(payload, channel=download.channel)
            else:  # a fault in the reading code, which would fail here the same way
                raise RuntimeError(f"the bulk export reader failed:\n{payload}")

    def close(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        for end in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                end.close()
        if child.is_alive():
            child.terminate()  # stopped early, or never given an export: its download goes too
        child.join(_JOIN_SECONDS)


class _ReaderGone(Exception):
    """The child ended before the export's last page."""


def _widen(pipe: Connection) -> None:
    """Let the pipe hold a whole page (Linux: 64 KiB by default, up to 1 MiB unprivileged).

    Why: through a 64 KiB pipe a page crosses in a dozen writes and reads, each waiting for the
    interpreter lock of a process whose other thread is busy (the importer here, the reading
    in the child), and the child spent its time blocked on the pipe.
    """
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is None:
        return
    with contextlib.suppress(OSError):
        fcntl.fcntl(pipe.fileno(), set_size, _PIPE_BYTES)


def _child_main(source: Connection, sink: Connection, size: int) -> None:
    """The child process: wait for the export, fetch and read it, pickle its pages out."""
    # Ctrl+C at a terminal reaches the whole process group: the importer decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        download = source.recv()
    except (EOFError, OSError):
        return  # the pull ended before the export was ready
    try:
        for reads, last in _read(split_lines(download.chunks()), size):
            bare = [dataclasses.replace(r, raw={}) for r, _ in reads]
            lines = [b"\n".join(group) for _, group in reads]
            sink.send_bytes(pickle.dumps(("page", (bare, lines, last)), pickle.HIGHEST_PROTOCOL))
    except BadResponse as exc:
        _say(sink, "bad", str(exc))
    except ChannelUnavailable as exc:
        _say(sink, "unavailable", str(exc))
    except (BrokenPipeError, ConnectionResetError):
        return  # the importer stopped reading
    except Exception:
        _say(sink, "crash", traceback.format_exc())
    finally:
        sink.close()


def _say(sink: Connection, kind: str, message: str) -> None:
    with contextlib.suppress(OSError):  # nobody left to tell
        sink.send_bytes(pickle.dumps((kind, message)))
