"""Small pick lists for filters and dialogs: channels, warehouses and suppliers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import Channel, Warehouse
from omsdesk.models.planning import Supplier


@dataclass(frozen=True)
class Choice:
    id: int
    code: str
    name: str


def channels(session: Session) -> list[Choice]:
    return [Choice(*r) for r in session.execute(select(Channel.id, Channel.code, Channel.name).order_by(Channel.code))]


def warehouses(session: Session) -> list[Choice]:
    return [Choice(*r) for r in session.execute(
        select(Warehouse.id, Warehouse.code, Warehouse.name).where(Warehouse.active).order_by(Warehouse.code))]


def warehouse_codes(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Warehouse id -> code for the given ids (for messages and parcel names)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {wid: code for wid, code in session.execute(
        select(Warehouse.id, Warehouse.code).where(Warehouse.id.in_(wanted)))}


def warehouse_code(session: Session, wid: int) -> str:
    """One warehouse's code; its id as text if it is gone."""
    return warehouse_codes(session, [wid]).get(wid, str(wid))


def suppliers(session: Session) -> list[Choice]:
    return [Choice(*r) for r in session.execute(
        select(Supplier.id, Supplier.code, Supplier.name).order_by(Supplier.code))]
