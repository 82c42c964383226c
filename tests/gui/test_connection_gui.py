"""The "Connect to a shared server…" dialog, the start-up choices when the server is down, and
the "Server unreachable" banner with reconnect (issue 17, points 4 and 5), on the real test
PostgreSQL; a loopback TCP proxy stands in for the LAN so the server can be cut off and restored.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.engine import make_url

from omsdesk.connection import password_entry
from omsdesk.db import Database
from omsdesk.sync.secrets import SERVICE
from omsdesk.ui.connection_dialog import ConnectionDialog
from omsdesk.ui.connection_watch import ConnectionWatch
from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool
from tests.conftest import MemoryKeyring

pytestmark = pytest.mark.postgres


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("OMSDESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("OMSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OMSDESK_CONNECT_TIMEOUT", "2")
    return tmp_path


def fill(dialog: ConnectionDialog, url: str, password: str) -> None:
    u = make_url(url)
    dialog.host.setText(u.host or "")
    dialog.port.setValue(u.port or 5432)
    dialog.database.setText(u.database or "")
    dialog.user.setText(u.username or "")
    dialog.password.setText(password)


def test_test_connection_runs_in_a_worker_and_says_what_is_wrong(
        qtbot: QtBot, home: Path, pg_url: str, memory_keyring: MemoryKeyring) -> None:
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    u = make_url(pg_url)
    fill(dialog, pg_url, "not-the-password")
    with qtbot.waitSignal(dialog.tested, timeout=15_000) as wrong:
        dialog.test_button.click()
    assert wrong.args == [False, "wrong password (or unknown user) for user 'omsdesk'"]
    assert dialog.outcome.text() == wrong.args[1]

    fill(dialog, pg_url, u.password or "")
    with qtbot.waitSignal(dialog.tested, timeout=15_000) as right:
        dialog.test_button.click()
    assert right.args[0] is True and right.args[1].startswith("Connection works: PostgreSQL ")

    dialog.save()
    assert dialog.saved_url == "postgresql+psycopg://omsdesk@127.0.0.1:5432/omsdesk_test"
    saved = json.loads((home / "config" / "settings.json").read_text(encoding="utf-8"))
    assert saved["database_url"] == dialog.saved_url
    assert memory_keyring.passwords[(SERVICE, password_entry(dialog.saved_url))] == u.password


def test_missing_fields_are_named(qtbot: QtBot, home: Path) -> None:
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.database.clear()
    dialog.test_button.click()
    assert dialog.outcome.text() == "Fill in: host, database, user"
    assert not (home / "config" / "settings.json").exists()


def test_start_up_with_the_server_down_offers_the_choices_and_can_go_local(
        qtbot: QtBot, home: Path, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch,
        qsettings_tmp: object) -> None:
    from omsdesk.ui import app as app_module
    from omsdesk.ui.main_window import MainWindow

    monkeypatch.setattr("omsdesk.config.default_database_url", lambda: sqlite_db.url)
    ctx = AppContext("postgresql+psycopg://omsdesk@127.0.0.1:1/omsdesk")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    seen: list[tuple[str, list[str]]] = []
    # First Retry (the server is still down: the box comes back), then the local database.
    clicks = iter(["&Retry", "Use the &local database"])
    timer = QTimer()

    def click() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == "server_unavailable" and w.isVisible():
                seen.append((w.text() + " | " + w.informativeText(), [b.text() for b in w.buttons()]))
                wanted = next(clicks)
                next(b for b in w.buttons() if b.text() == wanted).click()
                return
    timer.timeout.connect(click)
    timer.start(50)
    try:
        app_module._open_database(QApplication.instance(), window, ctx, None)  # type: ignore[arg-type]
    finally:
        timer.stop()
    assert len(seen) == 2
    message, buttons = seen[0]
    assert message == ("Cannot connect to the database server postgresql+psycopg://omsdesk@127.0.0.1:1/omsdesk | "
                       "server 127.0.0.1:1 refused the connection: is PostgreSQL running there and reachable?")
    assert sorted(buttons) == sorted(["&Retry", "&Edit connection…", "Use the &local database", "&Quit"])
    assert ctx.is_open and ctx.url == sqlite_db.url
    window.close()


def test_start_up_edit_connection_saves_and_opens_the_new_server(
        qtbot: QtBot, home: Path, pg_migrated: object, memory_keyring: MemoryKeyring, qsettings_tmp: object) -> None:
    from omsdesk.ui import app as app_module
    from omsdesk.ui.main_window import MainWindow

    target = pg_migrated.fresh()  # type: ignore[attr-defined]
    target.dispose()
    u = make_url(target.url)
    ctx = AppContext(u.set(port=1).render_as_string(hide_password=False))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    steps: list[str] = []
    timer = QTimer()

    def click() -> None:
        for w in QApplication.topLevelWidgets():
            if not w.isVisible():
                continue
            if isinstance(w, QMessageBox) and w.objectName() == "server_unavailable":
                steps.append("asked")
                next(b for b in w.buttons() if b.text() == "&Edit connection…").click()
                return
            if isinstance(w, ConnectionDialog):
                steps.append(f"edit port {w.port.value()} user {w.user.text()}")  # filled from the URL
                w.port.setValue(u.port or 5432)
                w.password.setText(u.password or "")
                w.save()
                return
    timer.timeout.connect(click)
    timer.start(50)
    try:
        app_module._open_database(QApplication.instance(), window, ctx, None)  # type: ignore[arg-type]
    finally:
        timer.stop()
    assert steps == ["asked", "edit port 1 user omsdesk"]
    assert ctx.is_open and ctx.url == u.set(password=None)._replace(password=None).render_as_string()
    assert memory_keyring.passwords[(SERVICE, password_entry(ctx.url))] == u.password
    window.close()
    ctx.close()


class Proxy:
    """A loopback TCP relay to the test server; `cut()` drops it and its connections like a
    pulled cable or a restarted server would, `restore()` listens again on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self._socks: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._socks += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                dst.sendall(data)
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self._listener is not None:
            # A blocked accept() keeps a merely closed socket listening; shutdown wakes it (Linux).
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        for s in self._socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self._socks.clear()


