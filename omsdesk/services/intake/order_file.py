"""Reads the documented ORDER.json format (docs/cli.md) into an OrderInput, naming every problem."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from omsdesk.models import ValidationError
from omsdesk.services.intake.order_entry import AddressInput, CustomerInput, LineInput, OrderInput

_ADDRESS_FIELDS = ("name", "company", "line1", "line2", "city", "postcode", "province", "country", "phone")


def load_order_file(path: str | Path) -> OrderInput:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"cannot read order file {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"order file {path} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    return order_input_from_dict(data)


def order_input_from_dict(data: Any) -> OrderInput:
    if not isinstance(data, dict):
        raise ValidationError("an order must be a JSON object")
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, list) or not raw_lines:
        raise ValidationError("an order needs a non-empty 'lines' list")
    lines = tuple(_line(i, li) for i, li in enumerate(raw_lines, start=1))
    customer = _customer(data["customer"]) if data.get("customer") is not None else None
    customer_id = data.get("customer_id")
    if customer_id is not None and (isinstance(customer_id, bool) or not isinstance(customer_id, int)):
        raise ValidationError("'customer_id' must be a whole number")
    pit = data.get("prices_include_tax", True)
    if not isinstance(pit, bool):
        raise ValidationError("'prices_include_tax' must be true or false")
    return OrderInput(
        lines=lines,
        channel=_text(data, "channel", "manual"),
        currency=_text(data, "currency", "EUR"),
        customer=customer,
        customer_id=customer_id,
        ship_to=_address(data["ship_to"]) if data.get("ship_to") is not None else None,
        external_id=_opt_text(data, "external_id"),
        prices_include_tax=pit,
        placed_at=_time(data, "placed_at"),
        ship_by=_time(data, "ship_by"),
        notes=_text(data, "notes", ""),
    )


def _line(no: int, li: Any) -> LineInput:
    if not isinstance(li, dict):
        raise ValidationError(f"line {no} must be an object with sku, qty and unit_price")
    sku = li.get("sku")
    if not isinstance(sku, str) or not sku.strip():
        raise ValidationError(f"line {no} has no 'sku'")
    if "qty" not in li:
        raise ValidationError(f"line {no} ({sku}) has no 'qty'")
    reason = li.get("price_reason", "")
    if not isinstance(reason, str):
        raise ValidationError(f"line {no} ({sku}): 'price_reason' must be text")
    return LineInput(sku=sku.strip(), qty=li["qty"], unit_price=li.get("unit_price"),
                     discount=li.get("discount", 0), tax_rate_bp=li.get("tax_rate_bp"), price_reason=reason)


def _customer(c: Any) -> CustomerInput:
    if not isinstance(c, dict):
        raise ValidationError("'customer' must be an object")
    name = c.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("customer has no 'name'")
    return CustomerInput(
        name=name, email=_opt_text(c, "email"), phone=_opt_text(c, "phone"),
        tax_id=_opt_text(c, "tax_id"), language=_text(c, "language", "es"),
        address=_address(c["address"]) if c.get("address") is not None else None,
    )


def _address(a: Any) -> AddressInput:
    if not isinstance(a, dict):
        raise ValidationError("an address must be an object")
    unknown = set(a) - set(_ADDRESS_FIELDS)
    if unknown:
        raise ValidationError(f"unknown address field(s): {', '.join(sorted(unknown))}")
    return AddressInput(**{k: _text(a, k, "ES" if k == "country" else "") for k in _ADDRESS_FIELDS})


def _text(d: dict[str, Any], key: str, default: str) -> str:
    v = d.get(key, default)
    if v is None:
        return default
    if not isinstance(v, str):
        raise ValidationError(f"'{key}' must be text")
    return v


def _opt_text(d: dict[str, Any], key: str) -> str | None:
    v = d.get(key)
    if v is None:
        return None
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    if not isinstance(v, str):
        raise ValidationError(f"'{key}' must be text")
    return v.strip() or None


def _time(d: dict[str, Any], key: str) -> datetime | None:
    v = d.get(key)
    if v is None:
        return None
    try:
        t = datetime.fromisoformat(str(v).replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValidationError(f"'{key}' is not an ISO 8601 time: {v}") from exc
    if t.tzinfo is None:
        raise ValidationError(f"'{key}' needs a time zone (e.g. 2026-11-25T10:00:00Z)")
    return t
