"""Import orders or products from CSV…: pick a file, see what will be created and what is refused and why, then import."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from omsdesk.services.catalog_import import (
    ProductImportPreview,
    ProductImportResult,
    import_products,
    preview_products,
)
from omsdesk.services.intake.csv_import import (
    OrderImportPreview,
    OrderImportResult,
    import_orders,
    preview_orders,
)
from omsdesk.ui.context import AppContext
from omsdesk.ui.display import decimal, money, qty
from omsdesk.ui.workers import run_with_progress

KINDS = ("orders", "products")


def choose_csv(ctx: AppContext, kind: str, parent: QWidget | None = None) -> CsvImportDialog | None:
    """The file picker (in the documents folder, then where the last file came from) and the preview dialog."""
    settings = QSettings()
    folder = str(settings.value("csv_import/folder", "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))
    translate = QCoreApplication.translate
    name, _filter = QFileDialog.getOpenFileName(
        parent, translate("CsvImportDialog", "Choose a CSV file"), folder,
        translate("CsvImportDialog", "CSV files (*.csv *.txt);;All files (*)"))
    if not name:
        return None
    settings.setValue("csv_import/folder", str(Path(name).parent))
    dialog = CsvImportDialog(ctx, kind, Path(name), parent)
    dialog.setModal(True)
    dialog.show()
    return dialog


class CsvImportDialog(QDialog):
    """The preview runs in the pool as soon as the dialog opens; the import too, with progress."""

    imported = Signal(object)  # OrderImportResult | ProductImportResult

    def __init__(self, ctx: AppContext, kind: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert kind in KINDS
        self.ctx, self.kind, self.path = ctx, kind, path
        self.preview: OrderImportPreview | ProductImportPreview | None = None
        self.outcome: OrderImportResult | ProductImportResult | None = None
        self.setWindowTitle(self.tr("Import orders from CSV") if kind == "orders"
                            else self.tr("Import products from CSV"))
        self.file_label = QLabel(self.tr("File: {path}").format(path=str(path)))
        self.file_label.setWordWrap(True)
        self.summary = QLabel(self.tr("Reading the file…"))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: 600;")
        self.progress = QProgressBar()
        self.tabs = QTabWidget()
        # The column that takes the spare width: the customer, the product's changes, the reason.
        self.create_table = self._table(self._create_headers(), 2 if kind == "orders" else 5)
        self.refused_table = self._table([self.tr("Line"), self.tr("Order") if kind == "orders" else self.tr("SKU"),
                                          self.tr("Problem"), self.tr("Details")], 3)
        self.tabs.addTab(self.create_table, self.tr("To import"))
        self.tabs.addTab(self.refused_table, self.tr("Refused"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.setAutoDefault(False)  # a stray Enter never imports
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(900, 520)
        self._working(True)
        self.start_preview()

    def _table(self, headers: list[str], stretch: int) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setAlternatingRowColors(True)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        table.setProperty("stretch", stretch)
        return table

    @staticmethod
    def _fit(table: QTableWidget) -> None:
        # Sizing the stretched column to its contents too would undo the stretch on a visible table.
        for c in range(table.columnCount()):
            if c != table.property("stretch"):
                table.resizeColumnToContents(c)

    def _create_headers(self) -> list[str]:
        if self.kind == "orders":
            return [self.tr("Order"), self.tr("Lines in file"), self.tr("Customer"), self.tr("Units"),
                    self.tr("Total")]
        return [self.tr("Line"), self.tr("SKU"), self.tr("Action"), self.tr("Name"), self.tr("Price"),
                self.tr("Changes")]

    def problem_label(self, code: str) -> str:
        """What kind of problem, in the clerk's language; the details stay as the service says them."""
        labels = {
            "bad_file": self.tr("File not readable"), "unknown_sku": self.tr("Unknown SKU"),
            "inactive_sku": self.tr("SKU no longer sold"), "bad_qty": self.tr("Bad quantity"),
            "bad_price": self.tr("Bad price"), "missing_value": self.tr("Missing value"),
            "bad_row": self.tr("Malformed row"), "bad_email": self.tr("Bad email"),
            "bad_tax_id": self.tr("Bad tax id"), "bad_address": self.tr("Bad address or postcode"),
            "bad_country": self.tr("Unknown country"), "bad_date": self.tr("Bad date"),
            "bad_currency": self.tr("Bad currency"), "duplicate": self.tr("Duplicate"),
            "disagreement": self.tr("Rows disagree"), "bad_ean": self.tr("Bad EAN"),
            "bad_tax_rate": self.tr("Bad tax rate"), "bad_weight": self.tr("Bad weight"),
            "bad_sku": self.tr("Bad SKU"),
        }
        return labels.get(code, self.tr("Invalid"))

    # -- preview ----------------------------------------------------------------------------

    def start_preview(self) -> None:
        db, path = self.ctx.db, self.path
        if self.kind == "orders":
            def work(report: Any) -> Any:
                return preview_orders(db, path, progress=report)
        else:
            def work(report: Any) -> Any:
                return preview_products(db, path, progress=report)
        run_with_progress(self.ctx.pool, work, self._on_progress, self._on_preview, self._on_failed)

    def _working(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0 if busy else 1)  # busy until the first report

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_failed(self, message: str) -> None:
        self._working(False)
        self.summary.setText(self.tr("The import failed: {error}").format(error=message))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))

    def _on_preview(self, preview: OrderImportPreview | ProductImportPreview) -> None:
        self.preview = preview
        self._working(False)
        refused = self._fill_refused(preview)
        if isinstance(preview, OrderImportPreview):
            n = len(preview.orders)
            self._fill_orders(preview)
            totals: dict[str, int] = defaultdict(int)
            for o in preview.orders:
                totals[o.currency] += o.total
            text = self.tr("{n} orders will be created ({lines} rows, {total}).").format(
                n=qty(n), lines=qty(sum(len(o.lines) for o in preview.orders)),
                total=" + ".join(money(v, c) for c, v in totals.items()) or money(0, "EUR"))
            if preview.rejected:
                text += " " + self.tr("{n} orders refused ({rows} rows): they will not be imported.").format(
                    n=qty(sum(1 for r in preview.rejected if r.key)), rows=qty(preview.rejected_rows))
            self.import_button.setText(self.tr("Import {n} orders").format(n=qty(n)))
        else:
            n = preview.to_write
            self._fill_products(preview)
            text = self.tr("{created} products will be created, {updated} updated, {unchanged} unchanged.").format(
                created=qty(preview.count("create")), updated=qty(preview.count("update")),
                unchanged=qty(preview.count("unchanged")))
            if preview.rejected:
                text += " " + self.tr("{n} rows refused: they will not be imported.").format(
                    n=qty(len(preview.rejected)))
            self.import_button.setText(self.tr("Import {n} products").format(n=qty(n)))
        if preview.problems:
            text = self.tr("Nothing can be imported from this file.")
        self.summary.setText(text)
        self.tabs.setTabText(0, self.tr("To import ({n})").format(n=qty(self.create_table.rowCount())))
        self.tabs.setTabText(1, self.tr("Refused ({n})").format(n=qty(refused)))
        if refused and not n:
            self.tabs.setCurrentIndex(1)
        self.import_button.setEnabled(n > 0)
        if n > 0:
            self.import_button.setFocus()

    def _fill_orders(self, preview: OrderImportPreview) -> None:
        self.create_table.setRowCount(len(preview.orders))
        for i, o in enumerate(preview.orders):
            lines = str(o.lines[0]) if len(o.lines) == 1 else f"{o.lines[0]}–{o.lines[-1]}"
            self._row(self.create_table, i, [o.key, lines, o.customer or "—", qty(o.units),
                                             money(o.total, o.currency)], right=(3, 4))
        self._fit(self.create_table)

    def _fill_products(self, preview: ProductImportPreview) -> None:
        actions = {"create": self.tr("Create"), "update": self.tr("Update"), "unchanged": self.tr("Unchanged")}
        self.create_table.setRowCount(len(preview.rows))
        for i, r in enumerate(preview.rows):
            changes = "; ".join(self._change(column, before, after, r.currency) for column, before, after in r.changed)
            self._row(self.create_table, i, [str(r.line), r.sku, actions[r.action], r.name,
                                             money(r.price, r.currency), changes], right=(4,))
        self._fit(self.create_table)

    def _change(self, column: str, before: object, after: object, currency: str) -> str:
        """One changed field as the clerk reads it: 'Price 12,10 € → 12,50 €'."""
        def shown(value: object) -> str:
            if value is None or value == "":
                return "—"
            if column == "price" and isinstance(value, int):
                return money(value, currency)
            if column == "tax_rate_bp" and isinstance(value, int):
                return f"{decimal(value / 100, 2 if value % 100 else 0)} %"
            if column == "weight_g" and isinstance(value, int):
                return f"{qty(value)} g"
            return str(value)

        names = {"name": self.tr("Name"), "price": self.tr("Price"), "ean": self.tr("EAN"),
                 "tax_rate_bp": self.tr("VAT"), "weight_g": self.tr("Weight")}
        return f"{names.get(column, column)} {shown(before)} → {shown(after)}"

    def _fill_refused(self, preview: OrderImportPreview | ProductImportPreview) -> int:
        rows: list[list[str]] = [[str(p.line or ""), "", self.problem_label(p.code), p.reason]
                                 for p in preview.problems]
        if isinstance(preview, OrderImportPreview):
            for r in preview.rejected:
                for p in r.problems:
                    rows.append([str(p.line or ""), r.key, self.problem_label(p.code), p.reason])
        else:
            rows += [[str(r.line), r.sku, self.problem_label(r.problem.code), r.problem.reason]
                     for r in preview.rejected]
        self.refused_table.setRowCount(len(rows))
        for i, values in enumerate(rows):
            self._row(self.refused_table, i, values)
        self._fit(self.refused_table)
        return len(rows)

    @staticmethod
    def _row(table: QTableWidget, i: int, values: list[str], right: tuple[int, ...] = ()) -> None:
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, c, item)

    # -- import -----------------------------------------------------------------------------

    def start_import(self) -> None:
        preview, db, actor = self.preview, self.ctx.db, self.ctx.actor
        if preview is None:
            return
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)  # one transaction per chunk: let it finish
        self._working(True)
        self.summary.setText(self.tr("Importing…"))
        if isinstance(preview, OrderImportPreview):
            order_preview = preview

            def work(report: Any) -> Any:
                return import_orders(db, order_preview, actor=actor, progress=report)
        else:
            product_preview = preview

            def work(report: Any) -> Any:
                # The clerk has seen the refused rows: the dialog imports the others.
                return import_products(db, product_preview, actor=actor, accept_valid=True, progress=report)
        run_with_progress(self.ctx.pool, work, self._on_progress, self._on_imported, self._on_failed)

    def _on_imported(self, result: OrderImportResult | ProductImportResult) -> None:
        self.outcome = result
        self._working(False)
        if isinstance(result, OrderImportResult):
            text = self.tr("{n} orders created.").format(n=qty(len(result.created)))
            if result.created:
                text += " " + self.tr("References {first} to {last}.").format(
                    first=result.created[0].reference, last=result.created[-1].reference)
            if result.already_imported:
                text += " " + self.tr("{n} were imported meanwhile by someone else.").format(
                    n=qty(len(result.already_imported)))
            self.ctx.signals.orders_changed.emit()
        else:
            text = self.tr("{created} products created, {updated} updated.").format(
                created=qty(result.created), updated=qty(result.updated))
            self.ctx.signals.stock_changed.emit()
        self.summary.setText(text)
        self.ctx.signals.status_message.emit(text)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()
        self.imported.emit(result)
