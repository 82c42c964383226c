"""The issuing company's data and invoicing settings: read by every invoice, set from Settings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.invoicing.aeat_rules import series_problem
from omsdesk.invoicing.verifactu import QR_HOSTS
from omsdesk.invoicing.verifactu_xml import is_spanish_tax_id
from omsdesk.models import ValidationError
from omsdesk.models.invoice import CompanySettings
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require
from omsdesk.services.validation import country_code, valid_tax_id


@dataclass(frozen=True)
class Company:
    """A snapshot of the settings, safe to hand to the UI or a worker thread."""

    name: str
    tax_id: str
    address: str
    postcode: str
    city: str
    province: str
    country: str
    email: str
    phone: str
    logo_path: str
    series_ordinary: str
    series_simplified: str
    series_rectifying: str
    payment_days: int
    simplified_limit: int
    verifactu_environment: str
    time_zone: str
    installation_id: str

    @property
    def complete(self) -> bool:
        return bool(self.name and self.tax_id)

    @property
    def address_lines(self) -> tuple[str, ...]:
        place = " ".join(p for p in (self.postcode, self.city) if p)
        if self.province and self.province != self.city:
            place = f"{place} ({self.province})" if place else self.province
        return tuple(p for p in (self.address, place) if p)


EDITABLE = tuple(f.name for f in fields(Company) if f.name != "installation_id")


def load_company(session: Session) -> CompanySettings:
    """The settings row, created with defaults (and a new installation id) the first time."""
    row = session.get(CompanySettings, 1)
    if row is None:
        row = CompanySettings(id=1, installation_id=uuid.uuid4().hex)
        session.add(row)
        session.flush()
    return row


def snapshot(row: CompanySettings) -> Company:
    return Company(**{f.name: getattr(row, f.name) for f in fields(Company)})


def get_company(db: Database) -> Company:
    """The company data as stored (defaults when never set)."""
    with db.write() as s:
        return snapshot(load_company(s))


def _series_code(value: str, what: str) -> str:
    code = value.strip().upper()
    refusal = series_problem(code)
    if refusal:
        raise ValidationError(f"{what} {refusal}")
    return code


def _clean(name: str, value: Any) -> Any:
    if name == "tax_id":
        tax_id = valid_tax_id(value) or ""
        if tax_id and not is_spanish_tax_id(tax_id):
            raise ValidationError(f"the issuer's tax id must be a Spanish NIF, got '{value}'")
        return tax_id
    if name == "country":
        return country_code(value)
    if name.startswith("series_"):
        return _series_code(str(value), name.removeprefix("series_"))
    if name in ("payment_days", "simplified_limit"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(f"{name.replace('_', ' ')} must be a whole number >= 0")
        return value
    if name == "verifactu_environment":
        if value not in QR_HOSTS:
            raise ValidationError(f"VERI*FACTU environment must be one of {', '.join(QR_HOSTS)}")
        return value
    if name == "time_zone":
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"unknown time zone '{value}' (e.g. Europe/Madrid)") from None
        return str(value)
    return str(value).strip()


def set_company(db: Database, *, actor: Actor, **changes: Any) -> Company:
    """Change some company settings; unknown names and invalid values are refused."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationError(f"unknown company setting(s): {', '.join(unknown)}")
    clean = {k: _clean(k, v) for k, v in changes.items() if v is not None}
    series = [clean.get(f"series_{k}") for k in ("ordinary", "simplified", "rectifying")]
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject="company settings")
        row = load_company(s)
        for name, value in clean.items():
            setattr(row, name, value)
        codes = [c or getattr(row, f"series_{k}") for c, k in
                 zip(series, ("ordinary", "simplified", "rectifying"), strict=True)]
        if len(set(codes)) != 3:
            raise ValidationError("ordinary, simplified and rectifying invoices need three different series")
        if "name" in clean and not clean["name"]:
            raise ValidationError("the company name cannot be empty")
        audit.record(s, actor, entity="company", entity_id=1, reference=row.tax_id,
                     action="settings", reason=", ".join(sorted(clean)))
        return snapshot(row)
