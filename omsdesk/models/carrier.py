"""Carrier accounts (Sendcloud, Correos, ...) and the tracking events their parcels report. No secrets."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow


class TrackingStatus(StrEnum):
    """Where a booked parcel is, in omsdesk's words; each carrier's codes map onto these."""

    BOOKED = "booked"  # the carrier has the parcel announced, nothing scanned yet
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    DELIVERY_FAILED = "delivery_failed"
    RETURNED_TO_SENDER = "returned_to_sender"


# A parcel in one of these needs a person (the exceptions inbox lists it).
TROUBLE_STATUSES = frozenset({TrackingStatus.DELIVERY_FAILED.value, TrackingStatus.RETURNED_TO_SENDER.value})
# Nothing more will happen to a parcel in one of these: tracking stops asking.
FINAL_STATUSES = frozenset({TrackingStatus.DELIVERED.value, TrackingStatus.RETURNED_TO_SENDER.value})


class CarrierAccount(Base):
    """One contract with a carrier or platform: its type (connector), address and options.

    The API key lives in the keyring under `carrier:<name>`; `is_default` marks the account that
    books every parcel packed without another choice.
    """

    __tablename__ = "carrier_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    url: Mapped[str] = mapped_column(String(300), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TrackingEvent(Base):
    """One scan or status update a carrier reported for a parcel, as it said it plus our mapping."""

    __tablename__ = "tracking_events"
    __table_args__ = (
        # The same update polled twice is stored once.
        UniqueConstraint("shipment_id", "code", "happened_at", name="uq_tracking_event"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    happened_at: Mapped[datetime] = mapped_column()
    code: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    # Cash on delivery the carrier says it collected at the door (minor units; 0: none).
    cod_collected: Mapped[int] = mapped_column(Integer, default=0)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
