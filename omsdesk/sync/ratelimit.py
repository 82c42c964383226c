"""Token-bucket rate limiter, one per channel, shaped by each API's own rules."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from omsdesk.sync.turns import waiting

_EPSILON = 1e-6


@dataclass(frozen=True)
class RateLimit:
    """Bucket shape: up to `capacity` units at once, refilled at `refill_per_second`."""

    capacity: float
    refill_per_second: float


class TokenBucket:
    """A thread-safe token bucket; `acquire` waits (through the injected sleep) for tokens.

    Request-count APIs spend one token per request; Shopify GraphQL spends query-cost
    points and corrects the bucket from the server's own `throttleStatus` with `observe`.
    """

    def __init__(
        self,
        limit: RateLimit,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if limit.capacity <= 0 or limit.refill_per_second <= 0:
            raise ValueError("a rate limit needs a positive capacity and refill rate")
        self._capacity = float(limit.capacity)
        self._rate = float(limit.refill_per_second)
        self._tokens = float(limit.capacity)
        self._clock = clock
        self._sleep = sleep
        self._stamp = clock()
        self._lock = threading.Lock()

    @property
    def capacity(self) -> float:
        return self._capacity

    @property
    def available(self) -> float:
        with self._lock:
            self._refill()
            return self._tokens

    def _refill(self) -> None:
        now = self._clock()
        elapsed = max(0.0, now - self._stamp)
        self._stamp = now
        self._tokens = min(self._capacity, self._tokens + elapsed * self._rate)

    def wait_time(self, cost: float = 1.0) -> float:
        """Seconds until `cost` tokens are available (0 when they already are)."""
        with self._lock:
            self._refill()
            needed = min(cost, self._capacity) - self._tokens
            return 0.0 if needed <= 0 else needed / self._rate

    def acquire(self, cost: float = 1.0) -> float:
        """Take `cost` tokens, sleeping until they are there; return the time slept."""
        slept = 0.0
        while True:
            with self._lock:
                self._refill()
                # A cost above capacity could never be met; spend the whole bucket instead.
                wanted = min(cost, self._capacity)
                # A shortfall below float resolution would make a sleep too small to move
                # the clock, and the loop would never end.
                if self._tokens + _EPSILON >= wanted:
                    self._tokens = max(0.0, self._tokens - wanted)
                    return slept
                delay = (wanted - self._tokens) / self._rate
            with waiting():  # a pull's importer may store meanwhile (see turns.py)
                self._sleep(delay)
            slept += delay

    def refund(self, amount: float) -> None:
        """Give back tokens taken for a request that cost less than estimated."""
        with self._lock:
            self._tokens = min(self._capacity, self._tokens + amount)

    def observe(self, available: float, capacity: float, refill_per_second: float) -> None:
        """Adopt the server's view of the bucket (Shopify `extensions.cost.throttleStatus`)."""
        with self._lock:
            if capacity > 0:
                self._capacity = float(capacity)
            if refill_per_second > 0:
                self._rate = float(refill_per_second)
            self._stamp = self._clock()
            self._tokens = max(0.0, min(self._capacity, float(available)))

    def drain(self) -> None:
        """Empty the bucket, as after a 429: the next acquire waits for a refill."""
        with self._lock:
            self._stamp = self._clock()
            self._tokens = 0.0
