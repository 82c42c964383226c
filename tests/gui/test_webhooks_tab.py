"""Settings › Webhooks: add (the secret shown once, kept in the keyring), send a test to a real receiver, remove."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.webhooks import delivery_log, secret_entry, subscriptions
from omsdesk.sync.secrets import SERVICE
from omsdesk.ui.context import AppContext
from omsdesk.ui.i18n import install_translator
from omsdesk.ui.settings_view import SettingsView
from tests.conftest import MemoryKeyring
from tests.fixtures.gui_data import wait_for_pool
from tests.integration.test_webhooks import Receiver, verify
from tests.integration.test_webhooks import receiver as receiver  # noqa: F401 (the fixture)


@pytest.fixture
def english() -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    install_translator(app, "en")
    yield


def _view(qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SettingsView:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    view = SettingsView(AppContext(db, Actor("admin", "office-1")))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.tabs.setCurrentWidget(view.webhooks)
    return view


def test_add_test_and_remove_a_webhook(qtbot: QtBot, sqlite_db: Database, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring,
                                       receiver: Receiver, english: None) -> None:  # noqa: F811
    view = _view(qtbot, sqlite_db, tmp_path, monkeypatch)
    tab = view.webhooks
    tab.add_button.click()  # nothing chosen: refused with the service's message
    qtbot.waitUntil(lambda: "URL" in tab.banner.text(), timeout=10_000)
    tab.url.setText(receiver.url)
    tab.events["order.created"].setChecked(True)
    tab.events["invoice.issued"].setChecked(True)
    tab.add_button.click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10_000)
    secret = tab.secret.text()
    assert secret.startswith("whsec_")
    (sub,) = subscriptions(sqlite_db)
    assert memory_keyring.passwords[(SERVICE, secret_entry(sub.id))] == secret
    assert sub.events == ("order.created", "invoice.issued")
    assert tab.table.item(0, 2).text() == "order.created, invoice.issued"
    tab.table.selectRow(0)
    tab.test_button.click()
    qtbot.waitUntil(lambda: "204" in tab.banner.text(), timeout=10_000)
    (got,) = receiver.got
    assert verify(secret, got.headers, got.body)
    assert [r.event for r in delivery_log(sqlite_db)] == ["ping"]
    tab.table.selectRow(0)
    tab.remove_button.click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0, timeout=10_000)
    assert subscriptions(sqlite_db) == []
    assert (SERVICE, secret_entry(sub.id)) not in memory_keyring.passwords
    wait_for_pool()


def test_the_tab_in_spanish(qtbot: QtBot, sqlite_db: Database, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    install_translator(app, "es")
    try:
        view = _view(qtbot, sqlite_db, tmp_path, monkeypatch)
        assert view.tabs.tabText(view.tabs.currentIndex()) == "Webhooks"
        assert view.webhooks.add_button.text() == "Añadir webhook"
        wait_for_pool()
    finally:
        install_translator(app, "en")
