"""Sync: shop and ERP channel health, sync runs, Sync now, the outbox with retry and the quarantine."""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from omsdesk.queries.outbox import channel_health, outbox_rows
from omsdesk.services.channels.channels import (
    list_channels,
    map_channel_sku,
    open_quarantine_entries,
    run_history,
)
from omsdesk.services.channels.erp import retry_failed_erp
from omsdesk.services.channels.kinds import sync_kinds
from omsdesk.sync.importer import reimport_quarantined
from omsdesk.sync.lock import LeaderInfo, leader_status
from omsdesk.sync.outbox import OutboxDispatcher
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import qty, when
from omsdesk.ui.sync_bridge import SyncNow
from omsdesk.ui.sync_channels import CONFIG_BG, DISABLED_FG, ChannelPanel
from omsdesk.ui.tables import fill_table, make_table
from omsdesk.ui.workers import run_in_pool

FAILED_BG = QColor("#fde2e1")
# Reasons name the shop SKU like "unknown SKU 'ABC-1'": Map SKU… starts from it.
_SKU_IN_REASON = re.compile(r"SKU[^'\"]*['\"]([^'\"]+)['\"]")


@dataclass(frozen=True)
class SyncSnapshot:
    """Everything the view shows, read in one pool call."""

    channels: list[Any]    # ChannelInfo
    backlog: dict[str, Any]  # channel code -> ChannelHealth (outbox counts)
    runs: list[Any]        # RunInfo
    messages: list[Any]    # OutboxRow
    quarantine: list[Any]  # QuarantineInfo
    leader: LeaderInfo | None = None  # who runs the sync jobs now (any workstation or daemon)


