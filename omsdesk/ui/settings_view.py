"""Settings: company and invoice series, this workstation's printers and counter, channel credentials and buyer
mails, outgoing mail, language, backups."""

from __future__ import annotations

from typing import Any

import keyring
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QPdfWriter, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from omsdesk.config import save_settings
from omsdesk.documents.printing import list_queues, print_bytes
from omsdesk.models.errors import OmsError
from omsdesk.models.roles import Permission
from omsdesk.queries import lookups
from omsdesk.services.channels.channels import add_channel, list_channels
from omsdesk.services.channels.kinds import shop_kinds
from omsdesk.services.counter import default_shop_warehouse
from omsdesk.services.invoicing.company import Company, get_company, set_company
from omsdesk.services.validation import valid_tax_id
from omsdesk.sync import secrets
from omsdesk.ui.backup_view import BackupTab
from omsdesk.ui.banner import Banner
from omsdesk.ui.context import AppContext
from omsdesk.ui.i18n import LANGUAGES, install_translator
from omsdesk.ui.mail_settings import BuyerMailSwitches, MailTab
from omsdesk.ui.print_dialogs import DOCUMENT_TYPES, output_dir, profile_for
from omsdesk.ui.sign_in import guard
from omsdesk.ui.users_tab import UsersTab
from omsdesk.ui.webhooks_settings import WebhooksTab
from omsdesk.ui.workers import run_in_pool

_COMPANY_TEXT = ("name", "tax_id", "address", "postcode", "city", "province", "country", "email",
                 "phone", "logo_path", "series_ordinary", "series_simplified", "series_rectifying")


def keyring_missing() -> bool:
    """True when keyring found no usable backend (it then falls back to one that always fails)."""
    try:
        secrets.check_keyring()
    except secrets.SecretUnavailable:
        return True
    return False


