"""A wrong address is a configuration error, not an outage: not retried until the settings change."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import Channel
from omsdesk.models.sync_state import ChannelSyncState, SyncRun
from omsdesk.services.channels.channels import add_channel, list_channels
from omsdesk.sync.engine import default_factory, pull_orders
from omsdesk.sync.http import (
    AddressNotFound,
    ApiNotFound,
    ChannelUnavailable,
    HttpClient,
    InvalidAddress,
    TlsError,
)
from omsdesk.sync.scheduler import SyncScheduler
from omsdesk.sync.secrets import store_secret
from omsdesk.sync.simulator import LocalShopServer, RecordedRequest, Reply, json_reply
from tests.fixtures.database import ACTOR
from tests.fixtures.marketplaces import SleepRecorder

WOO_SECRET = "ck_0123456789abcdef:cs_fedcba9876543210"


class NotAShop(LocalShopServer):
    """A web server with no shop API behind it: every path answers 404, as a plain site does."""

    def authorized(self, request: RecordedRequest) -> bool:
        return True

    def handle(self, request: RecordedRequest) -> Reply:
        return json_reply({"code": "rest_no_route", "message": "No route was found"}, 404)


@pytest.fixture
def not_a_shop() -> Iterator[NotAShop]:
    server = NotAShop()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _woo(db: Database, url: str, code: str = "tienda-woo") -> str:
    add_channel(db, kind="woocommerce", name="Tienda Woo", url=url, code=code, actor=ACTOR)
    store_secret(code, WOO_SECRET)
    return code


def _scheduler(db: Database) -> SyncScheduler:
    return SyncScheduler(db, factory=default_factory(sleep=lambda _s: None))


def _state(db: Database, code: str) -> ChannelSyncState:
    with db.read() as s:
        channel = s.scalar(select(Channel).where(Channel.code == code))
        assert channel is not None
        state = s.get(ChannelSyncState, channel.id)
        assert state is not None
        s.expunge(state)
        return state


def _runs(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(SyncRun)) or 0)


# -- the HTTP client --------------------------------------------------------------------------


def test_an_unknown_host_name_is_a_configuration_error_tried_once(sleeps: SleepRecorder) -> None:
    http = HttpClient("tienda", sleep=sleeps)
    with pytest.raises(AddressNotFound, match=r"shop\.invalid does not exist.*check the address"):
        http.get_json("https://shop.invalid/wp-json/wc/v3/orders")
    assert http.requests_sent == 1
    assert sleeps.delays == []


@pytest.mark.parametrize("url", ["https://my shop.example/orders", "https://shop.example:99999/x",
                                 "ftp://shop.example/orders", "https:///orders"])
def test_a_malformed_address_is_a_configuration_error(url: str, sleeps: SleepRecorder) -> None:
    with pytest.raises(InvalidAddress, match="address"):
        HttpClient("tienda", sleep=sleeps).get_json(url)
    assert sleeps.delays == []


def test_a_refused_connection_stays_an_outage(sleeps: SleepRecorder) -> None:
    with pytest.raises(ChannelUnavailable) as caught:
        HttpClient("tienda", sleep=sleeps).get_json(f"http://127.0.0.1:{_free_port()}/orders")
    assert not isinstance(caught.value, AddressNotFound)
    assert len(sleeps.delays) == 1  # retried once, as any outage


def test_404_on_an_api_root_is_a_configuration_error_elsewhere_a_refusal(
        not_a_shop: NotAShop, sleeps: SleepRecorder) -> None:
    http = HttpClient("tienda", sleep=sleeps)
    with pytest.raises(ApiNotFound, match="no shop API at this address"):
        http.get_json(f"{not_a_shop.url}/wp-json/wc/v3/orders", root=True)
    with pytest.raises(Exception) as other:
        http.get_json(f"{not_a_shop.url}/wp-json/wc/v3/orders/17")
    assert not isinstance(other.value, ApiNotFound)
    assert "404" in str(other.value)


def _certificate(folder: Path, host: str) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for `host` only, signed by it."""
    now = datetime.now(UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(host))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