class MapSkuDialog(QDialog):
    """Say which local SKU a shop SKU stands for."""

    def __init__(self, channel: str, shop_sku: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Map SKU for {channel}").format(channel=channel))
        self.shop_sku = QLineEdit(shop_sku)
        self.local_sku = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Shop SKU"), self.shop_sku)
        form.addRow(self.tr("Our SKU"), self.local_sku)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.local_sku.setFocus()


class SyncView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.snapshot: SyncSnapshot | None = None
        self.sync_run: SyncNow | None = None
        self.last_message = ""
        self.last_progress = ""
        self.sync_scheduler: Any = None  # tests inject one; None: the bridge's, or a fresh one

        self.channels = make_table([self.tr("Channel"), self.tr("Name"), self.tr("Kind"), self.tr("Active"),
                                    self.tr("State"), self.tr("Last success"), self.tr("Failures"),
                                    self.tr("Offline"), self.tr("Credentials"), self.tr("Pending"),
                                    self.tr("Parked"), self.tr("Last error")], stretch=11)
        self.channel_panel = ChannelPanel(ctx, self)
        self.channel_panel.channel_changed.connect(self._on_channel_changed)
        self.channel_panel.message.connect(self._on_panel_message)
        self.channels.itemSelectionChanged.connect(self._show_channel)
        self.runs = make_table([self.tr("#"), self.tr("Channel"), self.tr("Job"), self.tr("Started"),
                                self.tr("Finished"), self.tr("Status"), self.tr("Fetched"), self.tr("Created"),
                                self.tr("Updated"), self.tr("Quarantined"), self.tr("Failed"),
                                self.tr("Delivered"), self.tr("Error")], stretch=12)
        self.outbox = make_table([self.tr("#"), self.tr("Created"), self.tr("Topic"), self.tr("Channel"),
                                  self.tr("Key"), self.tr("Status"), self.tr("Attempts"), self.tr("Next attempt"),
                                  self.tr("Last error")], stretch=8)
        self.quarantine = make_table([self.tr("#"), self.tr("Channel"), self.tr("Kind"), self.tr("Order"),
                                      self.tr("Reason"), self.tr("Seen"), self.tr("Updated")], stretch=4)
        self.raw = QPlainTextEdit()
        self.raw.setReadOnly(True)
        self.raw.setPlaceholderText(self.tr("The payload as the shop sent it"))
        self.quarantine.itemSelectionChanged.connect(self._show_raw)

        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All messages"), "")
        for status, text in (("pending", self.tr("Pending")), ("failed", self.tr("Parked")),
                             ("delivered", self.tr("Delivered"))):
            self.status_filter.addItem(text, status)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.sync_button = QPushButton(self.tr("Sync now (F9)"))
        self.sync_button.clicked.connect(self.sync_now)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.retry_button = QPushButton(self.tr("Retry parked"))
        self.retry_button.setToolTip(self.tr("Queue the selected parked messages again (all if none selected)"))
        self.retry_button.clicked.connect(self.retry_parked)
        self.reimport_button = QPushButton(self.tr("Re-import"))
        self.reimport_button.setToolTip(self.tr("Try the selected entries again (all if none selected)"))
        self.reimport_button.clicked.connect(self.reimport)
        self.map_button = QPushButton(self.tr("Map SKU…"))
        self.map_button.clicked.connect(self.map_sku)
        self.ship_by_button = QPushButton(self.tr("Ship-by promise…"))
        self.ship_by_button.setToolTip(self.tr("Handling days and cut-off of the selected channel"))
        self.ship_by_button.clicked.connect(lambda: self.edit_ship_by())
        self.summary = QLabel()
        self.leader_label = QLabel()
        self.leader_label.setObjectName("sync_leader")

        sync_action = QAction(self.tr("Sync now"), self)
        sync_action.setShortcut(QKeySequence(Qt.Key.Key_F9))
        sync_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sync_action.triggered.connect(self.sync_now)
        self.addAction(sync_action)
        self.menu_actions = [sync_action]

        self._build_layout()
        ctx.signals.sync_state_changed.connect(self._on_sync_state)
        self.refresh()

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        title = QLabel(self.tr("Channels"))
        title.setStyleSheet("font-weight: 600;")
        bar.addWidget(title)
        bar.addSpacing(16)
        bar.addWidget(self.leader_label, 1)
        bar.addWidget(self.ship_by_button)
        bar.addWidget(self.sync_button)
        bar.addWidget(self.refresh_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.channels, 1)
        top_layout.addWidget(self.channel_panel)

        outbox_page = QWidget()
        outbox_layout = QVBoxLayout(outbox_page)
        outbox_bar = QHBoxLayout()
        outbox_bar.addWidget(self.status_filter)
        outbox_bar.addStretch(1)
        outbox_bar.addWidget(self.retry_button)
        outbox_layout.addLayout(outbox_bar)
        outbox_layout.addWidget(self.outbox)

        quarantine_page = QWidget()
        q_layout = QVBoxLayout(quarantine_page)
        q_bar = QHBoxLayout()
        q_bar.addWidget(QLabel(self.tr("Orders that could not be imported; fix the cause, then re-import.")))
        q_bar.addStretch(1)
        q_bar.addWidget(self.map_button)
        q_bar.addWidget(self.reimport_button)
        q_layout.addLayout(q_bar)
        q_split = QSplitter(Qt.Orientation.Horizontal)
        q_split.addWidget(self.quarantine)
        q_split.addWidget(self.raw)
        q_split.setSizes([700, 300])
        q_layout.addWidget(q_split)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.runs, self.tr("Runs"))
        self.tabs.addTab(outbox_page, self.tr("Outbox"))
        self.tabs.addTab(quarantine_page, self.tr("Quarantine"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        splitter.setSizes([380, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        db, status = self.ctx.db, self.status_filter.currentData() or None

        def fetch() -> SyncSnapshot:
            with db.read() as s:
                backlog = {h.code: h for h in channel_health(s)}
                messages = outbox_rows(s, status=status)
            return SyncSnapshot(list_channels(db, sync_kinds()), backlog, run_history(db), messages,
                                open_quarantine_entries(db), leader_status(db))

        run_in_pool(self.ctx.pool, fetch, self._on_loaded, self._say)

    def _on_sync_state(self, state: dict[str, Any]) -> None:
        if state.get("job") or state.get("state") in ("started", "idle", "standby", "stopped"):
            self.refresh()

    def _on_loaded(self, snap: SyncSnapshot) -> None:
        selected = self._selected_channel()
        self.snapshot = snap
        self._show_leader(snap.leader)
        yes, no = self.tr("yes"), ""
        rows, marked = [], []
        for c in snap.channels:
            h = snap.backlog.get(c.code)
            pending, parked = (h.pending, h.failed) if h else (0, 0)
            rows.append((c.code, c.name, c.kind, yes if c.active else self.tr("no"),
                         self.channel_panel.state_of(c)[0], when(c.last_success_at),
                         str(c.consecutive_failures), yes if c.offline else no,
                         self.tr("invalid") if c.credentials_invalid else no, str(pending), str(parked),
                         c.last_error.splitlines()[0] if c.last_error else ""))
            marked.append(c.consecutive_failures > 0 or c.credentials_invalid or parked > 0)
        fill_table(self.channels, rows, right_aligned=(6, 9, 10), highlight=marked, color=FAILED_BG)
        self._mark_channels(snap.channels)
        self._reselect(selected.code if selected is not None else None)
        fill_table(self.runs, [
            (str(r.id), r.channel, r.job, when(r.started_at), when(r.finished_at), r.status, qty(r.fetched),
             qty(r.created), qty(r.updated), qty(r.quarantined), qty(r.failed), qty(r.delivered),
             r.error.splitlines()[0] if r.error else "") for r in snap.runs],
            right_aligned=tuple(range(6, 12)), highlight=[r.status in ("failed", "interrupted") for r in snap.runs],
            color=FAILED_BG)
        for row, run in enumerate(snap.runs):
            error_item = self.runs.item(row, 12)
            if run.error and error_item is not None:
                error_item.setToolTip(run.error)
        fill_table(self.outbox, [
            (str(m.id), when(m.created_at), m.topic, m.channel, m.key, m.status, str(m.attempts),
             when(m.next_attempt_at) if m.status == "pending" else "", m.last_error) for m in snap.messages],
            right_aligned=(0, 6), highlight=[m.status == "failed" for m in snap.messages], color=FAILED_BG)
        fill_table(self.quarantine, [
            (str(q.id), q.channel, q.kind, q.number or q.external_id, q.reason, str(q.seen), when(q.updated_at))
            for q in snap.quarantine], right_aligned=(0, 5))
        self._show_raw()
        pending = sum(h.pending for h in snap.backlog.values())
        parked = sum(h.failed for h in snap.backlog.values())
        self.tabs.setTabText(2, self.tr("Quarantine ({n})").format(n=len(snap.quarantine)))
        self._say(self.last_message or self.tr(
            "{pending} pending, {parked} parked, {q} in quarantine").format(
            pending=pending, parked=parked, q=len(snap.quarantine)))

    def _show_leader(self, leader: LeaderInfo | None) -> None:
        if leader is None:
            self.leader_label.setText(self.tr("Sync leader: none (no workstation or daemon runs the sync jobs now)"))
            return
        who = leader.workstation or "?"
        if leader.workstation == self.ctx.actor.workstation and leader.pid == os.getpid():
            who = self.tr("{who} (this window)").format(who=who)
        self.leader_label.setText(self.tr("Sync leader: {who}, process {pid}, since {since}").format(
            who=who, pid=leader.pid or "?", since=when(leader.since) or "?"))

    def _say(self, text: str) -> None:
        self.summary.setText(text)

    # -- the channel table and its panel -------------------------------------------------

    def _mark_channels(self, channels: list[Any]) -> None:
        """Full error on hover; settings errors in amber (not the pink of outages); disabled greyed."""
        last = self.channels.columnCount() - 1
        for row, c in enumerate(channels):
            advice = self.channel_panel.state_of(c)[1]
            for col in range(self.channels.columnCount()):
                item = self.channels.item(row, col)
                if item is None:
                    continue
                if col == last and c.last_error:
                    item.setToolTip(c.last_error + (f"\n\n{advice}" if advice else ""))
                elif col == 4 and advice:
                    item.setToolTip(advice)
                if c.health == "config":
                    item.setBackground(CONFIG_BG)
                elif c.health == "disabled":
                    item.setForeground(DISABLED_FG)

    def _selected_channel(self) -> Any:
        rows = self._selected_rows(self.channels)
        if not rows or self.snapshot is None or rows[0] >= len(self.snapshot.channels):
            return None
        return self.snapshot.channels[rows[0]]

    def _reselect(self, code: str | None) -> None:
        codes = [c.code for c in self.snapshot.channels] if self.snapshot else []
        if code in codes:
            self.channels.selectRow(codes.index(code))
        self._show_channel()

    def _show_channel(self) -> None:
        info = self._selected_channel()
        backlog = self.snapshot.backlog.get(info.code) if info is not None and self.snapshot else None
        self.channel_panel.show_channel(info, backlog.pending if backlog is not None else 0)

    def select_channel(self, code: str) -> None:
        """Select a channel's row (and show its details)."""
        self._reselect(code)

    def _on_channel_changed(self, _code: str) -> None:
        self.refresh()

    def _on_panel_message(self, text: str) -> None:
        self.last_message = text
        self._say(text)

    def _selected_rows(self, table: QTableWidget) -> list[int]:
        return sorted({i.row() for i in table.selectedIndexes()})

    def _show_raw(self) -> None:
        rows = self._selected_rows(self.quarantine)
        if not rows or self.snapshot is None or rows[0] >= len(self.snapshot.quarantine):
            self.raw.setPlainText("")
            return
        entry = self.snapshot.quarantine[rows[0]]
        self.raw.setPlainText(entry.reason + "\n\n" + json.dumps(entry.raw, indent=2, ensure_ascii=False,
                                                                  default=str))

    # -- actions -------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Every sync job once, in the pool, with a progress dialog."""
        if self.sync_run is not None:
            return  # one at a time; the dialog of the running one says what it does
        self.sync_button.setEnabled(False)
        self.sync_run = SyncNow(self.ctx, self, self.sync_scheduler)
        self.sync_run.finished.connect(self._on_synced)
        self.sync_run.failed.connect(self._on_sync_failed)
        self.sync_run.worker.signals.progress.connect(self._on_sync_progress)
        self.sync_run.start()

    def _on_sync_progress(self, text: str) -> None:
        self.last_progress = text

    def _sync_done(self) -> None:
        self.sync_button.setEnabled(True)
        if self.sync_run is not None:
            self.sync_run.dialog.deleteLater()
            self.sync_run.deleteLater()
        self.sync_run = None

    def _on_synced(self, reports: list[dict[str, Any]]) -> None:
        self._sync_done()
        created = sum(r["counts"].get("created", 0) for r in reports if r["job"] == "pull_orders")
        failed = [r for r in reports if r["status"] == "failed"]
        self.last_message = self.tr("Sync now: {jobs} jobs, {created} new orders, {failed} failed").format(
            jobs=len(reports), created=qty(created), failed=len(failed))
        self.refresh()

    def _on_sync_failed(self, message: str) -> None:
        self._sync_done()
        self.last_message = self.tr("Sync now failed: {error}").format(error=message)
        self._say(self.last_message)

    def retry_parked(self) -> None:
        """Queue parked messages again: the selected ones, or all."""
        snap = self.snapshot
        rows = self._selected_rows(self.outbox)
        ids = [snap.messages[r].id for r in rows if snap is not None and snap.messages[r].status == "failed"] \
            if rows else None
        if rows and not ids:
            self._say(self.tr("Select parked (failed) messages to retry"))
            return
        db = self.ctx.db

        def retry() -> int:
            return OutboxDispatcher(db).retry_parked(ids) + retry_failed_erp(db, ids)

        run_in_pool(self.ctx.pool, retry, self._on_retried, self._say)

    def _on_retried(self, n: int) -> None:
        self.last_message = self.tr("{n} parked messages back in the queue").format(n=n)
        self.refresh()

    def _selected_quarantine(self) -> list[Any]:
        snap = self.snapshot
        if snap is None:
            return []
        return [snap.quarantine[r] for r in self._selected_rows(self.quarantine) if r < len(snap.quarantine)]

    def reimport(self) -> None:
        """Import the selected quarantined orders again (all open ones if none is selected)."""
        chosen = self._selected_quarantine()
        entries = chosen or (self.snapshot.quarantine if self.snapshot else [])
        by_channel: dict[str, list[int]] = defaultdict(list)
        for e in entries:
            by_channel[e.channel].append(e.id)
        if not by_channel:
            self._say(self.tr("The quarantine is empty"))
            return
        db, actor = self.ctx.db, self.ctx.actor

        def run() -> dict[str, int]:
            total: dict[str, int] = defaultdict(int)
            for channel, ids in by_channel.items():
                for k, v in reimport_quarantined(db, channel, ids=ids, actor=actor).as_dict().items():
                    total[k] += v
            return dict(total)

        run_in_pool(self.ctx.pool, run, self._on_reimported, self._say)

    def _on_reimported(self, counts: dict[str, int]) -> None:
        if counts.get("created") or counts.get("updated"):
            self.ctx.signals.orders_changed.emit()
        self.last_message = self.tr("Re-import: {created} created, {quarantined} still in quarantine").format(
            created=counts.get("created", 0), quarantined=counts.get("quarantined", 0))
        self.refresh()

    def edit_ship_by(self, code: str | None = None) -> None:
        """Ask the selected channel's handling days and cut-off, then set them through the service."""
        from omsdesk.services.channels.channels import channel_ship_by

        if code is None:
            rows = self._selected_rows(self.channels)
            if not rows or self.snapshot is None:
                self._say(self.tr("Choose a channel first"))
                return
            code = self.snapshot.channels[rows[0]].code
        db, channel = self.ctx.db, code
        # The current promise is read in a worker; the dialog opens when it is there.
        run_in_pool(self.ctx.pool, lambda: channel_ship_by(db, channel),
                    lambda policy: self._ask_ship_by(channel, policy), self._on_ship_by_refused)

    def _ask_ship_by(self, channel: str, policy: Any) -> None:
        from omsdesk.services.channels.channels import set_ship_by
        from omsdesk.ui.ship_by_dialog import ShipByDialog

        dialog = ShipByDialog(channel, policy.handling_days, policy.cutoff, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        days, cutoff, ctx = dialog.days.value(), dialog.cutoff_text(), self.ctx

        def done(p: object) -> None:
            self.last_message = self.tr("{channel}: ship within {days} working day(s), cut-off {cutoff}").format(
                channel=channel, days=getattr(p, "handling_days", days), cutoff=cutoff)
            self._say(self.last_message)

        run_in_pool(ctx.pool, lambda: set_ship_by(ctx.db, channel, actor=ctx.actor, handling_days=days,
                                                  cutoff=cutoff),
                    done, self._on_ship_by_refused)

    def _on_ship_by_refused(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Promise refused"), message)

    def map_sku(self) -> None:
        """Map a shop SKU of the selected entry onto a local product, for a re-import."""
        chosen = self._selected_quarantine()
        if not chosen:
            self._say(self.tr("Select a quarantined order first"))
            return
        entry = chosen[0]
        found = _SKU_IN_REASON.search(entry.reason)
        dialog = MapSkuDialog(entry.channel, found.group(1) if found else "", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_mapping(entry.channel, dialog.shop_sku.text(), dialog.local_sku.text().strip())

    def apply_mapping(self, channel: str, shop_sku: str, local_sku: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor

        def run() -> str:
            map_channel_sku(db, channel, shop_sku, local_sku, actor=actor)
            return local_sku

        def done(_sku: str) -> None:
            self.last_message = self.tr("{channel}: shop SKU {shop} is now {sku}; re-import to bring the orders in"
                                        ).format(channel=channel, shop=shop_sku, sku=local_sku)
            self.refresh()

        def failed(message: str) -> None:
            QMessageBox.warning(self, self.tr("Map SKU"), message)

        run_in_pool(self.ctx.pool, run, done, failed)
