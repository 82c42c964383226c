"""SP-API usage plans: one token bucket per operation, shared by every connector of a channel.

"Usage Plans and Rate Limits in the SP-API" (developer-docs.amazon.com/sp-api/docs/
usage-plans-and-rate-limits-in-the-sp-api): "requests are rate limited using the token bucket
algorithm ... Rate - The number of requests per second that are added to the token bucket ...
Burst - The maximum size that the token bucket can reach"; a throttled request "results in a
429 HTTP error response"; "The `x-amzn-RateLimit-Limit` response header returns the usage plan
rate limits that are applied to the requested operation, when available."

Default plans are those published in each operation's model (amzn/selling-partner-api-models):
searchOrders 0.0056/s burst 20, getOrder 0.5/s burst 30 (orders_2026-01-01.json),
confirmShipment 2/s burst 10 (ordersV0.json), patchListingsItem 5/s burst 5 (the current API
reference; the 2021-08-01 model file says burst 10, the smaller is kept). Login with Amazon
publishes no limit: its plan here is a guess.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable

from omsdesk.sync.ratelimit import RateLimit, TokenBucket

USAGE_PLANS: dict[str, RateLimit] = {
    "searchOrders": RateLimit(capacity=20, refill_per_second=0.0056),
    "getOrder": RateLimit(capacity=30, refill_per_second=0.5),
    "confirmShipment": RateLimit(capacity=10, refill_per_second=2.0),
    "patchListingsItem": RateLimit(capacity=5, refill_per_second=5.0),
    "lwa": RateLimit(capacity=10, refill_per_second=5.0),  # guess: not documented
}


class UsagePlans:
    """The buckets of one channel (selling partner and app), by operation name."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._clock, self._sleep = clock, sleep
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()

    def bucket(self, operation: str) -> TokenBucket:
        with self._lock:
            if operation not in self._buckets:
                self._buckets[operation] = TokenBucket(
                    USAGE_PLANS.get(operation, USAGE_PLANS["getOrder"]), clock=self._clock,
                    sleep=self._sleep)
            return self._buckets[operation]

    def observe(self, operation: str, header: str | None) -> None:
        """Adopt the rate Amazon says applies (`x-amzn-RateLimit-Limit`); the burst stays."""
        try:
            rate = float(header) if header else 0.0
        except ValueError:
            return
        if rate > 0:
            bucket = self.bucket(operation)
            bucket.observe(bucket.available, bucket.capacity, rate)


class OperationLimiter(TokenBucket):
    """The HttpClient's limiter, standing for the bucket of the operation being sent.

    HttpClient knows one limiter: it takes a token before every attempt and drains the bucket
    on a 429. Amazon limits each operation on its own, so this stands in for the bucket of the
    operation the calling thread named with `use`; a retried 429 then waits for that bucket to
    refill (1/rate seconds), never spinning.
    """

    def __init__(self, plans: UsagePlans) -> None:
        super().__init__(RateLimit(1, 1))  # unused: every method below delegates
        self.plans = plans
        self._local = threading.local()

    def use(self, operation: str) -> None:
        self._local.operation = operation

    @property
    def current(self) -> TokenBucket:
        return self.plans.bucket(getattr(self._local, "operation", "getOrder"))

    @property
    def capacity(self) -> float:
        return self.current.capacity

    @property
    def available(self) -> float:
        return self.current.available

    def wait_time(self, cost: float = 1.0) -> float:
        return self.current.wait_time(cost)

    def acquire(self, cost: float = 1.0) -> float:
        return self.current.acquire(cost)

    def refund(self, amount: float) -> None:
        self.current.refund(amount)

    def observe(self, available: float, capacity: float, refill_per_second: float) -> None:
        self.current.observe(available, capacity, refill_per_second)

    def drain(self) -> None:
        self.current.drain()


_shared: dict[tuple[str, str], UsagePlans] = {}
_shared_lock = threading.Lock()


def plans_for(url: str, refresh_token: str, *, clock: Callable[[], float] | None = None,
              sleep: Callable[[float], None] | None = None) -> UsagePlans:
    """The channel's plans: kept for the process, so each sync run does not start with a full
    burst Amazon has already spent. Tests that inject a clock get buckets of their own."""
    if clock is not None or sleep is not None:
        return UsagePlans(clock=clock or time.monotonic, sleep=sleep or time.sleep)
    key = (url.rstrip("/"), hashlib.sha256(refresh_token.encode()).hexdigest())
    with _shared_lock:
        if key not in _shared:
            _shared[key] = UsagePlans()
        return _shared[key]
