"""The counter while the server or the LAN is down (issue 17 point 4).

Online, `prepare_offline` reserves a block of receipt numbers in the workstation's own
simplified-invoice series and copies the shop's products and the company into the local
journal. When a sale cannot reach the server, `sell_or_journal` writes it to the journal with
the next reserved number, and the receipt prints from there, saying it was issued offline.
Back online, `replay` applies every waiting sale exactly once and in journal order, each in
its own server transaction carrying its idempotency key (workstation, journal sequence).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.documents.data import DocLine, InvoiceDoc, Party, TaxBreakdown
from omsdesk.models import (
    ConflictError,
    NotFound,
    OmsError,
    Order,
    OrderStatus,
    Product,
    ValidationError,
    Warehouse,
    check_transition,
)
from omsdesk.models.base import utcnow
from omsdesk.models.counter_offline import CounterReplay, CounterSeries
from omsdesk.models.invoice import InvoiceSeries
from omsdesk.models.money import split_gross
from omsdesk.services.context import Actor
from omsdesk.services.counter import CounterSale, SaleResult, ScannedProduct, sell
from omsdesk.services.counter_journal import Journal, JournalSale
from omsdesk.services.fulfilment.allocation import allocate_in
from omsdesk.services.fulfilment.orders import pay_in
from omsdesk.services.fulfilment.parcels import mark_delivered, pack_in, pick_in
from omsdesk.services.fulfilment.shipping import ship_in
from omsdesk.services.fulfilment.status import set_status
from omsdesk.services.intake.order_entry import LineInput, OrderInput, create_order_in
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.issue import issue_in
from omsdesk.services.invoicing.numbering import format_number

BLOCK = 50  # receipt numbers reserved at a time: a long day offline at a busy till
CONNECT_TIMEOUT_S = 1.5
LOST = (OperationalError,)  # what SQLAlchemy raises when the server or the link goes away


class ServerUnreachable(Exception):
    """The sale could not reach the server; it went to the journal (or could not: see message)."""


@dataclass(frozen=True)
class OfflineSale:
    """What the till shows and prints for a sale kept in the journal."""

    journal_seq: int
    total: int
    currency: str
    method: str
    tendered: int
    change: int
    invoice_number: str | None


@dataclass(frozen=True)
class Readiness:
    series: str
    year: int
    next_number: int
    reserved_to: int
    products: int


def server_reachable(db: Database, timeout: float = CONNECT_TIMEOUT_S) -> bool:
    """A quick TCP connect to the PostgreSQL server, so a dead LAN costs the till 1.5 s, not 5.

    SQLite (one desk, a local file) is always reachable.
    """
    return url_reachable(db.url, timeout)


def url_reachable(database_url: str, timeout: float = CONNECT_TIMEOUT_S) -> bool:
    """The same check before a database is opened (the CLI opens and migrates on first use)."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return True
    try:
        with socket.create_connection((url.host or "127.0.0.1", url.port or 5432), timeout=timeout):
            return True
    except OSError:
        return False


def _workstation_series(session: Session, workstation: str, year: int) -> CounterSeries:
    row = session.execute(select(CounterSeries).where(CounterSeries.workstation == workstation)
                          .with_for_update()).scalar_one_or_none()
    if row is None:
        # TPV01, TPV02...: 1-8 capitals and digits, as every series (AEAT validation 3.1.3.1).
        count = session.scalar(select(func.count()).select_from(CounterSeries)) or 0
        company = load_company(session)
        taken = {company.series_ordinary, company.series_simplified, company.series_rectifying}
        n = count + 1
        while f"TPV{n:02d}" in taken:
            n += 1
        row = CounterSeries(workstation=workstation, series=f"TPV{n:02d}", year=year, reserved_to=0)
        session.add(row)
        session.flush()
    if row.year != year:
        row.year, row.reserved_to = year, 0
    issued = session.scalar(select(InvoiceSeries.last_number).where(
        InvoiceSeries.code == row.series, InvoiceSeries.year == year)) or 0
    row.reserved_to = max(row.reserved_to, issued)
    return row


