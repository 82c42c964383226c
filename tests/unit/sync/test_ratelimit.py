"""Token bucket: waits for refills through the injected clock, follows the server's figures."""

from __future__ import annotations

import pytest

from omsdesk.sync.ratelimit import RateLimit, TokenBucket


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_a_burst_up_to_capacity_does_not_wait() -> None:
    t = FakeTime()
    bucket = TokenBucket(RateLimit(4, 2), clock=t.clock, sleep=t.sleep)
    for _ in range(4):
        bucket.acquire()
    assert t.sleeps == []


def test_beyond_capacity_waits_for_the_refill_rate() -> None:
    t = FakeTime()
    bucket = TokenBucket(RateLimit(2, 2), clock=t.clock, sleep=t.sleep)
    for _ in range(6):
        bucket.acquire()
    # Four requests beyond the burst at two per second: two seconds in all.
    assert sum(t.sleeps) == pytest.approx(2.0)


def test_observe_adopts_the_servers_bucket() -> None:
    t = FakeTime()
    bucket = TokenBucket(RateLimit(1000, 100), clock=t.clock, sleep=t.sleep)
    bucket.observe(available=50, capacity=2000, refill_per_second=100)
    assert bucket.capacity == 2000
    assert bucket.wait_time(250) == pytest.approx(2.0)
    bucket.acquire(250)
    assert sum(t.sleeps) == pytest.approx(2.0)


def test_a_cost_above_capacity_spends_the_whole_bucket_instead_of_waiting_forever() -> None:
    t = FakeTime()
    bucket = TokenBucket(RateLimit(10, 5), clock=t.clock, sleep=t.sleep)
    bucket.acquire(50)
    assert t.sleeps == []
    assert bucket.available == 0


def test_drain_makes_the_next_request_wait() -> None:
    t = FakeTime()
    bucket = TokenBucket(RateLimit(5, 5), clock=t.clock, sleep=t.sleep)
    bucket.drain()
    bucket.acquire()
    assert t.sleeps == [pytest.approx(0.2)]


def test_invalid_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        TokenBucket(RateLimit(0, 1))
