"""Settings: channel secrets go to the keyring only, workstation printers to the settings file."""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree import ElementTree

import keyring
import keyring.backends.fail
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from omsdesk.config import settings_file
from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.invoicing.company import get_company
from omsdesk.ui.context import AppContext
from omsdesk.ui.counter import CounterView
from omsdesk.ui.i18n import install_translator, resources_dir
from omsdesk.ui.settings_view import SettingsView, printer_test_page
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
    # Where the sync connectors read it (omsdesk.sync.secrets).
    assert memory_keyring.passwords[("omsdesk-channel", "shopify-es")] == SECRET
    assert view.channel_secret.text() == ""
    assert view.channels.item(0, 4).text() == "stored in keyring"
    view.queue_boxes["receipt"].setCurrentText("Receipts-80mm")
    view.save_button.click()
    stored = settings_file().read_text(encoding="utf-8")
    assert SECRET not in stored
    saved = json.loads(stored)
    assert saved["printers"]["receipt"]["queue"] == "Receipts-80mm"
    # Nothing chosen: the till keeps the first warehouse by priority (MAD), not the first by name.
    assert saved["counter_warehouse"] == "MAD"
    view.forget_secret_button.click()
    assert ("omsdesk-channel", "shopify-es") not in memory_keyring.passwords
    assert view.channels.item(0, 4).text() == "none"


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


@pytest.mark.cups
def test_test_page_reaches_the_chosen_queue(qtbot: QtBot, settings_view: SettingsView, cups_pdf_queue) -> None:  # type: ignore[no-untyped-def]
    view = settings_view
    view.queue_boxes["packing_slip"].setCurrentText(cups_pdf_queue.name)
    view.printers.setCurrentCell(2, 0)  # packing slip row
    view.print_test_page()
    qtbot.waitUntil(lambda: "Test page sent" in view.banner.text(), timeout=30000)
    job = int(view.banner.text().rsplit("-", 1)[1].rstrip(")"))
    printed = PdfReader(str(cups_pdf_queue.wait_for_pdf(job)))
    assert len(printed.pages) == 1 and round(float(printed.pages[0].mediabox.width)) == 595  # A4
    # cups-pdf re-encodes the fonts, so the words are checked on the page as sent.
    sent = PdfReader(io.BytesIO(printer_test_page(cups_pdf_queue.name, "packing_slip")))
    assert " ".join(sent.pages[0].extract_text().split()) == f"omsdesk test page: packing_slip -> {cups_pdf_queue.name}"


def test_find_printers_lists_the_cups_queues(qtbot: QtBot, settings_view: SettingsView,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.documents.printing import PrintQueue
    from omsdesk.ui import settings_view as module

    monkeypatch.setattr(module, "list_queues", lambda: [PrintQueue("Office-A4", "idle", True),
                                                        PrintQueue("Zebra", "disabled")])
    settings_view.refresh_queues()
    qtbot.waitUntil(lambda: "Office-A4" in settings_view.queue_status.text(), timeout=10000)
    combo = settings_view.queue_boxes["label"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "Office-A4", "Zebra"]
    assert "default" in settings_view.queue_status.text()


def test_a_new_shop_channel_is_registered_with_its_secret_in_the_keyring(
        qtbot: QtBot, settings_view: SettingsView, memory_keyring: MemoryKeyring) -> None:
    from omsdesk.services.channels.channels import list_channels

    view = settings_view
    view.new_kind.setCurrentText("woocommerce")
    view.new_name.setText("Tienda Núñez")  # QTest.keyClicks aborts on non-ASCII characters
    qtbot.keyClicks(view.new_url, "http://shop.example.com")    # not https: refused
    qtbot.keyClicks(view.new_secret, "ck_123:cs_456")
    view.add_channel_button.click()
    assert view.banner.level == "error" and "https://" in view.banner.text()
    view.new_url.setText("https://shop.example.com")
    view.add_channel_button.click()
    assert view.banner.level == "ok", view.banner.text()
    assert [(c.code, c.kind) for c in list_channels(view.ctx.db)] == [
        ("shopify-es", "shopify"), ("tienda-nunez", "woocommerce")]
    assert memory_keyring.passwords[("omsdesk-channel", "tienda-nunez")] == "ck_123:cs_456"
    assert view.channels.item(1, 4).text() == "stored in keyring" and view.new_secret.text() == ""


def test_a_new_channel_is_not_added_when_the_keyring_would_lose_its_secret(
        qtbot: QtBot, settings_view: SettingsView) -> None:
    import keyring.backends.null

    from omsdesk.services.channels.channels import list_channels

    keyring.set_keyring(keyring.backends.null.Keyring())  # keeps nothing; the autouse fixture restores
    view = settings_view
    view.new_kind.setCurrentText("woocommerce")
    view.new_name.setText("Tienda Sur")
    view.new_url.setText("https://sur.example.com")
    qtbot.keyClicks(view.new_secret, "ck_1:cs_2")
    view.add_channel_button.click()
    assert view.banner.level == "error" and "not added" in view.banner.text()
    assert [c.code for c in list_channels(view.ctx.db)] == ["shopify-es"]


def test_the_label_printer_format_is_chosen_saved_and_used(qtbot: QtBot, settings_view: SettingsView) -> None:
    """Issue 13 point 8: a ZPL queue gets ZPL in its own dots, never a PDF."""
    from omsdesk.ui.print_dialogs import label_payload, profile_for
    from tests.unit.documents.samples import make_label

    view = settings_view
    assert [view.format_boxes["invoice"].itemText(i) for i in range(view.format_boxes["invoice"].count())] == ["PDF"]
    box = view.format_boxes["label"]
    view.queue_boxes["label"].setCurrentText("Zebra-300")
    box.setCurrentIndex(box.findData("zpl-300"))
    view.save_button.click()
    saved = json.loads(settings_file().read_text(encoding="utf-8"))
    assert saved["printers"]["label"] == {"queue": "Zebra-300", "media": "", "copies": 1, "format": "zpl", "dpi": 300}
    profile = profile_for(saved, "label")
    assert profile is not None and (profile.format, profile.dpi) == ("zpl", 300)
    data, extension = label_payload(saved, [make_label()])
    assert extension == "zpl" and b"^PW1200" in data and not data.startswith(b"%PDF")
    view.load()
    assert box.currentData() == "zpl-300"
    box.setCurrentIndex(box.findData("pdf"))
    data, extension = label_payload(view.workstation_settings(), [make_label()])
    assert extension == "pdf" and data.startswith(b"%PDF")
