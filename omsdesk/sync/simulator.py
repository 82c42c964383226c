"""A loopback HTTP server base for shop simulators: request log and faults injected on demand."""

from __future__ import annotations

import abc
import contextlib
import json
import logging
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

Reply = tuple[int, Mapping[str, str], bytes]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the simulator received it, for tests to assert on."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes
    at: float

    def param(self, name: str, default: str = "") -> str:
        values = self.query.get(name)
        return values[0] if values else default

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def header(self, name: str) -> str:
        lowered = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lowered), "")


@dataclass
class Fault:
    """A misbehaviour served instead of (or before) the real answer, `times` times."""

    kind: str  # "status" | "slow" | "malformed" | "drop" | "throttle"
    times: int = 1
    status: int = 500
    retry_after: str | None = None
    delay: float = 0.0
    path: str = ""  # only requests whose path contains this
    body: bytes = b""


@dataclass
class _State:
    requests: list[RecordedRequest] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)


class LocalShopServer(abc.ABC):
    """Runs `handle` behind a ThreadingHTTPServer on 127.0.0.1 and a free port."""

    def __init__(self) -> None:
        self._state = _State()
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        # Called with each authorised request before it is answered: lets a test change the
        # shop "while" a sync is paging through it.
        self.hooks: list[Callable[[RecordedRequest], None]] = []

    # -- lifecycle -----------------------------------------------------------------------

    def start(self, port: int = 0) -> LocalShopServer:
        handler = _make_handler(self)
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"{type(self).__name__}-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LocalShopServer:
        return self.start() if self._server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("server not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- what tests use ------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._state.requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._state.requests.clear()

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self._state.faults.append(fault)

    def fail(self, status: int = 500, times: int = 1, retry_after: str | None = None,
             path: str = "") -> None:
        """Answer the next `times` requests with `status` (and Retry-After if given)."""
        self.inject(Fault("status", times, status=status, retry_after=retry_after, path=path))

    def slow(self, delay: float, times: int = 1, path: str = "") -> None:
        """Wait `delay` seconds before answering the next `times` requests."""
        self.inject(Fault("slow", times, delay=delay, path=path))

    def malformed(self, times: int = 1, path: str = "", body: bytes = b'{"orders": [{"id": 1,') -> None:
        """Answer 200 with a truncated, unparseable body."""
        self.inject(Fault("malformed", times, path=path, body=body))

    def drop(self, times: int = 1, path: str = "") -> None:
        """Close the connection without answering."""
        self.inject(Fault("drop", times, path=path))

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in list(self._state.faults):
                if fault.path and fault.path not in path:
                    continue
                fault.times -= 1
                if fault.times <= 0:
                    self._state.faults.remove(fault)
                return fault
        return None

    # -- what simulators implement -------------------------------------------------------

    @abc.abstractmethod
    def authorized(self, request: RecordedRequest) -> bool:
        """Whether the request carries the right credentials."""

    @abc.abstractmethod
    def handle(self, request: RecordedRequest) -> Reply:
        """Answer an authorised request."""

    def unauthorized(self, request: RecordedRequest) -> Reply:
        return json_reply({"errors": "[API] Invalid API key or access token"}, 401)

    def fault_reply(self, fault: Fault, request: RecordedRequest) -> Reply | None:
        """Turn a fault into an answer; subclasses add API-specific kinds (Shopify THROTTLED)."""
        if fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            return json_reply({"error": f"simulated HTTP {fault.status}"}, fault.status, headers)
        if fault.kind == "malformed":
            return 200, {"Content-Type": "application/json"}, fault.body
        return None

    def dispatch(self, request: RecordedRequest) -> Reply | None:
        with self._lock:
            self._state.requests.append(request)
        fault = self._take_fault(request.path)
        if fault is not None:
            if fault.kind == "drop":
                return None
            if fault.kind == "slow":
                time.sleep(fault.delay)
            else:
                reply = self.fault_reply(fault, request)
                if reply is not None:
                    return reply
        if not self.authorized(request):
            return self.unauthorized(request)
        for hook in list(self.hooks):
            hook(request)
        return self.handle(request)


def json_reply(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Reply:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return status, {"Content-Type": "application/json; charset=utf-8", **(headers or {})}, body


def _make_handler(owner: LocalShopServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "omsdesk-simulator/1"
        # Headers and body go out in two writes; with Nagle on, the second waits for the client's
        # delayed ACK (40 ms on Linux) and every keep-alive request would pay that wait.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            # Request lines carry query strings; keep them out of test output.
            return

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            request = RecordedRequest(
                method=self.command, path=parts.path,
                query=parse_qs(parts.query, keep_blank_values=True),
                headers=dict(self.headers.items()), body=body, at=time.time(),
            )
            try:
                reply = owner.dispatch(request)
            except Exception:  # a simulator bug must show as a 500, not a hung client
                log.exception("simulator failed on %s %s", self.command, parts.path)
                reply = json_reply({"error": "simulator error"}, 500)
            if reply is None:
                self.close_connection = True
                with contextlib.suppress(OSError):  # the peer may have gone already
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            status, headers, payload = reply
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (read timeout)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    return Handler
