""""Connect to a shared server…": host, port, database, user, password (to the keyring), TLS.

The rules (what a URL holds, where the password goes, what a failure means) are in
omsdesk/connection.py, shared with `omsdesk db connect`; this dialog only gathers the fields,
tests the connection in a worker and shows the classified line in the clerk's language.
"""

from __future__ import annotations

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from omsdesk.ui.refusals import refusal_text
from omsdesk.ui.workers import run_in_pool

_TLS_MODES = ("prefer", "disable", "require", "verify-full")


class ConnectionDialog(QDialog):
    tested = Signal(bool, str)  # ok, the line shown: for tests and screen readers

    def __init__(self, parent: QWidget | None = None, *, url: str | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a shared server"))
        self.pool = pool or QThreadPool.globalInstance()
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("e.g. db.shop.lan"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("omsdesk")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        self.tls = QComboBox()
        tls_texts = {"prefer": self.tr("Use TLS if the server offers it"), "disable": self.tr("No TLS"),
                     "require": self.tr("Require TLS"),
                     "verify-full": self.tr("Require TLS and check the certificate and host name")}
        for mode in _TLS_MODES:
            self.tls.addItem(tls_texts[mode], mode)
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("CA certificate (for checking the server)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("&Host:"), self.host)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.tr("&TLS:"), self.tls)
        ca_label = QLabel(self.tr("CA &file:"))  # a row holding a layout gets no buddy by itself
        ca_label.setBuddy(self.ca_file)
        form.addRow(ca_label, ca_row)

        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setObjectName("connection_result")
        self.test_button = QPushButton(self.tr("Test &connection"))
        self.test_button.clicked.connect(self.test_connection)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.saved_url: str | None = None
        self._testing = False
        if url:
            self._fill(url)

    def _fill(self, url: str) -> None:
        from omsdesk.connection import ConnectionProblem, ServerSettings

        try:
            s = ServerSettings.from_url(url)
        except ConnectionProblem:
            return  # a SQLite file or nonsense: start from empty fields
        self.host.setText(s.host)
        self.port.setValue(s.port)
        self.database.setText(s.database)
        self.user.setText(s.user)
        index = self.tls.findData(s.sslmode)
        self.tls.setCurrentIndex(max(0, index))
        self.ca_file.setText(s.sslrootcert)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CA certificate"), "",
                                              self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_file.setText(path)

    def url(self) -> str | None:
        """The URL the fields describe (no password), or None after saying what is missing."""
        from omsdesk.connection import ServerSettings

        missing = [label for label, field in ((self.tr("host"), self.host), (self.tr("database"), self.database),
                                              (self.tr("user"), self.user)) if not field.text().strip()]
        if missing:
            self._show(False, self.tr("Fill in: %1").replace("%1", ", ".join(missing)))
            return None
        return ServerSettings(host=self.host.text().strip(), port=self.port.value(),
                              database=self.database.text().strip(), user=self.user.text().strip(),
                              sslmode=str(self.tls.currentData()),
                              sslrootcert=self.ca_file.text().strip()).url()

    def test_connection(self) -> None:
        url = self.url()
        if url is None or self._testing:
            return
        from omsdesk.db import try_connection

        password = self.password.text() or None
        self._testing = True
        self.test_button.setEnabled(False)
        self._show(None, self.tr("Connecting…"))
        run_in_pool(self.pool, lambda: try_connection(url, password), self._on_tested, self._on_failed)

    def _on_tested(self, info: object) -> None:
        self._testing = False
        self.test_button.setEnabled(True)
        version = getattr(info, "version", "")
        schema = getattr(info, "schema", None)
        text = self.tr("Connection works: PostgreSQL %1.").replace("%1", str(version))
        if schema is None:
            text += " " + self.tr("The database is empty; omsdesk creates its tables on the first start.")
        self._show(True, text)

    def _on_failed(self, message: str) -> None:
        self._testing = False
        self.test_button.setEnabled(True)
        self._show(False, refusal_text(message))

    def _show(self, ok: bool | None, text: str) -> None:
        colour = {True: "#1d5e2b", False: "#a52119", None: "#1a3d7c"}[ok]
        self.outcome.setStyleSheet(f"QLabel {{ color: {colour}; }}")
        self.outcome.setText(text)
        if ok is not None:
            self.tested.emit(ok, text)

    def save(self) -> None:
        """Keep the URL in the settings and the password in the keyring (nothing is tested here:
        the app opens the server right after, and says so clearly if it fails)."""
        url = self.url()
        if url is None:
            return
        from omsdesk.connection import save_connection
        from omsdesk.models.errors import OmsError

        try:
            save_connection(url, self.password.text() or None)
        except OmsError as exc:
            self._show(False, refusal_text(str(exc)))
            return
        self.saved_url = url
        self.accept()


def ask_when_unavailable(parent: QWidget | None, url: str, exc: Exception) -> str:
    """'retry', 'edit', 'local' or 'quit' (closing the box quits, as the error box did before)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy.engine import make_url

    translate = QCoreApplication.translate
    shown = make_url(url).render_as_string(hide_password=True)
    box = QMessageBox(parent)
    box.setObjectName("server_unavailable")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("omsdesk")
    box.setText(translate("ConnectionDialog", "Cannot connect to the database server %1").replace("%1", shown))
    box.setInformativeText(refusal_text(getattr(exc, "reason", "") or str(exc)))
    retry = box.addButton(translate("ConnectionDialog", "&Retry"), QMessageBox.ButtonRole.AcceptRole)
    edit = box.addButton(translate("ConnectionDialog", "&Edit connection…"), QMessageBox.ButtonRole.ActionRole)
    local = box.addButton(translate("ConnectionDialog", "Use the &local database"), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(translate("ConnectionDialog", "&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    for button, choice in ((retry, "retry"), (edit, "edit"), (local, "local")):
        if clicked is button:
            return choice
    return "quit"
