"""ERP links: which ERP record each local customer, order, product or invoice became."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow

# What a link points at; `local_id` is the id in the table of that name.
ERP_LINK_KINDS = ("customer", "address", "product", "order", "invoice")


class ErpLink(Base):
    """One local record and its id in one ERP; at most one link per (erp, kind, local id)."""

    __tablename__ = "erp_links"
    __table_args__ = (
        UniqueConstraint("erp", "kind", "local_id", name="uq_erp_links_erp_kind_local"),
        Index("ix_erp_links_remote", "erp", "kind", "erp_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The ERP installation, e.g. 'tryton' or 'odoo:prod'; several may be linked at once.
    erp: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    local_id: Mapped[int] = mapped_column(Integer)
    erp_id: Mapped[int] = mapped_column(Integer)
    # What the ERP calls it (sale number, party code), shown to the clerk.
    erp_name: Mapped[str] = mapped_column(String(120), default="")
    synced_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
