"""The lp command line per profile, and how lp's answers become job ids or clear errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from omsdesk.documents.errors import PrintError
from omsdesk.documents.printing import (
    LABEL_MEDIA,
    PrinterProfile,
    list_queues,
    lp_arguments,
    print_bytes,
)


def test_pdf_profile_sets_media_copies_and_single_sided() -> None:
    args = lp_arguments(PrinterProfile("Office", media="A4", copies=2), "Factura F1")
    assert args == ["lp", "-d", "Office", "-n", "2", "-t", "Factura F1", "-o", "media=A4", "-o", "sides=one-sided"]


def test_duplex_profile_asks_for_long_edge() -> None:
    assert "sides=two-sided-long-edge" in lp_arguments(PrinterProfile("Office", duplex=True), "x")


def test_label_media_is_4x6_inches() -> None:
    assert f"media={LABEL_MEDIA}" in lp_arguments(PrinterProfile("Labels", media=LABEL_MEDIA), "x")
    assert LABEL_MEDIA == "Custom.4x6in"


def test_zpl_profile_prints_raw_without_filters_options() -> None:
    args = lp_arguments(PrinterProfile("Zebra", media=LABEL_MEDIA, format="zpl"), "x")
    assert args[-2:] == ["-o", "raw"]
    assert not any(a.startswith("media=") or a.startswith("sides=") for a in args)


def test_remote_server_goes_first() -> None:
    assert lp_arguments(PrinterProfile("PDF", server="printhost:631"), "x")[:3] == ["lp", "-h", "printhost:631"]


def test_profile_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        PrinterProfile("")
    with pytest.raises(ValueError):
        PrinterProfile("PDF", copies=0)


def fake_tool(folder: Path, name: str, script: str) -> None:
    tool = folder / name
    tool.write_text("#!/bin/sh\n" + script)
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def fake_cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder first on PATH where a test puts its own lp or lpstat."""
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    return tmp_path


def test_job_id_is_read_from_lp_and_data_goes_on_stdin(fake_cups: Path) -> None:
    received = fake_cups / "received.bin"
    fake_tool(fake_cups, "lp", f'cat > "{received}"\necho "request id is Labels-42 (0 file(s))"\n')
    assert print_bytes(b"^XA^XZ", PrinterProfile("Labels", format="zpl")) == "Labels-42"
    assert received.read_bytes() == b"^XA^XZ"


def test_unknown_queue_error_names_the_queue(fake_cups: Path) -> None:
    fake_tool(fake_cups, "lp", 'echo "lp: The printer or class does not exist." >&2\nexit 1\n')
    with pytest.raises(PrintError, match="queue 'Nowhere' does not exist"):
        print_bytes(b"%PDF", PrinterProfile("Nowhere"))


def test_other_lp_failures_carry_lp_message(fake_cups: Path) -> None:
    fake_tool(fake_cups, "lp", 'echo "lp: Unable to connect to server" >&2\nexit 1\n')
    with pytest.raises(PrintError, match="Printing to 'PDF' failed: lp: Unable to connect to server"):
        print_bytes(b"%PDF", PrinterProfile("PDF"))


def test_missing_lp_is_a_print_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PrintError, match="cups-client"):
        print_bytes(b"%PDF", PrinterProfile("PDF"))


def test_empty_document_is_not_sent(fake_cups: Path) -> None:
    fake_tool(fake_cups, "lp", "exit 0\n")
    with pytest.raises(PrintError, match="empty"):
        print_bytes(b"", PrinterProfile("PDF"))


def test_queues_are_listed_with_state_and_default(fake_cups: Path) -> None:
    fake_tool(fake_cups, "lpstat", """case "$1" in
-e) printf 'PDF\\nZPL\\nOffice\\n' ;;
-p) printf 'printer PDF is idle.  enabled since today\\nprinter ZPL disabled since today -\\n\\treason\\nprinter Office now printing Office-3.  enabled since today\\n' ;;
-d) echo 'system default destination: PDF' ;;
esac
""")
    queues = {q.name: q for q in list_queues()}
    assert set(queues) == {"PDF", "ZPL", "Office"}
    assert queues["PDF"].state == "idle" and queues["PDF"].is_default
    assert queues["ZPL"].state == "disabled" and not queues["ZPL"].is_default
    assert queues["Office"].state == "printing"


def test_profile_round_trips_through_its_settings_form() -> None:
    profile = PrinterProfile("Zebra", media=LABEL_MEDIA, copies=2, format="zpl", server="printhost")
    assert PrinterProfile.from_mapping(profile.to_mapping()) == profile
    assert PrinterProfile.from_mapping({"queue": "PDF"}) == PrinterProfile("PDF")


def test_profile_settings_with_a_typo_are_refused() -> None:
    with pytest.raises(ValueError, match="dupelx"):
        PrinterProfile.from_mapping({"queue": "PDF", "dupelx": True})
