"""The real Secret Service keyring, as a Linux desktop has it (gnome-keyring on D-Bus)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import closing, suppress

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from tests.conftest import MemoryKeyring
from tests.fixtures.servers import service_missing

pytestmark = [pytest.mark.real_keyring, pytest.mark.timeout(60)]


@pytest.fixture
def secret_service() -> Iterator[KeyringBackend]:
    """keyring's Secret Service backend, when a Secret Service answers on the session bus."""
    from keyring.backends.SecretService import Keyring

    problem = None
    try:
        # The priority check connects to D-Bus and asks for the service.
        Keyring.priority  # noqa: B018
    except Exception as exc:  # keyring raises plain RuntimeError and friends here
        problem = str(exc)
    # Outside the except block, so the report is one line, not a chained traceback.
    if problem is not None:
        service_missing(
            f"no Secret Service reachable ({problem})",
            "`make test` runs the suite with an unlocked gnome-keyring",
        )
    yield Keyring()


def _stored_secret(service: str, username: str) -> bytes | None:
    """Read the item straight from the Secret Service, bypassing keyring."""
    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        items = list(collection.search_items({"service": service, "username": username}))
        return items[0].get_secret() if items else None


def test_the_in_memory_keyring_is_not_in_place() -> None:
    assert not isinstance(keyring.get_keyring(), MemoryKeyring)


def test_password_is_stored_read_and_deleted_in_the_secret_service(
    secret_service: KeyringBackend,
) -> None:
    service = f"omsdesk-test-{uuid.uuid4().hex}"
    username = "clerk@example.es"
    password = f"s3cr3t-ñ-{uuid.uuid4().hex}"
    try:
        secret_service.set_password(service, username, password)

        assert secret_service.get_password(service, username) == password
        assert _stored_secret(service, username) == password.encode()

        secret_service.delete_password(service, username)

        assert secret_service.get_password(service, username) is None
        assert _stored_secret(service, username) is None
        with pytest.raises(PasswordDeleteError):
            secret_service.delete_password(service, username)
    finally:
        # Normally already gone; this only cleans up after a failed assertion.
        with suppress(PasswordDeleteError):
            secret_service.delete_password(service, username)
