"""Suite-wide setup: headless Qt, the fixture plugins, and an in-memory keyring for every test."""

from __future__ import annotations

import os

# Qt reads this when the first QGuiApplication is made; set it before any test
# module imports PySide6, so the suite never needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Windows built by tests never start the background sync (omsdesk/ui/sync_bridge.py).
os.environ.setdefault("OMSDESK_NO_SCHEDULER", "1")

from collections.abc import Iterator  # noqa: E402

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import pytest  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402

# Each fixture module registers here; append yours.
pytest_plugins = [
    "tests.fixtures.servers",
    "tests.fixtures.marketplaces",
    "tests.fixtures.product_shops",
    "tests.fixtures.database",
    "tests.fixtures.tryton",
    "tests.fixtures.odoo_server",
    "tests.fixtures.gui_data",
    "tests.fixtures.smtp",
    "tests.fixtures.aeat_server",
]


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps passwords in a dict, for one test."""

    # Below fail.Keyring (0): keyring's own discovery never picks this class;
    # only the fixture below installs it.
    priority = -10

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError(f"no password for {username!r} at {service!r}") from None


@pytest.fixture(autouse=True)
def memory_keyring(request: pytest.FixtureRequest) -> Iterator[MemoryKeyring | None]:
    """Put an empty in-memory keyring in place, unless the test is marked real_keyring."""
    if request.node.get_closest_marker("real_keyring") is not None:
        yield None
        return
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def qt_garbage_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a Qt test: let its pool work finish, then collect its garbage on this (the GUI) thread.

    Otherwise Python's cyclic GC may run later inside a pool worker of another test and destroy
    Qt objects there, which crashes the process (seen as a segfault while a worker queried).
    """
    yield
    if "qtbot" not in request.fixturenames:
        return
    import gc

    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(30_000)
    gc.collect()


# tryfirst: pytest-xdist reads the groups in its own collection hook, which otherwise ran before
# this one on the workers, so the groups were never seen and their tests ran on both workers.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test` runs two workers) some tests must share one worker.

    - The tests that print through the CUPS queues: the label queue prints to a single device
      file that each job replaces, so two label jobs at once would read each other's output.
    - The tests on the shared 200,000-order demo file: a main window started on it runs the sync
      (which imports demo-shop orders), so a reader on another worker could see counts change
      under it.
    """
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "zpl_queue" in names or "cups_pdf_queue" in names or item.get_closest_marker("cups"):
            item.add_marker(pytest.mark.xdist_group("cups"))
        elif "demo_200k" in names or "demo_200k_copy" in names:
            item.add_marker(pytest.mark.xdist_group("demo200k"))