def prepare_offline(db: Database, journal: Journal, *, actor: Actor, warehouse: str,
                    block: int = BLOCK) -> Readiness:
    """While online: keep `block` unused numbers reserved and the products copied locally."""
    local_year = journal.meta("year")
    with db.write() as s:
        if s.scalar(select(Warehouse.id).where(Warehouse.code == warehouse)) is None:
            raise NotFound(f"the shop warehouse '{warehouse}' does not exist")
        company = load_company(s)
        year = utcnow().astimezone(ZoneInfo(company.time_zone)).year
        row = _workstation_series(s, actor.workstation, year)
        same = journal.meta("series") == row.series and local_year == year
        next_seq = journal.meta("next_seq") if same else None
        if next_seq is None:
            issued = s.scalar(select(InvoiceSeries.last_number).where(
                InvoiceSeries.code == row.series, InvoiceSeries.year == year)) or 0
            next_seq = issued + 1
        if row.reserved_to - next_seq + 1 < block:
            row.reserved_to = next_seq - 1 + block
        reserved_to = row.reserved_to
        series = row.series
        products = s.execute(select(Product.sku, Product.ean, Product.name, Product.price,
                                    Product.tax_rate_bp, Product.currency)
                             .where(Product.active.is_(True))).all()
        company_data = {"name": company.name, "tax_id": company.tax_id, "address": company.address,
                        "postcode": company.postcode, "city": company.city, "province": company.province,
                        "country": company.country, "limit": company.simplified_limit,
                        "time_zone": company.time_zone}
    with journal.write() as c:
        for key, value in (("workstation", actor.workstation), ("series", series), ("year", year),
                           ("next_seq", next_seq), ("reserved_to", reserved_to),
                           ("company", company_data), ("warehouse", warehouse)):
            journal.set_meta(c, key, value)
        c.execute("DELETE FROM products")
        c.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?)",
                      [(p.sku, p.ean or "", p.name, p.price, p.tax_rate_bp, p.currency) for p in products])
    return Readiness(series, year, next_seq, reserved_to, len(products))


# Offline the till cannot know the shelf: it neither warns nor refuses (the replay flags any shortfall).
UNKNOWN_AVAILABLE = 10**9


def find_product_offline(journal: Journal, code: str) -> ScannedProduct:
    """A scanned code from the workstation's copy of the products, for selling offline."""
    code = code.strip()
    if not code:
        raise ValidationError("nothing was scanned")
    found = journal.product(code)
    if found is None:
        raise NotFound(f"no product has the code '{code}'")
    sku, ean, name, price, rate, currency = found
    return ScannedProduct(sku, ean, name, price, rate, currency, UNKNOWN_AVAILABLE)


def sell_or_journal(db: Database, journal: Journal, sale: CounterSale, *,
                    actor: Actor) -> SaleResult | OfflineSale:
    """Sell on the server; when it cannot be reached, keep the sale in the journal instead.

    The reachability check comes first, so a sale is only journaled when the server was not
    reached at all or the connection was lost during the sale's own transaction (nothing was
    committed: the server rolls it back). Lost during the COMMIT itself, the outcome is unknown
    and the sale is refused with that message rather than risk recording it twice.
    """
    if server_reachable(db):
        try:
            return sell(db, sale, actor=actor)
        except LOST as exc:
            if _lost_at_commit(exc):
                # The server may have committed before the link went: journaling it too could
                # sell it twice, so the clerk looks first.
                raise ServerUnreachable(
                    "the connection dropped while the sale was being committed; it may be recorded: "
                    "check the last orders when the server is back before ringing it again") from exc
    return sell_offline(journal, sale, actor=actor)


