"""Errors of the sync layer, with messages a clerk can act on and no secret in them."""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure; `channel` names the channel concerned."""

    def __init__(self, message: str, *, channel: str = "") -> None:
        super().__init__(message)
        self.channel = channel


class AuthError(SyncError):
    """The shop refused our credentials (HTTP 401/403): retrying cannot help."""

    def __init__(self, message: str, *, channel: str = "", status: int = 401) -> None:
        super().__init__(message, channel=channel)
        self.status = status


class RateLimited(SyncError):
    """The shop asked us to slow down for longer than we are willing to wait in a run."""

    def __init__(self, message: str, *, channel: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, channel=channel)
        self.retry_after = retry_after


class ChannelUnavailable(SyncError):
    """The shop cannot be reached (network down, timeouts, 5xx) after the retries allowed.

    After a 5xx, `status` and `body_excerpt` keep what the server said (0 and '' otherwise).
    """

    def __init__(
        self, message: str, *, channel: str = "", status: int = 0, body_excerpt: str = ""
    ) -> None:
        super().__init__(message, channel=channel)
        self.status = status
        self.body_excerpt = body_excerpt


class TlsError(ChannelUnavailable):
    """The shop's TLS certificate did not verify; never retried, never bypassed."""


class BadResponse(SyncError):
    """The shop answered with a body we cannot read (malformed JSON, unexpected shape)."""

    def __init__(
        self, message: str, *, channel: str = "", status: int = 0, body_excerpt: str = ""
    ) -> None:
        super().__init__(message, channel=channel)
        self.status = status
        self.body_excerpt = body_excerpt


class RequestRejected(SyncError):
    """The shop refused one request as invalid (4xx other than auth and rate limit)."""

    def __init__(
        self, message: str, *, channel: str = "", status: int = 400, body_excerpt: str = ""
    ) -> None:
        super().__init__(message, channel=channel)
        self.status = status
        self.body_excerpt = body_excerpt


class UnsupportedOperation(SyncError):
    """The connector does not offer this operation (for example pulling products)."""
