"""Tryton connector: JSON-RPC at /<db>/rpc/ with a Session header, batched creates."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from omsdesk.sync.erp.amounts import tryton_unit_price
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
from omsdesk.sync.erp.taxes import ErpTax, line_keys, line_rates, resolve, tax_ids, tax_key
from omsdesk.sync.errors import AuthError, ChannelUnavailable, RequestRejected, SyncError
from omsdesk.sync.http import HttpClient

log = logging.getLogger(__name__)

# Tryton refuses the whole call when one record of a batch is invalid, and trytond on
# SQLite refuses a create of 100 templates outright ('parser stack overflow'); 50 per call
# keeps the request small, and a refused batch is split down to the record at fault.
BATCH = 50
# Tryton's unit prices carry 4 decimals unless its [product] price_decimal says otherwise.
PRICE_DIGITS = 4


def _encode(value: Any) -> Any:
    """Tryton's JSON-RPC extensions for the types plain JSON lacks."""
    if isinstance(value, Decimal):
        return {"__class__": "Decimal", "decimal": str(value)}
    if isinstance(value, dt.datetime):
        return {"__class__": "datetime", "year": value.year, "month": value.month,
                "day": value.day, "hour": value.hour, "minute": value.minute,
                "second": value.second, "microsecond": value.microsecond}
    if isinstance(value, dt.date):
        return {"__class__": "date", "year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(obj: dict[str, Any]) -> Any:
    kind = obj.get("__class__")
    if kind == "Decimal":
        return Decimal(obj["decimal"])
    if kind == "date":
        return dt.date(obj["year"], obj["month"], obj["day"])
    if kind == "datetime":
        return dt.datetime(obj["year"], obj["month"], obj["day"], obj["hour"], obj["minute"],
                           obj["second"], obj.get("microsecond", 0), tzinfo=dt.UTC)
    return obj


def _chunks(items: Sequence[Any], size: int | None = None) -> Iterable[Sequence[Any]]:
    size = size or BATCH
    for start in range(0, len(items), size):
        yield items[start:start + size]


class TrytonRpc:
    """A logged-in JSON-RPC session with one Tryton database."""

    def __init__(self, url: str, database: str, login: str, password: str,
                 **http_options: Any) -> None:
        self.endpoint = f"{url.rstrip('/')}/{database}/rpc/"
        self.database = database
        self.login = login
        self._password = password
        self.http = HttpClient("tryton", secrets=[password], **http_options)
        self._auth: str | None = None
        self._calls = 0
        self.context: dict[str, Any] = {}

    def _post(self, method: str, params: list[Any], auth: bool = True) -> Any:
        self._calls += 1
        body = json.dumps({"id": self._calls, "method": method, "params": _encode(params)})
        headers = {"Content-Type": "application/json"}
        if auth and self._auth:
            headers["Authorization"] = self._auth
        try:
            response = self.http.request("POST", self.endpoint, data=body.encode(), headers=headers)
        except AuthError as exc:
            raise AuthError(
                f"Tryton refused the login {self.login!r} on database {self.database!r}; "
                "check the user and password in the ERP settings", channel="tryton",
                status=exc.status) from None
        except (ChannelUnavailable, RequestRejected) as exc:
            fault = http_fault(exc, "Tryton")
            if fault is None:
                raise
            raise ErpFault(f"{fault} (on {method})", channel="tryton") from None
        try:
            answer = json.loads(response.content, object_hook=_decode)
        except ValueError:
            raise ErpError(f"Tryton answered {method} with something that is not JSON-RPC",
                           channel="tryton") from None
        error = answer.get("error") if isinstance(answer, dict) else None
        if error:
            raise self._error(method, error)
        return answer.get("result")

    @staticmethod
    def _error(method: str, error: Any) -> SyncError:
        # Tryton sends [exception name, args]; UserError args are (message, description, ...).
        name, args = (error + [None])[:2] if isinstance(error, list) else (str(error), None)
        detail = args[0] if isinstance(args, list) and args else args
        if isinstance(detail, list):
            detail = " ".join(str(d) for d in detail if d)
        if name in ("UserError", "UserWarning", "ValidationError", "RequiredValidationError",
                    "DomainValidationError", "SelectionValidationError", "AccessError"):
            return ErpRejected(f"Tryton refused {method}: {detail}", channel="tryton")
        if name == "ConcurrencyException":
            return ErpError(f"Tryton: the record changed meanwhile during {method}; retry",
                            channel="tryton")
        return ErpFault(f"Tryton failed on {method}: {name}: {str(detail)[:300]}",
                        channel="tryton")

    def connect(self) -> None:
        """Log in (common.db.login) and load the user's preferences as the call context."""
        result = self._post("common.db.login", [self.login, {"password": self._password}, "en"],
                            auth=False)
        user_id, session = result[0], result[1]
        token = base64.b64encode(f"{self.login}:{user_id}:{session}".encode()).decode()
        self._auth = f"Session {token}"
        self.context = self._post("model.res.user.get_preferences", [True, {}])

    def call(self, model: str, method: str, *args: Any) -> Any:
        if self._auth is None:
            self.connect()
        return self._post(f"model.{model}.{method}", [*args, self.context])

    def search_read(self, model: str, domain: list[Any], fields: list[str],
                    limit: int | None = None) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.call(model, "search_read", domain, 0, limit, None,
                                               fields)
        return rows

    def create(self, model: str, values: list[dict[str, Any]]) -> list[int]:
        ids: list[int] = self.call(model, "create", values)
        return ids


class TrytonConnector(ErpConnector):
    """Pushes parties, sales and invoices to Tryton and pulls its products."""

    kind = "tryton"

    def __init__(self, url: str, database: str, login: str, password: str, *,
                 invoice_method: str = "manual", **http_options: Any) -> None:
        self.rpc = TrytonRpc(url, database, login, password, **http_options)
        # 'manual' leaves invoicing to omsdesk; 'order' or 'shipment' lets Tryton invoice.
        self.invoice_method = invoice_method
        self._ids: dict[tuple[str, str], int] = {}
        self._taxes: dict[str, TaxChoice] | None = None

    def close(self) -> None:
        self.rpc.http.close()

    def check(self) -> ErpHealth:
        try:
            self.rpc.connect()
        except SyncError as exc:
            return ErpHealth(False, str(exc))
        company = str(self.rpc.context.get("company") or "")
        return ErpHealth(True, f"logged in to {self.rpc.database}", extra={"company": company})

    # -- lookups ------------------------------------------------------------------------

    def _lookup(self, model: str, field: str, value: str) -> int | None:
        key = (model, value)
        if key not in self._ids:
            ids = self.rpc.call(model, "search", [(field, "=", value)], 0, 1, None)
            if not ids:
                return None
            self._ids[key] = ids[0]
        return self._ids[key]

    def _currency(self, code: str) -> int:
        found = self._lookup("currency.currency", "code", code)
        if found is None:
            raise ErpRejected(f"Tryton has no currency {code}; add it in Tryton first",
                              channel="tryton")
        return found

    def _unit(self) -> int:
        found = self._lookup("product.uom", "symbol", "u")
        if found is None:
            raise ErpRejected("Tryton has no unit of measure 'u'", channel="tryton")
        return found

    def _by_field(self, model: str, field: str, values: Iterable[str],
                  extra: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
        wanted = sorted(set(values))
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(wanted, 500):
            for row in self.rpc.search_read(model, [(field, "in", list(chunk))],
                                            ["id", field, *extra]):
                found[row[field]] = row
        return found

    # -- taxes --------------------------------------------------------------------------

    def use_taxes(self, overrides: Mapping[str, int]) -> None:
        super().use_taxes(overrides)
        self._taxes = None

    def sale_taxes(self) -> list[ErpTax]:
        """Tryton's percentage taxes usable on sales (top level, of a sale or no tax group)."""
        rows = self.rpc.search_read("account.tax", [("parent", "=", None),
                                                    ("type", "=", "percentage")],
                                    ["id", "name", "description", "rate", "group.kind"])
        return [ErpTax(r["id"], r["description"] or r["name"], Decimal(r["rate"] or 0))
                for r in rows
                if (r.get("group.") or {}).get("kind", "sale") in ("sale", "both")]

    def _tax_choices(self) -> dict[str, TaxChoice]:
        if self._taxes is None:
            self._taxes = resolve(self.sale_taxes(), self.tax_overrides)
        return self._taxes

    def tax_mapping(self) -> list[TaxChoice]:
        return list(self._tax_choices().values())

    def tax_rounding(self) -> str:
        """The company's tax rounding: omsdesk's amounts need 'line' (Per Line)."""
        rows = self.rpc.search_read("account.configuration", [], ["tax_rounding"])
        return str(rows[0].get("tax_rounding") or "document") if rows else "document"

    def _line(self, line: ErpLine, reference: str, currency: str, sign: int = 1, *,
              invoice: bool = False) -> tuple[dict[str, Any], bool]:
        """Quantity, unit price and taxes of a sale or invoice line, landing on our amounts;
        and whether its VAT must go as a manual invoice tax instead (see `_manual_taxes`).

        A recargo is never a tax of the line: it always goes as a manual invoice tax.
        """
        line = replace(line, recargo_rate_bp=0, recargo=0)
        quantity = sign * abs(line.quantity)
        values: dict[str, Any] = {"quantity": float(quantity)}
        if line.tax_rate_bp is None and line.net is None:
            values["unit_price"] = to_decimal(line.unit_price, currency)
            return values, False
        net = sign * abs(line.amount)
        rates = [(rate, sign * abs(amount)) for rate, amount in line_rates(line)]
        ids = tax_ids(line, self._tax_choices(), "Tryton", reference) if line_keys(line) else []
        try:
            values["unit_price"] = tryton_unit_price(net, quantity, rates, PRICE_DIGITS,
                                                     reference)
        except ErpRejected:
            # A VAT split off a tax-included price (gross - net) that the VAT Tryton computes
            # on this net cannot give: exact on an invoice as a manual tax; on a sale (a
            # quotation, no manual taxes in Tryton) the net is exact and the VAT Tryton's.
            values["unit_price"] = tryton_unit_price(net, quantity, [], PRICE_DIGITS, reference)
            if invoice:
                return {**values, "taxes": []}, bool(ids)
            log.warning("%s: Tryton's VAT of %s differs from omsdesk's by a cent", reference,
                        line.code)
        values["taxes"] = [["add", ids]] if ids else []
        return values, False

    def _invoice_lines(self, inv: ErpInvoice, sign: int, products: dict[str, int],
                       revenue: int, unit: int) -> dict[str, Any]:
        """An invoice's lines, and the manual taxes that keep its taxes omsdesk's."""
        lines, manual = [], []
        for ln in inv.lines:
            values, manual_vat = self._line(ln, inv.number, inv.currency, sign, invoice=True)
            lines.append({"product": products[ln.code], "account": revenue, "unit": unit,
                          "description": ln.name, **values})
            keys = line_keys(ln)
            ids = tax_ids(ln, self._tax_choices(), "Tryton", inv.number) if keys else []
            if manual_vat:
                manual.append((ids[0], sign * abs(ln.amount), sign * abs(ln.tax)))
            if ln.recargo_rate_bp:
                manual.append((ids[-1], sign * abs(ln.amount), sign * abs(ln.recargo)))
        return {"lines": [["create", lines]], **self._manual_taxes(manual, inv.currency)}

    def _manual_taxes(self, parts: list[tuple[int, int, int]], currency: str) -> dict[str, Any]:
        """Manual invoice taxes, one per tax, with omsdesk's base and amount exactly.

        Used for the recargo de equivalencia (Tryton rounds a line's taxes together and gives
        the remainder to one of them, so VAT and recargo can each be a cent off) and for a
        VAT that no unit price makes Tryton compute. Tryton keeps a manual tax as given when
        it updates an invoice's taxes; it goes on the tax and its account.
        """
        buckets: dict[int, tuple[int, int]] = {}
        for tax_id, base, amount in parts:
            old_base, old_amount = buckets.get(tax_id, (0, 0))
            buckets[tax_id] = (old_base + base, old_amount + amount)
        if not buckets:
            return {}
        rows = {r["id"]: r for r in self.rpc.search_read(
            "account.tax", [("id", "in", list(buckets))],
            ["description", "invoice_account", "credit_note_account"])}
        return {"taxes": [["create", [{
            "manual": True, "tax": tax_id, "description": rows[tax_id]["description"],
            "account": rows[tax_id]["invoice_account" if base >= 0 else "credit_note_account"],
            "base": to_decimal(base, currency), "amount": to_decimal(amount, currency),
        } for tax_id, (base, amount) in buckets.items()]]]}

    # -- customers ----------------------------------------------------------------------

    def push_customers(self, customers: Sequence[ErpCustomer]) -> list[PushResult]:
        existing = self._by_field("party.party", "code", (c.reference for c in customers),
                                  ["name"])
        new = [c for c in customers if c.reference not in existing]
        countries = self._by_field("country.country", "code",
                                   {a.country for c in new for a in c.addresses if a.country})
        for chunk in _chunks(new):
            ids = self.rpc.create("party.party", [self._party(c, countries) for c in chunk])
            for c, erp_id in zip(chunk, ids, strict=True):
                existing[c.reference] = {"id": erp_id, "name": c.name, "_created": True}
        return [PushResult(c.local_id, existing[c.reference]["id"], c.reference,
                           bool(existing[c.reference].get("_created"))) for c in customers]

    @staticmethod
    def _party(c: ErpCustomer, countries: dict[str, dict[str, Any]]) -> dict[str, Any]:
        addresses = [{
            "party_name": a.name or None, "street_unstructured": a.street, "city": a.city,
            "postal_code": a.postcode,
            "country": countries[a.country]["id"] if a.country in countries else None,
        } for a in c.addresses] or [{}]
        contacts = [{"type": "email", "value": c.email}] if c.email else []
        if c.phone:
            contacts.append({"type": "phone", "value": c.phone})
        values: dict[str, Any] = {
            "name": c.name, "code": c.reference, "addresses": [["create", addresses]],
        }
        if contacts:
            values["contact_mechanisms"] = [["create", contacts]]
        if c.tax_id:
            values["identifiers"] = [["create", [_identifier(c.tax_id)]]]
        return values

    # -- products -----------------------------------------------------------------------

    def ensure_products(self, products: Sequence[ErpProduct]) -> dict[str, int]:
        """Product ids by code, creating the missing ones (as salable goods) in batches."""
        found = {code: row["id"] for code, row in
                 self._by_field("product.product", "code", (p.code for p in products)).items()}
        missing = [p for p in {p.code: p for p in products}.values() if p.code not in found]
        unit = self._unit() if missing else 0
        choices = self._tax_choices() if missing else {}
        for chunk in _chunks(missing):
            templates = [{
                "name": p.name, "type": "goods", "default_uom": unit, "salable": True,
                "sale_uom": unit, "list_price": to_decimal(p.list_price, p.currency),
                **self._customer_taxes(p, choices),
                "products": [["create", [{
                    "suffix_code": p.code,
                    **({"identifiers": [["create", [{"type": "ean", "code": p.ean}]]]}
                       if p.ean else {}),
                }]]],
            } for p in chunk]
            self.rpc.create("product.template", templates)
        if missing:
            found.update({code: row["id"] for code, row in self._by_field(
                "product.product", "code", (p.code for p in missing)).items()})
        return found

    def _customer_taxes(self, p: ErpProduct, choices: dict[str, TaxChoice]) -> dict[str, Any]:
        """The accounting category of the product's VAT, so what Tryton's client adds by hand
        is taxed the same way (Tryton keeps customer taxes on the accounting category)."""
        if p.tax_rate_bp is None:
            return {}
        choice = choices.get(tax_key(p.tax_rate_bp))
        if choice is None or choice.erp_id is None:
            return {}
        name = f"omsdesk {choice.name}"
        category = self._lookup("product.category", "name", name)
        if category is None:
            category, = self.rpc.create("product.category", [{
                "name": name, "accounting": True,
                "customer_taxes": [["add", [choice.erp_id]]]}])
            self._ids[("product.category", name)] = category
        return {"account_category": category}

    def pull_products(self, since: dt.datetime | None = None) -> list[ErpProduct]:
        domain: list[Any] = [("code", "!=", None)]
        if since is not None:
            naive = since.astimezone(dt.UTC).replace(tzinfo=None)
            # A price lives in its own product.list_price row, on the variant or the template.
            domain.append(["OR", ("write_date", ">", naive), ("create_date", ">", naive),
                           ("template.write_date", ">", naive),
                           ("list_prices.write_date", ">", naive),
                           ("template.list_prices.write_date", ">", naive)])
        rows = self.rpc.search_read("product.product", domain,
                                    ["id", "code", "name", "list_price_used", "write_date",
                                     "create_date"])
        eans: dict[int, str] = {}
        for chunk in _chunks([r["id"] for r in rows], 500):
            for ident in self.rpc.search_read("product.identifier",
                                              [("product", "in", list(chunk)), ("type", "=", "ean")],
                                              ["product", "code"]):
                eans[ident["product"]] = ident["code"]
        currency = self._company_currency()
        return [ErpProduct(
            erp_id=r["id"], code=r["code"], name=r["name"], ean=eans.get(r["id"]),
            list_price=from_decimal(r["list_price_used"] or 0, currency), currency=currency,
            changed_at=r.get("write_date") or r.get("create_date"),
        ) for r in rows]

    def _company_currency(self) -> str:
        if not self.rpc.context:
            self.rpc.connect()
        company = self.rpc.context.get("company")
        rows = self.rpc.search_read("company.company", [("id", "=", company)], ["currency.code"])
        if not rows:
            raise ErpRejected("the Tryton user has no company; set one in Tryton",
                              channel="tryton")
        code: str = rows[0]["currency."]["code"]
        return code

    # -- sales --------------------------------------------------------------------------

    def push_orders(self, orders: Sequence[ErpOrder],
                    products: Sequence[ErpProduct] = ()) -> list[PushResult]:
        existing = self._by_field("sale.sale", "reference", (o.reference for o in orders),
                                  ["number"])
        new = [o for o in orders if o.reference not in existing]
        if new:
            product_ids = self.ensure_products(products)
            parties = self._by_field("party.party", "code", (o.customer_reference for o in new),
                                     ["addresses"])
            unit = self._unit()
            for chunk in _chunks(new):
                values = [self._sale(o, parties, product_ids, unit) for o in chunk]
                ids = self.rpc.create("sale.sale", values)
                for o, erp_id in zip(chunk, ids, strict=True):
                    existing[o.reference] = {"id": erp_id, "number": None, "_created": True}
        return [PushResult(o.local_id, existing[o.reference]["id"],
                           existing[o.reference].get("number") or o.reference,
                           bool(existing[o.reference].get("_created"))) for o in orders]

    def _sale(self, o: ErpOrder, parties: dict[str, dict[str, Any]],
              product_ids: dict[str, int], unit: int) -> dict[str, Any]:
        party = parties.get(o.customer_reference)
        if party is None:
            raise ErpRejected(f"order {o.reference}: customer {o.customer_reference} is not in "
                              "Tryton yet; push customers first", channel="tryton")
        address = party["addresses"][0] if party["addresses"] else None
        lines = []
        for line in o.lines:
            if line.code not in product_ids:
                raise ErpRejected(f"order {o.reference}: product {line.code} is not in Tryton",
                                  channel="tryton")
            lines.append({
                "type": "line", "product": product_ids[line.code], "unit": unit,
                "description": line.name, **self._line(line, o.reference, o.currency)[0],
            })
        return {
            "party": party["id"], "invoice_address": address, "shipment_address": address,
            "reference": o.reference, "description": o.description or o.reference,
            "sale_date": o.sale_date, "currency": self._currency(o.currency),
            "invoice_method": self.invoice_method, "shipment_method": "manual",
            "lines": [["create", lines]],
        }

    def confirm_orders(self, erp_ids: Sequence[int]) -> None:
        """Quote then confirm draft sales (Tryton's own two buttons), in batches."""
        for chunk in _chunks(list(erp_ids)):
            drafts = [r["id"] for r in self.rpc.search_read(
                "sale.sale", [("id", "in", list(chunk)), ("state", "=", "draft")], ["id"])]
            if drafts:
                self.rpc.call("sale.sale", "quote", drafts)
            quoted = [r["id"] for r in self.rpc.search_read(
                "sale.sale", [("id", "in", list(chunk)), ("state", "=", "quotation")], ["id"])]
            if quoted:
                self.rpc.call("sale.sale", "confirm", quoted)

    # -- invoices -----------------------------------------------------------------------

    def _invoice_books(self) -> tuple[int, int, int]:
        """The revenue journal and the default revenue and receivable accounts.

        RPC create runs no on_change, so what the Tryton client would fill in is given here.
        """
        journals = self.rpc.call("account.journal", "search", [("type", "=", "revenue")], 0, 1,
                                 None)
        config = self.rpc.search_read("account.configuration", [],
                                      ["default_category_account_revenue",
                                       "default_account_receivable"])
        revenue = config[0].get("default_category_account_revenue") if config else None
        receivable = config[0].get("default_account_receivable") if config else None
        if not revenue:
            # No default for product categories: the chart's first revenue account.
            found = self.rpc.call("account.account", "search",
                                  [("type.revenue", "=", True), ("closed", "!=", True)], 0, 1,
                                  None)
            revenue = found[0] if found else None
        if not journals or not revenue or not receivable:
            raise ErpRejected("Tryton has no revenue journal or default revenue account; "
                              "create the chart of accounts in Tryton first", channel="tryton")
        return journals[0], revenue, receivable

    def push_invoices(self, invoices: Sequence[ErpInvoice]) -> list[PushResult]:
        """Draft customer invoices (credit notes as negative quantities, Tryton's way).

        Needs a chart of accounts in Tryton: the party's receivable account and the default
        revenue account of the account configuration are used.
        """
        existing = self._by_field("account.invoice", "reference", (i.number for i in invoices),
                                  ["number"])
        new = [i for i in invoices if i.number not in existing]
        if new:
            products = self.ensure_products([ErpProduct(0, ln.code, ln.name, None, ln.unit_price,
                                                        i.currency, tax_rate_bp=ln.tax_rate_bp)
                                             for i in new for ln in i.lines])
            parties = self._by_field("party.party", "code", (i.customer_reference for i in new),
                                     ["addresses", "account_receivable"])
            journal, revenue, receivable = self._invoice_books()
            unit = self._unit()
            for chunk in _chunks(new):
                values = []
                for inv in chunk:
                    party = parties.get(inv.customer_reference)
                    if party is None:
                        raise ErpRejected(f"invoice {inv.number}: customer "
                                          f"{inv.customer_reference} is not in Tryton yet",
                                          channel="tryton")
                    sign = -1 if inv.credit_note else 1
                    values.append({
                        "type": "out", "party": party["id"], "journal": journal,
                        "account": party["account_receivable"] or receivable,
                        "invoice_address": party["addresses"][0] if party["addresses"] else None,
                        "reference": inv.number, "invoice_date": inv.invoice_date,
                        "currency": self._currency(inv.currency),
                        "description": inv.order_reference or inv.number,
                        **self._invoice_lines(inv, sign, products, revenue, unit),
                    })
                ids = self.rpc.create("account.invoice", values)
                for inv, erp_id in zip(chunk, ids, strict=True):
                    existing[inv.number] = {"id": erp_id, "number": None, "_created": True}
        return [PushResult(i.local_id, existing[i.number]["id"], i.number,
                           bool(existing[i.number].get("_created"))) for i in invoices]


    # -- purchases ----------------------------------------------------------------------

    def push_purchases(self, purchases: Sequence[ErpPurchase]) -> list[PushResult]:
        """Draft purchases (Tryton's purchase module), their suppliers and products created first.

        Products omsdesk created as salable goods are made purchasable (in the unit 'u'):
        a purchase line only takes purchasable products.
        """
        existing = self._by_field("purchase.purchase", "reference",
                                  (p.reference for p in purchases), ["number"])
        new = [p for p in purchases if p.reference not in existing]
        if new:
            self.push_customers(list({p.supplier.reference: p.supplier for p in new}.values()))
            parties = self._by_field("party.party", "code", (p.supplier.reference for p in new),
                                     ["addresses"])
            products = self.ensure_products([ErpProduct(0, ln.code, ln.name, None, ln.unit_price,
                                                        p.currency)
                                             for p in new for ln in p.lines])
            unit = self._unit()
            self._make_purchasable(list(products.values()), unit)
            warehouse = self._warehouse()
            for chunk in _chunks(new):
                values = [self._purchase(p, parties, products, unit, warehouse) for p in chunk]
                ids = self.rpc.create("purchase.purchase", values)
                for p, erp_id in zip(chunk, ids, strict=True):
                    existing[p.reference] = {"id": erp_id, "number": None, "_created": True}
        return [PushResult(p.local_id, existing[p.reference]["id"],
                           existing[p.reference].get("number") or p.reference,
                           bool(existing[p.reference].get("_created"))) for p in purchases]

    def _make_purchasable(self, product_ids: list[int], unit: int) -> None:
        templates = [r["id"] for r in self.rpc.search_read(
            "product.template", [("products", "in", product_ids), ("purchasable", "=", False)],
            ["id"])] if product_ids else []
        if templates:
            self.rpc.call("product.template", "write", templates,
                          {"purchasable": True, "purchase_uom": unit})

    def _warehouse(self) -> int | None:
        found = self.rpc.call("stock.location", "search", [("type", "=", "warehouse")], 0, 1, None)
        return found[0] if found else None

    def _purchase(self, p: ErpPurchase, parties: dict[str, dict[str, Any]],
                  products: dict[str, int], unit: int, warehouse: int | None) -> dict[str, Any]:
        party = parties.get(p.supplier.reference)
        if party is None:
            raise ErpRejected(f"purchase {p.reference}: supplier {p.supplier.reference} is not in "
                              "Tryton", channel="tryton")
        lines = []
        for line in p.lines:
            if line.code not in products:
                raise ErpRejected(f"purchase {p.reference}: product {line.code} is not in Tryton",
                                  channel="tryton")
            lines.append({"type": "line", "product": products[line.code],
                          "quantity": float(line.quantity), "unit": unit,
                          "unit_price": to_decimal(line.unit_price, p.currency),
                          "description": line.name})
        values: dict[str, Any] = {
            "party": party["id"],
            "invoice_address": party["addresses"][0] if party["addresses"] else None,
            "reference": p.reference, "description": p.description or p.reference,
            "purchase_date": p.purchase_date, "currency": self._currency(p.currency),
            "warehouse": warehouse, "invoice_method": "manual", "lines": [["create", lines]],
        }
        if p.expected is not None:
            values["delivery_date"] = p.expected
        return values

    def cancel_purchases(self, references: Sequence[str]) -> list[str]:
        """Cancel drafts and quotations; a confirmed purchase is refused (cancel it in Tryton)."""
        rows = self.rpc.search_read("purchase.purchase", [("reference", "in", list(references))],
                                    ["id", "reference", "state"])
        busy = [r["reference"] for r in rows if r["state"] not in ("draft", "quotation", "cancelled")]
        if busy:
            raise ErpRejected(f"purchase {', '.join(busy)} is already confirmed in Tryton; "
                              "cancel it there", channel="tryton")
        open_ids = [r["id"] for r in rows if r["state"] != "cancelled"]
        if open_ids:
            self.rpc.call("purchase.purchase", "cancel", open_ids)
        return [r["reference"] for r in rows]


def _identifier(tax_id: str) -> dict[str, Any]:
    """Tryton validates identifiers by type; send one it will accept, or none.

    omsdesk keeps Spanish NIFs without the country prefix; as an EU VAT number (which every
    Tryton version knows, unlike the renamed Spanish types) they need it back.
    """
    from stdnum.eu import vat

    for candidate in (tax_id, f"ES{tax_id}"):
        if vat.is_valid(candidate):
            return {"type": "eu_vat", "code": candidate}
    return {"type": None, "code": tax_id}
