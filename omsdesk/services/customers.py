"""Customers as a clerk keeps them: create and edit name, contact, tax id, language, addresses and terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.invoicing.verifactu_xml import FOREIGN_ID_TYPES
from omsdesk.models import Address, ConflictError, Customer, NotFound, ValidationError
from omsdesk.models.party import PaymentTerms
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.validation import country_code, valid_tax_id

ADDRESS_KINDS = ("billing", "shipping")
LANGUAGES = ("es", "en")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_ES_POSTCODE = re.compile(r"(0[1-9]|[1-4]\d|5[0-2])\d{3}")


@dataclass(frozen=True)
class AddressInput:
    name: str = ""
    company: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    postcode: str = ""
    province: str = ""
    country: str = "ES"
    phone: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name).strip() for f in fields(self) if f.name != "country")


@dataclass(frozen=True)
class CustomerFields:
    """What to set on a customer; None keeps the current value (an empty address removes it)."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    tax_id: str | None = None
    # With tax_id: '' (or None) for a NIF/NIE/CIF or EU VAT number, or the AEAT list L7 type of a
    # foreign id (03 passport, 04 id of the country of residence, 05 residence certificate,
    # 06 other) together with the country that issued it (ISO alpha-2).
    tax_id_type: str | None = None
    tax_id_country: str | None = None
    language: str | None = None
    billing: AddressInput | None = None
    shipping: AddressInput | None = None
    terms: str | None = None  # immediate, cod or netN
    credit_limit: int | None = None  # minor units; read only together with terms


@dataclass(frozen=True)
class SavedCustomer:
    id: int
    name: str
    tax_id: str
    terms: str
    created: bool
    email: str = ""


def add_customer(db: Database, data: CustomerFields, *, actor: Actor) -> SavedCustomer:
    """Create a customer after checking name, email, tax id, addresses and terms; one audit row."""
    if data.name is None or not data.name.strip():
        raise ValidationError("customer name is empty")
    with db.write() as s:
        customer = Customer(name="", language="es", payment_terms="immediate")
        changed = _apply(s, customer, data)
        s.add(customer)
        s.flush()
        audit.record(s, actor, entity="customer", entity_id=customer.id, reference=str(customer.id),
                     action="create", reason=", ".join(changed))
        return _saved(customer, True)


def update_customer(db: Database, customer_id: int, data: CustomerFields, *, actor: Actor) -> SavedCustomer:
    """Change the given fields of a customer with the same checks as add_customer; audits what changed."""
    with db.write() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(f"unknown customer {customer_id}")
        changed = _apply(s, customer, data)
        if changed:
            audit.record(s, actor, entity="customer", entity_id=customer.id, reference=str(customer.id),
                         action="update", reason=", ".join(changed))
        return _saved(customer, False)


def _saved(customer: Customer, created: bool) -> SavedCustomer:
    return SavedCustomer(customer.id, customer.name, customer.tax_id or "", customer.payment_terms, created,
                         customer.email or "")


def _tax_identity(data: CustomerFields, customer: Customer, billing_country: str) -> dict[str, object]:
    """tax_id, tax_id_type and tax_id_country as stored: a checked NIF/VAT number, or a foreign id.

    A foreign id (IDOtro of the AEAT records) cannot be checked against any register here, so
    it is kept compact and upper case with its type and issuing country.
    """
    id_type = (data.tax_id_type if data.tax_id_type is not None else customer.tax_id_type or "").strip()
    raw = data.tax_id if data.tax_id is not None else (customer.tax_id or "")
    if not id_type:
        return {"tax_id": valid_tax_id(raw, billing_country), "tax_id_type": "", "tax_id_country": ""}
    if id_type not in FOREIGN_ID_TYPES:
        raise ValidationError(f"tax id type must be one of {', '.join(FOREIGN_ID_TYPES)} "
                              f"({'; '.join(f'{k} {v}' for k, v in FOREIGN_ID_TYPES.items())}), "
                              f"or empty for a NIF or EU VAT number; got '{id_type}'")
    ident = "".join(str(raw).split()).upper()
    if not ident or len(ident) > 20 or not all(33 <= ord(c) <= 126 for c in ident):
        raise ValidationError(f"a foreign id is 1 to 20 printable characters without spaces, got '{raw}'")
    given = data.tax_id_country if data.tax_id_country is not None else (customer.tax_id_country
                                                                         or billing_country)
    country = country_code(given)
    if country == "ES" and id_type != "03":
        raise ValidationError("in Spain a customer is identified by NIF/NIE; a Spanish id other than "
                              "a NIF can only be a passport (type 03)")
    return {"tax_id": ident, "tax_id_type": id_type, "tax_id_country": country}