def test_a_certificate_for_another_host_is_a_configuration_error(
        tmp_path: Path, sleeps: SleepRecorder) -> None:
    ca, cert, key = _certificate(tmp_path, "127.0.0.1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    # Listening on 127.0.0.2 (loopback too) with a certificate that names only 127.0.0.1.
    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), http.server.BaseHTTPRequestHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        http_client = HttpClient("tienda", sleep=sleeps, ca_bundle=str(ca))
        with pytest.raises(TlsError, match="mismatch") as caught:
            http_client.get_json(f"https://127.0.0.2:{server.server_address[1]}/orders")
        assert "check the shop address" in str(caught.value)
        assert sleeps.delays == []
    finally:
        server.shutdown()
        server.server_close()


# -- the sync: health and the scheduler ---------------------------------------------------------


def test_an_unknown_shop_host_is_recorded_as_config_and_not_tried_again(db: Database) -> None:
    code = _woo(db, "https://shop.invalid")
    report = pull_orders(db, code, factory=default_factory(sleep=lambda _s: None))
    assert (report.status, report.health) == ("failed", "config")
    state = _state(db, code)
    assert state.config_invalid and not state.offline
    assert "shop.invalid does not exist" in state.last_error
    [info] = list_channels(db)
    assert info.health == "config"
    runs = _runs(db)
    reports = _scheduler(db).run_once()
    assert [(r.channel, r.status, r.health) for r in reports] == [(code, "skipped", "config")]
    assert "check the address" in reports[0].error and "not tried" in reports[0].error
    assert _runs(db) == runs  # nothing was attempted, nothing recorded
    assert _state(db, code).consecutive_failures == 1


def test_a_shop_without_an_api_is_held_until_its_address_changes(
        db: Database, not_a_shop: NotAShop) -> None:
    code = _woo(db, not_a_shop.url)
    scheduler = _scheduler(db)
    first = scheduler.run_once()
    assert {r.health for r in first if r.job == "pull_orders"} == {"config"}
    assert "HTTP 404" in _state(db, code).last_error
    seen = len(not_a_shop.requests)
    assert [r.status for r in scheduler.run_once()] == ["skipped"]
    assert scheduler.run_job("pull_orders", code).status == "skipped"  # the daemon's tick too
    assert len(not_a_shop.requests) == seen
    # New settings: the sync tries it again (and finds the same trouble).
    with db.write() as s:
        channel = s.scalar(select(Channel).where(Channel.code == code))
        assert channel is not None
        channel.url = not_a_shop.url + "/tienda"
    again = scheduler.run_once()
    assert len(not_a_shop.requests) > seen
    assert any(r.health == "config" for r in again)
    assert all(r.job != "sync" for r in again)


def test_naming_a_held_channel_tries_it_explicitly(db: Database, not_a_shop: NotAShop) -> None:
    code = _woo(db, not_a_shop.url)
    scheduler = _scheduler(db)
    scheduler.run_once()
    seen = len(not_a_shop.requests)
    reports = scheduler.run_once(code)
    assert len(not_a_shop.requests) > seen
    assert {r.job for r in reports} == {"pull_orders", "push_stock", "drain_outbox"}


def test_an_outage_is_offline_and_retried_by_the_next_sync(db: Database) -> None:
    code = _woo(db, f"http://127.0.0.1:{_free_port()}")
    scheduler = _scheduler(db)
    first = scheduler.run_once()
    assert {r.health for r in first if r.job == "pull_orders"} == {"offline"}
    state = _state(db, code)
    assert state.offline and not state.config_invalid
    second = scheduler.run_once()
    assert [(r.job, r.health) for r in second if r.job == "pull_orders"] == [("pull_orders", "offline")]
    assert "skipped" not in {r.status for r in second}
    assert _state(db, code).consecutive_failures > state.consecutive_failures
