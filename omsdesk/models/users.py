"""Users who sign in, and the shop-wide sign-in policy (one row, shared by every desk)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow
from omsdesk.models.roles import Role, parse_roles


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    # Comma-separated Role values; several roles add their permissions up.
    roles: Mapped[str] = mapped_column(String(200))
    # "scrypt$n$r$p$salt$hash": the salt is per user, the parameters travel with the hash.
    pin_hash: Mapped[str] = mapped_column(String(300))
    # A badge is looked up by its code, so its hash has no per-user salt (see services/users).
    badge_hash: Mapped[str | None] = mapped_column(String(128), unique=True)
    # A service account signs in with a token from the keyring (the sync daemon), never a PIN.
    is_service: Mapped[bool] = mapped_column(default=False)
    disabled: Mapped[bool] = mapped_column(default=False)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    last_sign_in_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def role_set(self) -> frozenset[Role]:
        return parse_roles(self.roles)


class SecuritySettings(Base):
    """How sign-in is guarded; one row for the whole shop (PostgreSQL: every workstation)."""

    __tablename__ = "security_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    max_failed_attempts: Mapped[int] = mapped_column(default=5)
    lock_minutes: Mapped[int] = mapped_column(default=15)
    idle_lock_minutes: Mapped[int] = mapped_column(default=10)  # 0: the desktop never locks itself
    # A keyed-in price more than this far below the catalogue price needs PRICE_OVERRIDE (basis points).
    price_override_limit_bp: Mapped[int] = mapped_column(default=1000)
