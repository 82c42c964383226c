"""The buyers of a batch of orders matched to customers, or created, with a few statements.

The same rule as one order's intake (`order_entry.resolve_customer`): the buyer's keys come
from `buyer_keys`, a customer is found by e-mail, tax id or phone and the oldest match wins;
a buyer not found becomes a customer with the shipping address given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from omsdesk.models import Address, Customer, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.search_keys import search_name
from omsdesk.services.intake.order_entry import (
    BuyerKeys,
    CustomerInput,
    buyer_keys,
    shipping_address_values,
)
from omsdesk.services.rows import insert_many, insert_rows


@dataclass(frozen=True)
class CustomerRow:
    """A customer as an order takes it when the order brings its own ship-to (see `Buyer`)."""

    id: int
    name: str
    email: str | None
    # Never read: ship_to_values looks at the address book only for an order without a ship-to.
    addresses: tuple[Address, ...] = ()


class RefusedBuyer(ValidationError):
    """A buyer `buyer_keys` refuses; `index` is its position in the buyers given."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(reason)
        self.index = index


def resolve_customers(session: Session, buyers: Sequence[CustomerInput | None],
                      ) -> list[CustomerRow | None]:
    """The customer of each buyer (None stays None), in the caller's transaction.

    Raises RefusedBuyer for the first buyer `buyer_keys` refuses, before anything is written.
    """
    keyed: list[BuyerKeys | None] = []
    for i, b in enumerate(buyers):
        try:
            keyed.append(buyer_keys(b) if b is not None else None)
        except ValidationError as exc:
            raise RefusedBuyer(i, str(exc)) from exc
    emails = sorted({k.email for k in keyed if k and k.email})
    tax_ids = sorted({k.tax_id for k in keyed if k and k.tax_id})
    phones = sorted({k.phone for k in keyed if k and k.phone})
    index: dict[tuple[str, str], int] = {}
    rows: dict[int, CustomerRow] = {}
    conditions = [c for c in (Customer.email.in_(emails) if emails else None,
                              Customer.tax_id.in_(tax_ids) if tax_ids else None,
                              Customer.phone.in_(phones) if phones else None) if c is not None]
    if conditions:
        for cid, name, email, tax_id, phone in session.execute(
                select(Customer.id, Customer.name, Customer.email, Customer.tax_id, Customer.phone)
                .where(or_(*conditions)).order_by(Customer.id.desc())):
            rows[cid] = CustomerRow(cid, name, email)
            for kind, value in (("email", email), ("tax", tax_id), ("phone", phone)):
                if value:
                    index[(kind, value)] = cid  # descending ids: the oldest ends up in the index
    result: list[int | None] = []
    new: list[tuple[CustomerInput, BuyerKeys]] = []
    for buyer, keys in zip(buyers, keyed, strict=True):
        if buyer is None or keys is None:
            result.append(None)
            continue
        looked_up = [(kind, value) for kind, value in (("email", keys.email), ("tax", keys.tax_id),
                                                        ("phone", keys.phone)) if value]
        found = [index[k] for k in looked_up if k in index]
        if found:
            # The oldest match, as one order at a time would find it: a stored customer before
            # any made by this batch (those are negative), and of those the first made (-1).
            stored = [f for f in found if f > 0]
            result.append(min(stored) if stored else max(found))
            continue
        # Negative placeholders stand for customers of this batch not inserted yet, so a
        # buyer seen twice in one batch becomes one customer.
        new.append((buyer, keys))
        for k in looked_up:
            index[k] = -len(new)
        result.append(-len(new))
    if new:
        now = utcnow()
        ids = insert_rows(session.connection(), cast(Table, Customer.__table__), [
            {"name": k.name, "email": k.email, "search_name": search_name(k.name, k.email),
             "phone": k.phone, "tax_id": k.tax_id, "language": k.language, "created_at": now}
            for _b, k in new])
        addresses = [{"customer_id": cid, **values} for cid, (b, _k) in zip(ids, new, strict=True)
                     if (values := shipping_address_values(b)) is not None]
        if addresses:
            insert_many(session.connection(), cast(Table, Address.__table__), addresses)
        rows.update((cid, CustomerRow(cid, k.name, k.email)) for cid, (_b, k) in zip(ids, new, strict=True))
        result = [ids[-r - 1] if r is not None and r < 0 else r for r in result]
    return [rows[r] if r is not None else None for r in result]