def _lost_at_commit(exc: BaseException) -> bool:
    """Whether the connection was lost inside the session's COMMIT (outcome unknown)."""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "commit" and code.co_filename.endswith(("orm/session.py", "engine/base.py")):
            return True
        tb = tb.tb_next
    return False


def sell_offline(journal: Journal, sale: CounterSale, *, actor: Actor,
                 now: datetime | None = None) -> OfflineSale:
    """Price the sale from the local products, take the next reserved number, store it."""
    if sale.method not in ("cash", "card"):
        raise ValidationError(f"payment method must be cash or card, not {sale.method!r}")
    if sale.full_invoice or sale.customer_id is not None:
        raise ValidationError("while the server is unreachable the counter issues simplified "
                              "invoices only, without a customer")
    if journal.meta("series") is None:
        raise ServerUnreachable("the server is unreachable and this workstation has no receipt "
                                "numbers reserved yet: sell again when it is back")
    if sale.warehouse != journal.meta("warehouse"):
        raise ValidationError(f"offline, the counter sells only from {journal.meta('warehouse')}")
    lines: list[dict[str, Any]] = []
    for ln in sale.lines:
        found = journal.product(ln.sku)
        if found is None:
            raise NotFound(f"no product has the code '{ln.sku}' (in this workstation's copy)")
        sku, _ean, name, price, rate, _currency = found
        if ln.qty <= 0 or ln.discount < 0 or ln.discount > ln.qty * price:
            raise ValidationError(f"quantity or discount of {sku} is not valid")
        lines.append({"sku": sku, "name": name, "qty": ln.qty, "unit_price": price,
                      "discount": ln.discount, "tax_rate_bp": rate})
    total = sum(ln["qty"] * ln["unit_price"] - ln["discount"] for ln in lines)
    tendered = total if sale.tendered is None else sale.tendered
    if sale.method == "cash" and tendered < total:
        raise ValidationError(f"cash tendered ({tendered}) is less than the total ({total})")
    company = journal.meta("company") or {}
    invoiced = bool(company.get("name") and company.get("tax_id"))
    if invoiced and total > int(company.get("limit", 40000)):
        raise ValidationError("over the simplified-invoice limit: an ordinary invoice needs the "
                              "server, which is unreachable")
    moment = (now or utcnow()).astimezone(UTC)
    local_year = moment.astimezone(ZoneInfo(company.get("time_zone") or "Europe/Madrid")).year
    payload = {"lines": lines, "method": sale.method, "tendered": tendered, "warehouse": sale.warehouse,
               "currency": sale.currency, "user": actor.user, "workstation": actor.workstation,
               "total": total}
    with journal.write() as c:
        number, seq_no = "", None
        if invoiced:
            series, year = journal.meta("series"), journal.meta("year")
            seq_no, last = journal.meta("next_seq"), journal.meta("reserved_to")
            if year != local_year or seq_no > last:
                raise ServerUnreachable("the server is unreachable and this workstation's reserved "
                                        "receipt numbers are used up")
            number = format_number(series, year, seq_no)
            journal.set_meta(c, "next_seq", seq_no + 1)
        cur = c.execute("INSERT INTO sales (sold_at, payload, invoice_seq, invoice_number) VALUES (?, ?, ?, ?)",
                        (moment.isoformat(), _dumps(payload), seq_no, number))
        journal_seq = int(cur.lastrowid or 0)
    change = tendered - total if sale.method == "cash" else 0
    return OfflineSale(journal_seq, total, sale.currency, sale.method, tendered, change, number or None)


def _dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True)


