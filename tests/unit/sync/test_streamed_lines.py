"""The streamed line splitter (the Shopify bulk export download)."""

from __future__ import annotations

from omsdesk.sync.streamed_lines import split_lines as _lines


def test_streamed_lines_are_split_across_reads_and_lose_their_line_ends() -> None:
    """A bulk export's lines come whole however the reads cut them; CRLF ends go too."""
    chunks = [b'{"a": 1}\n{"b"', b': 2}\r\n', b"\n", b'{"c": 3}']
    assert list(_lines(iter(chunks))) == [b'{"a": 1}', b'{"b": 2}', b"", b'{"c": 3}']
    assert list(_lines(iter([b"x\n"]))) == [b"x"]
    assert list(_lines(iter([]))) == []
