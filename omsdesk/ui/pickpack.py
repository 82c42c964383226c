"""Pick & pack screen: choose orders or a wave, walk the bins scanning each unit, pack and print."""

from __future__ import annotations

import contextlib
import re
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from omsdesk.carriers.booking import WaveLabels
from omsdesk.config import claim_timeout_seconds
from omsdesk.documents.batch import render_packing_slips
from omsdesk.documents.pick_list import render_pick_list
from omsdesk.models.errors import OmsError
from omsdesk.queries import picking as picking_q
from omsdesk.services.fulfilment import claims as claims_svc
from omsdesk.services.fulfilment import picking as picking_svc
from omsdesk.ui.banner import Banner
from omsdesk.ui.context import AppContext
from omsdesk.ui.i18n import doc_language
from omsdesk.ui.print_dialogs import (
    Delivery,
    deliver_document,
    describe,
    label_payload,
    preview_pdf,
)
from omsdesk.ui.refusals import refusal_text
from omsdesk.ui.wave_labels import WaveLabelsWorker
from omsdesk.ui.workers import run_in_pool

_DONE = QColor("#dff3e3")
_PARTLY = QColor("#fff4d6")


def pack_and_print(db: Any, actor: Any, settings: dict[str, Any], plan: picking_svc.PickPlan,
                   progress: picking_svc.PickProgress) -> tuple[picking_svc.PackResult, list[Delivery]]:
    """Pack the orders, then send slips and labels to this workstation's printers (worker thread).

    Printing comes after the commit: a printer fault leaves the orders packed and says so,
    and the clerk reprints rather than repacking.
    """
    language = doc_language(settings)
    result = picking_svc.pack_picked(db, plan, progress, actor=actor, language=language)
    return result, print_packed(settings, result, plan.doc.wave)


def print_packed(settings: dict[str, Any], result: picking_svc.PackResult, name: str) -> list[Delivery]:
    """The slips and labels of a packed wave to this workstation's printers (also for a reprint).

    With a carrier account the labels are the carrier's, booked and printed by the wave worker.
    """
    slips = deliver_document(settings, "packing_slip", render_packing_slips(result.slips), f"slips-{name}")
    if result.carrier:
        return [slips]
    data, extension = label_payload(settings, list(result.labels))
    return [slips, deliver_document(settings, "label", data, f"labels-{name}", extension)]


# The bench's keys: one table binds them and lists them in the window's F1 help.
PICKPACK_KEYS: tuple[tuple[str, str, object], ...] = (
    ("F8", "start_picking", QT_TRANSLATE_NOOP("PickPackView", "Start picking the chosen orders")),
    ("F10", "pack", QT_TRANSLATE_NOOP("PickPackView", "Pack the order")),
    ("F9", "reprint_last", QT_TRANSLATE_NOOP("PickPackView", "Reprint the last slip or label")),
    ("Shift+F10", "cancel_labels", QT_TRANSLATE_NOOP("PickPackView", "Stop booking the wave's labels")),
    ("Ctrl+P", "preview_pick_list", QT_TRANSLATE_NOOP("PickPackView", "Pick list PDF")),
    ("F12", "focus_scan", QT_TRANSLATE_NOOP("PickPackView", "Back to the scan field")),
)


def pickpack_key_help() -> list[tuple[str, str]]:
    return [(key, QCoreApplication.translate("PickPackView", str(text))) for key, _slot, text in PICKPACK_KEYS]


