"""Channel SKU mapping: which local product a shop's SKU stands for, per channel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow


class ChannelSku(Base):
    """A shop SKU that differs from ours. Without a row, the shop SKU must equal a local SKU."""

    __tablename__ = "channel_skus"
    __table_args__ = (UniqueConstraint("channel_id", "external_sku",
                                       name="uq_channel_skus_channel_external"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    external_sku: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
