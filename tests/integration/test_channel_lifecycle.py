"""Disable, enable, remove a channel and test its connection, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from sqlalchemy import select

from omsdesk.models import Channel, ConflictError, NotFound, Order, OutboxMessage
from omsdesk.models.audit import AuditEntry
from omsdesk.models.base import utcnow
from omsdesk.models.channel_sku import ChannelSku
from omsdesk.models.sync_state import ChannelSyncState
from omsdesk.services.channels.channels import add_channel, list_channels, map_channel_sku
from omsdesk.services.channels.lifecycle import disable_channel, enable_channel, remove_channel
from omsdesk.sync.channel_admin import check_channel_connection, remove_channel_and_secret
from omsdesk.sync.engine import default_factory
from omsdesk.sync.scheduler import SyncScheduler
from omsdesk.sync.secrets import SERVICE, store_secret
from omsdesk.sync.simulator import LocalShopServer, RecordedRequest, Reply, json_reply
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.marketplaces import WOO_KEY, WOO_SECRET, WooSimulator

CODE = "tienda-woo"


class NotAShop(LocalShopServer):
    def authorized(self, request: RecordedRequest) -> bool:
        return True

    def handle(self, request: RecordedRequest) -> Reply:
        return json_reply({"code": "rest_no_route"}, 404)


@pytest.fixture
def not_a_shop() -> Iterator[NotAShop]:
    server = NotAShop()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _woo(shop: Shop, url: str) -> str:
    add_channel(shop.db, kind="woocommerce", name="Tienda Woo", url=url, code=CODE, actor=ACTOR)
    store_secret(CODE, f"{WOO_KEY}:{WOO_SECRET}")
    return CODE


def _channel(shop: Shop) -> tuple[bool, bool, ChannelSyncState | None]:
    with shop.db.read() as s:
        ch = s.scalar(select(Channel).where(Channel.code == CODE))
        assert ch is not None
        state = s.get(ChannelSyncState, ch.id)
        if state is not None:
            s.expunge(state)
        return ch.active, ch.removed_at is not None, state


def _pending_message(shop: Shop) -> int:
    with shop.db.write() as s:
        ch = s.scalar(select(Channel).where(Channel.code == CODE))
        assert ch is not None
        msg = OutboxMessage(topic="fulfillment.push", channel_id=ch.id, key="order:1",
                            idempotency_key="lifecycle-test-1", payload={"order_id": 1},
                            status="pending", attempts=0, next_attempt_at=utcnow(), last_error="")
        s.add(msg)
        s.flush()
        return msg.id


def _scheduler(shop: Shop) -> SyncScheduler:
    return SyncScheduler(shop.db, factory=default_factory(sleep=lambda _s: None))


def test_a_disabled_channel_is_skipped_by_the_sync_and_keeps_its_orders(
        shop: Shop, woo_shop: WooSimulator) -> None:
    shop.product("MUG-01")
    _woo(shop, woo_shop.url)
    ref = shop.order({"MUG-01": 1}, channel=CODE)
    status = shop.status(ref)
    change = disable_channel(shop.db, CODE, actor=ACTOR)
    assert (change.active, change.removed) == (False, False)
    woo_shop.clear_requests()
    reports = _scheduler(shop).run_once()
    assert CODE not in {r.channel for r in reports}
    assert woo_shop.requests == []
    held = _scheduler(shop).run_once(CODE)
    assert [(r.status, r.health) for r in held] == [("skipped", "disabled")]
    assert woo_shop.requests == []
    assert [c.health for c in list_channels(shop.db) if c.code == CODE] == ["disabled"]
    assert shop.status(ref) == status
    with shop.db.read() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "channel",
                                                                  AuditEntry.reference == CODE)))
    assert actions == ["create", "disable"]


def test_enabling_serves_the_channel_again_and_forgets_a_configuration_error(
        shop: Shop, not_a_shop: NotAShop) -> None:
    _woo(shop, not_a_shop.url)
    scheduler = _scheduler(shop)
    scheduler.run_once()
    assert _channel(shop)[2] is not None and _channel(shop)[2].config_invalid  # type: ignore[union-attr]
    disable_channel(shop.db, CODE, actor=ACTOR)
    enable_channel(shop.db, CODE, actor=ACTOR)
    active, _removed, state = _channel(shop)
    assert active and state is not None and not state.config_invalid
    seen = len(not_a_shop.requests)
    scheduler.run_once()
    assert len(not_a_shop.requests) > seen


def test_removing_a_channel_with_undelivered_messages_is_refused_and_changes_nothing(
        shop: Shop, woo_shop: WooSimulator) -> None:
    _woo(shop, woo_shop.url)
    _pending_message(shop)
    before = shop.snapshot()
    with pytest.raises(ConflictError, match="1 message"):
        remove_channel(shop.db, CODE, actor=ACTOR)
    assert shop.snapshot() == before
    assert _channel(shop)[:2] == (True, False)


def test_a_forced_removal_archives_the_channel_and_keeps_orders_mappings_and_history(
        shop: Shop, woo_shop: WooSimulator) -> None:
    shop.product("MUG-01")
    _woo(shop, woo_shop.url)
    ref = shop.order({"MUG-01": 1}, channel=CODE)
    map_channel_sku(shop.db, CODE, "WOO-MUG", "MUG-01", actor=ACTOR)
    mid = _pending_message(shop)
    removal = remove_channel_and_secret(shop.db, CODE, actor=ACTOR, force=True)
    assert (removal.change.removed, removal.change.dropped_messages) == (True, 1)
    assert removal.secret_deleted and keyring.get_password(SERVICE, CODE) is None
    assert _channel(shop)[:2] == (False, True)
    assert CODE not in {c.code for c in list_channels(shop.db)}
    with shop.db.read() as s:
        order = s.scalar(select(Order).where(Order.reference == ref))
        assert order is not None
        assert s.scalar(select(ChannelSku.external_sku)) == "WOO-MUG"
        msg = s.get(OutboxMessage, mid)
        assert msg is not None and (msg.status, msg.last_error) == (
            "skipped", "not sent: the channel was removed")
    woo_shop.clear_requests()
    assert CODE not in {r.channel for r in _scheduler(shop).run_once()}
    assert woo_shop.requests == []
    with pytest.raises(ConflictError, match="was removed"):
        enable_channel(shop.db, CODE, actor=ACTOR)
    with pytest.raises(ConflictError, match="removed; its orders keep the code"):
        add_channel(shop.db, kind="woocommerce", name="Otra", url=woo_shop.url, code=CODE, actor=ACTOR)


def test_an_unknown_code_is_refused_by_every_action(shop: Shop) -> None:
    for action in (disable_channel, enable_channel, remove_channel):
        with pytest.raises(NotFound, match="unknown channel 'nope'"):
            action(shop.db, "nope", actor=ACTOR)


def test_a_passing_connection_test_lifts_a_configuration_error(
        shop: Shop, woo_shop: WooSimulator, not_a_shop: NotAShop) -> None:
    _woo(shop, not_a_shop.url)
    failed = check_channel_connection(shop.db, CODE)
    assert (failed.ok, failed.health) == (False, "config")
    assert "HTTP 404" in failed.problems[0] and WOO_SECRET not in failed.problems[0]
    state = _channel(shop)[2]
    assert state is not None and state.config_invalid
    with shop.db.write() as s:
        ch = s.scalar(select(Channel).where(Channel.code == CODE))
        assert ch is not None
        ch.url = woo_shop.url
    passed = check_channel_connection(shop.db, CODE)
    assert (passed.ok, passed.health, passed.problems) == (True, "ok", ())
    state = _channel(shop)[2]
    assert state is not None and not state.config_invalid and state.last_error == ""
