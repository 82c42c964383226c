"""HTTP client the connectors share: timeouts, retries with backoff, 429 handling, rate limit, redaction."""

from __future__ import annotations

import email.utils
import ipaddress
import json
import logging
import random
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase
from requests.structures import CaseInsensitiveDict

from omsdesk.sync.errors import (
    AddressNotFound,
    ApiNotFound,
    AuthError,
    BadResponse,
    ChannelUnavailable,
    ConfigurationError,
    InvalidAddress,
    RateLimited,
    RequestRejected,
    TlsError,
)
from omsdesk.sync.ratelimit import TokenBucket
from omsdesk.sync.redaction import redact, register_secret
from omsdesk.sync.turns import waiting

__all__ = [
    "AddressNotFound",
    "ApiNotFound",
    "AuthError",
    "BadResponse",
    "ChannelUnavailable",
    "ConfigurationError",
    "HttpClient",
    "HttpResponse",
    "InvalidAddress",
    "RateLimited",
    "RequestRejected",
    "RetryPolicy",
    "Timeouts",
    "TlsError",
]

log = logging.getLogger(__name__)

USER_AGENT = "omsdesk-sync/0.1"
_EXCERPT = 300
# getaddrinfo's "this name does not exist" answers. EAI_AGAIN ("temporary failure in name
# resolution", what a machine without network gets) is not among them: that is offline.
_NAME_NOT_KNOWN = frozenset(
    code for code in (getattr(socket, "EAI_NONAME", None), getattr(socket, "EAI_NODATA", None))
    if code is not None)


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for a connection and then for each read of the answer."""

    connect: float = 5.0
    read: float = 30.0


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before giving up on one request.

    `attempts` bounds tries for 5xx, timeouts and 429; `connect_attempts` is smaller because
    a refused connection or an unknown host usually means the network is down, and a run
    should then fail fast and leave the work in the outbox.
    """

    attempts: int = 4
    connect_attempts: int = 2
    backoff_base: float = 0.5
    backoff_max: float = 20.0
    jitter: float = 0.25
    max_retry_after: float = 60.0


