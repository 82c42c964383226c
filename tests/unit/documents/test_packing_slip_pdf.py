"""The packing slip on A4 and A5: content, optional prices, gift note, paging and its barcode."""

from __future__ import annotations

from dataclasses import replace

from omsdesk.documents.packing_slip import render_packing_slip

from .samples import make_slip, page_rows, page_sizes, page_texts, squeeze

A4 = (595.28, 841.89)
A5 = (419.53, 595.28)


def test_slip_page_sizes() -> None:
    assert page_sizes(render_packing_slip(make_slip())) == [A4]
    assert page_sizes(render_packing_slip(make_slip(page_size="A5"))) == [A5]


def test_slip_shows_order_ship_to_and_every_line() -> None:
    data = render_packing_slip(make_slip(lines=3))
    rows = page_rows(data)[0]
    for expected in ("Albarán", "SO-2026-000123", "José Muñoz Ibáñez", "50001 Zaragoza", "402-1234567-7654321",
                     "Fecha de envío: 03/03/2026", "Página 1 de 1"):
        assert expected in rows, expected
    assert "Ref. EAN Descripción Ubicación Cant." in rows
    assert "SKU-0001 8412345600001 Camiseta algodón orgánico 1 talla M, color azul marino con A-2-1 2" in rows


def test_a5_slip_keeps_sku_and_ean() -> None:
    text = page_texts(render_packing_slip(make_slip(lines=2, page_size="A5")))[0]
    assert "SKU-0001" in text and "8412345600001" in text and "A-2-1" in text


def test_prices_only_when_asked() -> None:
    hidden = page_texts(render_packing_slip(make_slip(order_total=4500)))[0]
    assert "€" not in hidden
    shown = page_texts(render_packing_slip(make_slip(show_prices=True, order_total=4500)))[0]
    assert "12,50 €" in shown and "Total: 45,00 €" in shown


def test_gift_note_is_printed_whole() -> None:
    note = "¡Feliz cumpleaños, Begoña! Un abrazo muy fuerte de parte de toda la familia Großmann. " * 3
    text = page_texts(render_packing_slip(make_slip(gift_note=note)))[0]
    assert "Mensaje de regalo" in text
    assert squeeze(note) in squeeze(text)


def test_units_are_counted() -> None:
    assert "Unidades: 6" in page_texts(render_packing_slip(make_slip(lines=3)))[0]


def test_long_slip_repeats_header_and_numbers_pages() -> None:
    texts = page_texts(render_packing_slip(make_slip(lines=60)))
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert "Descripción" in text and "Ubicación" in text
        assert f"Página {number} de {len(texts)}" in text
    joined = "".join(texts)
    assert all(f"SKU-{i:04d}" in joined for i in range(60))


def test_unbreakable_names_wrap_within_their_column() -> None:
    slip = make_slip(lines=1)
    name = "Ñ" * 120
    data = render_packing_slip(replace(slip, lines=(replace(slip.lines[0], name=name),)))
    text = page_texts(data)[0]
    assert squeeze(text).count("Ñ") == 120
    assert max(len(line) for line in text.splitlines() if "Ñ" in line) < 60


def test_slip_barcode_decodes_to_the_order_reference(barcodes) -> None:  # type: ignore[no-untyped-def]
    assert barcodes.decode(render_packing_slip(make_slip())) == ["SO-2026-000123"]
    assert barcodes.decode(render_packing_slip(make_slip(page_size="A5"))) == ["SO-2026-000123"]


def test_english_slip() -> None:
    text = page_texts(render_packing_slip(make_slip(language="en")))[0]
    assert "Packing slip" in text and "Ship to".upper() in text and "Page 1 of 1" in text
