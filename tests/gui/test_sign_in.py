"""The desktop with users (issue 18): setup-mode banner, sign-in at start, switch user, idle lock,
actions a clerk's role lacks disabled with the permission named, a manager's approval enabling them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.users import accounts
from omsdesk.services.users import secrets as user_secrets
from omsdesk.services.users.sign_in import sign_in
from omsdesk.ui.context import AppContext
from omsdesk.ui.inventory_view import InventoryView
from omsdesk.ui.main_window import MainWindow
from omsdesk.ui.order_detail import OrderDetailView
from omsdesk.ui.sign_in import Session, SignInDialog, refresh_session
from tests.fixtures.database import Shop
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(user_secrets, "N", 2**10)  # a hash carries its cost; the checks are the same


def _users(db: Database) -> None:
    accounts.add_user(db, actor=GUI_ACTOR, login="ana", roles="administrator", pin="1111")
    admin = sign_in(db, "ana", "1111", workstation="ws-gui-1")
    accounts.add_user(db, actor=admin, login="carlos", roles="counter", pin="3333")
    accounts.add_user(db, actor=admin, login="marta", roles="manager", pin="2222")


def _answer(qtbot: QtBot, login: str, pin: str, seen: list[str] | None = None) -> None:
    """Fill the next sign-in dialog that opens (it is modal: exec() waits for it)."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(20, fill)
            return
        if seen is not None:
            seen.append(dialog.objectName())
        dialog.login.setText(login)
        dialog.pin.setText(pin)
        dialog.try_sign_in()
        if dialog.isVisible():  # refused: say why, then give up
            if seen is not None:
                seen.append(dialog.error.text())
            dialog.reject()

    QTimer.singleShot(0, fill)


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(AppContext(db, GUI_ACTOR))
    qtbot.addWidget(window)
    window.show()
    return window


def test_setup_mode_shows_the_banner_and_asks_nobody_to_sign_in(qtbot: QtBot, sqlite_db: Database,
                                                               qsettings_tmp: Path) -> None:
    window = _window(qtbot, sqlite_db)
    assert not window.ctx.users_exist
    assert window.setup_banner.isVisible() and "create the administrator" in window.setup_banner.text()
    assert not window.switch_user_action.isEnabled()
    wait_for_pool()


def test_the_window_asks_for_a_sign_in_when_users_exist(qtbot: QtBot, sqlite_db: Database,
                                                        qsettings_tmp: Path) -> None:
    _users(sqlite_db)
    seen: list[str] = []
    _answer(qtbot, "carlos", "3333", seen)
    window = _window(qtbot, sqlite_db)
    assert seen == ["sign_in_dialog"]
    assert window.ctx.actor.user == "carlos" and window.ctx.actor.user_id is not None
    assert window.user_label.text().endswith("carlos")
    assert not window.setup_banner.isVisible()

    _answer(qtbot, "marta", "2222")
    window.switch_user_action.trigger()
    assert window.ctx.actor.user == "marta"
    wait_for_pool()


def test_a_wrong_pin_keeps_the_dialog_open_and_says_why(qtbot: QtBot, sqlite_db: Database) -> None:
    _users(sqlite_db)
    ctx = AppContext(sqlite_db, GUI_ACTOR)
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.login.setText("carlos")
    dialog.pin.setText("0000")
    dialog.try_sign_in()
    assert dialog.isVisible() and "wrong login or PIN" in dialog.error.text() and dialog.actor is None


def test_a_badge_scanned_into_the_login_field_signs_in(qtbot: QtBot, sqlite_db: Database) -> None:
    _users(sqlite_db)
    admin = sign_in(sqlite_db, "ana", "1111", workstation="ws-gui-1")
    accounts.set_badge(sqlite_db, "carlos", "BADGE-42", actor=admin)
    dialog = SignInDialog(AppContext(sqlite_db, GUI_ACTOR))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login, "BADGE-42")
    qtbot.keyClick(dialog.login, "\r")
    assert dialog.actor is not None and dialog.actor.user == "carlos"


