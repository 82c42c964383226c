"""Small pick lists for filters and dialogs: channels, warehouses and suppliers."""

from __future__ import annotations

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


def suppliers(session: Session) -> list[Choice]:
    return [Choice(*r) for r in session.execute(
        select(Supplier.id, Supplier.code, Supplier.name).order_by(Supplier.code))]
