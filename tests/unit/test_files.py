"""Saved documents appear whole or not at all (omsdesk.files.write_atomic)."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from omsdesk.files import write_atomic


def test_the_file_appears_whole_and_no_part_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "po.pdf"
    write_atomic(target, b"%PDF-1.4 body")
    assert target.read_bytes() == b"%PDF-1.4 body"
    assert [p.name for p in tmp_path.iterdir()] == ["po.pdf"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_text_is_encoded_and_an_existing_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "journal.csv"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "número;importe\n")
    assert target.read_text(encoding="utf-8") == "número;importe\n"


def test_a_failed_write_keeps_the_earlier_file_and_leaves_no_debris(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "label.zpl"
    target.write_bytes(b"^XA earlier ^XZ")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"^XA new ^XZ")
    assert target.read_bytes() == b"^XA earlier ^XZ"
    assert [p.name for p in tmp_path.iterdir()] == ["label.zpl"]


def test_a_fifo_is_written_through_not_renamed_over(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, b"data")
        assert os.read(reader, 16) == b"data"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
