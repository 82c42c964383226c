"""Pick and pack by scanning: a wrong item or an over-pick is refused loudly, then the wave is packed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.picking import assign_bin
from omsdesk.ui.context import AppContext
from omsdesk.ui.pickpack import PickPackView
from tests.fixtures.database import ACTOR, Shop


@pytest.fixture
def floor(qtbot: QtBot, sqlite_db: Database, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> tuple[PickPackView, Shop, Path, list[str]]:
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path / "config"))
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for sku, bin_code in (("MUG-01", "B-10"), ("TEE-02", "A-2"), ("CAP-03", "B-9")):
        shop.product(sku)
        shop.stock(sku, 10)
        assign_bin(sqlite_db, sku, "MAD", bin_code, actor=ACTOR)
    refs = [shop.order_at("allocated", {"MUG-01": 2, "TEE-02": 1}),
            shop.order_at("allocated", {"MUG-01": 1})]
    ctx = AppContext(sqlite_db, Actor("picker", "pack-1"))
    out = tmp_path / "printed"
    ctx.settings.update({"output_dir": str(out), "language": "en"})
    view = PickPackView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view, shop, out, refs


def _scan(qtbot: QtBot, view: PickPackView, code: str) -> None:
    qtbot.keyClicks(view.scan, code)
    qtbot.keyClick(view.scan, Qt.Key.Key_Return)


def test_wrong_scan_is_refused_then_right_scans_pack_and_print(qtbot: QtBot, floor) -> None:  # type: ignore[no-untyped-def]
    view, shop, out, refs = floor
    view.refresh()                                     # F5 in the main window: load the MAD wave
    assert view.chosen_orders() == refs
    qtbot.keyClick(view.scan, Qt.Key.Key_F8)           # start picking
    assert [shop.status(r) for r in refs] == ["picking", "picking"]
    rows = view.progress.rows if view.progress else ()
    assert [(r.bin, r.sku, r.qty) for r in rows] == [("A-2", "TEE-02", 1), ("B-10", "MUG-01", 3)]

    before = shop.snapshot()
    _scan(qtbot, view, "CAP-03")                       # shelved nearby, but not ordered
    assert view.banner.level == "error" and "not on this pick list" in view.banner.text()
    assert view.progress is not None and view.progress.picked == [0, 0]
    _scan(qtbot, view, "TEE-02")
    _scan(qtbot, view, "TEE-02")                       # one too many
    assert view.banner.level == "error" and "already picked" in view.banner.text()
    assert view.progress.picked == [1, 0]
    assert not view.pack_button.isEnabled()
    assert shop.snapshot() == before                   # scans never touch the database

    for _ in range(3):
        _scan(qtbot, view, "MUG-01")
    assert view.progress.complete and view.pack_button.isEnabled()
    with qtbot.waitSignal(view.packed, timeout=20000) as done:
        qtbot.keyClick(view.scan, Qt.Key.Key_F10)
    result, notes = done.args
    assert list(result.references) == refs
    assert [shop.status(r) for r in refs] == ["packed", "packed"]
    assert [(n.document, n.failed, bool(n.path)) for n in notes] == [
        ("packing_slip", False, True), ("label", False, True)]
    slips = PdfReader(io.BytesIO(next(out.glob("slips-*.pdf")).read_bytes()))
    labels = PdfReader(io.BytesIO(next(out.glob("labels-*.pdf")).read_bytes()))
    assert len(labels.pages) == 2
    slip_text = "".join(p.extract_text() for p in slips.pages)
    assert refs[0] in slip_text and refs[1] in slip_text
    # The parcel leaves Madrid: the warehouse is the sender on every label.
    assert "Madrid" in labels.pages[0].extract_text()

    # A torn label: F9 prints the wave's slips and labels again, nothing is packed twice.
    assert view.reprint_button.isEnabled()
    with qtbot.waitSignal(view.reprinted, timeout=20000) as again:
        qtbot.keyClick(view.scan, Qt.Key.Key_F9)
    assert [(n.document, n.failed) for n in again.args[0]] == [("packing_slip", False), ("label", False)]
    assert len(PdfReader(next(out.glob("labels-*-copy.pdf"))).pages) == 2
    assert [shop.status(r) for r in refs] == ["packed", "packed"]


def test_orders_not_allocated_are_not_picked(qtbot: QtBot, floor) -> None:  # type: ignore[no-untyped-def]
    view, shop, _out, refs = floor
    new_ref = shop.order({"CAP-03": 1})
    view.load_orders([refs[1], new_ref])
    assert view.chosen_orders() == [refs[1]]
    assert new_ref in view.banner.text()
    assert shop.status(new_ref) == "new"


def test_pick_list_preview_renders_and_prints_every_page_through_qprinter(
        qtbot: QtBot, floor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from omsdesk.ui.print_dialogs import PdfPreviewDialog, print_document

    view, _shop, _out, _refs = floor
    view.load_wave()
    view.start_picking()
    assert view.plan is not None
    from omsdesk.documents.pick_list import render_pick_list

    dialog = PdfPreviewDialog(render_pick_list(view.plan.doc), "pick list", view)
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() >= 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    assert print_document(dialog.document, printer) == dialog.document.pageCount()
    assert len(PdfReader(str(target)).pages) == dialog.document.pageCount()


@pytest.mark.cups
def test_pack_prints_slips_to_the_pdf_queue_and_labels_as_zpl(  # type: ignore[no-untyped-def]
        qtbot: QtBot, floor, cups_pdf_queue, zpl_queue) -> None:
    view, shop, _out, refs = floor
    view.ctx.settings["printers"] = {"packing_slip": {"queue": cups_pdf_queue.name, "media": "A4"},
                                     "label": {"queue": zpl_queue.name, "format": "zpl"}}
    view.load_orders(refs[1:])
    view.start_picking()
    _scan(qtbot, view, "MUG-01")
    with qtbot.waitSignal(view.packed, timeout=60000) as done:
        view.pack()
    _result, notes = done.args
    assert [(n.queue, n.failed) for n in notes] == [(cups_pdf_queue.name, False), (zpl_queue.name, False)]
    slip_job = int(notes[0].job.rsplit("-", 1)[1])
    label_job = int(notes[1].job.rsplit("-", 1)[1])
    assert f"printed on {zpl_queue.name}" in view.banner.text()
    slip = PdfReader(str(cups_pdf_queue.wait_for_pdf(slip_job)))
    assert refs[1] in slip.pages[0].extract_text()
    zpl = zpl_queue.wait_for_output(label_job)
    assert zpl.startswith(b"^XA") and refs[1].encode() in zpl
    assert shop.status(refs[1]) == "packed"
