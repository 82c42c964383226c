"""Secrets never reach a log line: registered values and credential-shaped tokens are masked."""

from __future__ import annotations

import logging

import pytest

from omsdesk.sync.redaction import REDACTED, install_log_redaction, redact, register_secret


def test_registered_secret_is_masked_anywhere_in_text() -> None:
    register_secret("shpat_unit_test_secret_value")
    assert redact("token=shpat_unit_test_secret_value!") .count(REDACTED) == 1
    assert "shpat_unit_test_secret_value" not in redact("x shpat_unit_test_secret_value y")


@pytest.mark.parametrize(
    ("text", "leak"),
    [
        ("GET /wc/v3/orders?consumer_key=ck_abc123&consumer_secret=cs_def456 HTTP/1.1", "cs_def456"),
        ("GET /wc/v3/orders?consumer_key=ck_abc123&consumer_secret=cs_def456 HTTP/1.1", "ck_abc123"),
        ("headers {'X-Shopify-Access-Token': 'shpat_zzz999'}", "shpat_zzz999"),
        ("Authorization: Basic Y2tfYWJjOmNzX2RlZg==", "Y2tfYWJjOmNzX2RlZg=="),
        ("https://KEY123456:@shop.example/api/orders", "KEY123456"),
        ("/api/orders?ws_key=KEY987654&output_format=JSON", "KEY987654"),
    ],
)
def test_credential_shapes_are_masked_without_registration(text: str, leak: str) -> None:
    assert leak not in redact(text)


def test_ordinary_text_is_left_alone() -> None:
    text = "Pedido #1001 de Begoña Núñez: 3 líneas, 59,85 €"
    assert redact(text) == text


def test_log_records_of_any_logger_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction()
    register_secret("cs_secret_in_a_third_party_log")
    with caplog.at_level(logging.DEBUG, logger="urllib3.connectionpool"):
        logging.getLogger("urllib3.connectionpool").debug(
            'GET /orders?consumer_secret=%s HTTP/1.1" 200', "cs_secret_in_a_third_party_log")
    assert caplog.records
    assert "cs_secret_in_a_third_party_log" not in caplog.text


def test_tracebacks_in_log_records_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction()
    register_secret("traceback_secret_42")
    with caplog.at_level(logging.ERROR):
        try:
            raise RuntimeError("failed with token traceback_secret_42")
        except RuntimeError:
            logging.getLogger("omsdesk.test").exception("sync failed")
    assert "sync failed" in caplog.text
    assert "traceback_secret_42" not in caplog.text
