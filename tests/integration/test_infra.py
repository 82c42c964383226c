"""The test infrastructure itself: PostgreSQL, the CUPS PDF and ZPL queues, the in-memory keyring."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import keyring
import psycopg
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import MemoryKeyring
from tests.fixtures.servers import PdfQueue, PgDatabases, ZplQueue


def _database_exists(pg_url: str, name: str) -> bool:
    base = make_url(pg_url)
    with psycopg.connect(
        host=base.host,
        port=base.port,
        user=base.username,
        password=base.password,
        dbname=base.database,
        connect_timeout=5,
    ) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return row is not None


@pytest.mark.postgres
def test_postgres_server_answers(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version_num")).scalar_one()
    finally:
        engine.dispose()
    # FOR UPDATE SKIP LOCKED and DROP DATABASE ... WITH (FORCE) need 13+.
    assert int(version) >= 130000


@pytest.mark.postgres
def test_fresh_database_is_empty_separate_and_dropped_even_while_connected(pg_url: str) -> None:
    databases = PgDatabases(pg_url)
    url = databases.create()
    other = databases.create()
    name = make_url(url).database
    assert name is not None
    assert name not in (make_url(pg_url).database, make_url(other).database)

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            tables = conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar_one()
            conn.execute(text("CREATE TABLE probe (id integer PRIMARY KEY)"))
            conn.execute(text("INSERT INTO probe VALUES (1), (2)"))
        assert tables == 0
        # Keep a session open: dropping must end it rather than fail or hang.
        idle = engine.connect()
        assert idle.execute(text("SELECT count(*) FROM probe")).scalar_one() == 2
        assert _database_exists(pg_url, name)

        databases.drop_all()

        assert not _database_exists(pg_url, name)
        assert not _database_exists(pg_url, make_url(other).database or "")
    finally:
        engine.dispose()
        databases.drop_all()


@pytest.mark.postgres
def test_database_cloned_from_a_template_has_its_tables(pg_database_factory) -> None:
    template_url = pg_database_factory()
    engine = create_engine(template_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE migrated (id integer PRIMARY KEY)"))
    finally:
        # CREATE DATABASE ... TEMPLATE refuses a template with open sessions.
        engine.dispose()

    clone_url = pg_database_factory(template=make_url(template_url).database)
    clone = create_engine(clone_url)
    try:
        with clone.connect() as conn:
            found = conn.execute(text("SELECT to_regclass('public.migrated')::text")).scalar_one()
        assert found == "migrated"
    finally:
        clone.dispose()


@pytest.mark.postgres
def test_pg_database_fixture_gives_a_working_empty_database(pg_database: str) -> None:
    engine = create_engine(pg_database)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_database()")).scalar_one() == (
                make_url(pg_database).database
            )
            assert (
                conn.execute(
                    text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                ).scalar_one()
                == 0
            )
    finally:
        engine.dispose()


def _two_page_pdf(path: Path, marker: str) -> None:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in (1, 2):
        pdf.setFont("Helvetica", 14)
        pdf.drawString(72, 760, f"omsdesk infra test {marker} page {page}")
        pdf.showPage()
    pdf.save()


@pytest.mark.cups
def test_pdf_printed_to_the_pdf_queue_lands_with_its_pages(
    cups_pdf_queue: PdfQueue, tmp_path: Path
) -> None:
    marker = uuid.uuid4().hex[:8]
    source = tmp_path / "two-pages.pdf"
    _two_page_pdf(source, marker)

    job_id = cups_pdf_queue.submit(source, title=f"omsdesk-infra-{marker}")
    printed = cups_pdf_queue.wait_for_pdf(job_id)

    try:
        data = printed.read_bytes()
        assert data.startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 2
        # The text survived the PDF -> PostScript -> PDF round trip through CUPS.
        assert f"{marker} page 2" in (reader.pages[1].extract_text() or "")
    finally:
        printed.unlink(missing_ok=True)


@pytest.mark.cups
def test_raw_bytes_sent_to_the_zpl_queue_arrive_unchanged(
    zpl_queue: ZplQueue, tmp_path: Path
) -> None:
    # Real label data plus bytes a text filter would mangle: NUL, 0xFF, CR LF,
    # and no trailing newline.
    label = (
        b"^XA^CI28^FO50,50^A0N,40,40^FDSO-2026-000123 "
        + uuid.uuid4().hex.encode()
        + b"^FS\r\n^FO50,120^BCN,80,Y,N,N^FD8412345678905^FS^XZ\x00\xff\x1b"
    )
    job_id = zpl_queue.submit(label, tmp_path)
    assert zpl_queue.wait_for_output(job_id) == label


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_an_empty_in_memory_keyring(run: int, memory_keyring) -> None:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    assert backend is memory_keyring
    # Set by the other parametrized run if the store leaked between tests.
    assert keyring.get_password("omsdesk-infra", "leak-probe") is None
    keyring.set_password("omsdesk-infra", "leak-probe", f"run {run}")
    assert keyring.get_password("omsdesk-infra", "leak-probe") == f"run {run}"
