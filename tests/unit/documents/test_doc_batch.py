"""Batch rendering: many slips or labels in one PDF, progress reported, cancel honoured."""

from __future__ import annotations

import pytest

from omsdesk.documents.batch import render_labels, render_packing_slips
from omsdesk.documents.errors import BatchCancelled

from .samples import make_label, make_slip, page_sizes, page_texts


def test_slips_go_into_one_pdf_in_order_with_progress() -> None:
    slips = [make_slip(lines=1 + n % 3, ref=f"SO-2026-{n:06d}") for n in range(12)]
    seen: list[tuple[int, int]] = []
    data = render_packing_slips(slips, progress=lambda done, total: seen.append((done, total)))
    texts = page_texts(data)
    assert len(texts) == 12
    assert [f"SO-2026-{n:06d}" in text for n, text in enumerate(texts)] == [True] * 12
    assert seen == [(n, 12) for n in range(1, 13)]


def test_slips_of_several_pages_and_sizes_mix_in_one_batch() -> None:
    data = render_packing_slips([make_slip(lines=60), make_slip(lines=1, page_size="A5", ref="SO-A5")])
    sizes = page_sizes(data)
    assert sizes[-1] == (419.53, 595.28)
    assert all(size == (595.28, 841.89) for size in sizes[:-1]) and len(sizes) >= 3
    assert "SO-A5" in page_texts(data)[-1]


def test_cancel_stops_the_batch_before_the_next_slip() -> None:
    slips = [make_slip(ref=f"SO-{n}") for n in range(10)]
    seen: list[int] = []
    with pytest.raises(BatchCancelled, match="after 4 of 10"):
        render_packing_slips(slips, progress=lambda done, _: seen.append(done), cancelled=lambda: len(seen) >= 4)
    assert seen == [1, 2, 3, 4]


def test_empty_batch_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        render_packing_slips([])


def test_labels_batch_is_one_4x6_page_each(barcodes) -> None:  # type: ignore[no-untyped-def]
    labels = [make_label(f"TRK{n:010d}", parcel_index=n, parcel_count=3) for n in (1, 2, 3)]
    data = render_labels(labels)
    assert page_sizes(data) == [(288.0, 432.0)] * 3
    assert barcodes.decode(data, page=3) == ["TRK0000000003"]
