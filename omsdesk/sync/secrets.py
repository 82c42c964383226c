"""Channel secrets in the system keyring, never in the database or the settings file."""

from __future__ import annotations

import contextlib

import keyring
import keyring.backend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringError, NoKeyringError

from omsdesk.models import OmsError
from omsdesk.sync.redaction import register_secret

SERVICE = "omsdesk-channel"
# Written, read back and removed before a channel is created, so a keyring that keeps
# nothing is found out while nothing has been written yet.
PROBE_ENTRY = "omsdesk-keyring-probe"
PROBE_VALUE = "omsdesk keeps its channel secrets here"

INSTALL_HINT = (
    "no keyring backend is available that keeps the channel secret. On a Linux desktop install "
    "and unlock a Secret Service such as GNOME Keyring (Debian: apt install gnome-keyring) or "
    "KWallet, and the Python package 'secretstorage' (pip install secretstorage); on a headless "
    "server pip install keyrings.alt and choose it explicitly "
    "(PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring, or default-keyring in "
    "keyringrc.cfg); on Windows and macOS the system keyring works out of the box"
)

# Backends that exist only to say "no keyring": `fail` raises on use, `null` silently keeps
# nothing (keyring picks neither on its own when a real one is installed, but a user can).
_KEEPS_NOTHING = ("keyring.backends.fail", "keyring.backends.null")


class SecretUnavailable(OmsError):
    """The keyring cannot be used, or holds no secret for the channel."""


def backend_name(backend: keyring.backend.KeyringBackend | None = None) -> str:
    """`keyring.backends.null.Keyring`: what the messages name, so the user knows what was found."""
    kind = type(backend or keyring.get_keyring())
    return f"{kind.__module__}.{kind.__qualname__}"


def _keeps_nothing(backend: keyring.backend.KeyringBackend) -> bool:
    if isinstance(backend, ChainerBackend):
        # An empty chain behaves like `null`: every call is a silent no-op.
        return all(_keeps_nothing(b) for b in backend.backends)
    return type(backend).__module__.startswith(_KEEPS_NOTHING)


def _refusal(detail: str = "") -> SecretUnavailable:
    found = detail or f"found {backend_name()}"
    return SecretUnavailable(f"{INSTALL_HINT} ({found})")


def check_keyring() -> None:
    """Raise SecretUnavailable, saying what to install, when the backend is one that keeps nothing.

    Cheap (no keyring call), so views may ask on every refresh; `prove_keyring` really tries.
    """
    if _keeps_nothing(keyring.get_keyring()):
        raise _refusal()


def prove_keyring() -> None:
    """Store, read back and remove a probe entry; SecretUnavailable unless the keyring kept it."""
    check_keyring()
    _set_and_read_back(PROBE_ENTRY, PROBE_VALUE)
    # It was read back, so it is there; a backend that cannot delete still keeps secrets.
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, PROBE_ENTRY)


def _set_and_read_back(entry: str, secret: str) -> None:
    try:
        keyring.set_password(SERVICE, entry, secret)
        kept = keyring.get_password(SERVICE, entry)
    except NoKeyringError:
        raise _refusal() from None
    except KeyringError as exc:
        raise SecretUnavailable(f"the keyring refused the secret: {exc}") from None
    if kept != secret:
        # set_password returned without error yet the secret is not there (a null-like or
        # broken backend): saying "stored" would leave the next sync without credentials.
        raise _refusal(f"{backend_name()} did not keep the secret it was given")


def store_secret(channel_code: str, secret: str) -> None:
    """Keep a channel's token or key in the keyring, and check that the keyring kept it."""
    if not secret.strip():
        raise SecretUnavailable("the secret is empty")
    check_keyring()
    _set_and_read_back(channel_code, secret.strip())
    register_secret(secret.strip())


def load_secret(channel_code: str, *, missing_hint: str = "") -> str:
    """The channel's secret; SecretUnavailable when there is none or no keyring.

    `missing_hint` replaces the advice given when nothing is stored (for secrets that are not
    a channel's, such as the AEAT certificate's password).
    """
    check_keyring()
    try:
        secret = keyring.get_password(SERVICE, channel_code)
    except NoKeyringError:
        raise _refusal() from None
    except KeyringError as exc:
        raise SecretUnavailable(f"the keyring cannot be read: {exc}") from None
    if not secret and missing_hint:
        raise SecretUnavailable(missing_hint)
    if not secret:
        raise SecretUnavailable(
            f"no secret stored for channel '{channel_code}': run "
            f"'omsdesk channels set-secret {channel_code}' and paste it on standard input")
    register_secret(secret)
    return secret


def delete_secret(channel_code: str) -> None:
    """Forget a channel's secret (when the channel is removed)."""
    check_keyring()
    try:
        keyring.delete_password(SERVICE, channel_code)
    except KeyringError:
        return  # nothing stored: nothing to forget
