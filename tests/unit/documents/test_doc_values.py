"""Money and rate text, the label table, pick aggregation and document invariants."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from omsdesk.documents import texts
from omsdesk.documents.data import InvoiceDoc, LabelDoc, PackingSlipDoc, PickItem, bin_sort_key
from omsdesk.documents.errors import FontMissingError
from omsdesk.documents.fonts import find_font_file
from omsdesk.documents.formats import format_money, format_rate, format_weight

from .samples import ISSUER, SHIP_TO, make_invoice, make_lines, make_pick_list


def plain(value: str) -> str:
    return value.replace("\u00a0", " ")


def test_money_is_written_the_spanish_way_for_spanish_documents() -> None:
    assert plain(format_money(123456, "EUR", "es")) == "1.234,56 €"


def test_money_is_written_the_english_way_for_english_documents() -> None:
    assert format_money(123456, "EUR", "en") == "€1,234.56"


def test_negative_money_and_large_amounts_keep_grouping() -> None:
    assert plain(format_money(-123456789, "EUR", "es")) == "-1.234.567,89 €"


def test_currencies_without_minor_units_are_not_divided() -> None:
    assert format_money(1234, "JPY", "en").endswith("1,234")


def test_rates_print_as_percentages() -> None:
    assert plain(format_rate(2100, "es")) == "21 %"
    assert format_rate(2100, "en") == "21%"
    assert plain(format_rate(520, "es")) == "5,2 %"


def test_weight_prints_in_kilograms() -> None:
    assert format_weight(2500, "es") == "2,5 kg"
    assert format_weight(2500, "en") == "2.5 kg"


def test_every_label_has_both_languages_with_the_same_placeholders() -> None:
    for key in texts.all_keys():
        es = texts.text(key, "es")
        en = texts.text(key, "en")
        assert es and en, key
        assert set(re.findall(r"{(\w+)}", es)) == set(re.findall(r"{(\w+)}", en)), key


def test_page_label_follows_the_language() -> None:
    assert texts.text("page_of", "es", page=1, pages=3) == "Página 1 de 3"
    assert texts.text("page_of", "en", page=1, pages=3) == "Page 1 of 3"


def test_bins_sort_in_walking_order_not_alphabetically() -> None:
    bins = ["A-10", "B-1", "A-2", "a-3", "A-2-10", "A-2-9"]
    assert sorted(bins, key=bin_sort_key) == ["A-2", "A-2-9", "A-2-10", "a-3", "A-10", "B-1"]


def test_pick_list_adds_up_one_sku_in_one_bin_across_orders() -> None:
    doc = make_pick_list()
    assert [(r.bin, r.sku, r.qty) for r in doc.rows] == [("A-2", "SKU-A", 4), ("A-10", "SKU-B", 2),
                                                         ("B-1", "SKU-C", 1)]
    assert doc.rows[0].order_refs == ("SO-1", "SO-2")
    assert doc.order_count == 3


def test_same_sku_in_two_bins_stays_two_rows() -> None:
    doc = make_pick_list([PickItem("SO-1", "SKU-A", "x", "A-1", 1), PickItem("SO-2", "SKU-A", "x", "C-1", 1)])
    assert [r.bin for r in doc.rows] == ["A-1", "C-1"]


def test_credit_note_without_the_corrected_invoice_is_refused() -> None:
    with pytest.raises(ValueError, match="corrected invoice"):
        make_invoice(kind="credit_note", corrected_number=None)


def test_unknown_document_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        make_invoice(language="fr")


def test_invoice_kind_must_be_known() -> None:
    with pytest.raises(ValueError, match="kind"):
        InvoiceDoc("receipt", "X", date(2026, 1, 1), ISSUER, make_lines(1), (), 0, 0, 0)  # type: ignore[arg-type]


def test_packing_slip_page_size_is_a4_or_a5() -> None:
    with pytest.raises(ValueError, match="A4 or A5"):
        PackingSlipDoc("SO-1", date(2026, 1, 1), SHIP_TO, make_lines(1), page_size="Letter")  # type: ignore[arg-type]


def test_label_parcel_number_cannot_exceed_the_count() -> None:
    with pytest.raises(ValueError, match="parcel 3 of 2"):
        LabelDoc(ISSUER, SHIP_TO, "SEUR", "24h", "TRK1", 100, "SO-1", parcel_index=3, parcel_count=2)


def test_missing_font_error_tells_how_to_fix_it() -> None:
    with pytest.raises(FontMissingError, match="fonts-dejavu-core"):
        find_font_file("NoSuchFont-Regular.ttf")


def test_font_dir_from_environment_is_searched_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "DejaVuSans.ttf"
    fake.write_bytes(b"not really a font")
    monkeypatch.setenv("OMSDESK_FONT_DIR", str(tmp_path))
    assert find_font_file("DejaVuSans.ttf") == fake
