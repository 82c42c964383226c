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


class ConfigurationError(SyncError):
    """The channel's settings are wrong (address, certificate, API path): retrying cannot help.

    The sync stops trying the channel until its settings change or the user tests it again;
    the message says what to fix.
    """


class AddressNotFound(ConfigurationError):
    """The shop's host name does not exist (DNS answered that the name is not known)."""


class InvalidAddress(ConfigurationError, ValueError):
    """The shop's address is not a usable https:// URL (bad scheme, no host, bad characters)."""


class TlsError(ConfigurationError):
    """The shop's TLS certificate did not verify (wrong host, expired, unknown CA); never bypassed."""


class ApiNotFound(ConfigurationError):
    """The shop's API entry point answered 404: the address or the API version is wrong."""


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
