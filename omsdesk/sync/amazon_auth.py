"""Amazon channel secret (LWA client id, client secret, refresh token) and the access-token cache.

Login with Amazon (LWA), as "Connect to the SP-API" describes it
(developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api): POST to
https://api.amazon.com/auth/o2/token with `grant_type=refresh_token`, `refresh_token`,
`client_id` and `client_secret` (form encoded); the answer carries `access_token`,
`token_type: bearer` and `expires_in` (3600: "An LWA access token expires one hour after it is
issued"); the access token goes in the `x-amz-access-token` header of every SP-API call.
Errors are OAuth 2.0 JSON (`{"error": "invalid_grant", "error_description": ...}`, HTTP 400;
`invalid_client`, HTTP 401 when the client id or secret is wrong).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from omsdesk.sync.errors import AuthError, BadResponse, RequestRejected
from omsdesk.sync.http import HttpClient
from omsdesk.sync.redaction import register_secret

log = logging.getLogger(__name__)

LWA_TOKEN_URL = "https://api.amazon.com/auth/o2/token"
# Refresh a little before the documented hour is up, so no call goes out with a token that
# expires on the way.
EXPIRY_MARGIN = 60.0
SECRET_HINT = ('JSON {"client_id": ..., "client_secret": ..., "refresh_token": "Atzr|..."} '
               "or client_id:client_secret:refresh_token")


@dataclass(frozen=True)
class LwaCredentials:
    """The app's LWA client and the seller's refresh token (the channel secret)."""

    client_id: str
    client_secret: str
    refresh_token: str

    def __repr__(self) -> str:
        return f"LwaCredentials(client_id={self.client_id!r})"


def parse_secret(secret: str) -> LwaCredentials:
    """The credentials in a channel secret; ValueError saying what is wrong (no secret in it)."""
    text = (secret or "").strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            raise ValueError("the Amazon secret starts like JSON but is not valid JSON; give "
                             + SECRET_HINT) from None
        if not isinstance(data, dict):
            raise ValueError("the Amazon secret must be a JSON object: " + SECRET_HINT)
        parts = [str(data.get(k) or "").strip() for k in ("client_id", "client_secret",
                                                           "refresh_token")]
        missing = [k for k, v in zip(("client_id", "client_secret", "refresh_token"), parts,
                                     strict=True) if not v]
        if missing:
            raise ValueError("the Amazon secret lacks " + ", ".join(missing) + ": " + SECRET_HINT)
    else:
        parts = [p.strip() for p in text.split(":")]
        if len(parts) != 3 or not all(parts):
            raise ValueError("an Amazon secret has three parts, the LWA client id, client secret "
                             "and refresh token: " + SECRET_HINT)
    client_id, client_secret, refresh_token = parts
    if refresh_token.startswith("Atza|"):
        # The most common slip: the access token (one hour) pasted instead of the refresh token.
        raise ValueError("the third part is an LWA access token (Atza|...), which expires within "
                         "the hour; give the refresh token (Atzr|...) from Seller Central's app "
                         "authorisation instead")
    return LwaCredentials(client_id, client_secret, refresh_token)


def secret_problem(secret: str) -> str | None:
    """Why `secret` cannot be an Amazon channel secret, or None."""
    try:
        parse_secret(secret)
    except ValueError as exc:
        return str(exc)
    return None


class AccessTokens:
    """One channel's LWA access token: fetched on first use, kept until shortly before expiry."""

    def __init__(self, http: HttpClient, credentials: LwaCredentials, *, url: str = LWA_TOKEN_URL,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.http = http
        self.credentials = credentials
        self.url = url
        self._clock = clock
        self._token = ""
        self._expires_at = 0.0
        self.exchanges = 0

    def token(self) -> str:
        """A valid access token, exchanging the refresh token when none is held or it expired."""
        if not self._token or self._clock() >= self._expires_at - EXPIRY_MARGIN:
            return self.refresh()
        return self._token

    def invalidate(self) -> None:
        """Forget the token (Amazon refused it: expired early or revoked)."""
        self._token, self._expires_at = "", 0.0

    def refresh(self) -> str:
        """Exchange the refresh token for a new access token; AuthError saying what to fix."""
        creds = self.credentials
        body = urlencode({"grant_type": "refresh_token", "refresh_token": creds.refresh_token,
                          "client_id": creds.client_id, "client_secret": creds.client_secret})
        channel = self.http.channel
        try:
            response = self.http.request(
                "POST", self.url, data=body,
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"})
        except RequestRejected as exc:
            if "invalid_grant" in exc.body_excerpt:
                raise AuthError(
                    f"{channel}: Login with Amazon refused the refresh token (invalid_grant): the "
                    "seller may have revoked the app's authorisation, or the token was mistyped; "
                    "authorise the app again in Seller Central and store the new refresh token "
                    "with 'omsdesk channels set-secret'", channel=channel, status=400) from None
            raise AuthError(f"{channel}: Login with Amazon refused the token request (HTTP "
                            f"{exc.status}): {exc.body_excerpt}", channel=channel,
                            status=exc.status) from None
        except AuthError as exc:
            raise AuthError(f"{channel}: Login with Amazon refused the app's client id or client "
                            f"secret (HTTP {exc.status}, invalid_client): check both in the "
                            "channel secret", channel=channel, status=exc.status) from None
        data = response.json()
        token = data.get("access_token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise BadResponse(f"{channel}: Login with Amazon answered without an access token",
                              channel=channel, status=response.status)
        try:
            lifetime = float(data.get("expires_in") or 3600)
        except (TypeError, ValueError):
            lifetime = 3600.0
        register_secret(token)  # never in a log line or an error message
        self._token, self._expires_at = token, self._clock() + lifetime
        self.exchanges += 1
        log.debug("%s: LWA access token obtained, valid %.0fs", channel, lifetime)
        return token
