"""Settings: channel secrets go to the keyring only, workstation printers to the settings file."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from omsdesk.config import settings_file
from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.invoice_company import get_company
from omsdesk.ui.context import AppContext
from omsdesk.ui.counter import CounterView
from omsdesk.ui.i18n import install_translator, resources_dir
from omsdesk.ui.settings_view import SettingsView
from tests.conftest import MemoryKeyring
from tests.fixtures.database import Shop

SECRET = "shpat_0123456789abcdef-never-in-a-file"


@pytest.fixture
def settings_view(qtbot: QtBot, sqlite_db: Database, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> SettingsView:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD", "BCN"))
    shop.marketplace("shopify-es")
    view = SettingsView(AppContext(sqlite_db, Actor("admin", "office-1")))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def test_channel_secret_goes_to_the_keyring_and_never_to_the_settings_file(
        qtbot: QtBot, settings_view: SettingsView, memory_keyring: MemoryKeyring) -> None:
    view = settings_view
    view.channel_code.setCurrentText("shopify-es")
    qtbot.keyClicks(view.channel_secret, SECRET)
    view.store_secret_button.click()
    assert memory_keyring.passwords[("omsdesk", "channel:shopify-es")] == SECRET
    assert view.channel_secret.text() == ""
    assert view.channels.item(0, 2).text() == "stored in keyring"
    view.queue_boxes["receipt"].setCurrentText("Receipts-80mm")
    view.save_button.click()
    stored = settings_file().read_text(encoding="utf-8")
    assert SECRET not in stored
    saved = json.loads(stored)
    assert saved["printers"]["receipt"]["queue"] == "Receipts-80mm"
    # Nothing chosen: the till keeps the first warehouse by priority (MAD), not the first by name.
    assert saved["counter_warehouse"] == "MAD"


def test_without_a_keyring_backend_the_view_says_what_to_install(
        qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the autouse fixture restores it
    view = SettingsView(AppContext(sqlite_db, Actor("admin", "office-1")))
    qtbot.addWidget(view)
    assert "gnome-keyring" in view.keyring_note.text()
    assert not view.store_secret_button.isEnabled()


def test_company_with_an_invalid_tax_id_is_not_saved(qtbot: QtBot, settings_view: SettingsView) -> None:
    view = settings_view
    view.company_fields["name"].setText("Tienda Demo SL")
    view.company_fields["tax_id"].setText("B12345670")   # wrong check digit
    view.save_button.click()
    assert view.banner.level == "error"
    assert get_company(view.ctx.db).tax_id == ""
    view.company_fields["tax_id"].setText("B12345674")
    view.company_fields["series_simplified"].setText("TK")
    view.save_button.click()
    company = get_company(view.ctx.db)
    assert (company.name, company.tax_id, company.series_simplified) == ("Tienda Demo SL", "B12345674", "TK")


def test_spanish_translation_turns_the_till_into_spanish_and_english_restores_it(
        qtbot: QtBot, qapp: QApplication, sqlite_db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    ctx = AppContext(sqlite_db, Actor("clerk", "till-1"))
    try:
        assert install_translator(qapp, "es")
        assert QCoreApplication.translate("PickPackView", "Pack and print (F10)") == "Embalar e imprimir (F10)"
        spanish = CounterView(ctx)
        qtbot.addWidget(spanish)
        assert spanish.cash_button.text() == "Efectivo (F2)"
    finally:
        install_translator(qapp, "en")
    english = CounterView(ctx)
    qtbot.addWidget(english)
    assert english.cash_button.text() == "Cash (F2)"


def test_every_translatable_string_has_a_spanish_translation() -> None:
    ts = resources_dir() / "translations" / "omsdesk_es.ts"
    messages = list(ElementTree.parse(ts).iter("message"))
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation") is not None and m.find("translation").get("type") == "unfinished"]  # type: ignore[union-attr]
    assert len(messages) > 300 and unfinished == []
