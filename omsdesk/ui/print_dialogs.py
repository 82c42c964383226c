"""Printing from the client: the workstation's printer per document type, and a Qt preview and print dialog."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from omsdesk.config import data_dir
from omsdesk.documents.data import LabelDoc
from omsdesk.documents.printing import PrinterProfile, print_bytes
from omsdesk.files import write_atomic
from omsdesk.models.errors import OmsError

log = logging.getLogger(__name__)

# Document types a workstation can route to its own printer (keys of settings["printers"]).
DOCUMENT_TYPES = ("receipt", "invoice", "packing_slip", "label", "pick_list")


def profile_for(settings: dict[str, Any], doc_type: str) -> PrinterProfile | None:
    """The printer profile configured for a document type on this workstation, if any."""
    entry = (settings.get("printers") or {}).get(doc_type)
    if not isinstance(entry, dict) or not entry.get("queue"):
        return None
    return PrinterProfile(queue=str(entry["queue"]), media=str(entry.get("media", "")),
                          copies=int(entry.get("copies", 1)),
                          format="zpl" if entry.get("format") == "zpl" else "pdf",
                          server=entry.get("server") or None,
                          dpi=300 if str(entry.get("dpi", "")) == "300" else 203)


def label_payload(settings: dict[str, Any], docs: list[LabelDoc]) -> tuple[bytes, str]:
    """Labels as this workstation's label printer takes them: ZPL in its dots, else one PDF."""
    from omsdesk.documents.batch import render_labels
    from omsdesk.documents.zpl import render_label_zpl

    profile = profile_for(settings, "label")
    if profile is not None and profile.format == "zpl":
        return b"".join(render_label_zpl(doc, dpi=profile.dpi) for doc in docs), "zpl"
    return render_labels(docs), "pdf"


def output_dir(settings: dict[str, Any]) -> Path:
    configured = settings.get("output_dir")
    return Path(configured) if configured else data_dir() / "documents"


@dataclass(frozen=True)
class Delivery:
    """What became of one document: printed (queue and CUPS job), saved (path), or failed (why)."""

    document: str  # the DOCUMENT_TYPES key
    queue: str = ""
    job: str = ""
    path: str = ""
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error)


def deliver_document(settings: dict[str, Any], doc_type: str, data: bytes, name: str,
                     extension: str = "pdf") -> Delivery:
    """Print to the workstation's printer for the type, or save the file when none is set.

    Plain Python (no widgets), so a worker thread can call it. A printer fault is reported
    in the result, not raised: the business step before it is already committed.
    """
    profile = profile_for(settings, doc_type)
    try:
        if profile is not None:
            return Delivery(doc_type, queue=profile.queue, job=print_bytes(data, profile, title=name))
        folder = output_dir(settings)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (re.sub(r"[^\w.-]+", "_", name) + "." + extension)
        write_atomic(path, data)
        return Delivery(doc_type, path=str(path))
    except (OmsError, OSError) as exc:
        log.warning("%s %s not delivered: %s", doc_type, name, exc)
        return Delivery(doc_type, queue=profile.queue if profile else "", error=str(exc))


def describe(delivery: Delivery) -> str:
    """The delivery in the clerk's language."""
    translate = QCoreApplication.translate
    names = {"receipt": translate("Printing", "Receipt"), "invoice": translate("Printing", "Invoice"),
             "packing_slip": translate("Printing", "Packing slips"), "label": translate("Printing", "Labels"),
             "pick_list": translate("Printing", "Pick list")}
    what = names.get(delivery.document, delivery.document)
    if delivery.failed:
        return QCoreApplication.translate("Printing", "{what} NOT printed: {error}").format(
            what=what, error=delivery.error)
    if delivery.job:
        return QCoreApplication.translate("Printing", "{what} printed on {queue} (job {job})").format(
            what=what, queue=delivery.queue, job=delivery.job)
    return QCoreApplication.translate("Printing", "{what} saved to {path}").format(what=what, path=delivery.path)


def _load(data: bytes, owner: QWidget) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer(owner)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(owner)
    doc.load(buffer)
    return doc, buffer


def render_pages(doc: QPdfDocument, dpi: int) -> list[QImage]:
    """Every page of a loaded PDF as an image at `dpi` (points are 1/72 in)."""
    images = []
    for page in range(doc.pageCount()):
        size = doc.pagePointSize(page)
        px = QSize(max(1, round(size.width() * dpi / 72)), max(1, round(size.height() * dpi / 72)))
        images.append(doc.render(page, px))
    return images


class PdfPreviewDialog(QDialog):
    """Shows a rendered PDF; Print opens the system print dialog, Save writes the file."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preview: {title}").format(title=title))
        self.resize(760, 900)
        self._data = data
        self._title = title
        self.document, self._buffer = _load(data, self)
        column = QWidget()
        pages = QVBoxLayout(column)
        pages.setSpacing(12)
        for image in render_pages(self.document, 96):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setStyleSheet("background: white; border: 1px solid #bbb;")
            pages.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        if self.document.pageCount() == 0:
            pages.addWidget(QLabel(self.tr("This document has no pages.")))
        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #e6e6e6; }")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        print_button = buttons.addButton(self.tr("&Print..."), QDialogButtonBox.ButtonRole.ActionRole)
        save_button = buttons.addButton(self.tr("&Save as..."), QDialogButtonBox.ButtonRole.ActionRole)
        print_button.setShortcut("Ctrl+P")
        save_button.setShortcut("Ctrl+S")
        print_button.clicked.connect(self.print_with_dialog)
        save_button.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)

    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(self.document, printer)

    def save_as(self) -> None:
        from omsdesk.ui import save_paths

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), save_paths.suggested(f"{self._title}.pdf"),
                                              self.tr("PDF files (*.pdf)"))
        if save_paths.remember(path):
            try:
                write_atomic(path, self._data)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Save PDF"), str(exc))


def print_document(doc: QPdfDocument, printer: QPrinter) -> int:
    """Paint each page into the printer, scaled to its page; returns the number of pages sent."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    dpi = max(150, min(printer.resolution(), 300))  # enough for text, bounded for memory
    try:
        for i, image in enumerate(render_pages(doc, dpi)):
            if i:
                printer.newPage()
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(0, 0, scaled.width(), scaled.height()), image)
    finally:
        painter.end()
    return doc.pageCount()


def preview_pdf(parent: QWidget | None, data: bytes, title: str) -> PdfPreviewDialog:
    """Open the preview non-modally (office documents: invoices, slips, pick lists)."""
    dialog = PdfPreviewDialog(data, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
