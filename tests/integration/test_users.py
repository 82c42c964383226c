"""Users, roles and sign-in (issue 18): every protected service refuses a role without the permission,
accepts a manager's on-the-spot approval (the audit row names both), the brute-force lock, setup mode,
and the append-only audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from omsdesk.db import Database
from omsdesk.models import AuditEntry, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.errors import PermissionDenied, SignInFailed, SignInRequired
from omsdesk.models.roles import Permission
from omsdesk.services.backup.backup import backup_database
from omsdesk.services.backup.restore import restore_database
from omsdesk.services.buyer_mail import set_buyer_mail
from omsdesk.services.channels.channels import add_channel
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment.carriers import add_account
from omsdesk.services.fulfilment.refunds import refund_order
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, create_order
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.credit import cancel_invoice, credit_invoice
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.policy import set_policy as set_invoicing_policy
from omsdesk.services.ledger.stock import adjust_stock
from omsdesk.services.users import accounts, policy
from omsdesk.services.users import secrets as user_secrets
from omsdesk.services.users.permissions import granted
from omsdesk.services.users.sign_in import sign_in, sign_in_badge
from tests.fixtures.database import ACTOR, Shop

STATION = "ws-test-1"


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """A cheaper scrypt cost for the many sign-ins here; a hash carries its own cost, so the
    checks are the same ones (test_secrets_hash_at_the_shipped_cost keeps the real one)."""
    if "shipped_cost" not in request.node.name:
        monkeypatch.setattr(user_secrets, "N", 2**10)


@dataclass
class People:
    admin: Actor
    manager: Actor
    clerk: Actor
    warehouse: Actor


def _people(db: Database) -> People:
    """The administrator made in setup mode, then a manager, a counter clerk and a warehouse hand."""
    accounts.add_user(db, actor=ACTOR, login="ana", roles="administrator", pin="1111")
    admin = sign_in(db, "ana", "1111", workstation=STATION)
    for login, role, pin in (("marta", "manager", "2222"), ("carlos", "counter", "3333"),
                             ("wendy", "warehouse", "4444")):
        accounts.add_user(db, actor=admin, login=login, roles=role, pin=pin)
    return People(admin, sign_in(db, "marta", "2222", workstation=STATION),
                  sign_in(db, "carlos", "3333", workstation=STATION),
                  sign_in(db, "wendy", "4444", workstation=STATION))


def _audit(db: Database, action: str) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _last_id(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(text("SELECT COALESCE(MAX(id), 0) FROM audit_log")) or 0)


def _audit_after(db: Database, last: int) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.id > last).order_by(AuditEntry.id)))


def _company(shop: Shop) -> None:
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674", address="Calle Mayor 1",
                postcode="28013", city="Madrid")


# Each protected action: set-up in setup mode (returns what the action needs), the action, the
# permission, the audit action its success writes, and who may approve it.
Action = Callable[[Shop, Actor, str], object]


def _shipped_invoice(shop: Shop) -> str:
    _company(shop)
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order_at("shipped", {sku: 1})
    return issue_invoice(shop.db, ref, actor=ACTOR).number


def _paid_order(shop: Shop) -> str:
    sku = shop.product()
    shop.stock(sku, 5)
    return shop.order_at("paid", {sku: 1})


def _sku(shop: Shop) -> str:
    sku = shop.product(price=1000)
    shop.stock(sku, 5)
    return sku


def _cheap_order(shop: Shop, actor: Actor, sku: str) -> object:
    data = OrderInput(lines=(LineInput(sku=sku, qty=1, unit_price=500, price_reason="friend of the shop"),),
                      channel="manual", customer=CustomerInput(name="Lucía Fernández", email="lucia@example.es"))
    return create_order(shop.db, data, actor=actor)


CASES: dict[str, tuple[Callable[[Shop], str], Action, Permission, str, str]] = {
    "credit note": (_shipped_invoice, lambda shop, a, n: credit_invoice(shop.db, n, actor=a, reason_code="R4"),
                    Permission.CREDIT_NOTE, "issue", "manager"),
    "annul invoice": (_shipped_invoice, lambda shop, a, n: cancel_invoice(shop.db, n, actor=a, reason="typo"),
                      Permission.CREDIT_NOTE, "cancel", "manager"),
    "refund": (_paid_order, lambda shop, a, ref: refund_order(shop.db, ref, actor=a, amount=100, method="card"),
               Permission.REFUND, "refund", "manager"),
    "cancel after payment": (_paid_order, lambda shop, a, ref: order_svc.cancel_order(shop.db, ref, actor=a),
                             Permission.CANCEL_PAID, "cancel", "manager"),
    "price override beyond the limit": (_sku, _cheap_order, Permission.PRICE_OVERRIDE, "price_override",
                                        "manager"),
    "stock write-off": (_sku, lambda shop, a, sku: adjust_stock(shop.db, sku, -2, "MAD", reason="broken",
                                                                actor=a),
                        Permission.STOCK_ADJUST, "adjust", "manager"),
    "company settings": (lambda shop: "", lambda shop, a, _x: set_company(shop.db, actor=a, phone="+34 910 000 001"),
                         Permission.SETTINGS, "settings", "admin"),
    "add a channel": (lambda shop: "", lambda shop, a, _x: add_channel(
        shop.db, kind="shopify", name="Tienda", url="https://tienda.example.com", actor=a),
        Permission.SETTINGS, "create", "admin"),
    "add a carrier account": (lambda shop: "", lambda shop, a, _x: add_account(
        shop.db, kind="sendcloud", name="sendcloud-es", url="", actor=a), Permission.SETTINGS, "add", "admin"),
    "invoicing policy": (lambda shop: shop.order({shop.product(): 1}), lambda shop, a, _x: set_invoicing_policy(
        shop.db, actor=a, when="shipped", channel="manual"), Permission.SETTINGS, "invoicing_policy", "admin"),
    "buyer mails of a channel": (lambda shop: shop.order({shop.product(): 1}), lambda shop, a, _x: set_buyer_mail(
        shop.db, "manual", False, actor=a), Permission.SETTINGS, "buyer-mail", "admin"),
    "user management": (lambda shop: "", lambda shop, a, _x: accounts.add_user(
        shop.db, actor=a, login="nuevo", roles="counter", pin="5555"), Permission.USERS, "user_add", "admin"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_protected_service_refuses_a_clerk_and_accepts_a_managers_approval(shop: Shop, case: str) -> None:
    prepare, act, permission, audit_action, approver_role = CASES[case]
    target = prepare(shop)
    people = _people(shop.db)
    before = len(_audit(shop.db, audit_action))

    with pytest.raises(PermissionDenied, match=permission.value):
        act(shop, people.clerk, target)
    assert len(_audit(shop.db, audit_action)) == before, "the refused change was rolled back"
    refusal = _audit(shop.db, "refused")[-1]
    assert (refusal.user, refusal.reference, refusal.workstation) == ("carlos", permission.value, STATION)

    approver = people.admin if approver_role == "admin" else people.manager
    last = _last_id(shop.db)
    act(shop, people.clerk.approved_by(approver), target)
    rows = _audit_after(shop.db, last)
    assert audit_action in {r.action for r in rows}
    assert {(r.user, r.approved_by) for r in rows} == {("carlos", approver.user)}


def test_an_approver_without_the_permission_approves_nothing(shop: Shop) -> None:
    sku = _sku(shop)
    people = _people(shop.db)
    with pytest.raises(PermissionDenied, match="wendy cannot approve it either"):
        _cheap_order(shop, people.clerk.approved_by(people.warehouse), sku)
    adjust_stock(shop.db, sku, -1, "MAD", reason="count", actor=people.warehouse)  # her own permission


def test_a_small_price_change_within_the_limit_needs_no_permission(shop: Shop) -> None:
    sku = _sku(shop)
    people = _people(shop.db)
    data = OrderInput(lines=(LineInput(sku=sku, qty=1, unit_price=950, price_reason="scratch"),),
                      channel="manual", customer=CustomerInput(name="Lucía", email="lucia@example.es"))
    create_order(shop.db, data, actor=people.clerk)  # 5 % off, the limit is 10 %
    policy.set_policy(shop.db, actor=people.admin, price_override_limit_bp=200)
    with pytest.raises(PermissionDenied):
        create_order(shop.db, data, actor=people.clerk)


def test_setup_mode_lets_the_os_login_do_everything_as_before(shop: Shop) -> None:
    sku = _sku(shop)
    adjust_stock(shop.db, sku, -1, "MAD", reason="count", actor=ACTOR)
    with shop.db.read() as s:
        assert granted(s, ACTOR) == frozenset(Permission)
    row = _audit(shop.db, "adjust")[-1]
    assert (row.user, row.approved_by) == ("tester", None)


def test_once_users_exist_nobody_acts_without_signing_in_whatever_the_name(shop: Shop) -> None:
    sku = _sku(shop)
    _people(shop.db)
    # OMSDESK_USER=ana gives an Actor named like the administrator, but not signed in.
    with pytest.raises(SignInRequired, match="sign in first"):
        adjust_stock(shop.db, sku, 1, "MAD", reason="count", actor=Actor("ana", "anywhere"))
    with pytest.raises(SignInRequired):
        shop.order({sku: 1})
    assert [r.user for r in _audit(shop.db, "refused")] == ["ana", "tester"]
    shop.level(sku)  # reading stays open


def test_the_first_user_must_be_an_administrator(db: Database) -> None:
    with pytest.raises(ValidationError, match="first user must be an administrator"):
        accounts.add_user(db, actor=ACTOR, login="carlos", roles="counter", pin="3333")
    assert accounts.list_users(db) == []


def test_wrong_pins_lock_the_account_even_for_the_right_pin_until_the_lock_expires(db: Database) -> None:
    people = _people(db)
    policy.set_policy(db, actor=people.admin, max_failed_attempts=3, lock_minutes=10)
    now = utcnow()
    for attempt in range(1, 3):
        with pytest.raises(SignInFailed, match=f"{3 - attempt} tries left"):
            sign_in(db, "carlos", "0000", workstation=STATION, now=now)
    with pytest.raises(SignInFailed, match="locked"):
        sign_in(db, "carlos", "0000", workstation=STATION, now=now)
    with pytest.raises(SignInFailed, match="locked"):
        sign_in(db, "carlos", "3333", workstation=STATION, now=now + timedelta(minutes=9))
    assert sign_in(db, "carlos", "3333", workstation=STATION, now=now + timedelta(minutes=11)).user == "carlos"
    failed = [(r.user, r.reason) for r in _audit(db, "sign_in_failed")]
    assert failed[-1] == ("carlos", "account locked") and len(failed) == 4
    assert len(_audit(db, "sign_in")) >= 5


def test_a_pin_reset_lifts_the_lock(db: Database) -> None:
    people = _people(db)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            sign_in(db, "carlos", "9999", workstation=STATION)
    accounts.reset_pin(db, "carlos", "7777", actor=people.admin)
    assert sign_in(db, "carlos", "7777", workstation=STATION).user_id == people.clerk.user_id


def test_an_unknown_login_is_refused_like_a_wrong_pin_and_audited(db: Database) -> None:
    _people(db)
    with pytest.raises(SignInFailed, match="wrong login or PIN"):
        sign_in(db, "nadie", "1111", workstation=STATION)
    assert _audit(db, "sign_in_failed")[-1].reference == "nadie"


def test_a_disabled_user_can_neither_sign_in_nor_keep_acting(shop: Shop) -> None:
    sku = _sku(shop)
    people = _people(shop.db)
    accounts.disable_user(shop.db, "wendy", actor=people.admin)
    with pytest.raises(SignInFailed, match="disabled"):
        sign_in(shop.db, "wendy", "4444", workstation=STATION)
    with pytest.raises(PermissionDenied):  # her desk was still signed in
        adjust_stock(shop.db, sku, -1, "MAD", reason="count", actor=people.warehouse)


def test_the_last_administrator_cannot_be_disabled(db: Database) -> None:
    people = _people(db)
    with pytest.raises(ValidationError, match="no enabled administrator"):
        accounts.disable_user(db, "ana", actor=people.admin)


def test_a_badge_signs_in_and_is_never_stored_in_clear(db: Database) -> None:
    people = _people(db)
    accounts.set_badge(db, "carlos", "BADGE-000123", actor=people.admin)
    assert sign_in_badge(db, "BADGE-000123", workstation=STATION).user == "carlos"
    with pytest.raises(SignInFailed, match="unknown badge"):
        sign_in_badge(db, "BADGE-999", workstation=STATION)
    with db.read() as s:
        stored = s.execute(text("SELECT pin_hash, badge_hash FROM users WHERE login = 'carlos'")).one()
    assert "BADGE-000123" not in stored[1] and "3333" not in stored[0] and stored[0].startswith("scrypt$")


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET reason = 'nothing happened'",
                                       "DELETE FROM audit_log"])
def test_the_audit_trail_refuses_update_and_delete(db: Database, statement: str) -> None:
    _people(db)
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text(statement))
    assert len(_audit(db, "user_add")) == 4


def test_secrets_hash_at_the_shipped_cost() -> None:
    stored = user_secrets.hash_secret("1234")
    assert stored.startswith(f"scrypt${2**14}$8$1$")
    assert user_secrets.verify_secret("1234", stored) and not user_secrets.verify_secret("1235", stored)
    assert user_secrets.hash_secret("1234") != stored  # a fresh salt each time


def test_restoring_a_backup_needs_the_settings_permission_and_is_recorded(sqlite_db: Database,
                                                                        tmp_path: Path) -> None:
    people = _people(sqlite_db)
    backup = backup_database(sqlite_db, tmp_path / "backup.zip").path
    url = sqlite_db.url
    sqlite_db.dispose()
    with pytest.raises(PermissionDenied, match=Permission.SETTINGS.value):
        restore_database(url, backup, actor=people.clerk)
    restore_database(url, backup, actor=people.clerk.approved_by(people.admin))
    restored = Database(url)
    try:
        [row] = _audit(restored, "restore")
        assert (row.user, row.approved_by, row.reference) == ("carlos", "ana", "backup.zip")
    finally:
        restored.dispose()
