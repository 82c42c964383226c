"""Preview product push…: the plan for a shop in a table, nothing sent until Send (local WooCommerce)."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.channels.channels import add_channel
from omsdesk.sync.secrets import store_secret
from omsdesk.ui.context import AppContext
from omsdesk.ui.product_push_dialog import ProductPushDialog
from tests.fixtures.database import ACTOR
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool
from tests.fixtures.product_shops import WooProductShop
from tests.integration.sync.test_product_push import SECRETS, catalogue


def test_the_dialog_shows_the_plan_sends_nothing_then_sends_on_send(
        qtbot: QtBot, sqlite_db: Database, woo_products: WooProductShop,
        memory_keyring: Any) -> None:
    catalogue(sqlite_db, "woocommerce")
    add_channel(sqlite_db, kind="woocommerce", name="Local", code="local", url=woo_products.url,
                actor=ACTOR, settings={"prices_include_tax": "true"})
    store_secret("local", SECRETS["woocommerce"])
    dialog = ProductPushDialog(AppContext(sqlite_db, actor=GUI_ACTOR), "local")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=15_000)
    model = dialog.model
    rows = {model.data(model.index(r, 0)): model.data(model.index(r, 1))
            for r in range(model.rowCount())}
    assert rows == {"ACE-OLV-500": "update", "JAR-TAL-01": "unchanged",
                    "MIE-ROM-500": "create", "TUR-JIJ-300": "update"}
    assert "Would create 1, update 2" in dialog.summary.text()
    assert dialog.send_button.isEnabled()
    assert woo_products.writes() == []
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=15_000)
    assert "Created 1, updated 2, 0 failed" in dialog.summary.text()
    done = {model.data(model.index(r, 0)): model.data(model.index(r, 1))
            for r in range(model.rowCount())}
    assert done["MIE-ROM-500"] == "create: done"
    assert any(p["sku"] == "MIE-ROM-500" for p in woo_products.products.values())
    wait_for_pool()
