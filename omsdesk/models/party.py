"""Customers and their addresses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from omsdesk.models.base import Base, utcnow
from omsdesk.models.errors import ValidationError
from omsdesk.models.search_keys import SEARCH_NAME_TYPE, search_name

_NET = re.compile(r"net(\d{1,3})")


@dataclass(frozen=True)
class PaymentTerms:
    """How a customer pays: up front (immediate), N days after the invoice (netN), or cash on delivery."""

    kind: str  # immediate, net or cod
    days: int = 0

    @property
    def code(self) -> str:
        return f"net{self.days}" if self.kind == "net" else self.kind

    @property
    def ships_unpaid(self) -> bool:
        """Whether an order on these terms may be allocated and shipped before it is paid."""
        return self.kind != "immediate"

    @staticmethod
    def parse(text: str) -> PaymentTerms:
        value = (text or "").strip().lower()
        if value in ("immediate", "cod"):
            return PaymentTerms(value)
        match = _NET.fullmatch(value)
        if match and 0 < int(match.group(1)) <= 365:
            return PaymentTerms("net", int(match.group(1)))
        raise ValidationError(f"payment terms must be immediate, cod or netN (N days, 1-365), got {text!r}")


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    # Folded name and email (search_keys.search_name), kept by the validators below.
    search_name: Mapped[str] = mapped_column(SEARCH_NAME_TYPE, default="", server_default="", index=True)
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    # Normalised (compact, upper case, with country prefix for EU VAT) so matching is exact.
    tax_id: Mapped[str | None] = mapped_column(String(32), index=True)
    # For an id that is neither a Spanish NIF nor an EU VAT number: its type in AEAT list L7
    # (03 passport, 04 id of the country of residence, 05 residence certificate, 06 other) and
    # the country that issued it; '' for NIF / VAT numbers.
    tax_id_type: Mapped[str] = mapped_column(String(2), default="", server_default="")
    tax_id_country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    language: Mapped[str] = mapped_column(String(5), default="es")
    # immediate, cod or netN (see PaymentTerms); applies to phone, manual and CSV orders.
    payment_terms: Mapped[str] = mapped_column(String(16), default="immediate", server_default="immediate")
    # Most this customer may owe at once on terms, in minor units; None means no limit.
    credit_limit: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    addresses: Mapped[list[Address]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="Address.id"
    )

    @validates("name", "email")
    def _keep_search_name(self, key: str, value: str | None) -> str | None:
        name = value if key == "name" else self.name
        email = value if key == "email" else self.email
        self.search_name = search_name(name, email)
        return value

    @property
    def terms(self) -> PaymentTerms:
        return PaymentTerms.parse(self.payment_terms)


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="shipping")
    name: Mapped[str] = mapped_column(String(200), default="")
    company: Mapped[str] = mapped_column(String(200), default="")
    line1: Mapped[str] = mapped_column(String(200), default="")
    line2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    province: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="ES")
    phone: Mapped[str] = mapped_column(String(40), default="")

    customer: Mapped[Customer] = relationship(back_populates="addresses")
