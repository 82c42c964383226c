"""Settings › Users: add users, disable or enable them, reset a PIN, change roles (administrators)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.models.errors import OmsError
from omsdesk.models.roles import ROLE_PERMISSIONS, Permission, Role
from omsdesk.services.users import accounts
from omsdesk.services.users.accounts import UserInfo
from omsdesk.ui.banner import Banner
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import when
from omsdesk.ui.sign_in import guard, permission_title, refresh_session


def role_title(role: Role | str) -> str:
    return {
        Role.COUNTER: QCoreApplication.translate("role", "Counter clerk"), Role.WAREHOUSE: QCoreApplication.translate("role", "Warehouse"),
        Role.SALES: QCoreApplication.translate("role", "Sales / back office"), Role.MANAGER: QCoreApplication.translate("role", "Manager"),
        Role.ADMINISTRATOR: QCoreApplication.translate("role", "Administrator"),
    }[Role(role)]


class RolesBox(QWidget):
    """One check box per role; each one's tooltip lists what it grants (from the roles table)."""

    def __init__(self, checked: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Role, QCheckBox] = {}
        for role, perms in ROLE_PERMISSIONS.items():
            box = QCheckBox(role_title(role))
            box.setObjectName(f"role_{role.value}")
            box.setChecked(role.value in checked)
            box.setToolTip("\n".join(permission_title(p) for p in Permission if p in perms)
                           or self.tr("Everyday work only"))
            layout.addWidget(box)
            self.boxes[role] = box

    def roles(self) -> list[str]:
        return [r.value for r, box in self.boxes.items() if box.isChecked()]


class UserDialog(QDialog):
    """A new user: login, name, roles, PIN twice and an optional badge."""

    def __init__(self, parent: QWidget | None = None, *, first: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create the administrator") if first else self.tr("New user"))
        form = QFormLayout(self)
        self.login = QLineEdit()
        self.name = QLineEdit()
        self.roles = RolesBox((Role.ADMINISTRATOR.value,) if first else (Role.COUNTER.value,))
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.badge = QLineEdit()
        self.badge.setEchoMode(QLineEdit.EchoMode.Password)
        self.badge.setPlaceholderText(self.tr("optional: scan the badge"))
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("Roles:"), self.roles)
        form.addRow(self.tr("&PIN:"), self.pin)
        form.addRow(self.tr("PIN &again:"), self.pin_again)
        form.addRow(self.tr("&Badge:"), self.badge)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(380)

    def _check(self) -> None:
        if self.pin.text() != self.pin_again.text():
            self.error.setText(self.tr("The two PINs differ"))
            return
        self.accept()


class PinDialog(QDialog):
    """A new PIN, typed twice."""

    def __init__(self, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New PIN for {login}").format(login=login))
        form = QFormLayout(self)
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN:"), self.pin)
        form.addRow(self.tr("PIN &again:"), self.pin_again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class UsersTab(QWidget):
    """The users of this shop (every desk on PostgreSQL); changing them needs users.manage."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[UserInfo] = []
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Login"), self.tr("Name"), self.tr("Roles"),
                                              self.tr("State"), self.tr("Last sign-in")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.toggle_button = QPushButton(self.tr("Disable / enable"))
        self.pin_button = QPushButton(self.tr("Reset PIN…"))
        self.roles_button = QPushButton(self.tr("Roles…"))
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button.clicked.connect(self.toggle_user)
        self.pin_button.clicked.connect(self.reset_pin)
        self.roles_button.clicked.connect(self.change_roles)
        self.banner = Banner(hide_when_empty=True)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.toggle_button, self.pin_button, self.roles_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        guard(ctx, Permission.USERS, self.add_button, self.toggle_button, self.pin_button, self.roles_button)
        ctx.signals.user_changed.connect(self.load)

    def load(self) -> None:
        """The users table (a handful of rows: read here, not in a worker)."""
        self.users = accounts.list_users(self.ctx.db)
        self.table.setRowCount(len(self.users))
        for row, u in enumerate(self.users):
            state = (self.tr("disabled") if u.disabled else self.tr("service account") if u.service
                     else self.tr("active"))
            cells = (u.login, u.display_name, ", ".join(role_title(r) for r in u.roles), state,
                     when(u.last_sign_in_at) if u.last_sign_in_at else self.tr("never"))
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)

    def selected(self) -> UserInfo | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _run(self, change: object, done: str) -> None:
        try:
            if callable(change):
                change()
        except OmsError as exc:
            self.banner.refuse(self.tr("Not saved: {reason}").format(reason=exc))
            return
        self.banner.show_message(done, "ok")
        refresh_session(self.ctx)  # the first user ends setup mode; a role change changes menus

    def add_user(self) -> None:
        dialog = UserDialog(self, first=not self.ctx.users_exist)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        login = dialog.login.text()
        self._run(lambda: accounts.add_user(
            self.ctx.db, actor=self.ctx.actor, login=login, roles=dialog.roles.roles(), pin=dialog.pin.text(),
            display_name=dialog.name.text(), badge=dialog.badge.text() or None),
            self.tr("User {login} added").format(login=login.strip().lower()))

    def toggle_user(self) -> None:
        user = self.selected()
        if user is None:
            return
        change = accounts.enable_user if user.disabled else accounts.disable_user
        self._run(lambda: change(self.ctx.db, user.login, actor=self.ctx.actor),
                  self.tr("User {login} enabled").format(login=user.login) if user.disabled
                  else self.tr("User {login} disabled").format(login=user.login))

    def reset_pin(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = PinDialog(user.login, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.pin.text() != dialog.pin_again.text():
            self.banner.refuse(self.tr("The two PINs differ"))
            return
        self._run(lambda: accounts.reset_pin(self.ctx.db, user.login, dialog.pin.text(), actor=self.ctx.actor),
                  self.tr("New PIN for {login}").format(login=user.login))

    def change_roles(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Roles of {login}").format(login=user.login))
        box = RolesBox(user.roles, dialog)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(box)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(lambda: accounts.set_roles(self.ctx.db, user.login, box.roles(), actor=self.ctx.actor),
                  self.tr("Roles of {login} changed").format(login=user.login))
