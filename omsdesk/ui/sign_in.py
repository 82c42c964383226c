"""Sign-in, switch user, the idle lock and a manager's approval on the spot, for the desktop."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from omsdesk.models.errors import OmsError
from omsdesk.models.roles import Permission
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import APPROVAL_HINT, granted, users_exist
from omsdesk.services.users.policy import policy_in
from omsdesk.services.users.sign_in import sign_in, sign_in_badge

if TYPE_CHECKING:
    from omsdesk.ui.context import AppContext

# How long a manager's approval stays on this desk: one action, on the spot.
APPROVAL_SECONDS = 120


def permission_title(permission: Permission | str) -> str:
    """The permission as the clerk reads it (the same names as `omsdesk roles`)."""
    titles = {
        Permission.CREDIT_NOTE: QCoreApplication.translate("permission", "Issue credit notes and annul invoices"),
        Permission.REFUND: QCoreApplication.translate("permission", "Refund money"),
        Permission.CANCEL_PAID: QCoreApplication.translate("permission", "Cancel an order after payment"),
        Permission.PRICE_OVERRIDE: QCoreApplication.translate("permission", "Override a price beyond the limit"),
        Permission.STOCK_ADJUST: QCoreApplication.translate("permission", "Adjust and write off stock"),
        Permission.SETTINGS: QCoreApplication.translate("permission", "Change settings and channels"),
        Permission.USERS: QCoreApplication.translate("permission", "Manage users"),
    }
    return titles[Permission(permission)]


def needs_permission_tip(permission: Permission | str) -> str:
    """The tooltip of an action the signed-in role lacks."""
    return QCoreApplication.translate(
        "permission", "Needs the permission “{title}” ({code}). A manager can approve it: "
        "Ask a manager to approve (Ctrl+Shift+K).").format(title=permission_title(permission),
                                                            code=Permission(permission).value)


def refresh_session(ctx: AppContext) -> None:
    """Read whether users exist and what the actor may do now; tells every view."""
    with ctx.db.read() as s:
        ctx.users_exist = users_exist(s)
        ctx.granted = frozenset(p.value for p in granted(s, ctx.actor))
        if ctx.actor.approver_id is not None:
            manager = Actor(ctx.actor.approver or "", ctx.actor.workstation, user_id=ctx.actor.approver_id)
            ctx.granted |= {p.value for p in granted(s, manager)}
    ctx.signals.user_changed.emit()


def idle_lock_minutes(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return policy_in(s).idle_lock_minutes


class SignInDialog(QDialog):
    """Login and PIN, or a badge scanned into the login field (a scanner types the code and Enter)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, purpose: str = "sign_in",
                 reason: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.purpose = purpose
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Manager approval") if purpose == "approve" else self.tr("Sign in"))
        layout = QVBoxLayout(self)
        intro = QLabel(reason or (self.tr("A manager signs in here to approve this one action.")
                                  if purpose == "approve" else
                                  self.tr("Sign in with your login and PIN, or scan your badge.")))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Login or badge:"), self.login)
        form.addRow(self.tr("&PIN:"), self.pin)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Approve") if purpose == "approve" else self.tr("Sign in"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Enter in the login field with no PIN typed is a badge scan; with a PIN, moves on.
        self.login.returnPressed.connect(self._login_entered)
        self.pin.returnPressed.connect(self.try_sign_in)
        self.setMinimumWidth(380)

    def _login_entered(self) -> None:
        if self.purpose == "sign_in" and not self.pin.text():
            self.try_sign_in()
        else:
            self.pin.setFocus()

    def try_sign_in(self) -> None:
        """Check the login and PIN (or the badge) through the service; stays open when refused.

        One indexed read and one scrypt (about 50 ms) on the GUI thread: the dialog is modal
        and nothing else can happen until it answers.
        """
        login, pin = self.login.text().strip(), self.pin.text()
        station = self.ctx.actor.workstation
        try:
            if not pin and self.purpose == "sign_in":
                actor = sign_in_badge(self.ctx.db, login, workstation=station)
            else:
                actor = sign_in(self.ctx.db, login, pin, workstation=station, purpose=self.purpose)
        except OmsError as exc:
            self.error.setText(str(exc))
            self.pin.clear()
            self.pin.setFocus() if login else self.login.setFocus()
            return
        self.actor = actor
        self.accept()