def test_the_desk_locks_after_the_idle_time(qtbot: QtBot, sqlite_db: Database, qsettings_tmp: Path) -> None:
    _users(sqlite_db)
    _answer(qtbot, "carlos", "3333")
    window = _window(qtbot, sqlite_db)
    session = window.session
    assert isinstance(session, Session) and session.idle_minutes == 10
    session._last_input -= 11 * 60
    seen: list[str] = []
    _answer(qtbot, "marta", "2222", seen)
    session.check_idle()
    assert seen == ["sign_in_dialog"] and window.ctx.actor.user == "marta" and not session.locked
    wait_for_pool()


def _as(ctx: AppContext, actor: Actor) -> AppContext:
    ctx.actor = actor
    refresh_session(ctx)
    return ctx


def test_a_clerk_sees_refund_and_stock_adjustment_disabled_with_the_permission_named(
        qtbot: QtBot, sqlite_db: Database) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    sku = shop.product(price=1000)
    shop.stock(sku, 3)
    ref = shop.order_at("paid", {sku: 1})
    _users(sqlite_db)
    clerk = sign_in(sqlite_db, "carlos", "3333", workstation="ws-gui-1")
    ctx = _as(AppContext(sqlite_db, GUI_ACTOR), clerk)

    view = OrderDetailView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_order(ref)
    for action, code in (("refund", "order.refund"), ("cancel", "order.cancel_paid")):
        assert not view.buttons[action].isEnabled(), action
        assert code in view.buttons[action].toolTip()
    assert view.buttons["allocate"].isEnabled()  # everyday work stays open

    inventory = InventoryView(ctx)
    qtbot.addWidget(inventory)
    assert not inventory.adjust_action.isEnabled() and "stock.adjust" in inventory.adjust_button.toolTip()

    manager = sign_in(sqlite_db, "marta", "2222", workstation="ws-gui-1")
    _as(ctx, clerk.approved_by(manager))
    assert view.buttons["refund"].isEnabled() and inventory.adjust_action.isEnabled()
    wait_for_pool()


def test_ask_a_manager_approves_the_next_action_and_ends(qtbot: QtBot, sqlite_db: Database,
                                                         qsettings_tmp: Path) -> None:
    _users(sqlite_db)
    _answer(qtbot, "carlos", "3333")
    window = _window(qtbot, sqlite_db)
    assert not window.ctx.allows("stock.adjust")
    seen: list[str] = []
    _answer(qtbot, "marta", "2222", seen)
    window.approval_action.trigger()
    assert seen == ["approval_dialog"]
    assert window.ctx.actor.approver == "marta" and window.ctx.allows("stock.adjust")
    assert "marta" in window.user_label.text()
    window.session.end_approval()
    assert window.ctx.actor.approver is None and not window.ctx.allows("stock.adjust")
    wait_for_pool()




def test_a_price_beyond_the_clerks_limit_asks_a_manager_there_and_then(qtbot: QtBot, sqlite_db: Database) -> None:
    from PySide6.QtCore import Qt
    from sqlalchemy import select

    from omsdesk.models import AuditEntry
    from omsdesk.ui.order_editor import NewOrderDialog

    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    shop.product("ACE-1L", price=1210)
    _users(sqlite_db)
    ctx = _as(AppContext(sqlite_db, GUI_ACTOR), sign_in(sqlite_db, "carlos", "3333", workstation="ws-gui-1"))
    dialog = NewOrderDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.channel.setCurrentIndex(dialog.channel.findData("manual"))
    dialog.code.setText("ACE-1L")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(dialog.lines.rows) == 1, timeout=10_000)
    row = dialog.lines.rows[0]
    row.price.setValue(6.00)
    row.reason.setText("damaged box")
    seen: list[str] = []
    _answer(qtbot, "marta", "2222", seen)
    with qtbot.waitSignal(dialog.order_created, timeout=15_000) as created:
        dialog.create_button.click()
    assert seen == ["approval_dialog"]
    with sqlite_db.read() as s:
        rows = s.execute(select(AuditEntry.user, AuditEntry.approved_by).where(
            AuditEntry.reference == created.args[0], AuditEntry.action == "price_override")).all()
    assert [tuple(r) for r in rows] == [("carlos", "marta")]
    assert ctx.actor.approver is None  # the approval was for that order only
    wait_for_pool()