def _apply(session: Session, customer: Customer, data: CustomerFields) -> list[str]:
    """Check every given field, then set them; returns the names of the fields that changed."""
    values: dict[str, object] = {}
    if data.name is not None:
        if not data.name.strip():
            raise ValidationError("customer name is empty")
        values["name"] = data.name.strip()
    if data.email is not None:
        values["email"] = valid_email(data.email)
    if data.phone is not None:
        values["phone"] = data.phone.strip() or None
    if data.language is not None:
        if data.language not in LANGUAGES:
            raise ValidationError(f"language must be one of {', '.join(LANGUAGES)}, got {data.language!r}")
        values["language"] = data.language
    addresses = {kind: checked_address(addr, kind) for kind, addr in
                 (("billing", data.billing), ("shipping", data.shipping)) if addr is not None}
    if data.tax_id is not None or data.tax_id_type is not None:
        billing = addresses.get("billing") or _address_of(customer, "billing")
        values.update(_tax_identity(data, customer, billing.country if billing is not None else "ES"))
    _refuse_duplicates(session, customer, values)
    changed = [k for k, v in values.items() if getattr(customer, k) != v]
    for key, value in values.items():
        setattr(customer, key, value)
    for kind, addr in addresses.items():
        if _set_address(customer, kind, addr):
            changed.append(f"{kind} address")
    if data.terms is not None:
        before = (customer.payment_terms, customer.credit_limit)
        terms_in(customer, data.terms, data.credit_limit)
        if (customer.payment_terms, customer.credit_limit) != before:
            changed.append(f"terms {customer.payment_terms} limit {customer.credit_limit}")
    elif "tax_id" in values and customer.payment_terms:
        terms_in(customer, customer.payment_terms, customer.credit_limit)  # net days still need a tax id
    return changed


def valid_email(value: str) -> str | None:
    """An email as stored (trimmed, lower case), None for blank; refuses what cannot be an address."""
    email = value.strip().lower()
    if not email:
        return None
    if not _EMAIL.fullmatch(email):
        raise ValidationError(f"invalid email address '{value.strip()}'")
    return email


def checked_address(addr: AddressInput, kind: str = "shipping") -> AddressInput | None:
    """The address with its country checked, None when it is empty; street, postcode and city required."""
    if addr.is_empty:
        return None
    country = country_code(addr.country)
    missing = [label for label, value in (("street", addr.line1), ("postcode", addr.postcode),
                                          ("city", addr.city)) if not value.strip()]
    if missing:
        raise ValidationError(f"the {kind} address needs a {' and a '.join(missing)}")
    postcode = addr.postcode.strip().upper()
    if country == "ES" and not _ES_POSTCODE.fullmatch(postcode):
        raise ValidationError(f"postcode '{postcode}' of the {kind} address is not a Spanish postcode "
                              "(5 digits, 01000-52999)")
    trimmed = {f.name: getattr(addr, f.name).strip() for f in fields(addr)}
    return replace(AddressInput(**trimmed), country=country, postcode=postcode)


def terms_in(customer: Customer, terms: str, credit_limit: int | None) -> PaymentTerms:
    """Agree payment terms and a credit limit with a customer (the one rule set_terms uses too)."""
    parsed = PaymentTerms.parse(terms)
    if credit_limit is not None and (isinstance(credit_limit, bool) or not isinstance(credit_limit, int)
                                     or credit_limit < 0):
        raise ValidationError(f"credit limit must be a whole number of minor units, 0 or more, got {credit_limit!r}")
    if parsed.kind == "net" and not customer.tax_id:
        who = f"customer {customer.id} ({customer.name})" if customer.id else f"customer {customer.name}"
        raise ValidationError(f"{who} has no tax id (NIF/CIF): credit terms need one on the invoice")
    customer.payment_terms = parsed.code
    customer.credit_limit = credit_limit
    return parsed


def _refuse_duplicates(session: Session, customer: Customer, values: dict[str, object]) -> None:
    # Orders find their customer by email or tax id: two customers sharing one would split a history.
    for key, column, label in (("tax_id", Customer.tax_id, "tax id"), ("email", Customer.email, "email")):
        value = values.get(key)
        if not value:
            continue
        stmt = select(Customer.id, Customer.name).where(func.lower(column) == str(value).lower())
        if customer.id is not None:
            stmt = stmt.where(Customer.id != customer.id)
        other = session.execute(stmt.limit(1)).first()
        if other is not None:
            raise ConflictError(f"{label} {value} already belongs to customer {other[0]} ({other[1]})")


def _address_of(customer: Customer, kind: str) -> Address | None:
    return next((a for a in customer.addresses if a.kind == kind), None)


def _set_address(customer: Customer, kind: str, addr: AddressInput | None) -> bool:
    """Put the customer's first address of `kind` to `addr` (None removes it); True when it changed."""
    current = _address_of(customer, kind)
    if addr is None:
        if current is None:
            return False
        customer.addresses.remove(current)
        return True
    # A blank recipient stays blank: the order and documents then take the customer's current name.
    values = {f.name: getattr(addr, f.name) for f in fields(addr)}
    if current is None:
        customer.addresses.append(Address(kind=kind, **values))
        return True
    if all(getattr(current, k) == v for k, v in values.items()):
        return False
    for key, value in values.items():
        setattr(current, key, value)
    return True
