"""Backups in the GUI: the Settings tab (daily folder, hour, how many kept), Back up now and Restore…"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from omsdesk.models.errors import OmsError
from omsdesk.services.backup.backup import BackupResult, backup_database
from omsdesk.services.backup.restore import RestoreResult, check_backup, restore_database
from omsdesk.services.backup.schedule import (
    DEFAULT_HOUR,
    DEFAULT_KEEP,
    FOLDER_KEY,
    HOUR_KEY,
    KEEP_KEY,
    BackupPlan,
    backups_in,
    default_folder,
)
from omsdesk.sync.backup_schedule import BackupRun, DailyBackups
from omsdesk.ui.context import AppContext
from omsdesk.ui.sync_bridge import bridge_for, scheduler_enabled

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class _OpSignals(QObject):
    progress = Signal(str, int)
    finished = Signal(object)
    failed = Signal(str)


class _OpWorker(QRunnable):
    """Runs fn(progress) in the pool; progress and the outcome come back as queued signals."""

    def __init__(self, fn: Callable[[Callable[[str, int], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _OpSignals()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except OmsError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug or a lost connection: recorded, and the clerk is told
            log.exception("backup or restore failed")
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)


class BackupOperation(QObject):
    """A backup or a restore in the pool with a progress dialog; `finished(result)` or `failed(str)`."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None, title: str,
                 fn: Callable[[Callable[[str, int], None]], Any]) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = _OpWorker(fn)
        self.worker.setAutoDelete(False)  # kept by self until its signals have arrived
        self.dialog = QProgressDialog(title, "", 0, 100, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setCancelButton(None)  # a half-made swap must not be cancelled
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_finished)
        self.worker.signals.failed.connect(self._on_failed)
        self._steps = self._step_names()
        self.percents: list[int] = []  # what the dialog showed, in order

    def start(self) -> None:
        self.dialog.show()
        self.ctx.pool.start(self.worker)

    def _on_progress(self, step: str, percent: int) -> None:
        self.percents.append(percent)
        self.dialog.setValue(percent)
        self.dialog.setLabelText(self._steps.get(step, step))

    def _on_finished(self, result: object) -> None:
        self.dialog.close()
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self.dialog.close()
        self.failed.emit(message)

    def _step_names(self) -> dict[str, str]:
        """The services' progress steps, in the clerk's language."""
        return {
            "copying the database": self.tr("Copying the database…"),
            "computing the checksum": self.tr("Computing the checksum…"),
            "writing the backup file": self.tr("Writing the backup file…"),
            "checking the backup": self.tr("Checking the backup…"),
            "unpacking and checking the checksum": self.tr("Unpacking and checking the checksum…"),
            "restoring into a new database": self.tr("Restoring into a new database…"),
            "upgrading the schema": self.tr("Upgrading the schema…"),
            "checking the stock ledger and the invoice chain": self.tr("Checking the stock ledger and the invoice chain…"),
            "putting the restored database in place": self.tr("Putting the restored database in place…"),
            "swapping the restored database in": self.tr("Putting the restored database in place…"),
            "done": self.tr("Done"),
        }


def back_up_now(ctx: AppContext, parent: QWidget | None) -> BackupOperation:
    """Write a backup into the daily folder (or data_dir/backups) and tell the clerk where it went."""
    folder = default_folder(ctx.settings)

    def work(progress: Callable[[str, int], None]) -> BackupResult:
        folder.mkdir(parents=True, exist_ok=True)
        return backup_database(ctx.db, folder, progress=progress)

    op = BackupOperation(ctx, parent, op_title("backup"), work)

    def done(result: BackupResult) -> None:
        ctx.signals.status_message.emit(translate("Backup", "Backup written: {path}").format(path=result.path))
        QMessageBox.information(parent, translate("Backup", "Back up now"), translate("Backup",
            "Backup written to\n{path}\n\n{rows} rows, {size:.1f} MB, in {seconds:.1f} s.").format(
            path=result.path, rows=f"{result.manifest.rows:,}", size=result.size / 1e6,
            seconds=result.seconds))

    op.finished.connect(done)
    op.failed.connect(lambda message: QMessageBox.warning(
        parent, translate("Backup", "Back up now"), translate("Backup", "No backup was made: {reason}").format(reason=message)))
    op.start()
    return op


def op_title(kind: str) -> str:
    if kind == "backup":
        return translate("Backup", "Backing up the database")
    return translate("Backup", "Restoring the database")


