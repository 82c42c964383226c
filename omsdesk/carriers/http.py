"""What the carrier connectors share: their HttpClient, and sync errors turned into carrier errors."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from omsdesk.carriers.base import (
    BookingRejected,
    CarrierAuthError,
    CarrierError,
    CarrierUnavailable,
)
from omsdesk.sync.errors import (
    AuthError,
    BadResponse,
    ChannelUnavailable,
    ConfigurationError,
    RateLimited,
    RequestRejected,
)
from omsdesk.sync.http import HttpClient, RetryPolicy, Timeouts
from omsdesk.sync.ratelimit import RateLimit, TokenBucket

# A carrier answers a booking in a second or two; a label printer bench must not wait 30 s.
CARRIER_TIMEOUTS = Timeouts(connect=5.0, read=20.0)


def split_secret(secret: str, carrier: str) -> tuple[str, str]:
    """`KEY:SECRET` as kept in the keyring -> (key, secret); a clear refusal otherwise."""
    key, sep, rest = secret.partition(":")
    if not sep or not key or not rest:
        raise CarrierAuthError(f"{carrier}: the stored credentials must be KEY:SECRET (public key and secret "
                               "key, or client id and client secret); add the carrier again")
    return key, rest


def make_client(name: str, *, limit: RateLimit, secrets: tuple[str, ...], **options: Any) -> HttpClient:
    """An HttpClient for one carrier account; `options` (timeouts, retry, sleep) come from the caller."""
    options.setdefault("timeouts", CARRIER_TIMEOUTS)
    options.setdefault("retry", RetryPolicy(attempts=3, connect_attempts=2, max_retry_after=30.0))
    sleep: Callable[[float], None] | None = options.get("sleep")
    limiter = TokenBucket(limit, sleep=sleep) if sleep is not None else TokenBucket(limit)
    return HttpClient(name, secrets=secrets, limiter=limiter, **options)


def body_of(excerpt: str) -> Any:
    try:
        return json.loads(excerpt)
    except ValueError:
        return None


@contextmanager
def carrier_errors(name: str, what: str, rejected: Callable[[RequestRejected], Exception]) -> Iterator[None]:
    """Turn the HTTP layer's errors into carrier errors a clerk reads: 'Sendcloud: booking ... because ...'."""
    try:
        yield
    except AuthError as exc:
        raise CarrierAuthError(f"{name}: the carrier refused the account's credentials (HTTP {exc.status}) "
                               f"while {what}; add the carrier again with the right key") from None
    except RequestRejected as exc:
        raise rejected(exc) from None
    except RateLimited as exc:
        wait = f", it asks to wait {exc.retry_after:.0f} s" if exc.retry_after else ""
        raise CarrierUnavailable(f"{name}: rate limited while {what}{wait}; tried again later") from None
    except ChannelUnavailable as exc:
        why = f"answered HTTP {exc.status}" if exc.status else "did not answer in time or could not be reached"
        raise CarrierUnavailable(f"{name}: the carrier {why} while {what}; tried again later") from None
    except BadResponse as exc:
        raise CarrierUnavailable(f"{name}: the carrier's answer could not be read while {what} "
                                 f"(HTTP {exc.status})") from None
    except ConfigurationError as exc:
        raise CarrierError(f"{name}: {exc}") from None


def plain_rejection(name: str, what: str) -> Callable[[RequestRejected], CarrierError]:
    def build(exc: RequestRejected) -> CarrierError:
        return BookingRejected(f"{name}: the carrier refused {what} (HTTP {exc.status}): {exc.body_excerpt[:200]}")
    return build
