"""The simplified invoice on an 80 mm roll: width, height that fits, content and QR."""

from __future__ import annotations

from omsdesk.documents.receipt import render_receipt

from .samples import QR_URL, make_invoice, page_rows, page_sizes, page_texts

ROLL_WIDTH = 226.77  # 80 mm in points


def test_receipt_is_one_80mm_wide_page() -> None:
    sizes = page_sizes(render_receipt(make_invoice(kind="simplified", customer=None)))
    assert len(sizes) == 1
    assert sizes[0][0] == ROLL_WIDTH


def test_receipt_height_follows_its_content() -> None:
    short = page_sizes(render_receipt(make_invoice(lines=2, kind="simplified")))[0][1]
    long = page_sizes(render_receipt(make_invoice(lines=40, kind="simplified")))
    assert len(long) == 1, "a long receipt must stay one continuous page"
    assert long[0][1] > short + 500


def test_receipt_shows_lines_vat_and_total_vat_included() -> None:
    data = render_receipt(make_invoice(lines=2, kind="simplified", customer=None))
    text = page_texts(data)[0]
    rows = page_rows(data)[0]
    for expected in ("Factura simplificada F2026-000123", "Comercial Muñoz e Hijos, S.L.", "NIF: B12345678",
                     "2 x 12,50 €", "IVA incluido", "Gracias por su compra"):
        assert expected in text, expected
    assert "TOTAL 1.548,82 €" in rows
    assert "21 % 1.234,56 € 259,26 €" in rows


def test_receipt_qr_decodes(barcodes) -> None:  # type: ignore[no-untyped-def]
    assert barcodes.decode(render_receipt(make_invoice(kind="simplified"))) == [QR_URL]


def test_receipt_qr_is_at_least_30_mm(barcodes) -> None:  # type: ignore[no-untyped-def]
    data = render_receipt(make_invoice(kind="simplified"))
    height_mm = page_sizes(data)[0][1] / 72 * 25.4
    # The QR opens the receipt: measure the top 40 mm, where nothing else is printed.
    width = barcodes.ink_width_mm(data, (0.0, 0.0, 1.0, 40 / height_mm))
    assert 30.0 <= width <= 40.0, width


def test_english_receipt() -> None:
    text = page_texts(render_receipt(make_invoice(kind="simplified", language="en")))[0]
    assert "Simplified invoice" in text and "VAT included" in text and "€1,548.82" in text
