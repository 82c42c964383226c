"""The Sync view's channel panel: Test connection, Disable/Enable, Remove…, and the details pane."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from omsdesk.services.channels.channels import ChannelInfo
from omsdesk.services.channels.kinds import is_shop
from omsdesk.services.channels.lifecycle import disable_channel, enable_channel
from omsdesk.sync.channel_admin import (
    ConnectionReport,
    Removal,
    check_channel_connection,
    remove_channel_and_secret,
)
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import when
from omsdesk.ui.invoicing_policy_dialog import InvoicingPolicyDialog
from omsdesk.ui.product_push_dialog import ProductPushDialog
from omsdesk.ui.sync_bridge import bridge_for
from omsdesk.ui.workers import run_in_pool

# A channel whose settings are wrong: amber, unlike the pink of a failing or offline one.
CONFIG_BG = QColor("#ffe3a3")
DISABLED_FG = QColor("#7a7a7a")


class ChannelPanel(QWidget):
    """Acts on the channel selected in the Sync view through the channel services, in the pool."""

    channel_changed = Signal(str)  # tested, disabled, enabled or removed: the view reloads
    message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.channel: ChannelInfo | None = None
        self.pending = 0
        self.tests: dict[str, ConnectionReport] = {}
        self.busy = False
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setToolTip(self.tr("Reach the shop with the saved address and secret: address, "
                                            "certificate, credentials and (Shopify) permissions"))
        self.test_button.clicked.connect(self.test_connection)
        self.toggle_button = QPushButton(self.tr("Disable"))
        self.toggle_button.clicked.connect(self.toggle_active)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setToolTip(self.tr("Archive the channel: its orders, SKU mappings and history stay"))
        self.remove_button.clicked.connect(self.remove)
        self.invoicing_button = QPushButton(self.tr("Invoicing…"))
        self.invoicing_button.setToolTip(self.tr("When this channel's orders are invoiced automatically"))
        self.invoicing_button.clicked.connect(self.edit_invoicing)
        self.products_button = QPushButton(self.tr("Preview product push…"))
        self.products_button.setToolTip(self.tr("What sending the catalogue's titles, descriptions, "
                                                "prices, EANs and stock would change on this shop"))
        self.products_button.clicked.connect(self.preview_products)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Select a channel to see its state and its last error in full"))
        self.details.setMaximumHeight(140)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.test_button)
        bar.addWidget(self.toggle_button)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.invoicing_button)
        bar.addWidget(self.products_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.details)
        self.show_channel(None)

    # -- what a channel's state means -----------------------------------------------------

    def state_of(self, info: ChannelInfo) -> tuple[str, str]:
        """(short state for the table, what the user can do about it)."""
        health = info.health
        if health == "disabled":
            return self.tr("Disabled"), self.tr("Not synced. Enable it to sync again; its orders are kept.")
        if health == "config":
            return self.tr("Settings wrong"), self.tr(
                "Not retried until its settings change or you press Test connection. A mistyped "
                "address: remove the channel and add it again with the right one in Settings → Channels.")
        if health == "auth":
            return self.tr("Credentials refused"), self.tr(
                "Check the key or token of this channel in Settings → Channels.")
        if health == "offline":
            return self.tr("Offline"), self.tr("The shop cannot be reached now; the sync keeps trying.")
        if health == "failing":
            return self.tr("Failing"), self.tr("The last runs failed; see the error below and the Runs tab.")
        return self.tr("OK"), ""

    def show_channel(self, info: ChannelInfo | None, pending: int = 0) -> None:
        """Show the selected channel (None: nothing selected) and set the buttons for it."""
        self.channel, self.pending = info, pending
        self.test_button.setEnabled(info is not None and is_shop(info.kind) and not self.busy)
        self.toggle_button.setEnabled(info is not None and not self.busy)
        self.remove_button.setEnabled(info is not None and not self.busy)
        self.invoicing_button.setEnabled(info is not None)
        self.products_button.setEnabled(info is not None and is_shop(info.kind) and info.active)
        self.toggle_button.setText(self.tr("Enable") if info is not None and not info.active
                                   else self.tr("Disable"))
        if info is None:
            self.details.setPlainText("")
            return
        state, advice = self.state_of(info)
        lines = [f"{info.name} ({info.code}, {info.kind})", info.url,
                 self.tr("State: {state}").format(state=state)]
        if advice:
            lines.append(advice)
        lines.append(self.tr("Last success: {when}").format(when=when(info.last_success_at) or self.tr("never")))
        if info.last_error:
            lines += ["", self.tr("Last error:"), info.last_error]
        if info.warnings:
            lines += ["", self.tr("Warnings:"), info.warnings]
        test = self.tests.get(info.code)
        if test is not None:
            lines += ["", self.tr("Test connection: OK") if test.ok else self.tr("Test connection: failed")]
            lines += [self.tr("Problem: {text}").format(text=p) for p in test.problems]
            lines += [self.tr("Note: {text}").format(text=n) for n in test.notes]
        self.details.setPlainText("\n".join(lines))

    # -- actions -------------------------------------------------------------------------

    def edit_invoicing(self) -> InvoicingPolicyDialog | None:
        """The automatic invoicing policy of the selected channel."""
        if self.channel is None:
            return None
        dialog = InvoicingPolicyDialog(self.ctx, title=self.tr("Automatic invoicing of this channel"),
                                       channel=self.channel.code, parent=self)
        dialog.open()
        return dialog

    def preview_products(self) -> ProductPushDialog | None:
        """The product push plan of the selected shop, with Send."""
        if self.channel is None:
            return None
        dialog = ProductPushDialog(self.ctx, self.channel.code, parent=self)
        dialog.open()
        return dialog

    def _start(self) -> str | None:
        if self.channel is None:
            self.message.emit(self.tr("Choose a channel first"))
            return None
        self.busy = True
        self.show_channel(self.channel, self.pending)
        return self.channel.code

    def _finish(self, code: str, text: str) -> None:
        self.busy = False
        bridge = bridge_for(self.ctx)
        if bridge is not None:
            bridge.refresh_channels()  # the scheduler drops or adds the channel's jobs
        self.message.emit(text)
        self.channel_changed.emit(code)

    def _refused(self, text: str) -> None:
        self.busy = False
        if self.channel is not None:
            self.show_channel(self.channel, self.pending)
        QMessageBox.warning(self, self.tr("Channel"), text)
        self.message.emit(text)

    def test_connection(self) -> None:
        """Reach the shop of the selected channel; a success lets the sync try it again."""
        code = self._start()
        if code is None:
            return
        db = self.ctx.db

        def done(report: ConnectionReport) -> None:
            self.tests[code] = report
            self._finish(code, self.tr("{channel}: connection OK").format(channel=code) if report.ok else
                         self.tr("{channel}: {n} problem(s), see the details").format(
                             channel=code, n=len(report.problems)))

        run_in_pool(self.ctx.pool, lambda: check_channel_connection(db, code), done, self._refused)

    def toggle_active(self) -> None:
        """Disable the selected channel, or enable it again."""
        enable = self.channel is not None and not self.channel.active
        code = self._start()
        if code is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        action = enable_channel if enable else disable_channel

        def done(_change: Any) -> None:
            self._finish(code, self.tr("{channel} enabled: the sync serves it again").format(channel=code)
                         if enable else
                         self.tr("{channel} disabled: the sync leaves it alone").format(channel=code))

        run_in_pool(self.ctx.pool, lambda: action(db, code, actor=actor), done, self._refused)

    def confirm_removal(self, code: str, pending: int) -> bool:
        """Ask before removing; says what stays and what is dropped."""
        text = self.tr("Remove channel {channel}? Its orders, SKU mappings and sync history stay; it leaves "
                       "the sync and this list, and its secret is deleted from the keyring.").format(channel=code)
        if pending:
            text += "\n\n" + self.tr("{n} message(s) for it were not delivered yet (shipments, cancellations, "
                                     "stock): they will not be sent.").format(n=pending)
        answer = QMessageBox.question(self, self.tr("Remove channel"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def remove(self) -> None:
        """Archive the selected channel after a confirmation."""
        if self.channel is None:
            self.message.emit(self.tr("Choose a channel first"))
            return
        pending = self.pending
        if not self.confirm_removal(self.channel.code, pending):
            return
        code = self._start()
        if code is None:
            return
        db, actor = self.ctx.db, self.ctx.actor

        def done(removal: Removal) -> None:
            self.tests.pop(code, None)
            text = self.tr("{channel} removed; its orders and history are kept").format(channel=code)
            if not removal.secret_deleted:
                text += " " + self.tr("(its secret could not be deleted from the keyring)")
            self._finish(code, text)

        # The user was told about the undelivered messages: only then is the removal forced.
        run_in_pool(self.ctx.pool, lambda: remove_channel_and_secret(db, code, actor=actor, force=pending > 0),
                    done, self._refused)
