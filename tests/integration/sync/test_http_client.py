"""The shared HTTP client against a loopback server: retries, 429, timeouts, auth, redaction."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from email.utils import formatdate

import pytest

from omsdesk.sync.http import (
    AuthError,
    BadResponse,
    ChannelUnavailable,
    HttpClient,
    RateLimited,
    RequestRejected,
    RetryPolicy,
    Timeouts,
)
from omsdesk.sync.redaction import install_log_redaction
from omsdesk.sync.simulator import LocalShopServer, RecordedRequest, Reply, json_reply
from tests.fixtures.marketplaces import SleepRecorder

TOKEN = "tok_live_5b1f0c9d7e3a2b4c6d8e"


class EchoShop(LocalShopServer):
    """Answers {"ok": true, "path": ...} to requests carrying the right bearer token."""

    def authorized(self, request: RecordedRequest) -> bool:
        return request.header("Authorization") == f"Bearer {TOKEN}"

    def handle(self, request: RecordedRequest) -> Reply:
        if request.path == "/bad-request":
            return json_reply({"code": "rest_invalid_param", "message": "per_page"}, 400)
        return json_reply({"ok": True, "path": request.path, "name": "Begoña Núñez"})


@pytest.fixture
def shop() -> Iterator[EchoShop]:
    server = EchoShop()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def client(sleeps: SleepRecorder, token: str = TOKEN, **kwargs: object) -> HttpClient:
    return HttpClient("tienda", secrets=[token], headers={"Authorization": f"Bearer {token}"},
                      sleep=sleeps, rng=lambda: 0.5, **kwargs)  # type: ignore[arg-type]


def test_a_good_answer_is_decoded_with_unicode_intact(shop: EchoShop, sleeps: SleepRecorder) -> None:
    data, response = client(sleeps).get_json(f"{shop.url}/orders")
    assert data == {"ok": True, "path": "/orders", "name": "Begoña Núñez"}
    assert response.status == 200
    assert sleeps.delays == []


def test_429_waits_the_retry_after_seconds_then_succeeds(shop: EchoShop,
                                                          sleeps: SleepRecorder) -> None:
    shop.fail(429, times=2, retry_after="3")
    data, _ = client(sleeps).get_json(f"{shop.url}/orders")
    assert data["ok"] is True
    assert sleeps.delays == [3.0, 3.0]
    assert len(shop.requests) == 3


def test_retry_after_as_an_http_date_is_honoured(shop: EchoShop, sleeps: SleepRecorder) -> None:
    now = time.time()
    shop.fail(429, retry_after=formatdate(now + 10, usegmt=True))
    http = client(sleeps, wall_clock=lambda: now)
    http.get_json(f"{shop.url}/orders")
    assert 9.0 <= sleeps.delays[0] <= 10.0


def test_a_retry_after_beyond_our_patience_raises_rate_limited_at_once(
        shop: EchoShop, sleeps: SleepRecorder) -> None:
    shop.fail(429, retry_after="3600")
    with pytest.raises(RateLimited) as caught:
        client(sleeps).get_json(f"{shop.url}/orders")
    assert caught.value.retry_after == 3600
    assert sleeps.delays == []
    assert len(shop.requests) == 1


def test_500_then_success_retries_with_backoff(shop: EchoShop, sleeps: SleepRecorder) -> None:
    shop.fail(500, times=1)
    shop.fail(503, times=1)
    data, _ = client(sleeps).get_json(f"{shop.url}/orders")
    assert data["ok"] is True
    assert len(shop.requests) == 3
    # rng 0.5 means no jitter: 0.5 s then 1 s.
    assert sleeps.delays == [0.5, 1.0]


def test_backoff_grows_exponentially_within_the_jitter_band() -> None:
    http = HttpClient("x", retry=RetryPolicy(backoff_base=1, backoff_max=8, jitter=0.25),
                      rng=lambda: 1.0)
    assert [http.backoff(n) for n in range(1, 6)] == [1.25, 2.5, 5.0, 10.0, 10.0]
    low = HttpClient("x", retry=RetryPolicy(backoff_base=1, jitter=0.25), rng=lambda: 0.0)
    assert low.backoff(1) == 0.75


def test_persistent_5xx_gives_channel_unavailable_after_the_allowed_attempts(
        shop: EchoShop, sleeps: SleepRecorder) -> None:
    shop.fail(502, times=10)
    with pytest.raises(ChannelUnavailable, match="502"):
        client(sleeps, retry=RetryPolicy(attempts=3)).get_json(f"{shop.url}/orders")
    assert len(shop.requests) == 3


def test_a_slow_answer_times_out_and_is_retried(shop: EchoShop, sleeps: SleepRecorder) -> None:
    shop.slow(1.0, times=1)
    http = client(sleeps, timeouts=Timeouts(connect=1, read=0.2))
    data, _ = http.get_json(f"{shop.url}/orders")
    assert data["ok"] is True
    assert len(shop.requests) == 2


def test_timeouts_every_time_give_channel_unavailable(shop: EchoShop,
                                                      sleeps: SleepRecorder) -> None:
    shop.slow(0.6, times=3)
    http = client(sleeps, timeouts=Timeouts(connect=1, read=0.15), retry=RetryPolicy(attempts=3))
    with pytest.raises(ChannelUnavailable, match="timed out after 3"):
        http.get_json(f"{shop.url}/orders")


def test_network_down_fails_fast(sleeps: SleepRecorder) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    http = client(sleeps, retry=RetryPolicy(attempts=5, connect_attempts=2))
    started = time.monotonic()
    with pytest.raises(ChannelUnavailable, match="unreachable after 2"):
        http.get_json(f"http://127.0.0.1:{port}/orders")
    assert time.monotonic() - started < 2.0
    assert len(sleeps.delays) == 1


def test_a_dropped_connection_is_retried(shop: EchoShop, sleeps: SleepRecorder) -> None:
    shop.drop(times=1)
    data, _ = client(sleeps).get_json(f"{shop.url}/orders")
    assert data["ok"] is True
    assert len(shop.requests) == 2


def test_a_malformed_body_raises_bad_response_with_an_excerpt(shop: EchoShop,
                                                             sleeps: SleepRecorder) -> None:
    shop.malformed()
    with pytest.raises(BadResponse) as caught:
        client(sleeps).get_json(f"{shop.url}/orders")
    assert caught.value.body_excerpt.startswith('{"orders"')
    assert caught.value.status == 200


def test_401_raises_auth_error_without_any_retry(shop: EchoShop, sleeps: SleepRecorder) -> None:
    wrong = "tok_wrong_000000000000"
    with pytest.raises(AuthError) as caught:
        client(sleeps, token=wrong).get_json(f"{shop.url}/orders")
    assert caught.value.status == 401
    assert len(shop.requests) == 1
    assert sleeps.delays == []
    assert wrong not in str(caught.value)


def test_other_4xx_raise_request_rejected_with_the_shops_message(
        shop: EchoShop, sleeps: SleepRecorder) -> None:
    with pytest.raises(RequestRejected, match="per_page") as caught:
        client(sleeps).get_json(f"{shop.url}/bad-request")
    assert caught.value.status == 400
    assert len(shop.requests) == 1


def test_credentials_are_refused_over_plain_http_to_another_host(sleeps: SleepRecorder) -> None:
    with pytest.raises(ValueError, match="https"):
        client(sleeps).get_json("http://tienda.example/orders")


def test_tls_verification_stays_on() -> None:
    http = HttpClient("x")
    assert http._session.verify is True


def test_secrets_never_reach_the_log(shop: EchoShop, sleeps: SleepRecorder,
                                     caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction()
    shop.fail(500, times=1)
    secret = "cs_query_secret_7777777"
    http = HttpClient("tienda", secrets=[TOKEN, secret],
                      headers={"Authorization": f"Bearer {TOKEN}"}, sleep=sleeps)
    with caplog.at_level(logging.DEBUG):
        http.get_json(f"{shop.url}/orders", params={"consumer_secret": secret})
    assert "retrying" in caplog.text
    assert "/orders" in caplog.text
    assert secret not in caplog.text
    assert TOKEN not in caplog.text


def test_a_creating_request_is_not_repeated_after_a_5xx(shop: EchoShop,
                                                        sleeps: SleepRecorder) -> None:
    shop.fail(502)
    with pytest.raises(ChannelUnavailable):
        client(sleeps).send_json("POST", f"{shop.url}/notes", {"note": "x"}, idempotent=False)
    assert len(shop.requests) == 1


def test_a_creating_request_is_not_repeated_after_a_read_timeout(shop: EchoShop,
                                                                 sleeps: SleepRecorder) -> None:
    shop.slow(0.6)
    http = client(sleeps, timeouts=Timeouts(connect=1, read=0.15))
    with pytest.raises(ChannelUnavailable, match="may have applied"):
        http.send_json("POST", f"{shop.url}/notes", {"note": "x"}, idempotent=False)
    assert len(shop.requests) == 1


def test_a_creating_request_is_repeated_after_a_429(shop: EchoShop,
                                                    sleeps: SleepRecorder) -> None:
    shop.fail(429, retry_after="2")
    assert client(sleeps).send_json("POST", f"{shop.url}/notes", {"n": 1}, idempotent=False)["ok"]
    assert len(shop.requests) == 2