class PickPackView(QWidget):
    """Left: the orders to pick. Right: the pick list in bin order, verified scan by scan."""

    picking_started = Signal(object)  # PickPlan
    packed = Signal(object, list)     # PackResult, [Delivery] of the slips and labels
    pack_failed = Signal(str)
    reprinted = Signal(list)          # [Delivery] of a reprint
    labels_done = Signal(object)      # WaveLabels: the carrier labels of a wave, booked and printed
    heartbeat_done = Signal(object)   # set of this desk's claim ids still active

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last_packed: tuple[picking_svc.PackResult, str] | None = None
        self.ctx = ctx
        self.plan: picking_svc.PickPlan | None = None
        self.progress: picking_svc.PickProgress | None = None
        self._busy = False
        self._resume = False  # True when the orders were named one by one (may be in picking)
        self._labels: WaveLabelsWorker | None = None
        self._last_labels: WaveLabelsWorker | None = None
        self.carrier_factory: Any = None  # tests point the wave worker at a local carrier server
        self.claim: claims_svc.ClaimedWave | None = None  # the wave this bench holds
        self._beating = False
        self._heartbeat_timer = QTimer(self)
        # Four beats per timeout: one lost beat (a busy server) never costs the claim.
        self._heartbeat_timer.setInterval(int(claim_timeout_seconds(ctx.settings) * 1000 / 4))
        self._heartbeat_timer.timeout.connect(self.heartbeat)
        self._build()
        self._shortcuts()
        self.reload_warehouses()
        self._refresh_pick_table()

    # -- layout ----------------------------------------------------------------

    def _build(self) -> None:
        orders_box = QGroupBox(self.tr("Orders to pick"))
        self.warehouse = QComboBox()
        self.wave_size = QSpinBox()
        self.wave_size.setRange(1, 500)
        self.wave_size.setValue(20)
        self.wave_size.setSuffix(self.tr(" orders"))
        self.load_wave_button = QPushButton(self.tr("Load wave (F5)"))
        self.load_wave_button.clicked.connect(self.load_wave)
        self.refs = QLineEdit()
        self.refs.setObjectName("refs")
        self.refs.setPlaceholderText(self.tr("Order references, e.g. SO-2026-000123, then Enter"))
        self.refs.returnPressed.connect(self.add_typed_orders)
        self.orders = QTableWidget(0, 3)
        self.orders.setHorizontalHeaderLabels([self.tr("Order"), self.tr("Customer"), self.tr("Units")])
        self.orders.verticalHeader().setVisible(False)
        self.orders.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.orders.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.orders.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.orders.setWordWrap(False)
        self.start_button = QPushButton(self.tr("Start picking (F8)"))
        self.start_button.setMinimumHeight(40)
        self.start_button.clicked.connect(self.start_picking)
        wave_row = QHBoxLayout()
        wave_row.addWidget(QLabel(self.tr("Warehouse")))
        wave_row.addWidget(self.warehouse, 1)
        wave_row.addWidget(self.wave_size)
        wave_row.addWidget(self.load_wave_button)
        left = QVBoxLayout(orders_box)
        left.addLayout(wave_row)
        left.addWidget(self.refs)
        left.addWidget(self.orders, 1)
        left.addWidget(self.start_button)

        pick_box = QGroupBox(self.tr("Pick list"))
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(self.tr("Scan each item (EAN or SKU) and Enter"))
        big = QFont(self.scan.font())
        big.setPointSize(big.pointSize() + 5)
        self.scan.setFont(big)
        self.scan.setMinimumHeight(44)
        self.scan.returnPressed.connect(self.scan_entered)
        self.banner = Banner()
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size: 15px;")
        self.pick_table = QTableWidget(0, 7)
        self.pick_table.setHorizontalHeaderLabels([
            self.tr("Bin"), self.tr("SKU"), self.tr("Product"), self.tr("EAN"), self.tr("Qty"),
            self.tr("Picked"), self.tr("Orders")])
        self.pick_table.verticalHeader().setVisible(False)
        self.pick_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pick_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pick_table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.pick_table.setWordWrap(False)
        self.pick_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.pick_table.horizontalHeader()
        for col in range(7):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(6, 160)  # the product name (stretched) needs the room more at 1280 px
        self.print_list_button = QPushButton(self.tr("Pick list PDF (Ctrl+P)"))
        self.print_list_button.clicked.connect(self.preview_pick_list)
        self.pack_button = QPushButton(self.tr("Pack and print (F10)"))
        self.pack_button.setMinimumHeight(40)
        self.pack_button.setStyleSheet("font-weight: bold;")
        self.pack_button.clicked.connect(self.pack)
        self.reprint_button = QPushButton(self.tr("Reprint last slips and labels (F9)"))
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.reprint_last)
        # The count on its own line: beside three buttons it left them no room at 1280 px in Spanish.
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.print_list_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pack_button)
        self.labels_bar = QProgressBar()
        self.labels_bar.setFormat(self.tr("Carrier labels: %v of %m"))
        self.labels_bar.setVisible(False)
        self.cancel_labels_button = QPushButton(self.tr("Stop labels (Shift+F10)"))
        self.cancel_labels_button.setVisible(False)
        self.cancel_labels_button.clicked.connect(self.cancel_labels)
        labels_row = QHBoxLayout()
        labels_row.addWidget(self.labels_bar, 1)
        labels_row.addWidget(self.cancel_labels_button)
        right = QVBoxLayout(pick_box)
        right.addWidget(self.scan)
        right.addWidget(self.banner)
        right.addWidget(self.pick_table, 1)
        right.addWidget(self.summary)
        right.addLayout(buttons)
        right.addLayout(labels_row)

        splitter = QSplitter()
        splitter.addWidget(orders_box)
        splitter.addWidget(pick_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([470, 810])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

    def _shortcuts(self) -> None:
        # F5 is the window's Refresh, which reloads the wave here (see refresh below).
        for key, slot, _help in PICKPACK_KEYS:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(getattr(self, slot))

    def focus_scan(self) -> None:
        self.scan.setFocus()

    # -- choosing orders -------------------------------------------------------

    def reload_warehouses(self) -> None:
        with self.ctx.db.read() as s:
            codes = picking_q.warehouse_codes(s)
        current = self.warehouse.currentText() or str(self.ctx.settings.get("counter_warehouse") or "")
        self.warehouse.clear()
        self.warehouse.addItems(codes)
        if current in codes:
            self.warehouse.setCurrentText(current)

    def take_focus(self) -> None:
        """Entering this screen puts the keyboard in the scan field (the main window calls it)."""
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """F5 (the window's Refresh) on this screen: load the next wave."""
        self.load_wave()

    def load_wave(self) -> None:
        """Claim the next wave of the chosen warehouse for this bench (claims.claim_wave).

        A wave claimed earlier and not started yet goes back to the pool first. The claim is
        one short write, like starting a pick list, so it runs here rather than in a worker.
        """
        self._drop_unstarted_claim()
        warehouse = self.warehouse.currentText()
        try:
            claim = claims_svc.claim_wave(
                self.ctx.db, actor=self.ctx.actor, warehouse=warehouse, size=self.wave_size.value(),
                timeout=timedelta(seconds=claim_timeout_seconds(self.ctx.settings)))
        except claims_svc.NothingToClaim:
            self.set_orders([])
            self.banner.show_message(self.tr("No allocated orders wait in {wh}").format(wh=warehouse))
            self.scan.setFocus()
            return
        except OmsError as exc:
            self.banner.refuse(str(exc))
            return
        self.claim = claim
        self._resume = False
        self.set_orders([(r.reference, r.customer_name, r.units) for r in claim.orders])
        self.banner.show_message(self.tr("Wave {wave} claimed for {bench}: {n} order(s)").format(
            wave=claim.name, bench=f"{claim.workstation}/{claim.user}", n=len(claim.orders)), "ok")
        self._heartbeat_timer.start()
        self.ctx.signals.orders_changed.emit()
        self.scan.setFocus()

    def _drop_unstarted_claim(self) -> None:
        """Give back a claimed wave nobody started picking (a new wave or a hand-made list replaces it)."""
        claim, self.claim = self.claim, None
        if claim is None or self.plan is not None:
            return
        with contextlib.suppress(OmsError):  # expired meanwhile: its orders are in the pool already
            claims_svc.release_claim(self.ctx.db, claim.id, actor=self.ctx.actor,
                                     reason=f"wave {claim.name} replaced before picking")

    def heartbeat(self) -> None:
        """Timer: tell the other desks this bench is alive, in a worker (never on the GUI thread)."""
        if self.claim is None or self._beating:
            return
        db, workstation = self.ctx.db, self.ctx.actor.workstation
        self._beating = True
        run_in_pool(self.ctx.pool, lambda: claims_svc.heartbeat(db, workstation), self._on_heartbeat,
                    self._on_heartbeat_failed)

    def _on_heartbeat(self, active: set[int]) -> None:
        self._beating = False
        self.heartbeat_done.emit(active)
        claim = self.claim
        if claim is None or claim.id in active:
            return
        # Another bench expired it: this desk was silent too long and the orders went back.
        self.claim = None
        self._heartbeat_timer.stop()
        self.plan = None
        self.progress = None
        self.set_orders([])
        self._refresh_pick_table()
        self.banner.refuse(self.tr("Wave {wave} expired: this bench was silent too long and its orders "
                                   "went back to the pool. Load a new wave (F5)").format(wave=claim.name))

    def _on_heartbeat_failed(self, message: str) -> None:
        self._beating = False  # the next tick tries again; the live banner says when the server is away

    def load_orders(self, references: list[str]) -> None:
        """Put the orders selected elsewhere (the order queue) on the list to pick."""
        with self.ctx.db.read() as s:
            rows = picking_q.pickable_orders(s, references)
        self._drop_unstarted_claim()
        self.set_orders([(r.reference, r.customer_name, r.units) for r in rows])
        self._resume = True
        found = {r.reference for r in rows}
        skipped = [r for r in references if r not in found]
        if skipped:
            self.banner.show_message(self.tr("Not ready to pick: {refs}").format(refs=", ".join(skipped)),
                                     "error")

    def add_typed_orders(self) -> None:
        refs = [r for r in re.split(r"[\s,;]+", self.refs.text().strip().upper()) if r]
        self.refs.clear()
        if refs:
            present = self.chosen_orders()
            self.load_orders(present + [r for r in refs if r not in present])

    def set_orders(self, rows: list[tuple[str, str, int]]) -> None:
        self.orders.setRowCount(len(rows))
        for r, (ref, name, units) in enumerate(rows):
            item = QTableWidgetItem(ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.orders.setItem(r, 0, item)
            self.orders.setItem(r, 1, QTableWidgetItem(name))
            units_item = QTableWidgetItem(str(units) if units else "")
            units_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.orders.setItem(r, 2, units_item)

    def chosen_orders(self) -> list[str]:
        refs = []
        for r in range(self.orders.rowCount()):
            item = self.orders.item(r, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                refs.append(item.text())
        return refs

    def start_picking(self) -> None:
        refs = self.chosen_orders()
        try:
            plan = picking_svc.start_picking(self.ctx.db, refs, actor=self.ctx.actor,
                                             warehouse=self.warehouse.currentText(),
                                             language=doc_language(self.ctx.settings),
                                             resume=self._resume,
                                             claim_id=None if self._resume or self.claim is None
                                             else self.claim.id,
                                             timeout=timedelta(seconds=claim_timeout_seconds(self.ctx.settings)))
        except OmsError as exc:
            self.banner.refuse(refusal_text(str(exc)))
            return
        self.plan = plan
        self.progress = picking_svc.PickProgress(plan.doc.rows)
        self._refresh_pick_table()
        text = self.tr("Pick {units} unit(s) for {orders} order(s), bin by bin").format(
            units=self.progress.units_left, orders=len(plan.references))
        if plan.skipped:
            text += " · " + self.tr("not ready: {refs}").format(refs=", ".join(plan.skipped))
        self.banner.show_message(text)
        self.scan.setFocus()
        self.ctx.signals.orders_changed.emit()
        self.picking_started.emit(plan)

    # -- scanning --------------------------------------------------------------

    def scan_entered(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if not code:
            return
        if self.progress is None:
            self.banner.refuse(self.tr("Start a pick list first (F8)"))
            return
        try:
            result = self.progress.scan(code)
        except picking_svc.WrongItem as exc:
            self.banner.refuse(self.tr("'{code}' is not on this pick list: put it back").format(code=exc.code))
            return
        except picking_svc.OverPick as exc:
            self.banner.refuse(self.tr("{sku} is already picked ({n} of {n}): put the extra one back").format(
                sku=exc.sku, n=exc.wanted))
            return
        self._refresh_pick_table(select=result.row_index)
        if result.complete:
            self.banner.show_message(self.tr("All picked: pack and print with F10"), "ok")
        else:
            self.banner.show_message(self.tr("{sku} from {bin}: {picked} of {qty}").format(
                sku=result.sku, bin=result.bin or "-", picked=result.picked, qty=result.qty), "ok")

    def _refresh_pick_table(self, select: int | None = None) -> None:
        rows = self.progress.rows if self.progress else ()
        self.pick_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            picked = self.progress.picked[r] if self.progress else 0
            values = (row.bin or "-", row.sku, row.name, row.ean, str(row.qty), str(picked),
                      ", ".join(row.order_refs))
            colour = _DONE if picked >= row.qty else _PARTLY if picked else None
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                self.pick_table.setItem(r, c, item)
        if select is not None:
            # Scroll, not select: the selection colour would hide the picked / partly picked colours.
            self.pick_table.clearSelection()
            first = self.pick_table.item(select, 0)
            if first is not None:
                self.pick_table.scrollToItem(first)
        if self.progress is not None:
            done = sum(self.progress.picked)
            self.summary.setText(self.tr("{done} of {total} units picked").format(
                done=done, total=done + self.progress.units_left))
        else:
            self.summary.setText(self.tr("No pick list yet"))
        complete = self.progress is not None and self.progress.complete
        self.pack_button.setEnabled(complete and not self._busy)
        self.print_list_button.setEnabled(self.plan is not None)

    # -- documents and packing -------------------------------------------------

    def preview_pick_list(self) -> None:
        if self.plan is not None:
            preview_pdf(self, render_pick_list(self.plan.doc), self.tr("Pick list {wave}").format(
                wave=self.plan.doc.wave))

    def pack(self) -> None:
        if self._busy or self.plan is None or self.progress is None:
            return
        if not self.progress.complete:
            self.banner.refuse(self.tr("{n} unit(s) still to pick").format(n=self.progress.units_left))
            return
        db, actor, settings = self.ctx.db, self.ctx.actor, dict(self.ctx.settings)
        plan, progress = self.plan, self.progress
        self._busy = True
        self._refresh_pick_table()
        self.banner.show_message(self.tr("Packing {n} order(s)...").format(n=len(plan.references)))
        run_in_pool(self.ctx.pool, lambda: pack_and_print(db, actor, settings, plan, progress),
                    self._on_packed, self._on_pack_failed)

    def _on_packed(self, outcome: tuple[picking_svc.PackResult, list[Delivery]]) -> None:
        result, notes = outcome
        self._busy = False
        assert self.plan is not None
        self._last_packed = (result, self.plan.doc.wave)
        self.reprint_button.setEnabled(True)
        self.claim = None  # packing fulfilled it
        self._heartbeat_timer.stop()
        self.plan = None
        self.progress = None
        self.set_orders([])
        self._refresh_pick_table()
        failed = any(n.failed for n in notes)
        self.banner.show_message(self.tr("Packed {refs}").format(refs=", ".join(result.references))
                                 + " · " + "; ".join(describe(n) for n in notes), "error" if failed else "ok")
        self.ctx.signals.orders_changed.emit()
        self.scan.setFocus()  # the next wave's first scan goes where the last one did
        self.packed.emit(result, notes)
        if result.carrier:
            self.print_carrier_labels(list(result.parcels))

    # -- carrier labels --------------------------------------------------------

    def print_carrier_labels(self, parcels: list[int]) -> None:
        """Book the wave's parcels with the carrier and print each label, in a worker."""
        if self._labels is not None or not parcels:
            return
        worker = WaveLabelsWorker(self.ctx.db, self.ctx.actor, dict(self.ctx.settings), parcels,
                                  self.carrier_factory)
        worker.signals.progress.connect(self._on_labels_progress)
        worker.signals.finished.connect(self._on_labels_done)
        worker.signals.failed.connect(self._on_labels_failed)
        self._labels = worker
        self.labels_bar.setRange(0, len(parcels))
        self.labels_bar.setValue(0)
        self.labels_bar.setVisible(True)
        self.cancel_labels_button.setVisible(True)
        self.cancel_labels_button.setEnabled(True)
        self.ctx.pool.start(worker)

    def cancel_labels(self) -> None:
        if self._labels is not None:
            self._labels.cancel()
            self.cancel_labels_button.setEnabled(False)
            self.labels_bar.setFormat(self.tr("Stopping after this label..."))

    def _on_labels_progress(self, done: int, total: int, _what: str) -> None:
        self.labels_bar.setMaximum(total)
        self.labels_bar.setValue(done)

    def _labels_finished(self) -> None:
        # Kept until the next wave: the pool thread may still be returning from run().
        self._last_labels, self._labels = self._labels, None
        self.labels_bar.setVisible(False)
        self.labels_bar.setFormat(self.tr("Carrier labels: %v of %m"))
        self.cancel_labels_button.setVisible(False)
        self.ctx.signals.orders_changed.emit()

    def _on_labels_done(self, report: WaveLabels) -> None:
        self._labels_finished()
        failed = report.failed
        text = self.tr("Carrier labels: {ok} printed, {bad} not").format(
            ok=len(report.outcomes) - len(failed), bad=len(failed))
        if report.cancelled:
            text += " · " + self.tr("stopped, {n} left for later").format(n=len(report.skipped))
        if failed:
            text += " · " + self.tr("{ref}: {reason}").format(ref=failed[0].reference, reason=failed[0].error)
        self.banner.show_message(text, "error" if failed else "ok")
        self.labels_done.emit(report)

    def _on_labels_failed(self, message: str) -> None:
        self._labels_finished()
        self.banner.refuse(self.tr("Carrier labels stopped: {reason}").format(reason=message))

    def reprint_last(self) -> None:
        """The slips and labels of the last packed wave again (a jam, a torn label)."""
        if self._last_packed is None:
            return
        result, name = self._last_packed
        settings = dict(self.ctx.settings)
        if result.carrier:
            # The carrier's labels are kept on the parcels: printed again, never booked again.
            self.print_carrier_labels(list(result.parcels))
        run_in_pool(self.ctx.pool, lambda: print_packed(settings, result, f"{name}-copy"), self._reprinted,
                    self.banner.refuse)

    def _reprinted(self, notes: list[Delivery]) -> None:
        failed = any(n.failed for n in notes)
        self.banner.show_message(self.tr("Reprinted: {what}").format(what="; ".join(describe(n) for n in notes)),
                                 "error" if failed else "ok")
        self.scan.setFocus()
        self.reprinted.emit(notes)

    def _on_pack_failed(self, message: str) -> None:
        self._busy = False
        self._refresh_pick_table()
        self.banner.refuse(self.tr("Not packed: {reason}").format(reason=message))
        self.scan.setFocus()
        self.pack_failed.emit(message)
