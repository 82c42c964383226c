"""Fixtures for the document tests: a barcode reader that needs pdftoppm and zbarimg."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .samples import BarcodeReader


@pytest.fixture
def barcodes(tmp_path: Path) -> BarcodeReader:
    missing = [tool for tool in ("pdftoppm", "zbarimg") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: apt-get install -y poppler-utils zbar-tools", pytrace=False)
    return BarcodeReader(tmp_path)


