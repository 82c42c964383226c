"""The order queue on 200,000 orders: paging, filters, search, highlighting, batch actions, detail."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import AuditEntry, Order, allowed_actions
from omsdesk.queries.orders import status_counts
from omsdesk.ui.context import AppContext
from omsdesk.ui.order_queue_model import LATE_BG, PAGE, OrderQueueModel
from omsdesk.ui.orders_view import TAB_STATUSES, OrdersView
from omsdesk.ui.workers import BatchOutcome, BatchWorker
from tests.fixtures.gui_data import GUI_ACTOR, wait_for_pool


def _open(qtbot: QtBot, db: Database) -> OrdersView:
    view = OrdersView(AppContext(db, GUI_ACTOR))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    _wait_loaded(qtbot, view)
    return view


def _wait_loaded(qtbot: QtBot, view: OrdersView) -> None:
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() > 0, timeout=15_000)


def _close(view: OrdersView) -> None:
    view.model.pool.waitForDone(20_000)
    wait_for_pool()


@pytest.fixture
def queue(qtbot: QtBot, demo_200k: Database, qsettings_tmp: Path) -> Iterator[OrdersView]:
    view = _open(qtbot, demo_200k)
    yield view
    _close(view)


@pytest.fixture
def writable_queue(qtbot: QtBot, demo_200k_copy: Database, qsettings_tmp: Path) -> Iterator[OrdersView]:
    view = _open(qtbot, demo_200k_copy)
    yield view
    _close(view)


def _select_rows(view: OrdersView, rows: list[int]) -> None:
    sm = view.table.selectionModel()
    sm.clearSelection()
    for r in rows:
        view.table.selectRow(r) if r == rows[0] else sm.select(
            view.model.index(r, 0), sm.SelectionFlag.Select | sm.SelectionFlag.Rows)


def test_queue_opens_with_one_page_and_fetches_more_on_demand(qtbot: QtBot, queue: OrdersView) -> None:
    assert queue.model.rowCount() == PAGE
    assert queue.model.canFetchMore()
    # The page arrives before the table has laid it out: scrolled while the vertical header still
    # has no length, the scroll bar's maximum is 0, "to the bottom" changes nothing and the view
    # never asks. A clerk cannot scroll a table that is not laid out; the test waits for it too.
    bar = queue.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=15_000)
    queue.table.scrollToBottom()  # the view asks for the next page itself
    assert bar.value() == bar.maximum() > 0
    qtbot.waitUntil(lambda: queue.model.rowCount() >= 2 * PAGE, timeout=15_000)
    placed = [(r.placed_at, r.id) for r in queue.model.rows()]
    assert placed == sorted(placed, reverse=True)
    assert len({r.id for r in queue.model.rows()}) == len(placed)


def test_status_tab_shows_only_that_status_with_counts(qtbot: QtBot, queue: OrdersView,
                                                       demo_200k: Database) -> None:
    with demo_200k.read() as s:
        counts = status_counts(s)
    qtbot.waitUntil(lambda: "(" in queue.tabs.tabText(TAB_STATUSES.index("paid")), timeout=15_000)
    assert f"({counts['paid']:,})" in queue.tabs.tabText(TAB_STATUSES.index("paid"))
    queue.set_status_tab("on_hold")
    qtbot.waitUntil(lambda: not queue.model.loading and queue.model.filter.status == "on_hold", timeout=15_000)
    rows = queue.model.rows()
    assert rows and {r.status for r in rows} == {"on_hold"}


def test_search_as_you_type_finds_a_customer(qtbot: QtBot, queue: OrdersView) -> None:
    # QTest types ASCII only; pick a surname without accents.
    surname = next(word.lower() for r in queue.model.rows() for word in r.customer_name.split()[1:]
                   if word.isascii() and word.isalpha() and len(word) >= 4)
    qtbot.keyClicks(queue.search, surname)
    qtbot.waitUntil(lambda: queue.model.filter.search == surname and not queue.model.loading, timeout=15_000)
    rows = queue.model.rows()
    assert rows and all(surname in r.customer_name.lower() or surname in r.customer_email.lower() for r in rows)


def test_search_by_reference_finds_exactly_that_order(qtbot: QtBot, queue: OrdersView) -> None:
    target = queue.model.rows()[57].reference
    queue.search_for(target.lower())
    qtbot.waitUntil(lambda: not queue.model.loading and queue.model.rowCount() == 1, timeout=15_000)
    assert queue.model.row_at(0).reference == target


def test_late_and_held_orders_stand_out(qtbot: QtBot, queue: OrdersView) -> None:
    queue.late_only.setChecked(True)
    qtbot.waitUntil(lambda: queue.model.filter.late_only and not queue.model.loading, timeout=15_000)
    late = [i for i, r in enumerate(queue.model.rows()) if r.late and r.status != "on_hold"]
    assert late, "the demo data has late orders"
    brush = queue.model.index(late[0], 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == LATE_BG
    normal = queue.model.index(0, 0)
    queue.late_only.setChecked(False)
    qtbot.waitUntil(lambda: not queue.model.filter.late_only and not queue.model.loading, timeout=15_000)
    fresh = [i for i, r in enumerate(queue.model.rows()) if not r.late and r.status != "on_hold"]
    assert queue.model.index(fresh[0], 0).data(Qt.ItemDataRole.BackgroundRole) is None
    del normal


def test_jump_to_end_shows_the_oldest_orders(qtbot: QtBot, queue: OrdersView, demo_200k: Database) -> None:
    with demo_200k.read() as s:
        oldest = s.scalar(select(Order.reference).order_by(Order.placed_at, Order.id).limit(1))
    queue.jump_to_end()
    qtbot.waitUntil(lambda: not queue.model.newest_first and not queue.model.loading, timeout=15_000)
    assert queue.model.row_at(0).reference == oldest


def test_batch_hold_changes_every_selected_order(qtbot: QtBot, writable_queue: OrdersView,
                                                demo_200k_copy: Database) -> None:
    view = writable_queue
    view.set_status_tab("paid")
    qtbot.waitUntil(lambda: view.model.filter.status == "paid" and not view.model.loading, timeout=15_000)
    _select_rows(view, [0, 2, 4, 6])
    refs = view.selected_references()
    assert len(refs) == 4
    with qtbot.waitSignal(view.batch_finished, timeout=30_000) as blocker:
        view.run_batch("hold", reason="customer asked to wait")
    outcome: BatchOutcome[str] = blocker.args[0]
    assert sorted(outcome.done) == sorted(refs) and not outcome.failed
    with demo_200k_copy.read() as s:
        statuses = dict(s.execute(select(Order.reference, Order.status).where(Order.reference.in_(refs))).all())
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "hold", AuditEntry.user == GUI_ACTOR.user))
    assert set(statuses.values()) == {"on_hold"}
    assert audits == 4
    # The queue refreshed itself: the held orders left the Paid tab.
    qtbot.waitUntil(lambda: not view.model.loading and not set(refs) & {r.reference for r in view.model.rows()},
                    timeout=15_000)


def test_batch_allocate_reports_failures_without_stopping(qtbot: QtBot, writable_queue: OrdersView,
                                                         demo_200k_copy: Database) -> None:
    view = writable_queue
    rows = view.model.rows()
    paid = [i for i, r in enumerate(rows) if r.status == "paid"][:3]
    delivered = [i for i, r in enumerate(rows) if r.status == "delivered"][:2]
    assert len(paid) == 3 and len(delivered) == 2
    _select_rows(view, sorted(delivered[:1] + paid + delivered[1:]))
    with qtbot.waitSignal(view.batch_finished, timeout=30_000) as blocker:
        view.run_batch("allocate")
    outcome: BatchOutcome[str] = blocker.args[0]
    delivered_refs = {rows[i].reference for i in delivered}
    assert {ref for ref, _reason in outcome.failed} == delivered_refs
    assert all("allocate" in reason or "paid" in reason for _ref, reason in outcome.failed)
    assert set(outcome.done) == {rows[i].reference for i in paid}
    with demo_200k_copy.read() as s:
        after = set(s.scalars(select(Order.status).where(Order.reference.in_(outcome.done))))
    assert "paid" not in after and after <= {"allocated", "backorder"}


def test_cancelled_batch_skips_the_rest() -> None:
    started, release = threading.Event(), threading.Event()
    seen: list[int] = []

    def slow(item: int) -> None:
        seen.append(item)
        started.set()
        release.wait(5)

    worker = BatchWorker([1, 2, 3, 4], slow)
    outcomes: list[BatchOutcome[int]] = []
    worker.signals.finished.connect(outcomes.append, Qt.ConnectionType.DirectConnection)
    thread = threading.Thread(target=worker.run)
    thread.start()
    assert started.wait(5)
    worker.cancel()
    release.set()
    thread.join(5)
    assert seen == [1]
    assert outcomes[0].done == [1] and outcomes[0].skipped == [2, 3, 4] and outcomes[0].cancelled


@pytest.mark.parametrize("status", ["paid", "packed", "on_hold", "delivered", "cancelled"])
def test_detail_enables_exactly_the_legal_actions(qtbot: QtBot, queue: OrdersView, demo_200k: Database,
                                                  status: str) -> None:
    with demo_200k.read() as s:
        ref = s.scalar(select(Order.reference).where(Order.status == status).limit(1))
    assert ref is not None
    with qtbot.waitSignal(queue.detail.loaded, timeout=15_000):
        queue.detail.show_order(ref)
    enabled = {a for a, button in queue.detail.buttons.items() if button.isEnabled()}
    with demo_200k.read() as s:
        order = s.scalar(select(Order).where(Order.reference == ref))
        assert order is not None
        expected = set(order.available_actions())
    # The buttons are the domain's list: the status's actions, less pay once nothing is due and
    # cancel once anything shipped, plus refund while money is held.
    assert enabled == expected
    assert expected - {"refund", "cancel-rest"} <= set(allowed_actions(status))
    assert queue.detail.title.text().startswith(ref)


def test_detail_action_moves_the_order_on(qtbot: QtBot, writable_queue: OrdersView,
                                          demo_200k_copy: Database) -> None:
    detail = writable_queue.detail
    with demo_200k_copy.read() as s:
        ref = s.scalar(select(Order.reference).where(Order.status == "allocated").limit(1))
    assert ref is not None
    with qtbot.waitSignal(detail.loaded, timeout=15_000):
        detail.show_order(ref)
    assert not detail.buttons["ship"].isEnabled()
    with qtbot.waitSignal(detail.action_done, timeout=15_000):
        detail.buttons["pick"].click()
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.status == "picking", timeout=15_000)
    assert detail.buttons["pack"].isEnabled() and not detail.buttons["pick"].isEnabled()
    assert [a.action for a in detail.detail.audit][-1] == "pick"


def test_print_packing_slips_of_selected_orders_into_one_pdf(qtbot: QtBot, queue: OrdersView,
                                                            tmp_path: Path) -> None:
    from pypdf import PdfReader

    queue.ctx.settings = {"output_dir": str(tmp_path / "out")}  # no printer: the PDF is saved
    queue.set_status_tab("packed")
    qtbot.waitUntil(lambda: queue.model.filter.status == "packed" and not queue.model.loading, timeout=15_000)
    _select_rows(queue, [0, 1, 2])
    refs = queue.selected_references()
    with qtbot.waitSignal(queue.batch_finished, timeout=60_000):
        queue.print_documents("packing_slip")
    assert queue.last_outcome is not None and sorted(queue.last_outcome.done) == sorted(refs)
    pdf = Path(queue.last_delivery.path)
    assert pdf.parent == tmp_path / "out" and not queue.last_delivery.failed
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert all(ref in text for ref in refs)


def test_the_detail_panel_follows_the_list_after_a_search(qtbot: QtBot, queue: OrdersView) -> None:
    """Issue 13 point 5: after a search the panel never shows an order that is not in the list."""
    first, other = queue.model.rows()[0].reference, queue.model.rows()[57].reference
    queue.table.selectRow(0)
    qtbot.waitUntil(lambda: queue.detail.detail is not None and queue.detail.detail.reference == first,
                    timeout=15_000)
    assert any(b.isEnabled() for b in queue.detail.buttons.values())
    queue.search_for(other)
    qtbot.waitUntil(lambda: not queue.model.loading and queue.model.rowCount() == 1, timeout=15_000)
    qtbot.waitUntil(lambda: queue.detail.reference is None, timeout=15_000)
    assert queue.detail.title.text() == "No order selected"
    assert not any(b.isEnabled() for b in queue.detail.buttons.values())
    assert queue.detail.lines.rowCount() == 0 and queue.detail.summary.text() == ""
    # An order still in the list after the search stays in the panel.
    queue.table.selectRow(0)
    qtbot.waitUntil(lambda: queue.detail.reference == other, timeout=15_000)
    queue.search_for(other)
    qtbot.waitUntil(lambda: not queue.model.loading, timeout=15_000)
    assert queue.detail.reference == other


def test_select_all_matching_takes_every_order_the_tab_finds_not_only_the_loaded_rows(
        qtbot: QtBot, queue: OrdersView, demo_200k: Database) -> None:
    """Issue 13 point 7: the batch runs on the query, with the count shown."""
    queue.set_status_tab("delivered")
    qtbot.waitUntil(lambda: queue.model.filter.status == "delivered" and not queue.model.loading, timeout=15_000)
    with demo_200k.read() as s:
        delivered = status_counts(s)["delivered"]
    assert delivered > queue.model.rowCount()
    with qtbot.waitSignal(queue.matching_selected, timeout=60_000) as picked:
        queue.select_matching_action.trigger()
    assert picked.args == [delivered]
    refs = queue.selected_references()
    assert len(refs) == len(set(refs)) == delivered
    assert f"{delivered:,} matching orders are selected" in queue.count_label.text()
    queue.table.selectRow(3)  # a click: back to choosing rows
    assert queue.selected_references() == [queue.model.row_at(3).reference]


def test_irreversible_batches_ask_first_and_no_changes_nothing(
        qtbot: QtBot, writable_queue: OrdersView, demo_200k_copy: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.ui import confirm

    view = writable_queue
    view.set_status_tab("packed")
    qtbot.waitUntil(lambda: view.model.filter.status == "packed" and not view.model.loading, timeout=15_000)
    _select_rows(view, [0, 1])
    refs = view.selected_references()
    asked: list[str] = []
    monkeypatch.setattr(confirm, "confirm", lambda _p, _t, text: asked.append(text) or False)
    assert view.run_batch("ship") is None
    assert asked and "2 order(s)" in asked[0] and "cannot be undone" in asked[0]
    with demo_200k_copy.read() as s:
        assert set(s.scalars(select(Order.status).where(Order.reference.in_(refs)))) == {"packed"}
    asked.clear()
    assert view.run_batch("hold", reason="x") is not None and asked == []  # a hold can be released
    qtbot.waitUntil(lambda: not view.batches.busy, timeout=30_000)


def test_at_1280_by_800_the_customer_and_total_are_in_view(qtbot: QtBot, queue: OrdersView) -> None:
    """Issue 13 point 11: no horizontal scrolling to see who ordered and for how much.

    In the 1280 px main window the view gets what the navigation list leaves: about 1130 px.
    """
    queue.resize(1130, 740)
    qtbot.wait(50)
    header = queue.table.horizontalHeader()
    width = queue.table.viewport().width()
    for col in ("reference", "status", "customer_name", "total"):
        i = OrderQueueModel.COLUMNS.index(col)
        assert not queue.table.isColumnHidden(i), col
        assert header.sectionViewportPosition(i) + header.sectionSize(i) <= width, (col, width)
    assert queue.table.isColumnHidden(OrderQueueModel.COLUMNS.index("customer_email"))


def test_a_batch_run_is_saved_and_reopened_to_select_its_orders_again(qtbot: QtBot, writable_queue: OrdersView,
                                                                       demo_200k_copy: Database) -> None:
    view = writable_queue
    rows = view.model.rows()
    paid = [i for i, r in enumerate(rows) if r.status == "paid"][:3]
    delivered = [i for i, r in enumerate(rows) if r.status == "delivered"][:1]
    _select_rows(view, sorted(paid + delivered))
    with qtbot.waitSignal(view.batches.saved, timeout=30_000) as saved:
        view.run_batch("allocate")
    batch_id = saved.args[0]
    done = {rows[i].reference for i in paid}
    failed = {rows[i].reference for i in delivered}
    qtbot.waitUntil(lambda: bool(view.recent) and view.recent[0].id == batch_id, timeout=15_000)
    assert (view.recent[0].kind, view.recent[0].done, view.recent[0].failed) == ("allocate", 3, 1)

    view.reopen_last_batch()
    assert view.batch_bar.isVisibleTo(view) and "3 done, 1 failed" in view.batch_label.text()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.filter.batch_id == batch_id, timeout=15_000)
    qtbot.waitUntil(lambda: {r.reference for r in view.model.rows()} == done | failed, timeout=15_000)
    view.batch_outcome.setCurrentIndex(view.batch_outcome.findData("done"))
    qtbot.waitUntil(lambda: not view.model.loading and {r.reference for r in view.model.rows()} == done,
                    timeout=15_000)
    with qtbot.waitSignal(view.matching_selected, timeout=30_000) as picked:
        view.select_all_matching()
    assert picked.args == [3] and set(view.selected_references()) == done
    # The tabs count where the batch's orders are now, not the whole queue.
    qtbot.waitUntil(lambda: view.tabs.tabText(0).endswith("(3)"), timeout=15_000)
    view.close_batch()
    assert view.batch_bar.isHidden()
    qtbot.waitUntil(lambda: view.model.filter.batch_id is None and view.model.rowCount() > 4, timeout=15_000)


def test_an_order_moved_past_the_cursor_between_two_pages_is_not_shown_twice(qtbot: QtBot) -> None:
    """The page after the cursor can hold a row already shown when another desk or the sync
    changed that order meanwhile: it is dropped, and paging goes on."""
    from datetime import UTC, datetime, timedelta

    from omsdesk.queries.order_page import OrderRow

    model = OrderQueueModel(None, parent=None)  # type: ignore[arg-type]
    base = datetime(2026, 12, 1, tzinfo=UTC)

    def row(i: int) -> OrderRow:
        return OrderRow(i, f"SO-{i}", base - timedelta(minutes=i), "new", "web", None, "", "", 100, "EUR",
                        None, False)

    model._generation = 1
    model._on_page((1, True, 3, 0.0, [row(1), row(2), row(3)], {}))
    model._generation = 2
    model._on_page((2, False, 3, 0.0, [row(3), row(4), row(5)], {}))
    assert [r.id for r in model.rows()] == [1, 2, 3, 4, 5]
    assert model.canFetchMore()  # three rows came back: there may be more

