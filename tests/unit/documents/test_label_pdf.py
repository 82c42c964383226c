"""The 4x6 in shipping label PDF: page size, addresses and a scannable tracking barcode."""

from __future__ import annotations

from omsdesk.documents.data import Party
from omsdesk.documents.label import render_label

from .samples import make_label, page_sizes, page_texts


def test_label_is_one_4x6_inch_page() -> None:
    assert page_sizes(render_label(make_label())) == [(288.0, 432.0)]


def test_label_shows_carrier_addresses_parcel_and_order() -> None:
    text = page_texts(render_label(make_label()))[0]
    for expected in ("SEUR", "Standard 24h", "1/2", "2,5 kg", "José Muñoz Ibáñez", "50001 Zaragoza",
                     "Comercial Muñoz e Hijos, S.L.", "1Z999AA10123456784", "Pedido SO-2026-000123"):
        assert expected in text, expected


def test_tracking_barcode_decodes(barcodes) -> None:  # type: ignore[no-untyped-def]
    assert barcodes.decode(render_label(make_label())) == ["1Z999AA10123456784"]


def test_numeric_tracking_barcode_decodes(barcodes) -> None:  # type: ignore[no-untyped-def]
    assert barcodes.decode(render_label(make_label("003456789012345678901234"))) == ["003456789012345678901234"]


def test_a_very_long_address_never_covers_the_barcode(barcodes) -> None:  # type: ignore[no-untyped-def]
    recipient = Party("Dña. María de las Mercedes Fernández-Villaverde y Güell",
                      address_lines=tuple(f"Línea de dirección número {n} muy larga" for n in range(12)),
                      country="España")
    data = render_label(make_label(recipient=recipient))
    assert barcodes.decode(data) == ["1Z999AA10123456784"]
