"""Odoo connector over the external JSON-RPC API: /jsonrpc, common.login, object.execute_kw."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from omsdesk.models.money import tax_on_net
from omsdesk.sync.erp.amounts import odoo_included_tax, odoo_price
from omsdesk.sync.erp.base import (
    ErpConnector,
    ErpCustomer,
    ErpError,
    ErpFault,
    ErpHealth,
    ErpInvoice,
    ErpLine,
    ErpOrder,
    ErpProduct,
    ErpPurchase,
    ErpRejected,
    PushResult,
    TaxChoice,
    from_decimal,
    http_fault,
    to_decimal,
)
from omsdesk.sync.erp.taxes import ErpTax, line_keys, resolve, tax_ids, tax_key
from omsdesk.sync.errors import AuthError, ChannelUnavailable, RequestRejected, SyncError
from omsdesk.sync.http import HttpClient

BATCH = 100
_STAMP = "%Y-%m-%d %H:%M:%S"  # Odoo's datetime text, always UTC


def _chunks(items: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class OdooRpc:
    """Calls of Odoo's external JSON-RPC API; the password travels with every call."""

    def __init__(self, url: str, database: str, login: str, password: str,
                 **http_options: Any) -> None:
        self.endpoint = f"{url.rstrip('/')}/jsonrpc"
        self.database = database
        self.login = login
        self._password = password
        self.http = HttpClient("odoo", secrets=[password], **http_options)
        self.uid: int | None = None
        self._ids = itertools.count(1)

    def _call(self, service: str, method: str, args: list[Any]) -> Any:
        body = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids),
                "params": {"service": service, "method": method, "args": args}}
        try:
            answer = self.http.send_json("POST", self.endpoint, body)
        except (ChannelUnavailable, RequestRejected) as exc:
            fault = http_fault(exc, "Odoo")
            if fault is None:
                raise
            raise fault from None
        if not isinstance(answer, dict):
            raise ErpError("Odoo answered with something that is not JSON-RPC", channel="odoo")
        if "error" in answer:
            raise self._error(answer["error"])
        return answer.get("result")

    @staticmethod
    def _error(error: Any) -> SyncError:
        data = error.get("data") or {} if isinstance(error, dict) else {}
        name = str(data.get("name") or "")
        message = str(data.get("message") or (error.get("message") if isinstance(error, dict)
                                               else error))
        short = name.rsplit(".", 1)[-1]
        if short == "AccessDenied":
            return AuthError("Odoo refused the login; check the user and password (or API key)",
                             channel="odoo")
        if short in ("ValidationError", "UserError", "AccessError", "MissingError"):
            return ErpRejected(f"Odoo refused it: {message}", channel="odoo")
        return ErpFault(f"Odoo failed: {short or 'error'}: {message[:300]}", channel="odoo")

    def connect(self) -> int:
        uid = self._call("common", "login", [self.database, self.login, self._password])
        if not uid:
            raise AuthError(f"Odoo refused the login {self.login!r} on database "
                            f"{self.database!r}; check the user and password (or API key)",
                            channel="odoo")
        self.uid = int(uid)
        return self.uid

    def execute(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        if self.uid is None:
            self.connect()
        return self._call("object", "execute_kw", [self.database, self.uid, self._password,
                                                    model, method, list(args), kwargs])

    def search_read(self, model: str, domain: list[Any], fields: list[str]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.execute(model, "search_read", domain, fields=fields)
        return rows


class OdooConnector(ErpConnector):
    """Pushes partners, sale orders, invoices and purchase orders to Odoo; pulls its products."""

    kind = "odoo"

    def __init__(self, url: str, database: str, login: str, password: str, *,
                 currency: str = "EUR", **http_options: Any) -> None:
        self.rpc = OdooRpc(url, database, login, password, **http_options)
        # Odoo prices are in the company currency; omsdesk does not convert.
        self.currency = currency
        self._taxes: dict[str, TaxChoice] | None = None
        self._digits: tuple[int, int] | None = None

    def close(self) -> None:
        self.rpc.http.close()

    def check(self) -> ErpHealth:
        try:
            uid = self.rpc.connect()
        except SyncError as exc:
            return ErpHealth(False, str(exc))
        return ErpHealth(True, f"logged in to {self.rpc.database} as user {uid}")

    def _by_field(self, model: str, field: str, values: Iterable[str], extra: Sequence[str] = (),
                  domain: Sequence[Any] = ()) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(set(values)), 500):
            for row in self.rpc.search_read(model, [(field, "in", list(chunk)), *domain],
                                            ["id", field, *extra]):
                found[row[field]] = row
        return found

    def push_customers(self, customers: Sequence[ErpCustomer]) -> list[PushResult]:
        existing = self._by_field("res.partner", "ref", (c.reference for c in customers))
        new = [c for c in customers if c.reference not in existing]
        countries = self._by_field("res.country", "code",
                                   {a.country for c in new for a in c.addresses if a.country})
        for chunk in _chunks(new):
            ids = self.rpc.execute("res.partner", "create", [_partner(c, countries) for c in chunk])
            for c, erp_id in zip(chunk, ids, strict=True):
                existing[c.reference] = {"id": erp_id, "_created": True}
        return [PushResult(c.local_id, existing[c.reference]["id"], c.reference,
                           bool(existing[c.reference].get("_created"))) for c in customers]

    # -- taxes --------------------------------------------------------------------------

    def use_taxes(self, overrides: Mapping[str, int]) -> None:
        super().use_taxes(overrides)
        self._taxes = None

    def sale_taxes(self) -> list[ErpTax]:
        """Odoo's sale taxes of a percentage, excluded from the price or included in it."""
        rows = self.rpc.search_read("account.tax", [("type_tax_use", "=", "sale"),
                                                    ("amount_type", "=", "percent")],
                                    ["id", "name", "amount", "price_include"])
        return [ErpTax(r["id"], r["name"], Decimal(str(r["amount"])) / 100,
                       included=bool(r.get("price_include"))) for r in rows]

    def _tax_choices(self) -> dict[str, TaxChoice]:
        if self._taxes is None:
            self._taxes = resolve(self.sale_taxes(), self.tax_overrides, included=True)
        return self._taxes

    def tax_mapping(self) -> list[TaxChoice]:
        return list(self._tax_choices().values())

    def _precision(self) -> tuple[int, int]:
        """Odoo's decimal precisions of unit prices and discounts (2 and 2 as shipped)."""
        if self._digits is None:
            rows = {r["name"]: int(r["digits"]) for r in self.rpc.search_read(
                "decimal.precision", [("name", "in", ["Product Price", "Discount"])],
                ["name", "digits"])}
            self._digits = (rows.get("Product Price", 2), rows.get("Discount", 2))
        return self._digits

    def ensure_products(self, products: Sequence[ErpProduct]) -> dict[str, int]:
        found = {k: r["id"] for k, r in
                 self._by_field("product.product", "default_code", (p.code for p in products)).items()}
        missing = [p for p in {p.code: p for p in products}.values() if p.code not in found]
        choices = self._tax_choices() if any(p.tax_rate_bp is not None for p in missing) else {}
        for chunk in _chunks(missing):
            values = []
            for p in chunk:
                product: dict[str, Any] = {
                    "name": p.name, "default_code": p.code, "barcode": p.ean or False,
                    "list_price": float(to_decimal(p.list_price, p.currency)), "sale_ok": True}
                choice = choices.get(tax_key(p.tax_rate_bp)) if p.tax_rate_bp is not None else None
                if choice is not None and choice.erp_id is not None:
                    product["taxes_id"] = [[6, 0, [choice.erp_id]]]
                values.append(product)
            ids = self.rpc.execute("product.product", "create", values)
            found.update({p.code: i for p, i in zip(chunk, ids, strict=True)})
        return found

    def _lines(self, reference: str, lines: Iterable[ErpLine], products: dict[str, int],
               currency: str, qty_field: str, tax_field: str) -> list[list[Any]]:
        """Lines with the price, discount and taxes whose Odoo amounts are omsdesk's."""
        out = []
        for ln in lines:
            if ln.code not in products:
                raise ErpRejected(f"{reference}: product {ln.code} is not in Odoo", channel="odoo")
            quantity = abs(ln.quantity)
            values: dict[str, Any] = {"product_id": products[ln.code], qty_field: quantity,
                                      "name": ln.name}
            included = _needs_included_vat(ln)
            if ln.net is None:
                values["price_unit"] = float(to_decimal(ln.unit_price, currency))
            else:
                # Odoo takes a price-included VAT out of the line total, as omsdesk split it.
                amount = abs(ln.amount) + (abs(ln.tax) if included else 0)
                price, discount = odoo_price(amount, quantity, *self._precision(),
                                             reference=reference)
                values["price_unit"] = float(price)
                if discount:
                    values["discount"] = float(discount)
            if included and ln.tax_rate_bp and odoo_included_tax(
                    Decimal(abs(ln.amount) + abs(ln.tax)).scaleb(-2),
                    Decimal(ln.tax_rate_bp) / 10000) != Decimal(abs(ln.tax)).scaleb(-2):
                raise ErpRejected(f"{reference}: Odoo cannot give {ln.code} omsdesk's VAT "
                                  f"{to_decimal(abs(ln.tax), currency)} on a net of "
                                  f"{to_decimal(abs(ln.amount), currency)}", channel="odoo")
            if line_keys(ln):
                values[tax_field] = [[6, 0, tax_ids(ln, self._tax_choices(), "Odoo", reference,
                                                    included)]]
            out.append([0, 0, values])
        return out

    def push_orders(self, orders: Sequence[ErpOrder],
                    products: Sequence[ErpProduct] = ()) -> list[PushResult]:
        existing = self._by_field("sale.order", "client_order_ref", (o.reference for o in orders),
                                  ["name"])
        new = [o for o in orders if o.reference not in existing]
        if new:
            product_ids = self.ensure_products(products)
            partners = self._by_field("res.partner", "ref", (o.customer_reference for o in new))
            for chunk in _chunks(new):
                values = []
                for o in chunk:
                    partner = partners.get(o.customer_reference)
                    if partner is None:
                        raise ErpRejected(f"order {o.reference}: customer {o.customer_reference} "
                                          "is not in Odoo yet; push customers first", channel="odoo")
                    values.append({
                        "partner_id": partner["id"], "client_order_ref": o.reference,
                        "date_order": datetime.combine(o.sale_date, datetime.min.time()).strftime(_STAMP),
                        "order_line": self._lines(o.reference, o.lines, product_ids, o.currency,
                                                  "product_uom_qty", "tax_id"),
                    })
                ids = self.rpc.execute("sale.order", "create", values)
                names = {r["id"]: r["name"] for r in self.rpc.execute(
                    "sale.order", "read", list(ids), fields=["name"])}
                for o, erp_id in zip(chunk, ids, strict=True):
                    existing[o.reference] = {"id": erp_id, "name": names.get(erp_id, ""),
                                             "_created": True}
        return [PushResult(o.local_id, existing[o.reference]["id"],
                           existing[o.reference].get("name") or o.reference,
                           bool(existing[o.reference].get("_created"))) for o in orders]

    def confirm_orders(self, erp_ids: Sequence[int]) -> None:
        for chunk in _chunks(list(erp_ids)):
            drafts = [r["id"] for r in self.rpc.search_read(
                "sale.order", [("id", "in", list(chunk)), ("state", "in", ["draft", "sent"])],
                ["id"])]
            if drafts:
                self.rpc.execute("sale.order", "action_confirm", drafts)

    def push_invoices(self, invoices: Sequence[ErpInvoice]) -> list[PushResult]:
        """Draft customer invoices (out_invoice) and credit notes (out_refund)."""
        existing = self._by_field("account.move", "ref", (i.number for i in invoices), ["name"],
                                  domain=[("move_type", "in", ["out_invoice", "out_refund"])])
        new = [i for i in invoices if i.number not in existing]
        if new:
            products = self.ensure_products([ErpProduct(0, ln.code, ln.name, None, ln.unit_price,
                                                        i.currency, tax_rate_bp=ln.tax_rate_bp)
                                             for i in new for ln in i.lines])
            partners = self._by_field("res.partner", "ref", (i.customer_reference for i in new))
            for chunk in _chunks(new):
                values = []
                for inv in chunk:
                    partner = partners.get(inv.customer_reference)
                    if partner is None:
                        raise ErpRejected(f"invoice {inv.number}: customer "
                                          f"{inv.customer_reference} is not in Odoo yet",
                                          channel="odoo")
                    values.append({
                        "move_type": "out_refund" if inv.credit_note else "out_invoice",
                        "partner_id": partner["id"], "ref": inv.number,
                        "invoice_date": inv.invoice_date.isoformat(),
                        "invoice_origin": inv.order_reference or False,
                        # A refund carries positive quantities; its type says it is a credit.
                        "invoice_line_ids": self._lines(inv.number, inv.lines, products,
                                                        inv.currency, "quantity", "tax_ids"),
                    })
                ids = self.rpc.execute("account.move", "create", values)
                for inv, erp_id in zip(chunk, ids, strict=True):
                    existing[inv.number] = {"id": erp_id, "_created": True}
        return [PushResult(i.local_id, existing[i.number]["id"], i.number,
                           bool(existing[i.number].get("_created"))) for i in invoices]

    def push_purchases(self, purchases: Sequence[ErpPurchase]) -> list[PushResult]:
        """Draft purchase orders (RFQs, purchase.order) found again by `origin` (our reference);
        suppliers become partners, missing products are created. Lines go at their unit cost
        with the product's vendor taxes (a purchase states no VAT of its own)."""
        existing = self._by_field("purchase.order", "origin", (p.reference for p in purchases),
                                  ["name"])
        new = [p for p in purchases if p.reference not in existing]
        if new:
            self.push_customers(list({p.supplier.reference: p.supplier for p in new}.values()))
            partners = self._by_field("res.partner", "ref", (p.supplier.reference for p in new))
            products = self.ensure_products([ErpProduct(0, ln.code, ln.name, None, ln.unit_price,
                                                        p.currency) for p in new for ln in p.lines])
            for chunk in _chunks(new):
                values = [{
                    "partner_id": partners[p.supplier.reference]["id"], "origin": p.reference,
                    "date_order": datetime.combine(p.purchase_date,
                                                   datetime.min.time()).strftime(_STAMP),
                    **({"date_planned": datetime.combine(p.expected, datetime.min.time())
                        .strftime(_STAMP)} if p.expected else {}),
                    "notes": p.description or False,
                    "order_line": self._lines(p.reference, p.lines, products, p.currency,
                                              "product_qty", "taxes_id"),
                } for p in chunk]
                ids = self.rpc.execute("purchase.order", "create", values)
                names = {r["id"]: r["name"] for r in self.rpc.execute(
                    "purchase.order", "read", list(ids), fields=["name"])}
                for p, erp_id in zip(chunk, ids, strict=True):
                    existing[p.reference] = {"id": erp_id, "name": names.get(erp_id, ""),
                                             "_created": True}
        return [PushResult(p.local_id, existing[p.reference]["id"],
                           existing[p.reference].get("name") or p.reference,
                           bool(existing[p.reference].get("_created"))) for p in purchases]

    def cancel_purchases(self, references: Sequence[str]) -> list[str]:
        """Cancel RFQs (draft or sent); a confirmed purchase order is refused (cancel it in Odoo)."""
        rows = self.rpc.search_read("purchase.order", [("origin", "in", list(references))],
                                    ["id", "origin", "state"])
        busy = [r["origin"] for r in rows if r["state"] not in ("draft", "sent", "cancel")]
        if busy:
            raise ErpRejected(f"purchase {', '.join(busy)} is already confirmed in Odoo; "
                              "cancel it there", channel="odoo")
        open_ids = [r["id"] for r in rows if r["state"] != "cancel"]
        if open_ids:
            self.rpc.execute("purchase.order", "button_cancel", open_ids)
        return [r["origin"] for r in rows]

    def pull_products(self, since: datetime | None = None) -> list[ErpProduct]:
        domain: list[Any] = [("default_code", "!=", False)]
        if since is not None:
            domain.append(("write_date", ">", since.astimezone(UTC).strftime(_STAMP)))
        rows = self.rpc.search_read("product.product", domain,
                                    ["id", "default_code", "name", "barcode", "list_price",
                                     "write_date"])
        return [ErpProduct(
            erp_id=r["id"], code=r["default_code"], name=r["name"], ean=r.get("barcode") or None,
            list_price=from_decimal(str(r.get("list_price") or 0), self.currency),
            currency=self.currency,
            changed_at=(datetime.strptime(r["write_date"], _STAMP).replace(tzinfo=UTC)
                        if r.get("write_date") else None),
        ) for r in rows]


def _needs_included_vat(line: ErpLine) -> bool:
    """Whether the line's VAT is not the VAT of its net (omsdesk split it off a tax-included
    amount, so it is the gross less the net): Odoo, which taxes the rounded net, only gives
    that amount back with a price-included tax."""
    if line.net is None or not line.tax_rate_bp or line.exemption:
        return False
    return abs(line.tax) != tax_on_net(abs(line.net), line.tax_rate_bp)


def _partner(c: ErpCustomer, countries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An Odoo partner: the first address on the partner, the others as delivery contacts."""

    def address(a: Any) -> dict[str, Any]:
        street, _, street2 = a.street.partition("\n")
        return {"street": street or False, "street2": street2 or False, "city": a.city or False,
                "zip": a.postcode or False,
                "country_id": countries[a.country]["id"] if a.country in countries else False}

    values: dict[str, Any] = {"name": c.name, "ref": c.reference, "email": c.email or False,
                              "phone": c.phone or False, "vat": c.tax_id or False,
                              "customer_rank": 1}
    if c.addresses:
        values.update(address(c.addresses[0]))
        values["child_ids"] = [[0, 0, {"type": "delivery", "name": a.name or c.name, **address(a)}]
                               for a in c.addresses[1:]]
    return values
