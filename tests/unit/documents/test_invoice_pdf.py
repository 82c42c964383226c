"""The A4 invoice and credit note: content, VAT lines, page numbering, fonts and the QR."""

from __future__ import annotations

from omsdesk.documents.invoice import render_invoice

from .samples import QR_URL, make_invoice, page_rows, page_sizes, page_texts, pdf_reader, squeeze

A4 = (595.28, 841.89)


def test_invoice_is_an_a4_pdf() -> None:
    assert page_sizes(render_invoice(make_invoice())) == [A4]


def test_invoice_shows_parties_number_dates_and_lines() -> None:
    text = page_texts(render_invoice(make_invoice(lines=3)))[0]
    for expected in ("Factura", "F2026-000123", "02/03/2026", "01/03/2026", "Comercial Muñoz e Hijos, S.L.",
                     "NIF: B12345678", "Françoise Großmann", "NIF: X1234567L", "SKU-0000", "SKU-0002",
                     "Transferencia a 30 días"):
        assert expected in text, expected


def test_invoice_prints_vat_per_rate_and_totals() -> None:
    text = page_rows(render_invoice(make_invoice()))[0]
    # One breakdown line per rate: base, rate and tax.
    assert "1.234,56 € 21 % 259,26 €" in text
    assert "50,00 € 10 % 5,00 €" in text
    assert "Base imponible 1.284,56 €" in text
    assert "Total IVA 264,26 €" in text
    assert "TOTAL 1.548,82 €" in text


def test_english_invoice_uses_english_labels_and_money() -> None:
    text = page_texts(render_invoice(make_invoice(language="en")))[0]
    assert "Invoice" in text and "Issue date" in text and "Page 1 of 1" in text
    assert "€1,548.82" in text
    assert "Factura" not in text


def test_long_invoice_repeats_the_table_header_and_numbers_pages() -> None:
    texts = page_rows(render_invoice(make_invoice(lines=70)))
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        if "SKU-" in text:
            assert "Ref. Descripción Cant. Precio IVA Importe" in text, f"no table header on page {number}"
        assert f"Página {number} de {len(texts)}" in text
    assert sum("SKU-" in text for text in texts) >= 3
    every_sku = "".join(texts)
    assert all(f"SKU-{i:04d}" in every_sku for i in range(70))


def test_long_product_names_wrap_instead_of_being_cut() -> None:
    name = "Juego de sartenes antiadherentes " * 8 + "FINAL-ÑANDÚ"
    doc = make_invoice(lines=1)
    line = doc.lines[0]
    from dataclasses import replace

    text = page_texts(render_invoice(replace(doc, lines=(replace(line, name=name),))))[0]
    assert squeeze(name) in squeeze(text)
    assert text.count("Juego de sartenes") == 8


def test_text_is_embedded_in_dejavu_sans() -> None:
    reader = pdf_reader(render_invoice(make_invoice()))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(fonts[key].get_object()["/BaseFont"]) for key in fonts}
    assert any(name.endswith("+DejaVuSans") for name in names), names
    assert any(name.endswith("+DejaVuSans-Bold") for name in names), names


def test_qr_decodes_to_the_verification_url_with_its_legend(barcodes) -> None:  # type: ignore[no-untyped-def]
    data = render_invoice(make_invoice())
    assert QR_URL in barcodes.decode(data)
    assert "VERI*FACTU" in page_texts(data)[0]


def test_qr_is_between_30_and_40_mm(barcodes) -> None:  # type: ignore[no-untyped-def]
    # The QR sits alone in the middle of the header, above its legend (which is narrower).
    width = barcodes.ink_width_mm(render_invoice(make_invoice()), (0.38, 0.0, 0.62, 0.2))
    assert 30.0 <= width <= 40.0, width


def test_qr_only_on_the_first_page(barcodes) -> None:  # type: ignore[no-untyped-def]
    data = render_invoice(make_invoice(lines=70))
    assert barcodes.decode(data, page=2) == []


def test_invoice_without_qr_url_prints_no_code(barcodes) -> None:  # type: ignore[no-untyped-def]
    data = render_invoice(make_invoice(qr=False))
    assert barcodes.decode(data) == []
    assert "VERI*FACTU" not in page_texts(data)[0]


def test_credit_note_cites_the_corrected_invoice_and_reason() -> None:
    text = page_texts(render_invoice(make_invoice(kind="credit_note")))[0]
    assert "Factura rectificativa" in " ".join(text.split())
    assert squeeze("Rectifica la factura F2026-000100 del 01/02/2026") in squeeze(text)
    assert "Motivo: Devolución de mercancía defectuosa" in text


def test_discount_column_appears_only_when_a_line_has_a_discount() -> None:
    from dataclasses import replace

    plain = make_invoice(lines=2)
    assert "Dto." not in page_texts(render_invoice(plain))[0]
    discounted = replace(plain, lines=(replace(plain.lines[0], discount_bp=1000), plain.lines[1]))
    text = page_texts(render_invoice(discounted))[0]
    assert "Dto." in text and "10 %" in text


def test_a_missing_logo_file_does_not_stop_the_invoice(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    data = render_invoice(make_invoice(logo_path=str(tmp_path / "missing.png")))
    assert "F2026-000123" in page_texts(data)[0]
    assert "missing.png" in caplog.text


def test_logo_is_drawn_when_present(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 100), (200, 30, 30)).save(logo)
    reader = pdf_reader(render_invoice(make_invoice(logo_path=str(logo))))
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    assert any(xobjects[key].get_object()["/Subtype"] == "/Image" for key in xobjects)


def test_qr_heading_required_by_the_aeat_stands_above_the_code() -> None:
    text = page_texts(render_invoice(make_invoice()))[0]
    assert "QR tributario:" in text
    without = page_texts(render_invoice(make_invoice(qr_url=None)))[0]
    assert "QR tributario:" not in without
