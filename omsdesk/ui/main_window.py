"""The main window: navigation between views, menus and shortcuts, status bar, saved layout."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from omsdesk import __version__
from omsdesk.ui.context import AppContext
from omsdesk.ui.sync_bridge import SyncBridge
from omsdesk.ui.workers import run_in_pool

if TYPE_CHECKING:
    from omsdesk.sync.backup_schedule import DailyBackups
    from omsdesk.ui.backup_view import BackupOperation

log = logging.getLogger(__name__)

BACKLOG_REFRESH_MS = 30_000


@dataclass(frozen=True)
class ViewSpec:
    key: str
    module: str
    cls: str


# Navigation order; Ctrl+1..9 follow it. Views from other areas are imported by name so a
# build without one of them still starts and says what is missing.
VIEWS = (
    ViewSpec("dashboard", "omsdesk.ui.dashboard", "DashboardView"),
    ViewSpec("orders", "omsdesk.ui.orders_view", "OrdersView"),
    ViewSpec("counter", "omsdesk.ui.counter", "CounterView"),
    ViewSpec("pickpack", "omsdesk.ui.pickpack", "PickPackView"),
    ViewSpec("inventory", "omsdesk.ui.inventory_view", "InventoryView"),
    ViewSpec("invoices", "omsdesk.ui.invoices_view", "InvoicesView"),
    ViewSpec("customers", "omsdesk.ui.customers_view", "CustomersView"),
    ViewSpec("sync", "omsdesk.ui.sync_view", "SyncView"),
    ViewSpec("exceptions", "omsdesk.ui.exceptions_view", "ExceptionsView"),
    ViewSpec("settings", "omsdesk.ui.settings_view", "SettingsView"),
    # Past the tenth: reached from the list and the View menu, without a Ctrl+number.
    ViewSpec("payables", "omsdesk.ui.payables_view", "PayablesView"),
)


def view_title(key: str) -> str:
    translate = QCoreApplication.translate
    return {
        "dashboard": translate("MainWindow", "Dashboard"), "orders": translate("MainWindow", "Orders"),
        "counter": translate("MainWindow", "Counter"), "pickpack": translate("MainWindow", "Pick && Pack"),
        "inventory": translate("MainWindow", "Inventory"), "invoices": translate("MainWindow", "Invoices"),
        "customers": translate("MainWindow", "Customers"), "sync": translate("MainWindow", "Sync"),
        "exceptions": translate("MainWindow", "Exceptions"), "settings": translate("MainWindow", "Settings"),
        "payables": translate("MainWindow", "Payables"),
    }[key]


class _NavList(QListWidget):
    """The view list: typing while it has focus must not jump between views (Qt's keyboard search
    would take an order number typed on the Dashboard to Sync)."""

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - Qt's name
        return


class UnavailablePage(QWidget):
    """Stands in for a view whose module is missing or failed to load."""

    def __init__(self, title: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(self.tr("{view} is not available").format(view=title.replace("&&", "&")))
        heading.setStyleSheet("font-size: 18px; font-weight: 600;")
        detail = QLabel(self.tr("This installation could not load it:\n{reason}").format(reason=reason))
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(detail, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """Views are built the first time they are shown, so start-up stays quick on a big database."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.views: dict[str, QWidget] = {}
        self._started = False
        self.sync_bridge: SyncBridge | None = None
        self.live: Any = None  # LiveRefresh on PostgreSQL
        self.daily_backups: DailyBackups | None = None
        self.backup_operation: BackupOperation | None = None
        self.order_dialog: QWidget | None = None  # the open New order dialog, for tests and focus
        self.csv_dialog: QWidget | None = None  # the open CSV import dialog
        self.setWindowTitle(self.tr("omsdesk — {db}").format(db=ctx.display_url))
        self.setMinimumSize(QSize(960, 600))

        self.nav = _NavList()
        self.nav.setObjectName("navigation")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setSpacing(1)
        self.nav.setStyleSheet(
            "QListWidget#navigation { border: none; outline: 0; background: palette(window); font-size: 13px; }"
            "QListWidget#navigation::item { padding: 7px 10px; border-radius: 4px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight); "
            "color: palette(highlighted-text); }")
        self.stack = QStackedWidget()
        for spec in VIEWS:
            self.nav.addItem(QListWidgetItem(view_title(spec.key).replace("&&", "&")))
            self.stack.addWidget(QWidget())  # placeholder until first shown
        self.nav.currentRowChanged.connect(self.show_view_at)
        self._fit_nav()

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)

        # Setup mode (no users yet) says so until the administrator is created (ui/sign_in.py).
        self.setup_banner = QLabel(self._setup_text())
        self.setup_banner.setObjectName("setup_banner")
        self.setup_banner.setWordWrap(True)
        self.setup_banner.setStyleSheet("QLabel { background: #fff4e5; color: #663c00; border-bottom: 1px solid "
                                        "#f0c36d; padding: 6px 12px; }")
        self.setup_banner.setVisible(False)
        # The shared server went away while this desk runs (ui/connection_watch.py): said at once,
        # above everything, while every view and open dialog keeps what the clerk typed.
        self.connection_banner = QLabel()
        self.connection_banner.setObjectName("connection_banner")
        self.connection_banner.setWordWrap(True)
        self.connection_banner.setStyleSheet("QLabel { background: #d93025; color: white; font-weight: bold; "
                                             "padding: 6px 12px; }")
        self.connection_banner.setVisible(False)
        from omsdesk.ui.connection_watch import ConnectionWatch

        self.connection_watch = ConnectionWatch(ctx, self.connection_banner, self)
        self.session: Any = None  # ui.sign_in.Session, once the database is open
        outer = QWidget()
        outer_layout = QVBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.setSpacing(0)
        outer_layout.addWidget(self.connection_banner)
        outer_layout.addWidget(self.setup_banner)
        outer_layout.addWidget(central, 1)
        self.setCentralWidget(outer)

        self._build_status_bar()
        self._build_menus()
        ctx.signals.user_changed.connect(self._on_user_changed)
        ctx.signals.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        ctx.signals.sync_state_changed.connect(self._on_sync_state)
        self._backlog_timer = QTimer(self)
        self._backlog_timer.setInterval(BACKLOG_REFRESH_MS)
        self._backlog_timer.timeout.connect(self.refresh_backlog)
        # The inbox's counts: a few queries over open orders, once a minute is plenty.
        self._exceptions_timer = QTimer(self)
        self._exceptions_timer.setInterval(60_000)
        self._exceptions_timer.timeout.connect(self.refresh_exception_counts)
        self._restore_geometry()
        if ctx.is_open:
            self.start()

    def start(self) -> None:
        """Open the last view and start the backlog refresh; needs the database.

        The app shows the window first and calls this on the next event-loop turn, so the
        window is on screen while the database and the first view load.
        """
        from omsdesk.ui.sign_in import Session

        self.session = Session(self.ctx, self)
        if not self.session.start():  # users exist and nobody signed in
            QTimer.singleShot(0, self.close)
            return
        self._started = True
        self.connection_watch.start()
        self._backlog_timer.start()
        self._exceptions_timer.start()
        # First count once the first view has loaded: start-up belongs to what the clerk opened.
        QTimer.singleShot(5_000, self.refresh_exception_counts)
        self.sync_bridge = SyncBridge.start_for(self.ctx, self)  # None when disabled (see sync_bridge)
        from omsdesk.ui.live_refresh import LiveRefresh

        # On a shared PostgreSQL, other desks' changes refresh this one (None on SQLite).
        self.live = LiveRefresh.start_for(self.ctx, self.refresh_backlog, self)
        self.restart_daily_backups()
        self.refresh_backlog()
        keys = [s.key for s in VIEWS]
        last = QSettings().value("main/view", "orders")
        self.show_view(last if last in keys else "orders")

    # -- views ----------------------------------------------------------------------------

    def view(self, key: str) -> QWidget:
        """The view for `key`, built now if it was not yet (an UnavailablePage if it cannot be)."""
        if key in self.views:
            return self.views[key]
        index = [s.key for s in VIEWS].index(key)
        spec = VIEWS[index]
        try:
            cls = getattr(importlib.import_module(spec.module), spec.cls)
            widget: QWidget = cls(self.ctx)
        except Exception as exc:  # a missing or broken module must not take the window down
            log.warning("view %s unavailable: %s", spec.key, exc)
            widget = UnavailablePage(view_title(key), f"{spec.module}.{spec.cls}: {type(exc).__name__}: {exc}")
        old = self.stack.widget(index)
        self.stack.insertWidget(index, widget)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.views[key] = widget
        self._connect_view(key, widget)
        return widget

    def _connect_view(self, key: str, widget: QWidget) -> None:
        if key == "orders":
            self._fill_menu(self.orders_menu, widget)
        elif key == "inventory":
            self._fill_menu(self.inventory_menu, widget)
        elif key in ("customers", "exceptions") and hasattr(widget, "open_order"):
            widget.open_order.connect(self.open_order)
            if hasattr(widget, "open_view"):
                widget.open_view.connect(self.show_view)
        elif key == "settings" and hasattr(widget, "language_changed"):
            widget.language_changed.connect(self.change_language)
            saved = getattr(widget, "settings_saved", None)
            if saved is not None:
                saved.connect(lambda _settings: self.restart_daily_backups())

    def _fill_menu(self, menu: QMenu, widget: QWidget) -> None:
        actions = getattr(widget, "menu_actions", None)
        if actions is None:
            return
        menu.clear()
        if menu is self.orders_menu:
            menu.addAction(self.new_order_action)
            menu.addAction(self.import_orders_action)
            menu.addSeparator()
        elif menu is self.inventory_menu:
            menu.addAction(self.import_products_action)
            menu.addSeparator()
        for act in actions():
            menu.addAction(act)

    def show_view(self, key: str) -> QWidget:
        index = [s.key for s in VIEWS].index(key)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)  # comes back through show_view_at
        else:
            self.show_view_at(index)
        return self.views[key]

    def show_view_at(self, index: int) -> None:
        # Before start() the database may not be open yet: a focus-driven row change while the
        # window first appears must not build a view (start() shows the right one).
        if index < 0 or not self._started:
            return
        widget = self.view(VIEWS[index].key)
        self.stack.setCurrentWidget(widget)
        # A scanner types where the focus is: the counter and the pick station take it at once,
        # whether the clerk came by Ctrl+N, a click in the list or a jump from another view.
        take_focus = getattr(widget, "take_focus", None)
        if callable(take_focus):
            take_focus()

    def current_key(self) -> str:
        return VIEWS[max(0, self.nav.currentRow())].key

    def current_view(self) -> QWidget:
        return self.view(self.current_key())

    def open_order(self, reference: str) -> None:
        search_for = getattr(self.show_view("orders"), "search_for", None)
        if callable(search_for):
            search_for(reference)

    # -- menus ----------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], Any], shortcut: str | QKeySequence.StandardKey | None = None,
                menu: QMenu | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        if menu is not None:
            menu.addAction(act)
        self.addAction(act)  # shortcuts work even with the menu bar hidden
        return act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_order_action = self._action(self.tr("&New order…"), self.new_order, "Ctrl+N", file_menu)
        self.refresh_action = self._action(self.tr("&Refresh"), self.refresh_current, "F5", file_menu)
        self._action(self.tr("Export &accounting…"), self.export_accounting, "Ctrl+Shift+E", file_menu)
        self.import_orders_action = self._action(self.tr("Import &orders from CSV…"),
                                                 lambda: self.import_csv("orders"), "Ctrl+Shift+O", file_menu)
        self.import_products_action = self._action(self.tr("Import &products from CSV…"),
                                                   lambda: self.import_csv("products"), "Ctrl+Shift+I", file_menu)
        file_menu.addSeparator()
        self._action(self.tr("&Back up now"), self.back_up_now, "Ctrl+Shift+B", file_menu)
        self._action(self.tr("Res&tore…"), self.restore_backup, None, file_menu)
        file_menu.addSeparator()
        self.connect_action = self._action(self.tr("Connect to a shared ser&ver…"), self.connect_to_server, None,
                                           file_menu)
        file_menu.addSeparator()
        self.switch_user_action = self._action(self.tr("S&witch user…"), self.switch_user, "Ctrl+Shift+U",
                                               file_menu)
        self.lock_action = self._action(self.tr("&Lock"), self.lock, "Ctrl+Alt+L", file_menu)
        self.approval_action = self._action(self.tr("Ask a &manager to approve…"), self.ask_approval,
                                            "Ctrl+Shift+K", file_menu)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q", file_menu)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.find_action = self._action(self.tr("&Find…"), self.focus_search, "Ctrl+F", edit_menu)

        view_menu = bar.addMenu(self.tr("&View"))
        self.view_actions: dict[str, QAction] = {}
        for n, spec in enumerate(VIEWS, start=1):
            # Ctrl+1 ... Ctrl+9, then Ctrl+0 for the tenth, as the number row runs.
            self.view_actions[spec.key] = self._action(
                view_title(spec.key), self._shower(spec.key), f"Ctrl+{n % 10}" if n <= 10 else None, view_menu)
        view_menu.addSeparator()
        self._action(self.tr("Next view"), lambda: self._step_view(1), "Ctrl+PgDown", view_menu)
        self._action(self.tr("Previous view"), lambda: self._step_view(-1), "Ctrl+PgUp", view_menu)

        # Filled with the views' own actions (and their shortcuts) once they are built.
        self.orders_menu = bar.addMenu(self.tr("&Orders"))
        self.orders_menu.addAction(self.new_order_action)
        self.orders_menu.addAction(self.import_orders_action)
        self.orders_menu.addAction(self.view_actions["orders"])
        self.inventory_menu = bar.addMenu(self.tr("&Inventory"))
        self.inventory_menu.addAction(self.import_products_action)
        self.inventory_menu.addAction(self.view_actions["inventory"])

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1", help_menu)
        self._action(self.tr("&About omsdesk"), self.show_about, None, help_menu)

    def _shower(self, key: str) -> Callable[[], Any]:
        return lambda: self.show_view(key)

    def _step_view(self, step: int) -> None:
        self.nav.setCurrentRow((self.nav.currentRow() + step) % len(VIEWS))

    def refresh_current(self) -> None:
        view = self.current_view()
        refresh = getattr(view, "refresh", None)
        if callable(refresh):
            refresh()
        self.refresh_backlog()

    def focus_search(self) -> None:
        focus = getattr(self.current_view(), "focus_search", None)
        if callable(focus):
            focus()

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(where, key, what) for every key of the window and of the Counter and Pick & Pack views,
        the views' keys whether or not they have been opened yet."""
        from omsdesk.ui.counter import counter_key_help
        from omsdesk.ui.pickpack import pickpack_key_help

        native = QKeySequence.SequenceFormat.NativeText
        rows: set[tuple[str, str, str]] = set()
        for act in self.findChildren(QAction):
            if not act.shortcut().isEmpty() and act.text():
                text = act.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
                rows.add((self.tr("Everywhere"), act.shortcut().toString(native), text))
        for key, view in (("counter", counter_key_help()), ("pickpack", pickpack_key_help())):
            where = view_title(key).replace("&&", "&")
            rows.update((where, QKeySequence(k).toString(native), text) for k, text in view)
        return sorted(rows)

    def show_shortcuts(self) -> None:
        from omsdesk.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.shortcut_rows(), self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About omsdesk"), self.tr(
            "omsdesk {version}\nDesktop order management.\nDatabase: {db}").format(
            version=__version__, db=self.ctx.display_url))

    def change_language(self, language: str) -> None:
        """Install the translation and rebuild every view but Settings in the new language."""
        from omsdesk.ui.i18n import install_translator

        app = QCoreApplication.instance()
        if app is not None:
            install_translator(app, language)
        current = self.current_key()
        for key in [k for k in self.views if k != "settings"]:
            index = [s.key for s in VIEWS].index(key)
            old = self.views.pop(key)
            self.stack.insertWidget(index, QWidget())
            self.stack.removeWidget(old)
            old.deleteLater()
        self.menuBar().clear()
        for act in self.actions():
            self.removeAction(act)
        self._build_menus()
        if self.session is not None:
            self._on_user_changed()
        for i, spec in enumerate(VIEWS):
            item = self.nav.item(i)
            if item is not None:
                item.setText(view_title(spec.key).replace("&&", "&"))
        self._fit_nav()
        self._retranslate_status_bar()
        if "settings" in self.views:
            self._connect_view("settings", self.views["settings"])
        self.show_view(current)

    # -- status bar -----------------------------------------------------------------------

    def _fit_nav(self) -> None:
        """As wide as the longest view name in this language (plus the item padding), never clipped."""
        self.nav.ensurePolished()  # the style sheet's font, not the default one
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count()))
        self.nav.setFixedWidth(max(150, widest + 34))

    def _retranslate_status_bar(self) -> None:
        self.db_label.setText(self.tr("Database: {db}").format(db=self.ctx.display_url))
        self.station_label.setText(self.tr("Workstation: {ws}").format(ws=self.ctx.actor.workstation))
        self.user_label.setText(self.tr("User: {user}").format(user=self.ctx.actor.user))
        self.exceptions_label.setToolTip(self.tr("Problems that need someone: see the Exceptions view"))
        self.refresh_backlog()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {db}").format(db=self.ctx.display_url))
        self.station_label = QLabel(self.tr("Workstation: {ws}").format(ws=self.ctx.actor.workstation))
        self.user_label = QLabel(self.tr("User: {user}").format(user=self.ctx.actor.user))
        self.sync_label = QLabel(self.tr("Sync: idle"))
        self.backlog_label = QLabel(self.tr("Outbox: …"))
        self.exceptions_label = QLabel(self.tr("Exceptions: …"))
        self.exceptions_label.setToolTip(self.tr("Problems that need someone: see the Exceptions view"))
        for label in (self.db_label, self.station_label, self.user_label, self.sync_label, self.backlog_label,
                      self.exceptions_label):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)
        self.backlog: int | None = None

    # -- who is signed in ------------------------------------------------------------------

    def switch_user(self) -> None:
        if self.session is not None and self.ctx.users_exist:
            self.session.switch_user()

    def lock(self) -> None:
        if self.session is not None and self.ctx.users_exist:
            self.session.lock()

    def ask_approval(self) -> None:
        if self.session is not None and self.ctx.users_exist and self.session.ask_approval():
            self.statusBar().showMessage(self.tr("Approved by {manager} for the next action").format(
                manager=self.ctx.actor.approver), 8000)

    def _setup_text(self) -> str:
        return self.tr("No users yet: anyone at this computer acts as administrator — create the "
                       "administrator in Settings › Users.")

    def _on_user_changed(self) -> None:
        actor = self.ctx.actor
        text = self.tr("User: {user}").format(user=actor.user)
        if actor.approver:
            text += " " + self.tr("(approved by {manager})").format(manager=actor.approver)
        self.user_label.setText(text)
        self.setup_banner.setText(self._setup_text())
        self.setup_banner.setVisible(not self.ctx.users_exist)
        for act in (self.switch_user_action, self.lock_action, self.approval_action):
            act.setEnabled(self.ctx.users_exist)

    def refresh_backlog(self) -> None:
        ctx = self.ctx

        def fetch() -> int:
            from omsdesk.queries.outbox import outbox_backlog

            with ctx.db.read() as s:
                return outbox_backlog(s)

        run_in_pool(self.ctx.pool, fetch, self._on_backlog,
                    lambda msg: self.backlog_label.setText(self.tr("Outbox: unavailable")))

    def refresh_exception_counts(self) -> None:
        ctx = self.ctx

        def fetch() -> dict[str, int]:
            from omsdesk.queries.exceptions import exception_counts

            with ctx.db.read() as s:
                return exception_counts(s)

        run_in_pool(self.ctx.pool, fetch, self._on_exception_counts,
                    lambda msg: self.exceptions_label.setText(self.tr("Exceptions: unavailable")))

    def _on_exception_counts(self, counts: dict[str, int]) -> None:
        total = sum(counts.values())
        self.exception_counts = counts
        self.exceptions_label.setText(self.tr("Exceptions: {n}").format(n=f"{total:,}"))
        self.exceptions_label.setStyleSheet("color: #b00020;" if total else "")

    def _on_backlog(self, n: int) -> None:
        self.backlog = n
        self.backlog_label.setText(self.tr("Outbox: {n} pending").format(n=f"{n:,}"))
        self.backlog_label.setStyleSheet("color: #b00020;" if n > 100 else "")

    def _on_sync_state(self, state: dict[str, Any]) -> None:
        text = state.get("text") or state.get("state") or ""
        if text:
            self.sync_label.setText(self.tr("Sync: {state}").format(state=text))
        if isinstance(state.get("backlog"), int):
            self._on_backlog(state["backlog"])

    # The backup code pulls in SQLAlchemy and the services: imported when first used, as the
    # views are, so the window is on screen before any of it loads.
    def connect_to_server(self) -> None:
        """Settings for the next start: this window keeps the database it has open."""
        from omsdesk.ui.connection_dialog import ConnectionDialog

        dialog = ConnectionDialog(self, url=self.ctx.url, pool=self.ctx.pool)
        if dialog.exec() and dialog.saved_url:
            QMessageBox.information(self, self.tr("Shared server"),
                                    self.tr("Saved. omsdesk opens %1 from the next start.")
                                    .replace("%1", dialog.saved_url))

    def back_up_now(self) -> None:
        from omsdesk.ui.backup_view import back_up_now

        self.backup_operation = back_up_now(self.ctx, self)

    def restore_backup(self) -> None:
        from omsdesk.ui.backup_view import ask_restore

        self.backup_operation = ask_restore(self.ctx, self)

    def restart_daily_backups(self) -> None:
        """(Re)start the daily backups with the settings as saved now."""
        from omsdesk.ui.backup_view import start_daily_backups

        if self.daily_backups is not None:
            self.daily_backups.shutdown(wait=False)
        self.daily_backups = start_daily_backups(self.ctx)

    def new_order(self) -> QWidget:
        """The phone / manual order dialog; the order it creates opens in the Orders view."""
        from omsdesk.ui.order_editor import NewOrderDialog

        dialog = NewOrderDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.order_created.connect(self.open_order)
        dialog.show()
        self.order_dialog = dialog
        return dialog

    def import_csv(self, kind: str) -> QWidget | None:
        """Orders or products from a CSV file: the file picker, then the preview and import dialog."""
        from omsdesk.ui.csv_import_dialog import choose_csv

        self.csv_dialog = choose_csv(self.ctx, kind, self)
        return self.csv_dialog

    def export_accounting(self) -> None:
        from omsdesk.ui.export_dialog import ExportAccountingDialog

        ExportAccountingDialog(self.ctx, self).exec()

    # -- persistence ----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.value("main/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/view", self.current_key())
        for view in self.views.values():
            save = getattr(view, "save_state", None)
            if callable(save):
                save()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self._backlog_timer.stop()
        self.connection_watch.stop()
        if self.sync_bridge is not None:
            self.sync_bridge.stop()
        if self.live is not None:
            self.live.stop()
        if self.daily_backups is not None:
            self.daily_backups.shutdown(wait=True)  # a backup in flight finishes its file
            self.daily_backups = None
        super().closeEvent(event)
