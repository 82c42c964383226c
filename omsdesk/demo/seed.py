"""Seeds a believable Spanish business; bulk inserts so a million orders take minutes, not hours."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.demo import names
from omsdesk.models import (
    Address,
    Channel,
    Counter,
    Customer,
    OrderStatus,
    Product,
    ValidationError,
    Warehouse,
)
from omsdesk.models.money import split_gross
from omsdesk.services.validation import valid_ean, valid_tax_id

S = OrderStatus
CHUNK = 20_000
SHIPPING_SKU = "ENVIO"
WAREHOUSES = (
    ("MAD", "Almacén Madrid", "Calle de la Logística 4", "Getafe", "28906", 40.3057, -3.7327, 10),
    ("BCN", "Almacén Barcelona", "Carrer de la Zona Franca 120", "Barcelona", "08040", 41.3397, 2.1373, 20),
    ("SVQ", "Almacén Sevilla", "Polígono Store, Calle A 7", "Sevilla", "41008", 37.4051, -5.9578, 30),
)
# code, name, kind, share of orders, payment method
CHANNELS = (
    ("counter", "Mostrador Madrid", "counter", 0.15, "cash"),
    ("manual", "Pedidos telefónicos", "manual", 0.05, "transfer"),
    ("web", "Tienda online (WooCommerce)", "woocommerce", 0.30, "card"),
    ("shopify", "Shopify ES", "shopify", 0.20, "card"),
    ("amazon", "Amazon.es", "amazon", 0.20, "marketplace"),
    ("b2b", "PrestaShop B2B", "prestashop", 0.10, "transfer"),
)
STATUS_MIX: tuple[tuple[float, tuple[tuple[S, float], ...]], ...] = (
    # (max age in days, distribution)
    (2.0, ((S.NEW, 15), (S.PAID, 20), (S.ALLOCATED, 20), (S.PICKING, 12), (S.PACKED, 10),
           (S.SHIPPED, 14), (S.ON_HOLD, 3), (S.BACKORDER, 4), (S.CANCELLED, 2))),
    (14.0, ((S.SHIPPED, 40), (S.DELIVERED, 38), (S.CANCELLED, 5), (S.PARTIAL, 3), (S.BACKORDER, 4),
            (S.ON_HOLD, 3), (S.PACKED, 4), (S.ALLOCATED, 3))),
    (1e9, ((S.DELIVERED, 86), (S.SHIPPED, 3), (S.RETURNED, 3), (S.CANCELLED, 5), (S.PARTIAL, 1),
           (S.BACKORDER, 1), (S.ON_HOLD, 1))),
)
RESERVED = {S.ALLOCATED, S.PICKING, S.PACKED}
SHIPPED_ALL = {S.SHIPPED, S.DELIVERED, S.RETURNED}
PAID = {S.PAID, S.ALLOCATED, S.PICKING, S.PACKED, S.SHIPPED, S.DELIVERED, S.RETURNED, S.PARTIAL,
        S.BACKORDER, S.ON_HOLD}


def ean13(body12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def nif(number: int) -> str:
    return f"{number:08d}" + "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]


def cif(number: int) -> str:
    digits = f"{number:07d}"
    even = sum(int(d) for d in digits[1::2])
    odd = sum(sum(divmod(2 * int(d), 10)) for d in digits[0::2])
    return "B" + digits + str((10 - (even + odd) % 10) % 10)


@dataclass
class _Stock:
    sold: dict[tuple[int, int], int]
    returned: dict[tuple[int, int], int]
    reserved: dict[tuple[int, int], int]


class _Bulk:
    """Fast row inserts: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pg = conn.dialect.name == "postgresql"

    def ts(self, dt: datetime) -> Any:
        # SQLite stores our UTC datetimes as naive text in SQLAlchemy's fixed format; keeping it
        # byte-identical matters because the queue sorts and pages on that text.
        if self.pg:
            return dt
        return dt.strftime("%Y-%m-%d %H:%M:%S.%f")

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cols = ", ".join(f'"{c}"' for c in columns)
        if self.pg:
            raw = self.conn.connection.driver_connection
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # type: ignore[union-attr]
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            self.conn.exec_driver_sql(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)


