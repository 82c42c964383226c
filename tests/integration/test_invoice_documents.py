"""Invoices as printed: A4 invoice, 80 mm receipt and credit note, with a QR that scanners read."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from omsdesk.db import Database
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput
from omsdesk.services.invoicing.aeat import set_aeat_settings
from omsdesk.services.invoicing.credit import credit_invoice
from omsdesk.services.invoicing.documents import invoice_doc, render_invoice_pdf
from omsdesk.services.invoicing.issue import issue_invoice
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import NOW, setup_company

BUYER = CustomerInput(name="Ana López", tax_id="12345678Z",
                      address=AddressInput(line1="C/ Sol 2", city="Sevilla", postcode="41001"))


@pytest.fixture
def sqlite_shop(sqlite_db: Database) -> Shop:
    setup_company(sqlite_db)
    # Submission configured: the QR and the VERI*FACTU legend are printed (docs/verifactu.md).
    set_aeat_settings(sqlite_db, actor=ACTOR, certificate_path="/etc/omsdesk/company.p12")
    return Shop(sqlite_db)


def test_without_submission_no_qr_and_no_legend_are_printed(sqlite_db: Database) -> None:
    setup_company(sqlite_db)
    shop = Shop(sqlite_db)
    inv = issue_invoice(shop.db, shop.order({shop.product(): 1}, customer=BUYER), actor=ACTOR,
                        now=NOW)
    with shop.db.read() as s:
        doc = invoice_doc(s, inv.number)
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_invoice_pdf(
            s, inv.number))).pages)
    assert (doc.qr_url, doc.qr_legend) == (None, None)
    assert "VERI*FACTU" not in text and "QR tributario" not in text


def _qr_codes(pdf: bytes, tmp_path: Path) -> list[str]:
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm (poppler-utils) and zbarimg (zbar-tools) are needed to read the QR")
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(tmp_path / "doc.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    page = next(tmp_path.glob("page*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(page)],
                         capture_output=True, text=True, timeout=60)
    return [line for line in out.stdout.splitlines() if line]


def test_invoice_pdf_states_the_legal_content_and_its_qr_decodes(sqlite_shop: Shop,
                                                                tmp_path: Path) -> None:
    shop = sqlite_shop
    a, b = shop.product(price=1210), shop.product(price=2080, tax_rate_bp=400)
    inv = issue_invoice(shop.db, shop.order({a: 3, b: 2}, customer=BUYER), actor=ACTOR, now=NOW)
    with shop.db.read() as s:
        doc = invoice_doc(s, inv.number)
        pdf = render_invoice_pdf(s, inv.number)
    assert (doc.kind, doc.qr_url, doc.qr_legend) == ("invoice", inv.qr_url, "VERI*FACTU")
    assert [b.base for b in doc.breakdown] == [3000, 4000]
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for needed in (inv.number, "B12345674", "12345678Z", "Ana López", "Tienda Demo SL",
                   "VERI*FACTU", "77,90", "21", "4"):
        assert needed in text, needed
    assert _qr_codes(pdf, tmp_path) == [inv.qr_url]
    assert inv.qr_url == ("https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674"
                          f"&numserie={inv.number}&fecha=10-03-2026&importe=77.90")


def test_simplified_invoice_prints_as_an_80mm_receipt(sqlite_shop: Shop, tmp_path: Path) -> None:
    shop = sqlite_shop
    t = issue_invoice(shop.db, shop.order({shop.product(price=1210): 1}, channel="counter"),
                      actor=ACTOR, simplified=True, now=NOW)
    with shop.db.read() as s:
        pdf = render_invoice_pdf(s, t.number)
        a4 = render_invoice_pdf(s, t.number, "a4")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 80
    assert t.number in page.extract_text() and "12,10" in page.extract_text()
    assert round(float(PdfReader(io.BytesIO(a4)).pages[0].mediabox.width)) == 595
    assert _qr_codes(pdf, tmp_path) == [t.qr_url]


def test_credit_note_cites_the_invoice_it_corrects(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    sku = shop.product(price=1210)
    inv = issue_invoice(shop.db, shop.order({sku: 2}, customer=BUYER), actor=ACTOR, now=NOW)
    r = credit_invoice(shop.db, inv.number, actor=ACTOR, reason_code="R4", quantities={sku: 1},
                       reason="Devolución", now=NOW)
    with shop.db.read() as s:
        doc = invoice_doc(s, r.number)
        text = PdfReader(io.BytesIO(render_invoice_pdf(s, r.number))).pages[0].extract_text()
    assert (doc.kind, doc.corrected_number, doc.correction_reason) == (
        "credit_note", inv.number, "R4: Devolución")
    assert r.number in text and inv.number in text and "-12,10" in text
