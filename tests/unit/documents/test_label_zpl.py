"""The ZPL II label: one format, UTF-8, escaped field data and a Code128 of the tracking number."""

from __future__ import annotations

import re

from omsdesk.documents.data import Party
from omsdesk.documents.zpl import render_label_zpl

from .samples import make_label


def zpl(**changes: object) -> str:
    return render_label_zpl(make_label(**changes)).decode("utf-8")


def test_label_is_one_format_from_xa_to_xz() -> None:
    code = zpl()
    assert code.startswith("^XA") and code.endswith("^XZ")
    assert code.count("^XA") == 1 and code.count("^XZ") == 1


def test_utf8_is_declared_before_any_text() -> None:
    code = zpl()
    assert code.index("^CI28") < code.index("^FD")
    assert "José Muñoz Ibáñez" in code


def test_label_is_4x6_inches_at_203_dpi() -> None:
    code = zpl()
    assert "^PW812" in code and "^LL1218" in code


def test_tracking_number_is_a_code128_field() -> None:
    code = zpl()
    match = re.search(r"\^BY(\d),\d,(\d+)\n\^FO(\d+),(\d+)\^BCN,(\d+),Y,N,N\^FH\^FD([^^]+)\^FS", code)
    assert match is not None, code
    module, _, x, _, _, data = match.groups()
    assert data == "1Z999AA10123456784"
    # The symbol plus its quiet zones fits the 812-dot wide label.
    width = (11 * (len(data) + 2) + 13) * int(module)
    assert int(x) >= 10 * int(module) and int(x) + width + 10 * int(module) <= 812


def test_every_field_is_closed() -> None:
    code = zpl()
    assert code.count("^FD") == code.count("^FS") - code.count("^GB")
    for field in re.findall(r"\^FD(.*?)\^FS", code, re.S):
        assert "^" not in field and "~" not in field


def test_command_characters_in_names_are_escaped() -> None:
    code = zpl(recipient=Party("Caret^Tilde~Under_score", address_lines=("a",)))
    assert "^FHFD" not in code
    assert "Caret_5ETilde_7EUnder_5Fscore" in code


def test_copies_become_a_print_quantity() -> None:
    assert "^PQ3" in render_label_zpl(make_label(), copies=3).decode()


def test_a_300_dpi_printer_gets_the_same_4x6_inches_in_its_own_dots() -> None:
    """4 in x 6 in at 300 dpi is 1200 x 1800 dots (Zebra ZPL II guide: ^PW and ^LL are in dots)."""
    code = render_label_zpl(make_label(), dpi=300).decode()
    assert "^PW1200" in code and "^LL1800" in code
    match = re.search(r"\^BY(\d),\d,(\d+)\n\^FO(\d+),\d+\^BCN,\d+,Y,N,N\^FH\^FD([^^]+)\^FS", code)
    assert match is not None
    module, height, x, data = int(match[1]), int(match[2]), int(match[3]), match[4]
    width = (11 * (len(data) + 2) + 13) * module
    assert height == round(220 * 300 / 203)
    assert x >= 10 * module and x + width + 10 * module <= 1200
    at_203 = re.search(r"\^BY(\d),", zpl())
    assert at_203 is not None
    # Bars of about the same physical width (within 20 %), so scanners read both alike.
    assert module / 300 >= 0.8 * int(at_203[1]) / 203


def test_an_unknown_resolution_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="600 dpi are not supported"):
        render_label_zpl(make_label(), dpi=600)