def offline_receipt_doc(journal: Journal, journal_seq: int, *,
                        language: Literal["es", "en"] = "es") -> InvoiceDoc:
    """The receipt of a journaled sale, marked as issued offline (its record is not chained yet)."""
    sale = next((s for s in journal.sales(waiting_only=False) if s.seq == journal_seq), None)
    if sale is None:
        raise NotFound(f"no offline sale {journal_seq} in this workstation's journal")
    company = journal.meta("company") or {}
    p = sale.payload
    doc_lines: list[DocLine] = []
    rates: dict[int, tuple[int, int]] = {}
    for ln in p["lines"]:
        gross = ln["qty"] * ln["unit_price"] - ln["discount"]
        net, tax = split_gross(gross, ln["tax_rate_bp"])
        doc_lines.append(DocLine(sku=ln["sku"], name=ln["name"], qty=ln["qty"], unit_price=ln["unit_price"],
                                 tax_rate_bp=ln["tax_rate_bp"], net=net, tax=tax, total=gross))
        base0, tax0 = rates.get(ln["tax_rate_bp"], (0, 0))
        rates[ln["tax_rate_bp"]] = (base0 + net, tax0 + tax)
    note = ("Emitida sin conexión con el servidor: el registro VERI*FACTU se genera y se envía al "
            "reconectar." if language == "es" else
            "Issued while the server was unreachable: the VERI*FACTU record is generated and sent "
            "on reconnection.")
    sold = datetime.fromisoformat(sale.sold_at).astimezone(ZoneInfo(company.get("time_zone") or "Europe/Madrid"))
    address = tuple(v for v in (company.get("address", ""),
                                f"{company.get('postcode', '')} {company.get('city', '')}".strip(),
                                company.get("province", "")) if v)
    issuer = Party(name=company.get("name") or "omsdesk", tax_id=company.get("tax_id", ""),
                   address_lines=address, country=company.get("country", ""))
    return InvoiceDoc(kind="simplified", number=sale.invoice_number or f"OFFLINE-{sale.seq}",
                      issue_date=sold.date(), issuer=issuer, lines=tuple(doc_lines),
                      breakdown=tuple(TaxBreakdown(r, b, t) for r, (b, t) in sorted(rates.items())),
                      total_net=sum(b for b, _ in rates.values()), total_tax=sum(t for _, t in rates.values()),
                      total=p["total"], currency=p["currency"], language=language, legal_notes=(note,))


@dataclass(frozen=True)
class ReplayReport:
    sent: int
    already: int      # found on the server already (a replay killed after its commit)
    waiting: int      # still in the journal (stopped at the first that failed)
    error: str
    references: tuple[str, ...]
    lost: bool = False  # the server went away again during the replay


def replay(db: Database, journal: Journal, *, actor: Actor,
           after_commit: Callable[[int], None] | None = None) -> ReplayReport:
    """Send every waiting sale to the server, in journal order, each exactly once.

    Each sale is one server transaction that also stores its key (workstation, journal seq);
    the journal marks it sent only after that commit. A crash between the two leaves a sale
    the next replay finds by its key and only marks. The first sale that fails stops the
    replay, so the invoices and their records keep the journal's order.
    `after_commit` is a test hook (a kill between the server commit and the journal mark).
    """
    sent, already = 0, 0
    refs: list[str] = []
    workstation = journal.meta("workstation") or actor.workstation
    for sale in journal.sales():
        try:
            with db.write() as s:
                done = s.execute(select(CounterReplay.order_id, CounterReplay.invoice_number).where(
                    CounterReplay.workstation == workstation,
                    CounterReplay.journal_seq == sale.seq)).first()
                if done is None:
                    reference = _apply(s, sale, workstation, actor)
                else:
                    reference = s.scalar(select(Order.reference).where(Order.id == done.order_id)) or ""
            if after_commit is not None:
                after_commit(sale.seq)
        except (ConflictError, ValidationError, NotFound) as exc:
            journal.mark_error(sale.seq, str(exc))
            return ReplayReport(sent, already, journal.waiting_count(), str(exc), tuple(refs))
        except LOST:
            # Nothing of this sale was committed, or it was and its key says so next time.
            return ReplayReport(sent, already, journal.waiting_count(),
                                "the server was lost again during the replay; the rest stays in the journal",
                                tuple(refs), lost=True)
        journal.mark_sent(sale.seq, reference, utcnow().isoformat())
        if done is None:
            sent += 1
        else:
            already += 1
        refs.append(reference)
    return ReplayReport(sent, already, journal.waiting_count(), "", tuple(refs))