def printer_test_page(queue: str, doc_type: str) -> bytes:
    """A one-page A4 PDF naming the queue and document type, drawn with Qt."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("omsdesk test page")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(20, 20, 20, 20)))
    painter = QPainter(writer)
    font = painter.font()
    font.setPointSize(18)
    painter.setFont(font)
    painter.drawText(200, 600, f"omsdesk test page: {doc_type} -> {queue}")
    painter.end()
    buffer.close()
    return bytes(data.data())


class SettingsView(QWidget):
    settings_saved = Signal(dict)
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.company_fields: dict[str, QLineEdit] = {}
        self.tabs = QTabWidget()
        self.banner = Banner(hide_when_empty=True)
        self.company_page = self._company_tab()
        self.tabs.addTab(self.company_page, self.tr("Company and invoices"))
        self.tabs.addTab(self._printers_tab(), self.tr("Printers"))
        self.tabs.addTab(self._workstation_tab(), self.tr("Counter and language"))
        self.channels_page = self._channels_tab()
        self.tabs.addTab(self.channels_page, self.tr("Channels"))
        self.mail = MailTab(ctx)
        self.tabs.addTab(self.mail, self.tr("Outgoing mail"))
        self.backups = BackupTab(ctx)
        self.tabs.addTab(self.backups, self.tr("Backups"))
        self.users_tab = UsersTab(ctx)
        self.tabs.addTab(self.users_tab, self.tr("Users"))
        self.webhooks = WebhooksTab(ctx)
        self.tabs.addTab(self.webhooks, self.tr("Webhooks"))
        guard(ctx, Permission.SETTINGS, self.company_page, self.channels_page, self.webhooks)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.banner, 1)
        bottom.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self.load()

    # -- tabs ------------------------------------------------------------------

    def _company_tab(self) -> QWidget:
        page = QWidget()
        company = QGroupBox(self.tr("Company (printed on every invoice)"))
        form = QFormLayout(company)
        labels = {"name": self.tr("Name"), "tax_id": self.tr("Tax id (NIF)"), "address": self.tr("Address"),
                  "postcode": self.tr("Postcode"), "city": self.tr("City"), "province": self.tr("Province"),
                  "country": self.tr("Country"), "email": self.tr("Email"), "phone": self.tr("Phone"),
                  "logo_path": self.tr("Logo")}
        for name, label in labels.items():
            edit = QLineEdit()
            edit.setObjectName(name)
            self.company_fields[name] = edit
            if name == "logo_path":
                browse = QPushButton(self.tr("Browse..."))
                browse.clicked.connect(self.choose_logo)
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(browse)
                form.addRow(label, row)
            else:
                form.addRow(label, edit)
        self.tax_id_hint = QLabel()
        form.addRow("", self.tax_id_hint)
        self.company_fields["tax_id"].textChanged.connect(self.check_tax_id)

        series = QGroupBox(self.tr("Invoice series"))
        sform = QFormLayout(series)
        for name, label in (("series_ordinary", self.tr("Ordinary invoices")),
                            ("series_simplified", self.tr("Simplified invoices (counter)")),
                            ("series_rectifying", self.tr("Credit notes"))):
            edit = QLineEdit()
            edit.setMaxLength(8)
            edit.setObjectName(name)
            self.company_fields[name] = edit
            sform.addRow(label, edit)
        self.payment_days = QSpinBox()
        self.payment_days.setRange(0, 365)
        self.payment_days.setSuffix(self.tr(" days"))
        sform.addRow(self.tr("Payment terms"), self.payment_days)
        self.simplified_limit = QSpinBox()
        self.simplified_limit.setRange(0, 3000)
        self.simplified_limit.setSuffix(" EUR")
        sform.addRow(self.tr("Simplified invoice limit"), self.simplified_limit)
        layout = QHBoxLayout(page)
        layout.addWidget(company, 3, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(series, 2, Qt.AlignmentFlag.AlignTop)
        return page

    def _printers_tab(self) -> QWidget:
        page = QWidget()
        self.printers = QTableWidget(len(DOCUMENT_TYPES), 5)
        self.printers.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Printer queue"),
                                                 self.tr("Format"), self.tr("Media"), self.tr("Copies")])
        self.printers.verticalHeader().setVisible(False)
        self.printers.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.printers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        names = {"receipt": self.tr("Receipt (80 mm)"), "invoice": self.tr("Invoice"),
                 "packing_slip": self.tr("Packing slip"), "label": self.tr("Shipping label"),
                 "pick_list": self.tr("Pick list")}
        self.queue_boxes: dict[str, QComboBox] = {}
        self.media_edits: dict[str, QLineEdit] = {}
        self.copies_spins: dict[str, QSpinBox] = {}
        self.format_boxes: dict[str, QComboBox] = {}
        for row, doc_type in enumerate(DOCUMENT_TYPES):
            item = QTableWidgetItem(names[doc_type])
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setData(Qt.ItemDataRole.UserRole, doc_type)
            self.printers.setItem(row, 0, item)
            combo = QComboBox()
            combo.setEditable(True)  # a queue on a remote CUPS may not be listed here
            line = combo.lineEdit()
            if line is not None:
                line.setPlaceholderText(self.tr("none: save the PDF"))
            media = QLineEdit()
            media.setPlaceholderText(self.tr("default"))
            copies = QSpinBox()
            copies.setRange(1, 9)
            self.queue_boxes[doc_type], self.media_edits[doc_type], self.copies_spins[doc_type] = (
                combo, media, copies)
            fmt = QComboBox()
            fmt.setObjectName(f"format_{doc_type}")
            fmt.addItem(self.tr("PDF"), "pdf")
            if doc_type == "label":
                # A Zebra-type label printer takes ZPL in its own dots; a PDF would print as text.
                fmt.addItem(self.tr("ZPL, 203 dpi"), "zpl-203")
                fmt.addItem(self.tr("ZPL, 300 dpi"), "zpl-300")
            self.format_boxes[doc_type] = fmt
            self.printers.setCellWidget(row, 1, combo)
            self.printers.setCellWidget(row, 2, fmt)
            self.printers.setCellWidget(row, 3, media)
            self.printers.setCellWidget(row, 4, copies)
        self.printers.verticalHeader().setDefaultSectionSize(38)
        table_height = (self.printers.horizontalHeader().sizeHint().height()
                        + 38 * len(DOCUMENT_TYPES) + 2 * self.printers.frameWidth())
        self.printers.setFixedHeight(table_height)
        self.queue_status = QLabel()
        self.queue_status.setWordWrap(True)
        refresh = QPushButton(self.tr("Find printers"))
        refresh.clicked.connect(self.refresh_queues)
        test = QPushButton(self.tr("Print test page"))
        test.clicked.connect(self.print_test_page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.queue_status, 1)
        buttons.addWidget(refresh)
        buttons.addWidget(test)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Where each document prints on this workstation.")))
        layout.addWidget(self.printers)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    def _workstation_tab(self) -> QWidget:
        page = QWidget()
        holder = QWidget()
        holder.setMaximumWidth(900)  # full-width fields on a wide screen read as one long line
        outer = QVBoxLayout(page)
        outer.addWidget(holder)
        outer.addStretch(1)
        form = QFormLayout(holder)
        self.counter_warehouse = QComboBox()
        with self.ctx.db.read() as s:
            for choice in lookups.warehouses(s):
                self.counter_warehouse.addItem(f"{choice.code} - {choice.name}", choice.code)
        form.addRow(self.tr("Counter sells from"), self.counter_warehouse)
        self.output_dir = QLineEdit()
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self.choose_output_dir)
        row = QHBoxLayout()
        row.addWidget(self.output_dir, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Save documents without a printer to"), row)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        form.addRow(self.tr("Language"), self.language)
        self.language_note = QLabel(self.tr("Open views change language when reopened or after a restart."))
        self.language_note.setStyleSheet("color: #555;")
        form.addRow("", self.language_note)
        return page

    def _channels_tab(self) -> QWidget:
        page = QWidget()
        self.channels = QTableWidget(0, 5)
        self.channels.setHorizontalHeaderLabels([self.tr("Channel"), self.tr("Name"), self.tr("Type"),
                                                 self.tr("Address"), self.tr("Credential")])
        self.channels.verticalHeader().setVisible(False)
        self.channels.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.channels.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.channels.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.channels.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.channels.itemSelectionChanged.connect(self._channel_selected)

        credential = QGroupBox(self.tr("Credential of a channel"))
        self.channel_code = QComboBox()
        self.channel_code.setEditable(True)
        self.channel_code.setObjectName("channel_code")
        self.channel_secret = QLineEdit()
        self.channel_secret.setObjectName("channel_secret")
        self.channel_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.channel_secret.setPlaceholderText(self.tr("API key, token or password"))
        self.store_secret_button = QPushButton(self.tr("Store in keyring"))
        self.store_secret_button.clicked.connect(self.store_secret)
        self.forget_secret_button = QPushButton(self.tr("Forget"))
        self.forget_secret_button.clicked.connect(self.forget_secret)
        cform = QFormLayout(credential)
        cform.addRow(self.tr("Channel"), self.channel_code)
        cform.addRow(self.tr("Secret"), self.channel_secret)
        cbuttons = QHBoxLayout()
        cbuttons.addStretch(1)
        cbuttons.addWidget(self.forget_secret_button)
        cbuttons.addWidget(self.store_secret_button)
        cform.addRow(cbuttons)

        new = QGroupBox(self.tr("New shop channel"))
        self.new_kind = QComboBox()
        self.new_kind.addItems(list(shop_kinds()))
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("e.g. Tienda online"))
        self.new_url = QLineEdit()
        self.new_url.setPlaceholderText("https://")
        self.new_secret = QLineEdit()
        self.new_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_secret.setPlaceholderText(self.tr("optional: stored in the keyring"))
        self.add_channel_button = QPushButton(self.tr("Add channel"))
        self.add_channel_button.clicked.connect(self.add_channel)
        nform = QFormLayout(new)
        nform.addRow(self.tr("Type"), self.new_kind)
        nform.addRow(self.tr("Name"), self.new_name)
        nform.addRow(self.tr("Address"), self.new_url)
        nform.addRow(self.tr("Secret"), self.new_secret)
        nform.addRow(self.add_channel_button)

        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        boxes = QHBoxLayout()
        boxes.addWidget(credential, 1, Qt.AlignmentFlag.AlignTop)
        boxes.addWidget(new, 1, Qt.AlignmentFlag.AlignTop)
        self.buyer_mail = BuyerMailSwitches(self.ctx, self.banner)
        layout = QVBoxLayout(page)
        layout.addWidget(self.channels, 1)
        layout.addWidget(self.buyer_mail)
        layout.addLayout(boxes)
        layout.addWidget(self.keyring_note)
        return page

    # -- loading ---------------------------------------------------------------

    def load(self) -> None:
        settings = self.ctx.settings
        self.users_tab.load()
        self.webhooks.load()
        try:
            company = get_company(self.ctx.db)
        except OmsError as exc:
            self.banner.refuse(str(exc))
        else:
            self._show_company(company)
        for doc_type in DOCUMENT_TYPES:
            entry = (settings.get("printers") or {}).get(doc_type) or {}
            self.queue_boxes[doc_type].setCurrentText(str(entry.get("queue", "")))
            self.media_edits[doc_type].setText(str(entry.get("media", "")))
            self.copies_spins[doc_type].setValue(int(entry.get("copies", 1)))
            wanted = "pdf" if entry.get("format") != "zpl" else (
                "zpl-300" if str(entry.get("dpi", "")) == "300" else "zpl-203")
            box = self.format_boxes[doc_type]
            box.setCurrentIndex(max(0, box.findData(wanted)))
        # Unset means the counter sells from the first warehouse by priority: show that one,
        # so saving other settings never moves the till to another warehouse.
        shop = settings.get("counter_warehouse") or default_shop_warehouse(self.ctx.db)
        index = self.counter_warehouse.findData(shop)
        self.counter_warehouse.setCurrentIndex(max(0, index))
        self.output_dir.setText(str(output_dir(settings)))
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language", "en"))))
        self.load_channels()

    def _show_company(self, company: Company) -> None:
        for name in _COMPANY_TEXT:
            self.company_fields[name].setText(str(getattr(company, name)))
        self.payment_days.setValue(company.payment_days)
        self.simplified_limit.setValue(company.simplified_limit // 100)

    def load_channels(self) -> None:
        channels = list_channels(self.ctx.db)
        missing = keyring_missing()
        self.channels.setRowCount(len(channels))
        current = self.channel_code.currentText()
        self.channel_code.clear()
        for row, channel in enumerate(channels):
            self.channel_code.addItem(channel.code)
            stored = not missing and self._has_secret(channel.code)
            values = (channel.code, channel.name, channel.kind, channel.url,
                      self.tr("stored in keyring") if stored else self.tr("none"))
            for col, value in enumerate(values):
                self.channels.setItem(row, col, QTableWidgetItem(value))
        self.channel_code.setCurrentText(current)
        for widget in (self.store_secret_button, self.forget_secret_button, self.channel_secret,
                       self.new_secret):
            widget.setEnabled(not missing)
        if missing:
            self.keyring_note.setText(self.tr(
                "No keyring is available on this computer, so channel credentials cannot be stored. "
                "Install and unlock a Secret Service keyring (Debian: gnome-keyring, or KWallet on KDE) "
                "and the Python package secretstorage, then restart omsdesk."))
            self.keyring_note.setStyleSheet("color: #a52119; font-weight: bold;")
        else:
            self.keyring_note.setText(self.tr("Secrets go to the system keyring ({backend}), never to "
                                              "the settings file.").format(
                backend=type(keyring.get_keyring()).__name__))
            self.keyring_note.setStyleSheet("color: #555;")

    def _has_secret(self, code: str) -> bool:
        try:
            secrets.load_secret(code)
        except secrets.SecretUnavailable:
            return False
        return True

    def _channel_selected(self) -> None:
        rows = self.channels.selectionModel().selectedRows()
        if rows:
            item = self.channels.item(rows[0].row(), 0)
            if item is not None:
                self.channel_code.setCurrentText(item.text())
                self.channel_secret.setFocus()

    # -- actions ---------------------------------------------------------------

    def check_tax_id(self, text: str) -> bool:
        country = self.company_fields["country"].text().strip() or "ES"
        if not text.strip():
            self.tax_id_hint.setText("")
            return True
        try:
            valid_tax_id(text, country)
        except OmsError as exc:
            self.tax_id_hint.setText(str(exc))
            self.tax_id_hint.setStyleSheet("color: #a52119;")
            return False
        self.tax_id_hint.setText(self.tr("valid tax id"))
        self.tax_id_hint.setStyleSheet("color: #1d5e2b;")
        return True

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Company logo"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.company_fields["logo_path"].setText(path)

    def choose_output_dir(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Save documents to"), self.output_dir.text())
        if path:
            self.output_dir.setText(path)

    def store_secret(self) -> None:
        code = self.channel_code.currentText().strip()
        secret = self.channel_secret.text()
        if not code or not secret:
            self.banner.refuse(self.tr("Choose a channel and type its secret"))
            return
        try:
            # The sync layer's one door to channel secrets, so its connectors find this one.
            secrets.store_secret(code, secret)
        except secrets.SecretUnavailable as exc:
            self.banner.refuse(self.tr("The keyring refused the secret: {error}").format(error=exc))
            return
        self.channel_secret.clear()
        self.banner.show_message(self.tr("Credential of {code} stored in the keyring").format(code=code), "ok")
        self.load_channels()

    def add_channel(self) -> None:
        """Register a shop channel; its secret, if typed, goes straight to the keyring."""
        secret = self.new_secret.text()
        if secret:
            # Prove the keyring keeps secrets before anything is written, as `channels add`
            # does: otherwise the channel would exist without its secret.
            try:
                secrets.prove_keyring()
            except secrets.SecretUnavailable as exc:
                self.banner.refuse(self.tr("Channel not added: {reason}").format(reason=exc))
                return
        try:
            code = add_channel(self.ctx.db, kind=self.new_kind.currentText(), name=self.new_name.text(),
                               url=self.new_url.text(), actor=self.ctx.actor)
        except OmsError as exc:
            self.banner.refuse(self.tr("Channel not added: {reason}").format(reason=exc))
            return
        self.new_name.clear()
        self.new_url.clear()
        self.new_secret.clear()
        message = self.tr("Channel {code} added").format(code=code)
        if secret:
            try:
                secrets.store_secret(code, secret)
            except secrets.SecretUnavailable as exc:
                self.banner.refuse(message + " · " + self.tr("secret NOT stored: {error}").format(error=exc))
                self.load_channels()
                return
            message += " · " + self.tr("secret stored in the keyring")
        self.banner.show_message(message, "ok")
        self.load_channels()
        self.buyer_mail.load()
        self.ctx.signals.sync_state_changed.emit({})

    def forget_secret(self) -> None:
        code = self.channel_code.currentText().strip()
        try:
            secrets.delete_secret(code)
        except secrets.SecretUnavailable as exc:
            self.banner.refuse(self.tr("Nothing removed: {error}").format(error=exc))
            return
        self.banner.show_message(self.tr("Credential of {code} removed").format(code=code), "ok")
        self.load_channels()

    def refresh_queues(self) -> None:
        self.queue_status.setText(self.tr("Asking CUPS for printers..."))
        run_in_pool(self.ctx.pool, list_queues, self._show_queues, self._queues_failed)

    def _show_queues(self, queues: list[Any]) -> None:
        names = [q.name for q in queues]
        for combo in self.queue_boxes.values():
            current = combo.currentText()
            combo.clear()
            combo.addItem("")
            combo.addItems(names)
            combo.setCurrentText(current)
        described = ", ".join(f"{q.name} ({q.state}{', default' if q.is_default else ''})" for q in queues)
        self.queue_status.setText(self.tr("Printers: {list}").format(list=described) if queues
                                  else self.tr("CUPS has no printers set up."))

    def _queues_failed(self, message: str) -> None:
        self.queue_status.setText(message)

    def print_test_page(self) -> None:
        row = max(0, self.printers.currentRow())
        doc_type = DOCUMENT_TYPES[row]
        profile = profile_for(self.workstation_settings(), doc_type)
        if profile is None:
            self.banner.refuse(self.tr("Choose a printer queue for this document first"))
            return
        if profile.format == "zpl":
            # A label printer fed raw ZPL would print a PDF as pages of text: it gets a ZPL label.
            width, height = round(812 * profile.dpi / 203), round(1218 * profile.dpi / 203)
            data = (f"^XA^CI28^PW{width}^LL{height}^FO40,40^A0N,{profile.dpi // 4},{profile.dpi // 4}"
                    f"^FB{width - 80},3,0,L,0^FH^FDomsdesk test label {profile.dpi} dpi: {profile.queue}^FS"
                    f"^FO40,{height // 2}^GB{width - 80},4,4^FS^XZ").encode()
        else:
            data = printer_test_page(profile.queue, doc_type)
        run_in_pool(self.ctx.pool, lambda: print_bytes(data, profile, "omsdesk test page"),
                    self._test_page_sent, self.banner.refuse)

    def _test_page_sent(self, job: str) -> None:
        self.banner.show_message(self.tr("Test page sent (job {job})").format(job=job), "ok")

    def workstation_settings(self) -> dict[str, Any]:
        """The per-workstation preferences as the form shows them; no secrets by construction."""
        printers: dict[str, dict[str, Any]] = {}
        for doc_type in DOCUMENT_TYPES:
            queue = self.queue_boxes[doc_type].currentText().strip()
            if queue:
                printers[doc_type] = {"queue": queue, "media": self.media_edits[doc_type].text().strip(),
                                      "copies": self.copies_spins[doc_type].value()}
                choice = str(self.format_boxes[doc_type].currentData() or "pdf")
                if choice.startswith("zpl-"):
                    printers[doc_type].update(format="zpl", dpi=int(choice[4:]))
        merged = dict(self.ctx.settings)
        merged.update({"printers": printers, "counter_warehouse": self.counter_warehouse.currentData(),
                       "output_dir": self.output_dir.text().strip(),
                       "language": self.language.currentData(), **self.backups.values()})
        return merged

    def save(self) -> None:
        if not self.check_tax_id(self.company_fields["tax_id"].text()):
            self.banner.refuse(self.tr("Fix the tax id before saving"))
            return
        changes: dict[str, Any] = {name: self.company_fields[name].text() for name in _COMPANY_TEXT}
        changes["payment_days"] = self.payment_days.value()
        changes["simplified_limit"] = self.simplified_limit.value() * 100
        if not changes["name"].strip():
            changes.pop("name")  # a fresh install may save printers before the company
        if self.ctx.allows(Permission.SETTINGS.value):  # else only this desk's own preferences
            try:
                company = set_company(self.ctx.db, actor=self.ctx.actor, **changes)
            except OmsError as exc:
                self.banner.refuse(self.tr("Not saved: {reason}").format(reason=exc))
                return
            self._show_company(company)
        new = self.workstation_settings()
        old_language = self.ctx.settings.get("language", "en")
        save_settings(new)
        self.ctx.settings.clear()
        self.ctx.settings.update(new)
        self.banner.show_message(self.tr("Settings saved"), "ok")
        if self.tabs.currentWidget() is self.mail:
            self.mail.save()  # Ctrl+S on the mail tab saves what it shows, too
        self.settings_saved.emit(new)
        if new["language"] != old_language:
            app = QApplication.instance()
            if app is not None:
                install_translator(app, new["language"])
            self.language_changed.emit(new["language"])
