"""Sales channels: counter, manual, CSV, shops and marketplaces. Settings only, never secrets."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow

CHANNEL_KINDS = ("counter", "manual", "csv", "shopify", "woocommerce", "prestashop", "amazon", "demo")


class Channel(Base):
    __tablename__ = "channels"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(300), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # False: disabled (the sync skips it). A removed channel is inactive and has removed_at:
    # its orders, SKU mappings and sync history stay, it just leaves the lists.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column()

    def settings_fingerprint(self) -> str:
        """A digest of what a connector is built from (type, address, options).

        A configuration error is recorded against it: once it differs, the settings changed
        and the sync may try the channel again.
        """
        text = json.dumps([self.kind, self.url, self.settings or {}], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:32]
