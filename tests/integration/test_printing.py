"""Printing through the real CUPS: packing slips and 4x6 labels to cups-pdf, raw ZPL to the label queue."""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from omsdesk.documents.batch import render_packing_slips
from omsdesk.documents.data import DocLine, LabelDoc, PackingSlipDoc, Party
from omsdesk.documents.errors import PrintError
from omsdesk.documents.label import render_label
from omsdesk.documents.printing import LABEL_MEDIA, PrinterProfile, list_queues, print_bytes
from omsdesk.documents.zpl import render_label_zpl

pytestmark = pytest.mark.cups

SHIP_TO = Party("José Muñoz Ibáñez", address_lines=("Calle Mayor 7", "50001 Zaragoza"), country="España")


def slip(ref: str, lines: int) -> PackingSlipDoc:
    goods = tuple(DocLine(f"SKU-{n:03d}", f"Artículo de prueba número {n}", 1, ean="8412345678905", bin=f"A-{n}")
                  for n in range(lines))
    return PackingSlipDoc(ref, date(2026, 3, 2), SHIP_TO, goods)


def label() -> LabelDoc:
    sender = Party("Comercial Muñoz", address_lines=("Calle de la Peña 14", "28013 Madrid"), country="España")
    return LabelDoc(sender, SHIP_TO, "SEUR", "24h", "1Z999AA10123456784", 1200, "SO-2026-000777")


def job_number(job_id: str, queue: str) -> int:
    prefix = f"{queue}-"
    assert job_id.startswith(prefix), job_id
    return int(job_id[len(prefix):])


def decode_page(pdf: Path, tmp_path: Path) -> list[str]:
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm and zbarimg are needed: apt-get install -y poppler-utils zbar-tools", pytrace=False)
    image = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(image)],
                   check=True, capture_output=True, timeout=60)
    found = subprocess.run(["zbarimg", "--raw", "-q", f"{image}.png"], capture_output=True, timeout=60)
    return found.stdout.decode().split()


def test_packing_slip_batch_arrives_as_one_pdf_job(cups_pdf_queue, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ref = f"SO-T{uuid.uuid4().hex[:8].upper()}"
    data = render_packing_slips([slip(ref, 2), slip(f"{ref}-B", 70)])
    expected_pages = len(PdfReader(io.BytesIO(data)).pages)
    assert expected_pages >= 3
    job = print_bytes(data, PrinterProfile(cups_pdf_queue.name, media="A4"), title=f"slips-{ref}")
    produced = cups_pdf_queue.wait_for_pdf(job_number(job, cups_pdf_queue.name))
    reader = PdfReader(produced)
    assert len(reader.pages) == expected_pages
    assert ref in (reader.pages[0].extract_text() or "")
    assert decode_page(produced, tmp_path) == [ref]


def test_label_arrives_as_a_4x6_page_with_a_readable_barcode(cups_pdf_queue, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    job = print_bytes(render_label(label()), PrinterProfile(cups_pdf_queue.name, media=LABEL_MEDIA),
                      title="label-4x6")
    produced = cups_pdf_queue.wait_for_pdf(job_number(job, cups_pdf_queue.name))
    reader = PdfReader(produced)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (288, 432)
    assert decode_page(produced, tmp_path) == ["1Z999AA10123456784"]


def test_raw_zpl_reaches_the_label_printer_byte_for_byte(zpl_queue) -> None:  # type: ignore[no-untyped-def]
    data = render_label_zpl(label())
    job = print_bytes(data, PrinterProfile(zpl_queue.name, format="zpl"), title="label-zpl")
    assert zpl_queue.wait_for_output(job_number(job, zpl_queue.name)) == data


def test_printing_to_a_missing_queue_names_it(cups_pdf_queue) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PrintError, match="NoSuchQueue"):
        print_bytes(b"%PDF-1.4\n", PrinterProfile("NoSuchQueue"))


def test_test_queues_are_listed(cups_pdf_queue, zpl_queue) -> None:  # type: ignore[no-untyped-def]
    names = {queue.name for queue in list_queues()}
    assert {cups_pdf_queue.name, zpl_queue.name} <= names


def test_cli_prints_a_packing_slip_to_the_queue(cups_pdf_queue, sqlite_db, capsys) -> None:  # type: ignore[no-untyped-def]
    from omsdesk.cli import main
    from tests.fixtures.database import Shop

    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order_at("allocated", {sku: 2})
    code = main(["--db", sqlite_db.url, "print", "packing-slip", ref, "--printer", cups_pdf_queue.name])
    out = capsys.readouterr().out
    assert code == 0, out
    job_id = out.split(":", 1)[0]
    produced = cups_pdf_queue.wait_for_pdf(job_number(job_id, cups_pdf_queue.name))
    reader = PdfReader(produced)
    assert len(reader.pages) == 1 and ref in (reader.pages[0].extract_text() or "")
