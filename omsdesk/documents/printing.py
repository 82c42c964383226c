"""Sends document bytes to a CUPS queue with `lp` (no dialog) and lists the queues with `lpstat`."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

from omsdesk.documents.errors import PrintError

PrintFormat = Literal["pdf", "zpl"]
# The document types a workstation keeps a printer profile for (Settings, `omsdesk print`).
DOCUMENT_TYPES = ("invoice", "receipt", "credit_note", "packing_slip", "pick_list", "label")
# 4x6 in as a custom size: works on any PPD with custom sizes (cups-pdf, CUPS's Zebra driver);
# a driver whose PPD lists the size by name may want its PWG name "w288h432" in the profile instead.
LABEL_MEDIA = "Custom.4x6in"

_JOB_ID = re.compile(r"request id is (\S+)")
_PRINTER_LINE = re.compile(r"^printer (\S+) (is idle|now printing|disabled)")
_STATES = {"is idle": "idle", "now printing": "printing", "disabled": "disabled"}
_NO_QUEUE = ("does not exist", "not found", "unknown printer", "no such destination")


@dataclass(frozen=True)
class PrinterProfile:
    """Where and how one document type prints on this workstation."""

    queue: str
    media: str = ""
    copies: int = 1
    duplex: bool = False
    format: PrintFormat = "pdf"
    server: str | None = None  # host[:port] of a remote CUPS; None uses CUPS_SERVER or client.conf
    dpi: int = 203  # a ZPL label printer's resolution (203 or 300); ZPL is drawn in its dots

    def __post_init__(self) -> None:
        if not self.queue:
            raise ValueError("a printer profile needs a queue name")
        if self.copies < 1:
            raise ValueError("copies must be at least 1")
        if self.format not in ("pdf", "zpl"):
            raise ValueError(f"print format must be pdf or zpl, not {self.format!r}")
        if self.dpi not in (203, 300):
            raise ValueError(f"label printer resolution must be 203 or 300 dpi, not {self.dpi!r}")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> PrinterProfile:
        """A profile from its settings-file form; unknown keys are refused so typos show."""
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown printer profile settings: {', '.join(sorted(unknown))}")
        return cls(
            queue=str(values.get("queue", "")), media=str(values.get("media", "")),
            copies=int(values.get("copies", 1)), duplex=bool(values.get("duplex", False)),
            format=values.get("format", "pdf"), server=values.get("server") or None,
            dpi=int(values.get("dpi", 203)),
        )

    def to_mapping(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PrintQueue:
    name: str
    state: str  # idle, printing, disabled
    is_default: bool = False


def lp_arguments(profile: PrinterProfile, title: str) -> list[str]:
    """The `lp` command line for a profile; the document itself goes on standard input."""
    args = ["lp"]
    if profile.server:
        args += ["-h", profile.server]
    args += ["-d", profile.queue, "-n", str(profile.copies), "-t", title]
    if profile.format == "zpl":
        # Raw: CUPS must pass ZPL through untouched, no filter may rasterise it.
        args += ["-o", "raw"]
    else:
        if profile.media:
            args += ["-o", f"media={profile.media}"]
        args += ["-o", "sides=two-sided-long-edge" if profile.duplex else "sides=one-sided"]
    return args


def _run(args: list[str], data: bytes | None, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        # The C locale keeps lp's and lpstat's answers in the English this module parses.
        env = {**os.environ, "LC_ALL": "C"}
        return subprocess.run(args, input=data, capture_output=True, timeout=timeout, check=False, env=env)
    except FileNotFoundError:
        raise PrintError(
            f"The CUPS command '{args[0]}' is not installed on this computer (Debian package 'cups-client')."
        ) from None
    except subprocess.TimeoutExpired:
        raise PrintError(f"CUPS did not answer '{' '.join(args[:3])}' within {timeout:g} seconds.") from None


def print_bytes(data: bytes, profile: PrinterProfile, title: str = "omsdesk", timeout: float = 30.0) -> str:
    """Queue `data` (PDF or raw ZPL) on the profile's printer and return the CUPS job id (e.g. 'PDF-12')."""
    if not data:
        raise PrintError(f"Nothing to print on '{profile.queue}': the document is empty.")
    result = _run(lp_arguments(profile, title), data, timeout)
    output = result.stdout.decode("utf-8", "replace")
    error = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode != 0:
        where = f" on server {profile.server}" if profile.server else ""
        if any(marker in error.lower() for marker in _NO_QUEUE):
            raise PrintError(f"The printer queue '{profile.queue}' does not exist{where}. ({error})")
        raise PrintError(f"Printing to '{profile.queue}'{where} failed: {error or 'lp exited with ' + str(result.returncode)}")
    match = _JOB_ID.search(output)
    if match is None:
        raise PrintError(f"CUPS accepted the job for '{profile.queue}' but gave no job id: {output.strip()!r}")
    return match.group(1)


def list_queues(server: str | None = None, timeout: float = 10.0) -> list[PrintQueue]:
    """The CUPS queues this workstation can print to, with their state and the default one."""
    prefix = ["lpstat"] + (["-h", server] if server else [])
    names = _run([*prefix, "-e"], None, timeout)
    if names.returncode != 0:
        error = names.stderr.decode("utf-8", "replace").strip()
        # lpstat exits non-zero with "No destinations added." when CUPS runs but has no queue.
        if "no destinations" in error.lower():
            return []
        raise PrintError(f"Cannot list the printer queues: {error or 'lpstat failed'}")
    states: dict[str, str] = {}
    details = _run([*prefix, "-p"], None, timeout)
    for line in details.stdout.decode("utf-8", "replace").splitlines():
        found = _PRINTER_LINE.match(line)
        if found:
            states[found.group(1)] = _STATES[found.group(2)]
    default = _run([*prefix, "-d"], None, timeout).stdout.decode("utf-8", "replace")
    default_name = default.rsplit(":", 1)[-1].strip() if "destination:" in default else ""
    return [
        PrintQueue(name, states.get(name, "unknown"), name == default_name)
        for name in names.stdout.decode("utf-8", "replace").split()
    ]
