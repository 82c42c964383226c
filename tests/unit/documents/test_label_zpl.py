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
