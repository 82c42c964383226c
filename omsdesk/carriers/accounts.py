"""Carrier accounts with their secret: kept in the keyring as `carrier:<name>`, the rest in the database."""

from __future__ import annotations

from typing import Any

from omsdesk.carriers.base import Carrier, CarrierConfig
from omsdesk.carriers.registry import CarrierFactory, available_carriers, create_carrier
from omsdesk.db import Database
from omsdesk.models import ValidationError
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import carriers as svc
from omsdesk.sync.secrets import delete_secret, load_secret, store_secret


def secret_entry(name: str) -> str:
    return f"carrier:{name}"


def add_carrier(db: Database, *, kind: str, name: str, url: str, secret: str, actor: Actor,
                is_default: bool | None = None, settings: dict[str, Any] | None = None) -> svc.AccountView:
    """Check the type, keep the secret in the keyring (proved kept), then record the account."""
    if kind not in available_carriers():
        raise ValidationError(f"no carrier of type {kind!r} (known: {', '.join(sorted(available_carriers()))})")
    if ":" not in secret.strip():
        raise ValidationError("give the credentials as KEY:SECRET on standard input "
                              "(Sendcloud: public key:secret key; Correos: client id:client secret)")
    name = name.strip().lower()
    store_secret(secret_entry(name), secret)
    try:
        return svc.add_account(db, kind=kind, name=name, url=url, actor=actor, is_default=is_default,
                               settings=settings)
    except ValidationError:
        delete_secret(secret_entry(name))
        raise


def remove_carrier(db: Database, name: str, *, actor: Actor) -> None:
    svc.remove_account(db, name, actor=actor)
    delete_secret(secret_entry(name.strip().lower()))


def connect(account: svc.AccountView, factory: CarrierFactory | None = None) -> Carrier:
    """The connector for an account, its secret read from the keyring."""
    secret = load_secret(secret_entry(account.name), missing_hint=(
        f"no credentials stored for carrier {account.name}: remove it and add it again "
        "(omsdesk carriers add), giving KEY:SECRET on standard input"))
    config = CarrierConfig(account.name, account.kind, account.url, secret, account.settings)
    return (factory or create_carrier)(config)
