"""The invoice register in the GUI: list with status, filter, credit note and export off the GUI thread."""

from __future__ import annotations

import io
from pathlib import Path

import facturx
import pytest
from pytestqt.qtbot import QtBot

from omsdesk.db import Database
from omsdesk.services.context import Actor
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.payments import record_invoice_payment
from omsdesk.ui.context import AppContext
from omsdesk.ui.invoices_view import CreditRequest, InvoicesView
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import setup_company


@pytest.fixture
def register(qtbot: QtBot, sqlite_db: Database) -> tuple[InvoicesView, list[str]]:
    setup_company(sqlite_db)
    shop = Shop(sqlite_db)
    sku = shop.product(price=1210)
    numbers = [issue_invoice(sqlite_db, shop.order({sku: n}), actor=ACTOR).number for n in (1, 2, 3)]
    record_invoice_payment(sqlite_db, numbers[0], actor=ACTOR, amount=1210)
    view = InvoicesView(AppContext(sqlite_db, Actor("clerk", "office-1")))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    return view, numbers


def _shown(view: InvoicesView) -> dict[str, str]:
    m = view.model
    status_col = m.COLUMNS.index("status")
    return {row.number: m.data(m.index(i, status_col)) for i, row in enumerate(m.rows)}


def test_register_lists_invoices_with_their_status_and_filters(
        qtbot: QtBot, register: tuple[InvoicesView, list[str]]) -> None:
    view, numbers = register
    assert _shown(view) == {numbers[0]: "Paid", numbers[1]: "Issued", numbers[2]: "Issued"}
    view.status.setCurrentIndex(view.status.findData("paid"))
    qtbot.waitUntil(lambda: [r.number for r in view.model.rows] == [numbers[0]], timeout=5000)
    view.status.setCurrentIndex(0)
    view.search.setText(numbers[2])
    qtbot.waitUntil(lambda: [r.number for r in view.model.rows] == [numbers[2]], timeout=5000)


def test_credit_note_from_the_register(qtbot: QtBot, register: tuple[InvoicesView, list[str]]) -> None:
    view, numbers = register
    with qtbot.waitSignal(view.invoice_issued, timeout=10000) as issued:
        view.issue_credit(numbers[1], CreditRequest("R4", "devolución", None))
    assert issued.args[0].startswith("R")
    qtbot.waitUntil(lambda: len(view.model.rows) == 4, timeout=5000)
    assert _shown(view)[numbers[1]] == "Credited"


def test_export_runs_in_the_pool_and_writes_a_facturx_pdf(
        qtbot: QtBot, register: tuple[InvoicesView, list[str]], tmp_path: Path) -> None:
    view, numbers = register
    target = tmp_path / "out.pdf"
    with qtbot.waitSignal(view.exported, timeout=20000):
        view.export_to(numbers[2], str(target))
    name, xml = facturx.get_xml_from_pdf(io.BytesIO(target.read_bytes()), check_xsd=True)
    assert name == "factur-x.xml" and numbers[2].encode() in xml


def test_credit_dialog_offers_the_legal_reasons_and_partial_quantities(
        qtbot: QtBot, register: tuple[InvoicesView, list[str]]) -> None:
    from omsdesk.queries.invoices import invoice_detail
    from omsdesk.ui.invoices_view import CreditDialog

    view, numbers = register
    with view.ctx.db.read() as s:
        detail = invoice_detail(s, numbers[2])
    dialog = CreditDialog(detail, view)
    qtbot.addWidget(dialog)
    codes = [dialog.reason.itemData(i) for i in range(dialog.reason.count())]
    assert codes == ["R1", "R2", "R3", "R4"] and dialog.reason.currentData() == "R4"
    assert dialog.request().quantities is None  # everything, by default
    dialog.spins[0].setValue(1)
    request = dialog.request()
    assert request.quantities == {detail.lines[0].sku: 1} and request.reason_code == "R4"


def test_open_pdf_writes_to_a_folder_only_this_user_can_read(
        qtbot: QtBot, register: tuple[InvoicesView, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    import stat
    import tempfile
    from pathlib import Path

    from PySide6.QtGui import QDesktopServices

    view, numbers = register
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    view.table.selectRow(0)
    view.open_pdf()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    path = Path(opened[0])
    assert path.read_bytes().startswith(b"%PDF") and path.stem in numbers
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.parent != Path(tempfile.gettempdir())
