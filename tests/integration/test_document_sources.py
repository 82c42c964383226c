"""Document values built from orders in the database, and `omsdesk print` writing them to files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.models import NotFound, Product, StockLevel, ValidationError
from omsdesk.models.invoice import CompanySettings
from omsdesk.queries.documents import label_docs, packing_slip_doc, pick_list_doc
from omsdesk.services.catalog import ProductInput, add_product
from omsdesk.services.fulfilment import shipping
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput
from tests.fixtures.database import ACTOR, Shop, next_ean

CUSTOMER = CustomerInput(
    name="José Muñoz Ibáñez", email="jose@example.es", phone="+34 600 111 222", language="en",
    address=AddressInput(line1="Calle Mayor 7", city="Zaragoza", postcode="50001", country="ES"),
)


@pytest.fixture
def store(sqlite_db: Database) -> Shop:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for sku, grams in (("TAZA-1", 350), ("CUADERNO-2", 500)):
        add_product(sqlite_db, ProductInput(sku=sku, name=f"Artículo {sku} de cerámica", price=1210,
                                            ean=next_ean(), weight_g=grams), actor=ACTOR)
        shop.stock(sku, 20)
    with sqlite_db.write() as s:
        s.add(CompanySettings(id=1, name="Comercial Muñoz, S.L.", tax_id="B12345678", address="Calle de la Peña 14",
                              postcode="28013", city="Madrid"))
        for level in s.scalars(select(StockLevel).join(Product, Product.id == StockLevel.product_id)):
            level.bin = "A-10" if level.product_id == 1 else "A-2"
    return shop


def allocated(shop: Shop, lines: dict[str, int]) -> str:
    return shop.order_at("allocated", lines, customer=CUSTOMER)


def test_slip_has_ship_to_lines_eans_bins_and_the_shop(store: Shop) -> None:
    ref = allocated(store, {"TAZA-1": 2, "CUADERNO-2": 1})
    with store.db.read() as s:
        doc = packing_slip_doc(s, ref)
        eans = {sku: ean for sku, ean in s.execute(select(Product.sku, Product.ean))}
    assert doc.order_ref == ref and doc.language == "en"
    assert doc.ship_to.name == "José Muñoz Ibáñez"
    assert doc.ship_to.address_lines == ("Calle Mayor 7", "50001 Zaragoza")
    assert doc.ship_to.phone == "+34 600 111 222"
    assert [(ln.sku, ln.qty, ln.bin, ln.ean) for ln in doc.lines] == [
        ("TAZA-1", 2, "A-10", eans["TAZA-1"]), ("CUADERNO-2", 1, "A-2", eans["CUADERNO-2"])]
    assert doc.shipper is not None and doc.shipper.name == "Comercial Muñoz, S.L."
    assert doc.shipper.address_lines == ("Calle de la Peña 14", "28013 Madrid")


def test_unknown_order_is_not_found(store: Shop) -> None:
    with store.db.read() as s, pytest.raises(NotFound, match="SO-NOPE"):
        packing_slip_doc(s, "SO-NOPE")


def test_pick_list_adds_up_a_wave(store: Shop) -> None:
    first = allocated(store, {"TAZA-1": 2, "CUADERNO-2": 1})
    second = allocated(store, {"TAZA-1": 3})
    with store.db.read() as s:
        doc = pick_list_doc(s, [first, second], wave="W-1")
    assert doc.warehouse == "Madrid central"
    assert [(r.bin, r.sku, r.qty, r.order_refs) for r in doc.rows] == [
        ("A-2", "CUADERNO-2", 1, (first,)), ("A-10", "TAZA-1", 5, (first, second))]


def test_pick_list_of_unallocated_orders_is_refused(store: Shop) -> None:
    ref = store.order({"TAZA-1": 1}, customer=CUSTOMER)
    with store.db.read() as s, pytest.raises(ValidationError, match="allocate them first"):
        pick_list_doc(s, [ref])


def test_labels_come_from_the_shipment_one_per_parcel(store: Shop) -> None:
    ref = store.order_at("packed", {"TAZA-1": 2, "CUADERNO-2": 1}, customer=CUSTOMER)
    shipping.ship_order(store.db, ref, actor=ACTOR, carrier="SEUR", tracking="SEUR0001234")
    with store.db.read() as s:
        labels = label_docs(s, ref, parcels=2)
    assert [(lb.parcel_index, lb.parcel_count) for lb in labels] == [(1, 2), (2, 2)]
    assert {(lb.carrier, lb.tracking, lb.weight_g) for lb in labels} == {("SEUR", "SEUR0001234", 600)}
    assert labels[0].recipient.name == "José Muñoz Ibáñez"
    assert labels[0].sender.name == "Comercial Muñoz, S.L."


def test_label_before_shipping_is_refused(store: Shop) -> None:
    ref = allocated(store, {"TAZA-1": 1})
    with store.db.read() as s, pytest.raises(ValidationError, match="ship it first"):
        label_docs(s, ref)


def test_cli_writes_slips_labels_and_refuses_zpl_pick_lists(store: Shop, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    first = allocated(store, {"TAZA-1": 1})
    second = store.order_at("packed", {"CUADERNO-2": 2}, customer=CUSTOMER)
    shipping.ship_order(store.db, second, actor=ACTOR, carrier="GLS", tracking="GLS998877")
    db = ["--db", store.db.url]

    slips = tmp_path / "slips.pdf"
    assert main([*db, "print", "packing-slip", first, second, "--out", str(slips), "--page-size", "A5"]) == 0
    reader = PdfReader(io.BytesIO(slips.read_bytes()))
    assert len(reader.pages) == 2
    assert first in (reader.pages[0].extract_text() or "") and second in (reader.pages[1].extract_text() or "")
    assert "2 packing slip(s)" in capsys.readouterr().out

    zpl = tmp_path / "label.zpl"
    assert main([*db, "print", "label", second, "--format", "zpl", "--copies", "2", "--out", str(zpl)]) == 0
    code = zpl.read_text(encoding="utf-8")
    assert code.startswith("^XA") and "^FDGLS998877^FS" in code and "^PQ2" in code and "^PW812" in code
    assert main([*db, "print", "label", second, "--format", "zpl", "--dpi", "300", "--out", str(zpl)]) == 0
    assert "^PW1200" in zpl.read_text(encoding="utf-8") and "at 300 dpi" in capsys.readouterr().out

    assert main([*db, "print", "pick-list", first, "--format", "zpl", "--out", str(tmp_path / "x")]) == 1
    assert "Only shipping labels print as ZPL" in capsys.readouterr().err


def test_cli_without_target_uses_the_workstation_printer(store: Shop, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    ref = allocated(store, {"TAZA-1": 1})
    monkeypatch.setenv("OMSDESK_CONFIG_DIR", str(tmp_path))
    db = ["--db", store.db.url]
    assert main([*db, "print", "packing-slip", ref]) == 1
    assert "No printer is set for packing-slip" in capsys.readouterr().err

    (tmp_path / "settings.json").write_text(json.dumps({"printers": {"packing_slip": {"queue": "NoSuchQueue"}}}))
    assert main([*db, "print", "packing-slip", ref]) == 1
    assert "'NoSuchQueue'" in capsys.readouterr().err
