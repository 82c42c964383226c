"""Settings › Outgoing mail: the SMTP server, sender and password (keyring), a test send, which channels mail buyers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from omsdesk.models.errors import OmsError
from omsdesk.services.buyer_mail import ChannelMailSwitch, channel_switches, set_buyer_mail
from omsdesk.services.channels.mail import (
    DEFAULT_PORTS,
    MAIL_CODE,
    MailSettings,
    mail_settings,
    set_mail_settings,
    valid_address,
)
from omsdesk.sync import secrets
from omsdesk.sync.errors import SyncError
from omsdesk.sync.mail import mail_password, send_test_mail
from omsdesk.ui.banner import Banner
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool


@dataclass(frozen=True)
class TestOutcome:
    ok: bool
    text: str


class MailTab(QWidget):
    """The form is filled from one read in the pool; saving and the test send run there too."""

    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.banner = Banner(hide_when_empty=True)
        self.host = QLineEdit()
        self.host.setObjectName("mail_host")
        self.host.setPlaceholderText(self.tr("e.g. smtp.example.com"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORTS["starttls"])
        self.security = QComboBox()
        self.security.addItem(self.tr("STARTTLS (usually port 587)"), "starttls")
        self.security.addItem(self.tr("TLS (usually port 465)"), "ssl")
        self.security.addItem(self.tr("None (only a server on this computer)"), "none")
        self.security.activated.connect(self._default_port)
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("empty: the server takes mail without login"))
        self.password = QLineEdit()
        self.password.setObjectName("mail_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kept in the system keyring; empty keeps the stored one"))
        self.from_address = QLineEdit()
        self.from_address.setObjectName("mail_from")
        self.from_address.setPlaceholderText(self.tr("e.g. hola@mitienda.es"))
        self.sender_name = QLineEdit()
        self.sender_name.setPlaceholderText(self.tr("e.g. the shop's name"))
        self.tracking_url = QLineEdit()
        self.tracking_url.setPlaceholderText("https://…{tracking}")
        self.save_button = QPushButton(self.tr("Save mail settings"))
        self.save_button.clicked.connect(self.save)
        server = QGroupBox(self.tr("Outgoing mail server"))
        form = QFormLayout(server)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Security"), self.security)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Sender address"), self.from_address)
        form.addRow(self.tr("Sender name"), self.sender_name)
        form.addRow(self.tr("Tracking page of the manual carrier"), self.tracking_url)
        form.addRow("", self.save_button)

        test = QGroupBox(self.tr("Test"))
        self.test_to = QLineEdit()
        self.test_to.setObjectName("mail_test_to")
        self.test_to.setPlaceholderText(self.tr("recipient address"))
        self.test_button = QPushButton(self.tr("Send a test message"))
        self.test_button.clicked.connect(self.send_test)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        trow = QHBoxLayout(test)
        trow.addWidget(self.test_to, 1)
        trow.addWidget(self.test_button)

        layout = QVBoxLayout(self)
        layout.addWidget(server)
        layout.addWidget(test)
        layout.addWidget(self.test_result)
        layout.addStretch(1)
        layout.addWidget(self.banner)
        self.load()

    # -- loading ---------------------------------------------------------------

    def load(self) -> None:
        db = self.ctx.db

        run_in_pool(self.ctx.pool, lambda: mail_settings(db), self._show, self.banner.refuse)

    def _show(self, settings: MailSettings | None) -> None:
        if settings is not None:
            self.host.setText(settings.host)
            self.port.setValue(settings.port)
            self.security.setCurrentIndex(max(0, self.security.findData(settings.security)))
            self.user.setText(settings.user)
            self.from_address.setText(settings.from_address)
            self.sender_name.setText(settings.sender_name)
            self.tracking_url.setText(settings.tracking_url)

    def _default_port(self) -> None:
        # Choosing a security suggests its usual port; a port typed for a known default follows it.
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[str(self.security.currentData())])

    # -- actions ---------------------------------------------------------------

    def save(self) -> None:
        """Validate through the service; the password, if typed, goes to the keyring after the check."""
        db, actor = self.ctx.db, self.ctx.actor
        host, port, security = self.host.text(), self.port.value(), str(self.security.currentData())
        user, sender, name, url = (self.user.text(), self.from_address.text(), self.sender_name.text(),
                                   self.tracking_url.text())
        password = self.password.text()

        def work() -> MailSettings:
            if password:
                secrets.prove_keyring()  # before anything is written, as `mail set --password-stdin`
            done = set_mail_settings(db, host=host, port=port, security=security, user=user, from_address=sender,
                                     sender_name=name, tracking_url=url, actor=actor)
            if password:
                secrets.store_secret(MAIL_CODE, password)
            return done

        run_in_pool(self.ctx.pool, work, self._saved, self._refused)

    def _saved(self, settings: MailSettings) -> None:
        self.password.clear()
        self.banner.show_message(self.tr("Outgoing mail saved: {host}:{port}").format(
            host=settings.host, port=settings.port), "ok")
        self.saved.emit()

    def _refused(self, message: str) -> None:
        self.banner.refuse(self.tr("Not saved: {reason}").format(reason=message))

    def send_test(self) -> None:
        """Send through the stored settings (save first); the server's answer is shown as it said it."""
        db, to = self.ctx.db, self.test_to.text()

        def work() -> TestOutcome:
            address = valid_address(to, "recipient")
            settings = mail_settings(db)
            if settings is None:
                raise OmsError("outgoing mail is not set up: save the server first")
            try:
                send_test_mail(settings, mail_password(settings), address)
            except SyncError as exc:
                return TestOutcome(False, str(exc))
            return TestOutcome(True, f"{address} · {settings.host}:{settings.port}")

        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Sending…"))
        run_in_pool(self.ctx.pool, work, self._tested, self._test_refused)

    def _tested(self, outcome: TestOutcome) -> None:
        self.test_button.setEnabled(True)
        if outcome.ok:
            self.test_result.setText(self.tr("Test message sent: {detail}").format(detail=outcome.text))
            self.test_result.setStyleSheet("color: #1d5e2b;")
        else:
            self.test_result.setText(self.tr("The test message did not go: {reason}").format(reason=outcome.text))
            self.test_result.setStyleSheet("color: #a52119;")

    def _test_refused(self, message: str) -> None:
        self._tested(TestOutcome(False, message))



