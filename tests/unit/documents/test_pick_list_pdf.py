"""The pick list: rows in bin order, aggregated quantities, order refs and the wave barcode."""

from __future__ import annotations

from omsdesk.documents.data import PickItem
from omsdesk.documents.pick_list import render_pick_list

from .samples import make_pick_list, page_rows, page_sizes, page_texts


def test_rows_come_in_bin_order_with_totals_and_orders() -> None:
    rows = page_rows(render_pick_list(make_pick_list()))[0]
    a2 = rows.index("A-2 SKU-A Cepillo ñoño 4 SO-1, SO-2")
    a10 = rows.index("A-10 SKU-B Peine de púas 2 SO-1")
    b1 = rows.index("B-1 SKU-C Jabón de Castilla 1 SO-3")
    assert a2 < a10 < b1


def test_summary_counts_orders_lines_and_units() -> None:
    text = page_texts(render_pick_list(make_pick_list()))[0]
    assert "Lista de picking W-2026-0042" in text
    assert "Pedidos: 3" in text and "Líneas: 3" in text and "Unidades: 7" in text


def test_long_wave_spans_pages_in_bin_order() -> None:
    items = [PickItem(f"SO-{n}", f"SKU-{n:03d}", "Artículo", f"R-{n}", 1) for n in range(120)]
    data = render_pick_list(make_pick_list(items))
    texts = page_texts(data)
    assert len(texts) >= 3 and all(size == (595.28, 841.89) for size in page_sizes(data))
    joined = "\n".join(texts)
    positions = [joined.index(f"R-{n}\n") for n in range(120)]
    assert positions == sorted(positions)
    for number, text in enumerate(texts, start=1):
        assert "Ubicación" in text and f"Página {number} de {len(texts)}" in text


def test_wave_barcode_decodes(barcodes) -> None:  # type: ignore[no-untyped-def]
    assert barcodes.decode(render_pick_list(make_pick_list())) == ["W-2026-0042"]
