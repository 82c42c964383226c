"""Sample documents and PDF inspection helpers (pypdf text, pdftoppm + zbarimg decoding)."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader

from omsdesk.documents.data import (
    DocLine,
    InvoiceDoc,
    LabelDoc,
    PackingSlipDoc,
    Party,
    PickItem,
    PickListDoc,
    TaxBreakdown,
)

ISSUER = Party(
    "Comercial Muñoz e Hijos, S.L.",
    "B12345678",
    ("Calle de la Peña 14, 2º", "28013 Madrid"),
    "España",
    "facturas@munoz.es",
    "+34 910 000 000",
)
CUSTOMER = Party("Françoise Großmann", "X1234567L", ("Avenida de Castilla 3", "08001 Barcelona"), "España")
SHIP_TO = Party("José Muñoz Ibáñez", "", ("Calle Mayor 7, 3º izq.", "50001 Zaragoza"), "España",
                phone="+34 600 111 222")
QR_URL = ("https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345678&numserie=F2026-000123"
          "&fecha=02-03-2026&importe=1548.82")


def make_lines(count: int, rate_bp: int = 2100) -> tuple[DocLine, ...]:
    return tuple(
        DocLine(
            sku=f"SKU-{i:04d}",
            name=f"Camiseta algodón orgánico {i} talla M, color azul marino con bordado ñandú",
            qty=1 + i % 3,
            ean=f"84123456{i:05d}",
            bin=f"A-{i % 7 + 1}-{i % 3}",
            unit_price=1250,
            tax_rate_bp=rate_bp,
            net=1250 * (1 + i % 3),
            tax=1250 * (1 + i % 3) * rate_bp // 10000,
            total=1250 * (1 + i % 3) * (10000 + rate_bp) // 10000,
        )
        for i in range(count)
    )


def make_invoice(
    lines: int = 4, kind: str = "invoice", language: str = "es", qr: bool = True, **changes: object
) -> InvoiceDoc:
    values: dict[str, object] = dict(
        kind=kind,
        number="F2026-000123",
        issue_date=date(2026, 3, 2),
        issuer=ISSUER,
        lines=make_lines(lines),
        breakdown=(TaxBreakdown(2100, 123456, 25926), TaxBreakdown(1000, 5000, 500)),
        total_net=128456,
        total_tax=26426,
        total=154882,
        language=language,
        operation_date=date(2026, 3, 1),
        customer=CUSTOMER,
        payment_terms="Transferencia a 30 días",
        qr_url=QR_URL if qr else None,
        qr_legend="VERI*FACTU" if qr else None,
    )
    if kind == "credit_note":
        values.update(corrected_number="F2026-000100", corrected_issue_date=date(2026, 2, 1),
                      correction_reason="Devolución de mercancía defectuosa")
    values.update(changes)
    return InvoiceDoc(**values)  # type: ignore[arg-type]


def make_slip(lines: int = 3, ref: str = "SO-2026-000123", **changes: object) -> PackingSlipDoc:
    values: dict[str, object] = dict(
        order_ref=ref,
        order_date=date(2026, 3, 2),
        ship_to=SHIP_TO,
        lines=make_lines(lines),
        shipper=ISSUER,
        ship_date=date(2026, 3, 3),
        external_ref="402-1234567-7654321",
    )
    values.update(changes)
    return PackingSlipDoc(**values)  # type: ignore[arg-type]


def make_label(tracking: str = "1Z999AA10123456784", **changes: object) -> LabelDoc:
    values: dict[str, object] = dict(
        sender=ISSUER, recipient=SHIP_TO, carrier="SEUR", service="Standard 24h", tracking=tracking,
        weight_g=2500, order_ref="SO-2026-000123", parcel_index=1, parcel_count=2,
    )
    values.update(changes)
    return LabelDoc(**values)  # type: ignore[arg-type]


def make_pick_list(items: list[PickItem] | None = None) -> PickListDoc:
    if items is None:
        items = [
            PickItem("SO-1", "SKU-B", "Peine de púas", "A-10", 2),
            PickItem("SO-1", "SKU-A", "Cepillo ñoño", "A-2", 1),
            PickItem("SO-2", "SKU-A", "Cepillo ñoño", "A-2", 3),
            PickItem("SO-3", "SKU-C", "Jabón de Castilla", "B-1", 1),
        ]
    return PickListDoc.from_items("W-2026-0042", "Madrid Central",
                                  datetime(2026, 3, 2, 8, 30, tzinfo=UTC), items)


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Text of each page with non-breaking spaces made plain, as a reader sees them."""
    return [(page.extract_text() or "").replace("\u00a0", " ") for page in pdf_reader(data).pages]


def page_rows(data: bytes) -> list[str]:
    """Each page as laid out (pypdf layout mode), with runs of spaces collapsed: table rows stay rows."""
    pages = []
    for page in pdf_reader(data).pages:
        laid_out = page.extract_text(extraction_mode="layout").replace("\u00a0", " ")
        pages.append("\n".join(re.sub(r" {2,}", " ", line).strip() for line in laid_out.splitlines()))
    return pages


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in pdf_reader(data).pages]


@dataclass
class BarcodeReader:
    """Renders a PDF page as a scanner would see it and decodes every barcode and QR on it."""

    workdir: Path

    def render(self, data: bytes, page: int = 1, dpi: int = 200) -> Path:
        """The page as a PNG file, rendered by poppler as a print preview would."""
        pdf = self.workdir / "doc.pdf"
        pdf.write_bytes(data)
        image = self.workdir / f"page{page}"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(image)],
            check=True, capture_output=True, timeout=60,
        )
        return image.with_suffix(".png")

    def decode(self, data: bytes, page: int = 1, dpi: int = 200) -> list[str]:
        image = self.render(data, page, dpi)
        result = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, timeout=60)
        # zbarimg exits 4 when it finds no symbol: that is an answer, not an error.
        if result.returncode not in (0, 4):
            raise RuntimeError(f"zbarimg failed: {result.stderr.decode(errors='replace')}")
        return [line for line in result.stdout.decode("utf-8").splitlines() if line]

    def ink_width_mm(self, data: bytes, box: tuple[float, float, float, float], dpi: int = 200) -> float:
        """Width in mm of everything dark inside `box` (fractions left, top, right, bottom of page 1)."""
        from PIL import Image

        with Image.open(self.render(data, 1, dpi)) as picture:
            w, h = picture.size
            region = picture.convert("L").crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
            dark = region.point(lambda v: 255 if v < 128 else 0).getbbox()
        assert dark is not None, "nothing printed in that part of the page"
        return (dark[2] - dark[0]) / dpi * 25.4


def squeeze(value: str) -> str:
    """Text without any whitespace, to find a string that wrapping split across lines."""
    return re.sub(r"\s+", "", value)