def seed_demo(db: Database, *, orders: int = 5000, seed: int = 42, products: int = 300,
              customers: int = 1000, now: datetime | None = None,
              progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Seed warehouses, products, customers, channels, stock and `orders` orders of the last 90 days."""
    if orders < 0 or products < 1 or customers < 1:
        raise ValidationError("demo sizes must be positive")
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    say = progress or (lambda _msg: None)
    with db.write() as s:
        if s.scalar(select(func.count()).select_from(Product)):
            raise ValidationError("the database already has products; seed the demo into an empty database")
        wh_ids = _warehouses(s)
        prods = _products(s, rng, products)
        cust = _customers(s, rng, customers)
        chans = _channels(s)
    _company(db)
    say("catalogue ready")
    stock = _Stock(defaultdict(int), defaultdict(int), defaultdict(int))
    with db.engine.begin() as conn:
        bulk = _Bulk(conn)
        counts = _orders(bulk, rng, now, orders, wh_ids, prods, cust, chans, stock, say)
        _stock(bulk, rng, now, wh_ids, prods, stock)
        if bulk.pg:
            for table in ("orders", "order_lines", "payments", "shipments", "shipment_lines",
                          "stock_moves", "reservations", "audit_log"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))
            conn.execute(text("ANALYZE"))
    if not bulk.pg:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    say("done")
    return {"warehouses": len(wh_ids), "products": len(prods), "customers": len(cust),
            "channels": len(chans), **counts}


def _company(db: Database) -> None:
    """The demo business's own data, so invoices can be issued straight away."""
    from omsdesk.services.context import Actor
    from omsdesk.services.invoicing.company import set_company

    set_company(db, actor=Actor("demo", "demo"), name="Comercial Ñandú S.L.", tax_id="B58378431",
                address="Calle Mayor 12", postcode="28013", city="Madrid", province="Madrid",
                country="ES", email="facturas@nandu.example.es", phone="+34 910 000 000")


def _warehouses(s: Session) -> list[int]:
    ids = []
    for code, name, addr, city, pc, lat, lon, prio in WAREHOUSES:
        wh = Warehouse(code=code, name=name, address=addr, city=city, postcode=pc, country="ES",
                       latitude=lat, longitude=lon, priority=prio)
        s.add(wh)
        s.flush()
        ids.append(wh.id)
    return ids


@dataclass(frozen=True)
class _Prod:
    id: int
    sku: str
    name: str
    price: int
    rate: int
    weight: float


def _products(s: Session, rng: random.Random, n: int) -> list[_Prod]:
    rows = []
    seen: set[str] = set()
    for i in range(n):
        kind, price, rate, weight = names.PRODUCT_KINDS[i % len(names.PRODUCT_KINDS)]
        variant = names.VARIANTS[(i // len(names.PRODUCT_KINDS)) % len(names.VARIANTS)]
        while True:
            code = ean13("84" + f"{rng.randrange(10**10):010d}")
            if code not in seen:
                seen.add(code)
                break
        assert valid_ean(code) == code
        price = max(99, int(price * rng.uniform(0.8, 1.3)) // 5 * 5)
        rows.append({"sku": f"{kind[:3].upper()}-{i + 1:05d}", "name": f"{kind} {variant}", "ean": code,
                     "price": price, "currency": "EUR", "tax_rate_bp": rate, "weight_g": weight,
                     "active": True})
    # Shipping charged on marketplace orders becomes a line of this service product.
    rows.append({"sku": SHIPPING_SKU, "name": "Gastos de envío", "ean": None, "price": 495, "currency": "EUR",
                 "tax_rate_bp": 2100, "weight_g": 0, "active": True, "stock_tracked": False})
    s.execute(insert(Product), rows)
    out = []
    for p in s.execute(select(Product.id, Product.sku, Product.name, Product.price, Product.tax_rate_bp)
                       .where(Product.stock_tracked.is_(True)).order_by(Product.id)):
        out.append(_Prod(p[0], p[1], p[2], p[3], p[4], 0.0))
    # Popularity follows a power law: a few products sell most, as in any real shop.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(out))]
    rng.shuffle(weights)
    return [_Prod(p.id, p.sku, p.name, p.price, p.rate, w) for p, w in zip(out, weights, strict=True)]


@dataclass(frozen=True)
class _Cust:
    id: int
    name: str
    email: str
    city: int
    addr: tuple[str, str, str, str, str]
    search: str  # the customer's search_name, copied onto each of its orders


def _customers(s: Session, rng: random.Random, n: int) -> list[_Cust]:
    made = []
    used: set[str] = set()
    for i in range(n):
        city = rng.randrange(len(names.CITIES))
        cname, prov, pc, _lat, _lon = names.CITIES[city]
        company = rng.random() < 0.2
        if company:
            name = f"{rng.choice(names.COMPANY_WORDS)} {rng.choice(names.SURNAMES)} {rng.choice(names.COMPANY_SUFFIX)}"
            tax = cif(rng.randrange(10**7))
        else:
            name = f"{rng.choice(names.FIRST_NAMES)} {rng.choice(names.SURNAMES)} {rng.choice(names.SURNAMES)}"
            tax = nif(rng.randrange(10**8))
        if tax in used:
            tax = nif(10**7 + i)
        used.add(tax)
        tax = valid_tax_id(tax) or tax
        email = f"cliente{i + 1:05d}@example.es"
        line1 = f"{rng.choice(names.STREETS)} {rng.randint(1, 140)}"
        postcode = pc + f"{rng.randint(1, 99):02d}"
        c = Customer(name=name, email=email, phone=f"+34 6{rng.randrange(10**8):08d}", tax_id=tax,
                     language="en" if rng.random() < 0.05 else "es")
        c.addresses.append(Address(kind="shipping", name=name, company="", line1=line1, line2="",
                                   city=cname, postcode=postcode, province=prov, country="ES", phone=""))
        s.add(c)
        made.append((c, city, (line1, cname, postcode, prov, "ES")))
    s.flush()
    return [_Cust(c.id, c.name, c.email or "", city, addr, c.search_name) for c, city, addr in made]


def _channels(s: Session) -> list[tuple[int, str, str, float, str]]:
    out = []
    for code, name, kind, share, method in CHANNELS:
        existing = s.scalar(select(Channel).where(Channel.code == code))
        # Historic demo channels carry no credentials, so they are kept out of the sync schedule.
        ch = existing or Channel(code=code, name=name, kind=kind,
                                 settings={"demo_history": True, "shipping_sku": SHIPPING_SKU},
                                 active=kind in ("counter", "manual"))
        s.add(ch)
        s.flush()
        out.append((ch.id, code, kind, share, method))
    return out


def _nearest(city: int, wh_count: int) -> int:
    _n, _p, _pc, lat, lon = names.CITIES[city]
    dists = [math.hypot(lat - w[5], lon - w[6]) for w in WAREHOUSES[:wh_count]]
    return dists.index(min(dists))


def _placements(rng: random.Random, now: datetime, n: int) -> Iterator[datetime]:
    """Order times over 90 days, busier on Mondays and in the evening, growing slowly."""
    day_weight = (1.25, 1.15, 1.05, 1.0, 1.05, 0.8, 0.7)
    start = now - timedelta(days=90)
    stamps = []
    for _ in range(n):
        while True:
            offset = rng.random() * 90
            t = start + timedelta(days=offset)
            if rng.random() * 1.4 < day_weight[t.weekday()] * (0.8 + 0.4 * offset / 90):
                break
        stamps.append(t)
    stamps.sort()
    yield from stamps


def _pick_status(rng: random.Random, age_days: float) -> S:
    for max_age, mix in STATUS_MIX:
        if age_days <= max_age:
            r = rng.random() * sum(w for _s, w in mix)
            for status, w in mix:
                r -= w
                if r <= 0:
                    return status
            return mix[-1][0]
    raise AssertionError("unreachable")


@dataclass
class _Line:
    product: _Prod
    qty: int
    net: int
    tax: int
    gross: int
    shipped: int = 0
    returned: int = 0


ORDER_COLS = ("id", "reference", "channel_id", "external_id", "customer_id", "customer_name", "customer_email",
              "status", "held_from", "currency", "prices_include_tax", "subtotal", "tax_total", "total",
              "paid_amount", "warehouse_id", "ship_name", "ship_line1", "ship_line2", "ship_city",
              "ship_postcode", "ship_province", "ship_country", "notes", "placed_at", "ship_by",
              "external_updated_at", "created_at", "updated_at", "search_name", "ref_number")
LINE_COLS = ("id", "order_id", "line_no", "product_id", "sku", "name", "qty", "unit_price", "discount",
             "tax_rate_bp", "net", "tax", "total", "qty_shipped", "qty_returned")


def _orders(bulk: _Bulk, rng: random.Random, now: datetime, n: int, wh_ids: list[int],
            prods: list[_Prod], custs: list[_Cust], chans: list[tuple[int, str, str, float, str]],
            stock: _Stock, say: Callable[[str], None]) -> dict[str, int]:
    ids: dict[str, int] = defaultdict(int)
    # Continue after rows the services already wrote (the company settings' audit row, ...).
    for key, table in (("orders", "orders"), ("lines", "order_lines"), ("reservations", "reservations"),
                       ("payments", "payments"), ("shipments", "shipments"),
                       ("shipment_lines", "shipment_lines"), ("moves", "stock_moves"), ("audit", "audit_log")):
        ids[key] = int(bulk.conn.scalar(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")) or 0)
    per_year: dict[int, int] = defaultdict(int)
    cum_prod = _cumulative([p.weight for p in prods])
    cum_chan = _cumulative([c[3] for c in chans])
    near = [_nearest(c.city, len(wh_ids)) for c in custs]
    counts: dict[str, int] = defaultdict(int)
    buf: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    ts = bulk.ts
    for i, placed in enumerate(_placements(rng, now, n)):
        ch_id, ch_code, ch_kind, _share, method = chans[_draw(rng, cum_chan)]
        counter_sale = ch_kind == "counter"
        cust = None if counter_sale and rng.random() < 0.6 else custs[rng.randrange(len(custs))]
        age = (now - placed).total_seconds() / 86400
        status = S.DELIVERED if counter_sale and age > 0.01 else _pick_status(rng, age)
        # The counter sells from the Madrid shop; shipped orders leave from the nearest warehouse.
        wid = wh_ids[0 if counter_sale or cust is None else near[cust.id - custs[0].id]]
        ids["orders"] += 1
        oid = ids["orders"]
        per_year[placed.year] += 1
        ref = f"SO-{placed.year}-{per_year[placed.year]:06d}"
        lines = []
        chosen: set[int] = set()
        for _ in range(rng.choices((1, 2, 3, 4), (40, 30, 20, 10))[0]):
            p = prods[_draw(rng, cum_prod)]
            if p.id in chosen:
                continue
            chosen.add(p.id)
            qty = rng.choices((1, 2, 3, 5), (70, 20, 8, 2))[0]
            gross = qty * p.price
            net, tax = split_gross(gross, p.rate)
            lines.append(_Line(p, qty, net, tax, gross))
        first_line_id = ids["lines"] + 1
        ids["lines"] += len(lines)
        partial = status == S.PARTIAL and len(lines) > 1
        if status == S.PARTIAL and not partial:
            status = S.SHIPPED
        shipped_lines = lines if status in SHIPPED_ALL else lines[:1] if partial else []
        for ln in shipped_lines:
            ln.shipped = ln.qty
            if status == S.RETURNED:
                ln.returned = ln.qty
        subtotal = sum(ln.net for ln in lines)
        tax_total = sum(ln.tax for ln in lines)
        total = sum(ln.gross for ln in lines)
        paid = total if status in PAID else 0
        held_from = S.PAID.value if status == S.ON_HOLD else None
        allocated = status in RESERVED or status in SHIPPED_ALL or partial
        addr = cust.addr if cust else ("", "", "", "", "ES")
        external = None if ch_kind in ("counter", "manual") else f"{ch_code.upper()}-{100000 + i}"
        ship_by = placed + timedelta(hours=48)
        buf["orders"].append((
            oid, ref, ch_id, external, cust.id if cust else None, cust.name if cust else "",
            cust.email if cust else "", status.value, held_from, "EUR", True, subtotal, tax_total, total,
            paid, wid if allocated else None, cust.name if cust else "", addr[0], "", addr[1], addr[2],
            addr[3], addr[4], "", ts(placed), ts(ship_by), None, ts(placed), ts(placed),
            cust.search if cust else "", per_year[placed.year]))
        for no, ln in enumerate(lines, start=1):
            lid = first_line_id + no - 1
            p = ln.product
            buf["order_lines"].append((lid, oid, no, p.id, p.sku, p.name, ln.qty, p.price, 0, p.rate,
                                       ln.net, ln.tax, ln.gross, ln.shipped, ln.returned))
            if status in RESERVED:
                ids["reservations"] += 1
                buf["reservations"].append((ids["reservations"], lid, p.id, wid, ln.qty, ts(placed)))
                stock.reserved[(p.id, wid)] += ln.qty
        if status in RESERVED:
            # Its open parcel (parcels.sync_parcels): picking and packing are done per parcel.
            ids["shipments"] += 1
            parcel_status = {S.PICKING: "picking", S.PACKED: "packed"}.get(status, "open")
            buf["shipments"].append((ids["shipments"], oid, wid, parcel_status, "", "", None, None))
        if paid:
            ids["payments"] += 1
            buf["payments"].append((ids["payments"], oid, paid, "EUR", method, "", ts(placed + timedelta(minutes=2))))
        if shipped_lines:
            ids["shipments"] += 1
            # Never in the future: an order placed this morning and already delivered left by now,
            # and invoicing refuses an operation date after the issue date (AEAT validation 3.1.3.1).
            shipped_at = min(placed + timedelta(hours=rng.uniform(3, 40)), now)
            delivered = (min(shipped_at + timedelta(days=rng.uniform(1, 3)), now)
                         if status in (S.DELIVERED, S.RETURNED) else None)
            carrier = "" if counter_sale else rng.choice(names.CARRIERS)
            tracking = "" if counter_sale else f"{carrier[:2].upper()}{rng.randrange(10**10):010d}ES"
            buf["shipments"].append((ids["shipments"], oid, wid, "delivered" if delivered else "shipped",
                                     carrier, tracking, ts(shipped_at), ts(delivered) if delivered else None))
            for no, ln in enumerate(lines, start=1):
                if ln.shipped:
                    p, qty = ln.product, ln.shipped
                    ids["shipment_lines"] += 1
                    buf["shipment_lines"].append((ids["shipment_lines"], ids["shipments"], first_line_id + no - 1, qty))
                    ids["moves"] += 1
                    buf["stock_moves"].append((ids["moves"], p.id, wid, -qty, "sale", f"order {ref}", oid, "demo",
                                               ts(shipped_at)))
                    stock.sold[(p.id, wid)] += qty
                    if ln.returned:
                        ids["moves"] += 1
                        back = (delivered or shipped_at) + timedelta(days=rng.uniform(2, 10))
                        back = min(back, now)
                        buf["stock_moves"].append((ids["moves"], p.id, wid, ln.returned, "return",
                                                   f"return {ref}", oid, "demo", ts(back)))
                        stock.returned[(p.id, wid)] += ln.returned
        ids["audit"] += 1
        buf["audit_log"].append((ids["audit"], ts(placed), "demo", "demo", "order", oid, ref, "import", None,
                                 status.value, f"demo history via {ch_code}"))
        counts[status.value] += 1
        if len(buf["orders"]) >= CHUNK:
            _flush(bulk, buf)
            say(f"{i + 1} orders")
    _flush(bulk, buf)
    for year, value in per_year.items():
        bulk.conn.execute(insert(Counter).values(name=f"order:{year}", value=value))
    return {"orders": n, "order_lines": ids["lines"], **{f"status_{k}": v for k, v in sorted(counts.items())}}


def _flush(bulk: _Bulk, buf: dict[str, list[tuple[Any, ...]]]) -> None:
    cols = {
        "orders": ORDER_COLS, "order_lines": LINE_COLS,
        "reservations": ("id", "order_line_id", "product_id", "warehouse_id", "qty", "created_at"),
        "payments": ("id", "order_id", "amount", "currency", "method", "reference", "paid_at"),
        "shipments": ("id", "order_id", "warehouse_id", "status", "carrier", "tracking", "shipped_at",
                      "delivered_at"),
        "shipment_lines": ("id", "shipment_id", "order_line_id", "qty"),
        "stock_moves": ("id", "product_id", "warehouse_id", "qty", "kind", "reason", "order_id", "user", "created_at"),
        "audit_log": ("id", "at", "user", "workstation", "entity", "entity_id", "reference", "action",
                      "from_status", "to_status", "reason"),
    }
    # Parents before children so foreign keys hold at every statement.
    for table in ("orders", "order_lines", "reservations", "payments", "shipments", "shipment_lines",
                  "stock_moves", "audit_log"):
        bulk.insert(table, cols[table], buf[table])
        buf[table].clear()


def _stock(bulk: _Bulk, rng: random.Random, now: datetime, wh_ids: list[int], prods: list[_Prod],
           stock: _Stock) -> None:
    levels: list[tuple[Any, ...]] = []
    moves: list[tuple[Any, ...]] = []
    first_move = int(bulk.conn.scalar(text("SELECT COALESCE(MAX(id), 0) FROM stock_moves")) or 0)
    start = bulk.ts(now - timedelta(days=95))
    for p in prods:
        for w_i, wid in enumerate(wh_ids):
            key = (p.id, wid)
            net_out = stock.sold[key] - stock.returned[key]
            r = rng.random()
            # Most lines are well stocked; some are low, a few are sold out (for alerts and charts).
            spare = rng.randint(20, 300) if r < 0.75 else rng.randint(1, 8) if r < 0.93 else 0
            receipt = net_out + stock.reserved[key] + spare
            if receipt > 0:
                moves.append((first_move + len(moves) + 1, p.id, wid, receipt, "receipt", "opening stock",
                              None, "demo", start))
            on_hand = receipt - net_out
            aisle = "ABCDEFGH"[p.id % 8]
            levels.append((p.id, wid, on_hand, stock.reserved[key], 0, rng.choice((5, 10, 15, 20)),
                           f"{aisle}-{(p.id // 8) % 20 + 1:02d}-{w_i + 1}{p.id % 5 + 1}", bulk.ts(now)))
    bulk.insert("stock_moves", ("id", "product_id", "warehouse_id", "qty", "kind", "reason", "order_id",
                                "user", "created_at"), moves)
    bulk.insert("stock_levels", ("product_id", "warehouse_id", "on_hand", "reserved", "safety_buffer",
                                 "reorder_point", "bin", "updated_at"), levels)


def _cumulative(weights: list[float]) -> list[float]:
    total = sum(weights)
    acc, out = 0.0, []
    for w in weights:
        acc += w / total
        out.append(acc)
    return out


def _draw(rng: random.Random, cum: list[float]) -> int:
    import bisect

    return min(bisect.bisect_left(cum, rng.random()), len(cum) - 1)