class BuyerMailSwitches(QGroupBox):
    """Settings › Channels: one checkbox per sales channel, whether its buyers are e-mailed."""

    def __init__(self, ctx: AppContext, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("E-mail buyers (order confirmed, shipped, delivered, delivery failed)"))
        self.ctx = ctx
        self.banner = banner
        self.boxes: dict[str, QCheckBox] = {}
        self.row = QVBoxLayout()
        note = QLabel(self.tr("Marketplaces and web shops tell their buyers themselves: they are off "
                              "unless switched on here."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(self.row)
        layout.addWidget(note)
        self.load()

    def load(self) -> None:
        db = self.ctx.db
        run_in_pool(self.ctx.pool, lambda: channel_switches(db), self._show, self.banner.refuse)

    def _show(self, switches: list[ChannelMailSwitch]) -> None:
        for box in self.boxes.values():
            self.row.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        for sw in switches:
            box = QCheckBox(f"{sw.name} ({sw.code})")
            box.setObjectName(f"buyer_mail_{sw.code}")
            box.setChecked(sw.on)
            box.toggled.connect(lambda on, code=sw.code: self.switch(code, on))
            self.row.addWidget(box)
            self.boxes[sw.code] = box

    def switch(self, code: str, on: bool) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        run_in_pool(self.ctx.pool, lambda: set_buyer_mail(db, code, on, actor=actor), self._switched,
                    self.banner.refuse)

    def _switched(self, sw: ChannelMailSwitch) -> None:
        text = self.tr("Buyers of {channel} are e-mailed") if sw.on else self.tr("Buyers of {channel} are not e-mailed")
        self.banner.show_message(text.format(channel=sw.code), "ok")
