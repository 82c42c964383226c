"""Settings › Outgoing mail and the buyer-mail switches, and dismissing an inbox item with a note (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import AuditEntry, OutboxMessage
from omsdesk.services.buyer_mail import channel_switches
from omsdesk.services.channels.mail import MAIL_CODE, mail_settings
from omsdesk.services.context import Actor
from omsdesk.ui.context import AppContext
from omsdesk.ui.exceptions_view import ExceptionsView
from omsdesk.ui.mail_settings import MailTab
from omsdesk.ui.settings_view import SettingsView
from tests.conftest import MemoryKeyring
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool
from tests.fixtures.smtp import SmtpServer

PASSWORD = "smtp-secret-never-in-a-file"


@pytest.fixture
def settings_view(qtbot: QtBot, sqlite_db: Database, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> SettingsView:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    shop.marketplace("shopify-es")
    sku = shop.product()
    shop.order({sku: 1}, channel="phone")
    view = SettingsView(AppContext(sqlite_db, Actor("admin", "office-1")))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def _fill(tab: MailTab, server: SmtpServer) -> None:
    tab.host.setText(server.host)
    tab.security.setCurrentIndex(tab.security.findData("none"))
    tab.port.setValue(server.port)
    tab.from_address.setText("hola@tiendasol.example")
    tab.sender_name.setText("Tienda Sol")


def test_mail_settings_are_saved_the_password_goes_to_the_keyring_and_a_test_goes_out(
        qtbot: QtBot, settings_view: SettingsView, smtp_server: SmtpServer, memory_keyring: MemoryKeyring,
        tmp_path: Path) -> None:
    tab = settings_view.mail
    settings_view.tabs.setCurrentWidget(tab)
    _fill(tab, smtp_server)
    tab.user.setText("")
    tab.password.setText(PASSWORD)
    with qtbot.waitSignal(tab.saved, timeout=10_000):
        tab.save_button.click()
    saved = mail_settings(settings_view.ctx.db)
    assert saved is not None
    assert (saved.host, saved.port, saved.security, saved.sender_name) == (
        smtp_server.host, smtp_server.port, "none", "Tienda Sol")
    assert memory_keyring.get_password("omsdesk-channel", MAIL_CODE) == PASSWORD
    assert tab.password.text() == ""
    assert not any(PASSWORD in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file()
                   and p.suffix in (".json", ".toml", ".ini"))
    tab.test_to.setText("yo@tiendasol.example")
    tab.test_button.click()
    qtbot.waitUntil(lambda: tab.test_result.text().startswith("Test message sent"), timeout=10_000)
    assert [r.recipients for r in smtp_server.inbox] == [["yo@tiendasol.example"]]
    settings_view.grab().save(str(tmp_path / "mail_settings_en.png"))


def test_a_refusal_is_shown_as_the_server_said_it(qtbot: QtBot, settings_view: SettingsView,
                                                  smtp_server: SmtpServer) -> None:
    tab = settings_view.mail
    _fill(tab, smtp_server)
    with qtbot.waitSignal(tab.saved, timeout=10_000):
        tab.save()
    smtp_server.refuse["nadie@tiendasol.example"] = "550 5.1.1 no such mailbox"
    tab.test_to.setText("nadie@tiendasol.example")
    tab.send_test()
    qtbot.waitUntil(lambda: "did not go" in tab.test_result.text(), timeout=10_000)
    assert "550 5.1.1 no such mailbox" in tab.test_result.text()


def test_a_bad_sender_is_refused_with_the_reason(qtbot: QtBot, settings_view: SettingsView) -> None:
    tab = settings_view.mail
    tab.host.setText("smtp.example.com")
    tab.from_address.setText("hola")
    tab.save()
    qtbot.waitUntil(lambda: "not an e-mail address" in settings_view.mail.banner.text(), timeout=10_000)
    assert mail_settings(settings_view.ctx.db) is None


def test_the_channels_tab_switches_a_channels_buyer_mails(qtbot: QtBot, settings_view: SettingsView) -> None:
    boxes = settings_view.buyer_mail.boxes
    qtbot.waitUntil(lambda: {"phone", "shopify-es"} <= set(settings_view.buyer_mail.boxes), timeout=10_000)
    boxes = settings_view.buyer_mail.boxes
    assert boxes["phone"].isChecked() and not boxes["shopify-es"].isChecked()
    boxes["shopify-es"].setChecked(True)
    db = settings_view.ctx.db
    qtbot.waitUntil(lambda: {s.code: s.on for s in channel_switches(db)}["shopify-es"], timeout=10_000)
    wait_for_pool()


def test_an_inbox_item_is_dismissed_with_a_note(qtbot: QtBot, sqlite_db: Database,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite_db.write() as s:
        s.add(OutboxMessage(topic="buyer.email", key="buyer:1", idempotency_key="buyer-mail:1:confirmed",
                            payload={}, status="failed", last_error="550 5.1.1 no such mailbox"))
    view = ExceptionsView(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(view.items) == 1, timeout=10_000)
    view.table.selectRow(0)
    assert view.dismiss_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("la clienta llamará", True))
    with qtbot.waitSignal(view.acted, timeout=10_000) as acted:
        view.dismiss_button.click()
    assert acted.args[0] == "dismiss"
    qtbot.waitUntil(lambda: view.items == [], timeout=10_000)
    with sqlite_db.read() as s:
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "dismiss"))
    assert entry.reason.startswith("la clienta llamará") and entry.user == GUI_ACTOR.user