def ask_restore(ctx: AppContext, parent: QWidget | None, path: Path | None = None) -> BackupOperation | None:
    """Choose a backup file, show what it holds, confirm, then restore it in the pool."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(parent, translate("Backup", "Restore a backup"),
                                                str(default_folder(ctx.settings)),
                                                translate("Backup", "omsdesk backups (*.zip)"))
        if not chosen:
            return None
        path = Path(chosen)
    box_parent = parent
    try:
        manifest = check_backup(path, ctx.url)
    except OmsError as exc:
        QMessageBox.warning(box_parent, translate("Backup", "Restore"), str(exc))
        return None
    question = QMessageBox(box_parent)
    question.setIcon(QMessageBox.Icon.Warning)
    question.setWindowTitle(translate("Backup", "Restore"))
    question.setText(translate("Backup",
        "Replace the current database with the backup of {when}?").format(
        when=manifest.created_at.astimezone().strftime("%Y-%m-%d %H:%M")))
    question.setInformativeText(translate("Backup",
        "{rows} rows, schema {schema}. The current database is kept aside, not deleted. Other "
        "workstations are disconnected while it is swapped.").format(
        rows=f"{manifest.rows:,}", schema=manifest.schema))
    question.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    question.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if question.exec() != QMessageBox.StandardButton.Yes:
        return None
    bridge = bridge_for(ctx)
    if bridge is not None:
        bridge.stop()  # its jobs and the sync lock hold the database
    url, actor = ctx.url, ctx.actor

    def work(progress: Callable[[str, int], None]) -> RestoreResult:
        ctx.db.dispose()  # our own idle connections must not hold the file or database
        try:
            return restore_database(url, path, actor=actor, progress=progress)
        finally:
            ctx.db.dispose()  # the next query opens the restored database

    op = BackupOperation(ctx, parent, op_title("restore"), work)

    def done(result: RestoreResult) -> None:
        if bridge is not None:
            bridge.start()
        for signal in (ctx.signals.orders_changed, ctx.signals.stock_changed, ctx.signals.invoices_changed):
            signal.emit()
        text = translate("Backup", "Restored: {rows} rows, schema {schema}. Stock ledger and invoice chain verified.").format(
            rows=f"{result.rows:,}", schema=result.schema)
        if result.kept_aside:
            text += "\n" + translate("Backup", "The previous database is kept as {name}.").format(name=result.kept_aside)
        QMessageBox.information(parent, translate("Backup", "Restore"), text)

    def failed(message: str) -> None:
        if bridge is not None:
            bridge.start()
        QMessageBox.warning(parent, translate("Backup", "Restore"), translate("Backup",
            "Nothing was restored, the database is as it was: {reason}").format(reason=message))

    op.finished.connect(done)
    op.failed.connect(failed)
    op.start()
    return op


class BackupTab(QWidget):
    """The Backups tab of Settings: daily backups of this workstation, and the two buttons."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operation: BackupOperation | None = None
        self.folder = QLineEdit()
        self.folder.setObjectName("backup_folder")
        self.folder.setPlaceholderText(self.tr("empty: no daily backups"))
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.hour = QSpinBox()
        self.hour.setRange(0, 23)
        self.hour.setSuffix(":00")
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setSuffix(self.tr(" backups"))
        self.last = QLabel()
        self.last.setStyleSheet("color: #555;")
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Daily backups to"), row)
        form.addRow(self.tr("Every day at"), self.hour)
        form.addRow(self.tr("Keep the newest"), self.keep)
        form.addRow("", self.last)
        holder = QWidget()
        holder.setMaximumWidth(900)
        holder.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(holder)
        note = QLabel(self.tr("A backup is a consistent copy taken while everyone keeps working. Restoring "
                              "checks the file, upgrades an older one and keeps the current database aside."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        settings = self.ctx.settings
        self.folder.setText(str(settings.get(FOLDER_KEY) or ""))
        plan = BackupPlan.from_settings(settings)
        self.hour.setValue(plan.hour if plan else DEFAULT_HOUR)
        self.keep.setValue(plan.keep if plan else DEFAULT_KEEP)
        self.show_last()

    def show_last(self) -> None:
        files = backups_in(default_folder(self.ctx.settings))
        self.last.setText(self.tr("Latest backup: {name}").format(name=files[-1].name) if files
                          else self.tr("No backup in that folder yet"))

    def values(self) -> dict[str, Any]:
        """The three settings keys as the form shows them."""
        return {FOLDER_KEY: self.folder.text().strip(), HOUR_KEY: self.hour.value(), KEEP_KEY: self.keep.value()}

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Daily backups to"), self.folder.text())
        if path:
            self.folder.setText(path)

    def back_up_now(self) -> None:
        self.operation = back_up_now(self.ctx, self)
        self.operation.finished.connect(lambda _result: self.show_last())

    def restore(self) -> None:
        self.operation = ask_restore(self.ctx, self)


def start_daily_backups(ctx: AppContext) -> DailyBackups | None:
    """Start this workstation's daily backups when a folder is set (and the scheduler is not off)."""
    plan = BackupPlan.from_settings(ctx.settings)
    if plan is None or not scheduler_enabled(ctx):
        return None

    def heard(run: BackupRun) -> None:
        # A scheduler thread: the app signal is delivered queued on the GUI thread.
        if run.ok:
            ctx.signals.status_message.emit(translate("Backup", "Daily backup written: {path}").format(
                path=run.path))
        else:
            ctx.signals.status_message.emit(translate("Backup", "Daily backup failed: {reason}").format(
                reason=run.error))

    daily = DailyBackups(ctx.db, plan, heard)
    daily.start()
    return daily
