"""Channel secrets in the system keyring, never in the database or the settings file."""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, NoKeyringError

from omsdesk.models import OmsError
from omsdesk.sync.redaction import register_secret

SERVICE = "omsdesk-channel"

INSTALL_HINT = (
    "no keyring backend is available to keep the channel secret. On a Linux desktop install "
    "and unlock GNOME Keyring (Debian: apt install gnome-keyring) or KWallet, and the Python "
    "package 'secretstorage' (pip install secretstorage); on Windows and macOS the system "
    "keyring works out of the box"
)


class SecretUnavailable(OmsError):
    """The keyring cannot be used, or holds no secret for the channel."""


def check_keyring() -> None:
    """Raise SecretUnavailable, saying what to install, when no keyring backend is usable."""
    _usable()


def _usable() -> None:
    # keyring falls back to its `fail` backend, which raises on use; say what to install.
    if type(keyring.get_keyring()).__module__.startswith("keyring.backends.fail"):
        raise SecretUnavailable(INSTALL_HINT)


def store_secret(channel_code: str, secret: str) -> None:
    """Keep a channel's token or key in the keyring."""
    if not secret.strip():
        raise SecretUnavailable("the secret is empty")
    _usable()
    try:
        keyring.set_password(SERVICE, channel_code, secret.strip())
    except NoKeyringError:
        raise SecretUnavailable(INSTALL_HINT) from None
    except KeyringError as exc:
        raise SecretUnavailable(f"the keyring refused the secret: {exc}") from None
    register_secret(secret.strip())


def load_secret(channel_code: str) -> str:
    """The channel's secret; SecretUnavailable when there is none or no keyring."""
    _usable()
    try:
        secret = keyring.get_password(SERVICE, channel_code)
    except NoKeyringError:
        raise SecretUnavailable(INSTALL_HINT) from None
    except KeyringError as exc:
        raise SecretUnavailable(f"the keyring cannot be read: {exc}") from None
    if not secret:
        raise SecretUnavailable(
            f"no secret stored for channel '{channel_code}': run "
            f"'omsdesk channels set-secret {channel_code}' and paste it on standard input")
    register_secret(secret)
    return secret


def delete_secret(channel_code: str) -> None:
    """Forget a channel's secret (when the channel is removed)."""
    _usable()
    try:
        keyring.delete_password(SERVICE, channel_code)
    except KeyringError:
        return  # nothing stored: nothing to forget
