"""The buyer mail templates: every event in both languages renders, and a shop's own file wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from omsdesk.services.buyer_mail import EVENTS
from omsdesk.sync.buyer_mail import LANGUAGES, TemplateError, render, sample_values


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("event", EVENTS)
def test_every_shipped_template_renders_without_a_placeholder_left(event: str, language: str) -> None:
    mail = render(event, language, sample_values(language))
    assert "SO-2026-000123" in mail.subject and "Tienda Sol" in mail.subject
    for part in (mail.subject, mail.text, mail.html):
        assert "$" not in part
        assert not any(line.startswith("?") for line in part.splitlines())
    assert mail.html.lstrip().startswith("<!DOCTYPE html>") and f'<html lang="{language}">' in mail.html


def test_a_line_with_an_empty_value_is_left_out_and_values_are_escaped_in_html() -> None:
    values = sample_values("es") | {"tracking_url": "", "buyer": "Ana <b>&</b>"}
    mail = render("shipped", "es", values)
    assert "Sigue tu envío" not in mail.text and "Sigue tu envío" not in mail.html
    assert "Hola Ana <b>&</b>:" in mail.text and "Hola Ana &lt;b&gt;&amp;&lt;/b&gt;:" in mail.html


def test_a_shops_own_template_wins_and_a_broken_one_is_refused(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMSDESK_MAIL_TEMPLATES", str(tmp_path))
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "delivered.txt").write_text("Subject: Ya lo tienes, $buyer\n\nPedido $order.\n",
                                                    encoding="utf-8")
    mail = render("delivered", "es", sample_values("es"))
    assert mail.subject == "Ya lo tienes, Lucía Fernández" and mail.text == "Pedido SO-2026-000123.\n"
    assert "entregó" in mail.html  # the HTML file was not copied: the shipped one is used
    (tmp_path / "es" / "delivered.txt").write_text("Pedido $order\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="must start with 'Subject: ...'"):
        render("delivered", "es", sample_values("es"))
    (tmp_path / "es" / "delivered.txt").write_text("Subject: $nope\n\nx\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="unknown or malformed placeholder"):
        render("delivered", "es", sample_values("es"))