def approve_on_the_spot(ctx: AppContext, parent: QWidget | None, refusal: str) -> Actor | None:
    """When a service refused for lack of a permission, a manager may approve with their PIN now.

    Returns the actor to run the same action again with (approved by the manager), or None when
    the refusal is another one or nobody approved. The desk's signed-in user stays the same.
    """
    if APPROVAL_HINT not in refusal or not ctx.users_exist:
        return None
    reason = refusal + "\n\n" + QCoreApplication.translate(
        "permission", "A manager can approve this now with their login and PIN.")
    dialog = SignInDialog(ctx, parent, purpose="approve", reason=reason)
    dialog.setObjectName("approval_dialog")
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    return ctx.actor.approved_by(dialog.actor)


class Session(QObject):
    """The desk's signed-in user: the first sign-in, Switch user, the idle lock, approvals."""

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._base: Actor = ctx.actor  # the signed-in user, without any approval
        self._last_input = time.monotonic()
        self.idle_minutes = 0
        self._idle = QTimer(self)
        self._idle.setInterval(15_000)
        self._idle.timeout.connect(self.check_idle)
        self._approval = QTimer(self)
        self._approval.setSingleShot(True)
        self._approval.timeout.connect(self.end_approval)
        self.locked = False

    def start(self) -> bool:
        """Sign in when users exist; False when the user gave up (the app then closes)."""
        refresh_session(self.ctx)
        if not self.ctx.users_exist:
            return True
        self.idle_minutes = idle_lock_minutes(self.ctx)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()
        return self.switch_user(first=True)

    def switch_user(self, *, first: bool = False) -> bool:
        """Ask for a sign-in; the actor changes only when someone signs in."""
        dialog = SignInDialog(self.ctx, self.window)
        dialog.setObjectName("sign_in_dialog")
        if first or self.locked:
            dialog.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return False
        self._approval.stop()
        self._base = dialog.actor
        self.ctx.actor = dialog.actor
        self.locked = False
        self._last_input = time.monotonic()
        refresh_session(self.ctx)
        return True

    def ask_approval(self, reason: str = "") -> bool:
        """A manager approves the next action of this user with their PIN (for APPROVAL_SECONDS)."""
        dialog = SignInDialog(self.ctx, self.window, purpose="approve", reason=reason)
        dialog.setObjectName("approval_dialog")
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return False
        self.ctx.actor = self._base.approved_by(dialog.actor)
        self._approval.start(APPROVAL_SECONDS * 1000)
        refresh_session(self.ctx)
        return True

    def end_approval(self) -> None:
        if self.ctx.actor.approver is not None:
            self.ctx.actor = self._base
            refresh_session(self.ctx)

    def lock(self) -> None:
        """Lock the desk: the next person signs in (the same user or another)."""
        self.locked = True
        self.end_approval()
        while not self.switch_user():
            pass  # a locked desk stays locked until someone signs in

    def check_idle(self) -> None:
        if self.idle_minutes and not self.locked and time.monotonic() - self._last_input >= self.idle_minutes * 60:
            self.lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove):
            self._last_input = time.monotonic()
        return False


def guard(ctx: AppContext, permission: Permission, *targets: QWidget | QAction) -> None:
    """Enable `targets` only while the signed-in role (or an approving manager) holds `permission`."""

    def apply() -> None:
        allowed = ctx.allows(permission.value)
        for target in targets:
            target.setEnabled(allowed)
            target.setToolTip("" if allowed else needs_permission_tip(permission))

    ctx.signals.user_changed.connect(apply)
    apply()
