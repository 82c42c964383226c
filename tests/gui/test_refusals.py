"""Service refusals shown in the clerk's language: the catalogue matches what the services write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import omsdesk
from omsdesk.models import OmsError
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.ui.i18n import install_translator
from omsdesk.ui.refusals import CATALOGUE, refusal_text
from tests.fixtures.database import ACTOR, Shop

SOURCE_ROOT = Path(omsdesk.__file__).parent


def _service_literals() -> str:
    """Every omsdesk module outside the UI with adjacent string literals joined, as Python joins them."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE_ROOT.rglob("*.py") if "ui" not in p.parts)
    return re.sub(r"\"\s*\n\s*f?\"", "", text)


@pytest.mark.parametrize("template", CATALOGUE)
def test_each_catalogue_entry_is_still_a_message_the_services_write(template: str) -> None:
    source = _service_literals()
    fragments = [f for f in re.split(r"\{\w+\}", template) if len(f.strip()) >= 4]
    missing = [f for f in fragments if f not in source]
    assert not missing, f"{template!r}: no service writes {missing!r} any more; update ui/refusals.py"


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "es")
    try:
        yield
    finally:
        install_translator(qapp, "en")


def _refusal(fn, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(OmsError) as caught:
        fn(*args, **kwargs)
    return str(caught.value)


def test_real_refusals_read_in_spanish_with_their_values(shop: Shop, spanish: None) -> None:
    sku = shop.product()
    ref = shop.order_at("paid", {sku: 1})
    paid = _refusal(order_svc.pay_order, shop.db, ref, actor=ACTOR)
    assert paid == f"order {ref} is already paid in full"
    assert refusal_text(paid) == f"El pedido {ref} ya está cobrado por completo"
    delivered = shop.order_at("new", {sku: 1})
    workflow = _refusal(order_svc.deliver_order, shop.db, delivered, actor=ACTOR)
    assert workflow.startswith(f"cannot deliver order {delivered}: status is new; ")
    spanish_text = refusal_text(workflow)
    assert spanish_text == (f"«Marcar entregado» no es posible en el pedido {delivered}: está Nuevo; "
                            "no se ha enviado")
    unpaid = _refusal(allocate_order, shop.db, delivered, actor=ACTOR)
    assert "cannot allocate" not in refusal_text(unpaid) and delivered in refusal_text(unpaid)
    # What the catalogue does not know stays as the service wrote it.
    assert refusal_text("the moon is made of cheese") == "the moon is made of cheese"


def test_in_english_nothing_changes(shop: Shop) -> None:
    sku = shop.product()
    ref = shop.order_at("paid", {sku: 1})
    message = _refusal(order_svc.pay_order, shop.db, ref, actor=ACTOR)
    assert refusal_text(message) == message