@dataclass(frozen=True)
class CatchUp:
    reachable: bool
    sent: int      # sales the replay sent
    waiting: int   # still in the journal afterwards
    error: str = ""  # why the replay stopped (a refused sale, the link lost again)


def catch_up(db: Database, journal: Journal, *, actor: Actor, warehouse: str, prepare: bool) -> CatchUp:
    """What a till does on every check of its link: when the server answers, replay what waits,
    then (after a replay, or when `prepare`) top up the reserved numbers and the products.

    A refusal to prepare (an unknown warehouse) is not an outage: the till just cannot sell
    offline. The link lost again half-way reports unreachable; the rest waits in the journal.
    """
    if not server_reachable(db):
        return CatchUp(False, 0, journal.waiting_count())
    sent, error = 0, ""
    if journal.waiting_count():
        report = replay(db, journal, actor=actor)
        if report.lost:
            return CatchUp(False, report.sent, report.waiting, report.error)
        sent, error = report.sent, report.error
    if warehouse and (prepare or sent):
        try:
            prepare_offline(db, journal, actor=actor, warehouse=warehouse)
        except OmsError:
            pass  # see the docstring: this till sells online only
        except LOST:
            return CatchUp(False, sent, journal.waiting_count(), "the server was lost again")
    return CatchUp(True, sent, journal.waiting_count(), error)


def _apply(s: Session, sale: JournalSale, workstation: str, actor: Actor) -> str:
    p = sale.payload
    sold_at = datetime.fromisoformat(sale.sold_at)
    seller = Actor(p.get("user") or actor.user, workstation)
    wh = s.scalar(select(Warehouse).where(Warehouse.code == p["warehouse"]))
    if wh is None:
        raise NotFound(f"the shop warehouse '{p['warehouse']}' does not exist")
    order = create_order_in(s, OrderInput(
        lines=tuple(LineInput(sku=ln["sku"], qty=ln["qty"], unit_price=ln["unit_price"],
                              discount=ln["discount"], tax_rate_bp=ln["tax_rate_bp"],
                              price_reason="price at the counter while offline")
                    for ln in p["lines"]),
        channel="counter", currency=p["currency"], placed_at=sold_at,
        notes=f"offline counter sale {sale.seq} at {workstation}"), actor=seller)
    if order.total > 0:
        pay_in(s, order, actor=seller, method=p["method"])
    elif order.status == OrderStatus.NEW.value:
        set_status(s, order, OrderStatus.PAID, "pay", seller, "nothing to pay")
    allocate_in(s, order, actor=seller, only_warehouse=wh.id, force=True)
    reason = "handed over at the counter (offline)"
    pick_in(s, order, actor=seller, reason=reason)
    pack_in(s, order, actor=seller, reason=reason)
    ship_in(s, order, actor=seller, carrier="counter", tracking="")
    check_transition("deliver", order.status, order.reference)
    mark_delivered(order, sold_at)
    set_status(s, order, OrderStatus.DELIVERED, "deliver", seller, reason)
    number = ""
    if sale.invoice_seq is not None:
        company = load_company(s)
        series = s.scalar(select(CounterSeries.series).where(CounterSeries.workstation == workstation))
        if series is None:
            raise ConflictError(f"workstation {workstation} has no receipt series on the server")
        invoice, _record = issue_in(s, order, company, actor=seller, simplified=True, now=sold_at,
                                    series=series, expected_seq=sale.invoice_seq, recorded_at=utcnow())
        number = invoice.number
    s.add(CounterReplay(workstation=workstation, journal_seq=sale.seq, order_id=order.id,
                        invoice_number=number, sold_at=sold_at))
    s.flush()
    return order.reference