@dataclass(frozen=True)
class HttpResponse:
    """What a connector needs of an answer: status, headers, body; JSON decoded on demand."""

    status: int
    headers: Mapping[str, str]
    content: bytes
    url: str
    elapsed: float
    channel: str = ""
    _json: list[Any] = field(default_factory=list, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON; BadResponse (with a short excerpt) when it is not JSON."""
        if not self._json:
            try:
                self._json.append(json.loads(self.content))
            except (ValueError, UnicodeDecodeError) as exc:
                raise BadResponse(
                    f"{self.channel or 'shop'} answered {self.status} with a body that is not "
                    f"valid JSON ({exc.__class__.__name__}) for {self.url}",
                    channel=self.channel,
                    status=self.status,
                    body_excerpt=redact(self.text[:_EXCERPT]),
                ) from None
        return self._json[0]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def name_not_known(exc: BaseException) -> bool:
    """True when a connection failed because DNS said the host name does not exist."""
    cause: BaseException | None = exc
    for _ in range(12):  # requests -> urllib3 MaxRetryError -> NameResolutionError -> gaierror
        if cause is None:
            return False
        if isinstance(cause, socket.gaierror):
            return cause.errno in _NAME_NOT_KNOWN
        reason = getattr(cause, "reason", None)
        nested = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        cause = cause.__cause__ or cause.__context__ or (
            reason if isinstance(reason, BaseException) else nested)
    return False


class HttpClient:
    """One channel's HTTP access: every connector request goes through `request`."""

    def __init__(
        self,
        channel: str,
        *,
        secrets: Iterable[str] = (),
        auth: AuthBase | tuple[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeouts: Timeouts = Timeouts(),
        retry: RetryPolicy = RetryPolicy(),
        limiter: TokenBucket | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
        session: requests.Session | None = None,
        ca_bundle: str | None = None,
    ) -> None:
        self.channel = channel
        self._secrets = tuple(s for s in secrets if s)
        for secret in self._secrets:
            register_secret(secret)
        self.timeouts = timeouts
        self.retry = retry
        self.limiter = limiter
        self._sleep = sleep
        self._clock = clock
        self._wall_clock = wall_clock
        self._rng = rng
        self._session = session or requests.Session()
        # Retries are ours (they must honour Retry-After and fail fast when offline).
        adapter = HTTPAdapter(max_retries=0, pool_connections=4, pool_maxsize=4)
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)
        # Certificate checks stay on; a shop behind a private CA gets its bundle, not verify=False.
        self._session.verify = ca_bundle or True
        self._session.trust_env = False
        if auth is not None:
            self._session.auth = auth
        self._session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        if headers:
            self._session.headers.update(headers)
        self.requests_sent = 0

    def redact(self, text: str) -> str:
        """Mask this channel's secrets (and any credential-shaped token) in text."""
        return redact(text, self._secrets)

    def close(self) -> None:
        self._session.close()

    def pause(self, seconds: float) -> None:
        """Wait through the client's (injectable) sleep, e.g. for a GraphQL throttle."""
        if seconds > 0:
            self._wait(seconds)

    def _wait(self, seconds: float) -> None:
        # A wait: a pull's importer may store meanwhile (see omsdesk/sync/turns.py).
        with waiting():
            self._sleep(seconds)

    def backoff(self, attempt: int) -> float:
        """Delay before retry number `attempt` (1-based): exponential, capped, with jitter."""
        base = min(self.retry.backoff_max, self.retry.backoff_base * (2 ** (attempt - 1)))
        spread = self.retry.jitter * (2.0 * self._rng() - 1.0)
        return max(0.0, base * (1.0 + spread))

    def retry_after_seconds(self, value: str | None) -> float | None:
        """Seconds from a Retry-After header, given as seconds or as an HTTP date."""
        if not value:
            return None
        value = value.strip()
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - self._wall_clock())

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        json_body: Any = None,
        data: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
        cost: float = 1.0,
        idempotent: bool = True,
        root: bool = False,
    ) -> HttpResponse:
        """Send one request with the channel's retry, rate-limit and redaction rules.

        Returns any 2xx/3xx answer. Raises AuthError (401/403, never retried), RateLimited
        (429 beyond what we wait for), ChannelUnavailable (network, timeouts, 5xx after
        retries), RequestRejected (other 4xx), or a ConfigurationError that no retry can
        fix: AddressNotFound (the host name does not exist), InvalidAddress, TlsError, and
        ApiNotFound when a `root` request (an API entry point every working shop has, such as
        the order list) answers 404.

        A request that is not `idempotent` (one that creates something) is retried only when
        it surely never reached the shop (no connection, 429); after a read timeout or a 5xx
        it fails at once, and the caller (the outbox) checks the shop before trying again.
        """
        self._check_scheme(url)
        safe_url = self.redact(url)
        attempt = 0
        connect_failures = 0
        while True:
            attempt += 1
            if self.limiter is not None:
                self.limiter.acquire(cost)
            started = self._clock()
            try:
                self.requests_sent += 1
                with waiting():  # the answer, body included, is a wait (see turns.py)
                    raw = self._session.request(
                        method,
                        url,
                        params=params,
                        json=json_body,
                        data=data,
                        headers=dict(headers) if headers else None,
                        timeout=(self.timeouts.connect, self.timeouts.read),
                        allow_redirects=False,
                    )
            except requests.exceptions.SSLError as exc:
                raise TlsError(
                    f"{self.channel}: the TLS certificate of {urlsplit(url).hostname} did not "
                    f"verify ({self.redact(str(exc))[:_EXCERPT]}); check the shop address (the "
                    "certificate must be for that exact host name) or ask the shop's host to "
                    "renew the certificate",
                    channel=self.channel,
                ) from None
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                    requests.exceptions.InvalidSchema) as exc:
                raise InvalidAddress(
                    f"{self.channel}: '{safe_url}' is not a valid shop address "
                    f"({self.redact(str(exc))[:_EXCERPT]}); enter it as https://shop.example.com "
                    "in the channel settings",
                    channel=self.channel,
                ) from None
            except (
                requests.exceptions.ConnectionError,
                requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError,
            ) as exc:
                if name_not_known(exc):
                    host = urlsplit(url).hostname or safe_url
                    raise AddressNotFound(
                        f"{self.channel}: the shop address {host} does not exist (the name does "
                        "not resolve); check the address in the channel settings",
                        channel=self.channel,
                    ) from None
                is_connect = isinstance(exc, requests.exceptions.ConnectionError) and not isinstance(
                    exc, requests.exceptions.ReadTimeout
                )
                never_sent = isinstance(exc, requests.exceptions.ConnectTimeout) or (
                    is_connect and "NewConnectionError" in repr(exc))
                if not idempotent and not never_sent:
                    raise ChannelUnavailable(
                        f"{self.channel}: no answer to {method} {safe_url}; the shop may have "
                        "applied it, so it is checked before being sent again",
                        channel=self.channel,
                    ) from None
                connect_failures += int(is_connect)
                limit = self.retry.connect_attempts if is_connect else self.retry.attempts
                tries = connect_failures if is_connect else attempt
                reason = "timed out" if isinstance(exc, requests.exceptions.Timeout) else "unreachable"
                if tries >= limit or attempt >= self.retry.attempts:
                    raise ChannelUnavailable(
                        f"{self.channel}: {method} {safe_url} {reason} after {attempt} attempt(s)",
                        channel=self.channel,
                    ) from None
                delay = self.backoff(attempt)
                log.warning("%s: %s %s %s, retrying in %.2fs", self.channel, method, safe_url,
                            reason, delay)
                self._wait(delay)
                continue

            elapsed = self._clock() - started
            response = HttpResponse(
                status=raw.status_code,
                headers=CaseInsensitiveDict(raw.headers),
                content=raw.content,
                url=safe_url,
                elapsed=elapsed,
                channel=self.channel,
            )
            raw.close()
            log.debug("%s: %s %s -> %d in %.3fs", self.channel, method, safe_url, raw.status_code,
                      elapsed)
            status = response.status
            if status < 400:
                return response
            excerpt = self.redact(response.text[:_EXCERPT])
            if status in (401, 403):
                raise AuthError(
                    f"{self.channel}: the shop refused the credentials (HTTP {status}); "
                    "check the access token or key in the channel settings",
                    channel=self.channel,
                    status=status,
                )
            if status == 404 and root:
                raise ApiNotFound(
                    f"{self.channel}: {method} {safe_url} answered HTTP 404: there is no shop API "
                    "at this address; check the address (and the API version) in the channel "
                    "settings",
                    channel=self.channel,
                )
            if status == 429:
                wait = self.retry_after_seconds(response.headers.get("Retry-After"))
                if self.limiter is not None:
                    self.limiter.drain()
                if wait is not None and wait > self.retry.max_retry_after:
                    raise RateLimited(
                        f"{self.channel}: rate limited, the shop asks to wait {wait:.0f}s",
                        channel=self.channel,
                        retry_after=wait,
                    )
                if attempt >= self.retry.attempts:
                    raise RateLimited(
                        f"{self.channel}: still rate limited after {attempt} attempt(s)",
                        channel=self.channel,
                        retry_after=wait,
                    )
                delay = wait if wait is not None else self.backoff(attempt)
                log.warning("%s: rate limited on %s, waiting %.2fs", self.channel, safe_url, delay)
                self._wait(delay)
                continue
            if status >= 500:
                if attempt >= self.retry.attempts or not idempotent:
                    raise ChannelUnavailable(
                        f"{self.channel}: the shop answered HTTP {status} to {method} {safe_url} "
                        f"{attempt} time(s)",
                        channel=self.channel,
                        status=status,
                        body_excerpt=excerpt,
                    )
                delay = self.backoff(attempt)
                log.warning("%s: HTTP %d on %s, retrying in %.2fs", self.channel, status, safe_url,
                            delay)
                self._wait(delay)
                continue
            raise RequestRejected(
                f"{self.channel}: the shop rejected {method} {safe_url} with HTTP {status}: "
                f"{excerpt}",
                channel=self.channel,
                status=status,
                body_excerpt=excerpt,
            )

    def get_json(self, url: str, *, params: Any = None, cost: float = 1.0,
                 root: bool = False) -> tuple[Any, HttpResponse]:
        """GET and decode JSON; returns (data, response) so headers stay at hand."""
        response = self.request("GET", url, params=params, cost=cost, root=root)
        return response.json(), response

    def send_json(self, method: str, url: str, body: Any, *, params: Any = None,
                  headers: Mapping[str, str] | None = None, cost: float = 1.0,
                  idempotent: bool = True, root: bool = False) -> Any:
        """Send a JSON body and decode the JSON answer."""
        response = self.request(method, url, params=params, json_body=body, headers=headers,
                                cost=cost, idempotent=idempotent, root=root)
        return response.json() if response.content.strip() else None

    def download(self, url: str) -> Download:
        """A file at a pre-signed URL (a Shopify bulk result), checked and ready to stream.

        Fetched outside the channel's session on purpose: the URL carries its own signature,
        and the shop's credentials must not travel to the storage host.
        """
        self._check_scheme(url)
        self.requests_sent += 1
        return Download(url, self.redact(url), self.channel, self.timeouts.connect,
                        self.timeouts.read, self._session.verify)

    def _check_scheme(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme == "https":
            return
        if parts.scheme == "http" and _is_loopback(parts.hostname or ""):
            # Local simulators and test servers only: credentials never leave the machine.
            return
        raise InvalidAddress(
            f"{self.channel}: refusing to send credentials to {parts.scheme}://{parts.hostname}; "
            "use an https:// address in the channel settings",
            channel=self.channel,
        )


# 64 KiB reads, not requests' default 512 bytes: a bulk export is tens of MB, and every read
# is a trip through the interpreter lock.
_CHUNK = 65536


@dataclass(frozen=True)
class Download:
    """A pre-signed file to stream: all a process needs to fetch it, credentials none.

    A plain value, so a child process can fetch it (omsdesk/sync/bulk_parse.py).
    """

    url: str = field(repr=False)  # its signature is a credential for the file
    shown_url: str  # the URL as errors and logs may show it (redacted)
    channel: str
    connect_timeout: float
    read_timeout: float
    verify: bool | str

    def chunks(self) -> Iterator[bytes]:
        """The body in reads of 64 KiB; each read is a wait (see turns.py)."""
        try:
            with waiting():
                raw = requests.get(self.url, stream=True, headers={"User-Agent": USER_AGENT},
                                   timeout=(self.connect_timeout, self.read_timeout),
                                   verify=self.verify)
            with raw:
                if raw.status_code >= 400:
                    raise ChannelUnavailable(
                        f"{self.channel}: downloading {self.shown_url} answered HTTP "
                        f"{raw.status_code}", channel=self.channel)
                reads = raw.iter_content(_CHUNK)
                while True:
                    with waiting():
                        chunk = next(reads, None)
                    if chunk is None:
                        return
                    yield chunk
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError) as exc:
            raise ChannelUnavailable(f"{self.channel}: downloading {self.shown_url} failed: "
                                     f"{type(exc).__name__}", channel=self.channel) from None