@pytest.fixture
def proxy(pg_url: str) -> Iterator[Proxy]:
    u = make_url(pg_url)
    p = Proxy((u.host or "127.0.0.1", u.port or 5432))
    yield p
    p.cut()


def test_a_dropped_server_shows_the_banner_keeps_typed_input_and_reconnects(
        qtbot: QtBot, home: Path, pg_url: str, proxy: Proxy) -> None:
    db = Database(make_url(pg_url).set(port=proxy.port).render_as_string(hide_password=False))
    ctx = AppContext(db)
    banner = QLabel()
    watch = ConnectionWatch(ctx, banner)
    watch.first_retry_s = 1
    watch.start()
    typed = ConnectionDialog(url=db.url)  # an open dialog with what the clerk typed
    qtbot.addWidget(typed)
    typed.show()
    typed.password.setText("half typed")
    with db.read() as s:
        assert s.execute(text("SELECT 1")).scalar() == 1

    proxy.cut()
    errors: list[str] = []

    def query() -> object:
        with db.read() as s:
            return s.execute(text("SELECT 1")).scalar()
    with qtbot.waitSignal(watch.state, timeout=15_000) as went:
        run_in_pool(ctx.pool, query, lambda _r: None, errors.append)  # an ordinary view refresh
    assert went.args == [False]
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    reason = f"server 127.0.0.1:{proxy.port} refused the connection: is PostgreSQL running there and reachable?"
    assert errors == [reason]
    assert banner.isVisibleTo(banner.parentWidget()) or not banner.isHidden()
    assert banner.text() == f"Server unreachable — retrying in 1 s ({reason})"

    proxy.restore()
    refreshed: list[str] = []
    ctx.signals.orders_changed.connect(lambda: refreshed.append("orders"))
    with qtbot.waitSignal(watch.restored, timeout=30_000):
        pass
    assert banner.isHidden() and refreshed == ["orders"]
    assert typed.isVisible() and typed.password.text() == "half typed"
    watch.stop()
    ctx.pool.waitForDone(5_000)
    db.dispose()


def test_the_dialog_and_its_messages_read_in_spanish(qtbot: QtBot, qapp: QApplication, home: Path) -> None:
    from PySide6.QtWidgets import QAbstractButton, QFormLayout

    from omsdesk.ui.i18n import install_translator
    from omsdesk.ui.refusals import refusal_text

    assert install_translator(qapp, "es")
    try:
        dialog = ConnectionDialog()
        qtbot.addWidget(dialog)
        form = dialog.findChild(QFormLayout)
        assert form is not None
        labels = [form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget().text() for i in range(form.rowCount())]
        assert labels == ["&Servidor:", "&Puerto:", "&Base de datos:", "&Usuario:", "Contra&seña:", "&TLS:",
                          "&Fichero de la CA:"]
        buttons = sorted(b.text() for b in dialog.findChildren(QAbstractButton))
        assert buttons == ["Cancelar", "Examinar…", "Guardar", "Probar la &conexión"]
        assert refusal_text("wrong password (or unknown user) for user 'caja1'") == (
            "contraseña incorrecta (o usuario desconocido) para el usuario «caja1»")
        assert refusal_text("the server runs PostgreSQL 12.17; omsdesk needs 13 or newer") == (
            "el servidor tiene PostgreSQL 12.17; omsdesk necesita la 13 o posterior")
    finally:
        install_translator(qapp, "en")
