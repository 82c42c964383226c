"""VERI*FACTU submission to the AEAT: answers per record and per message, certificate settings,
and the record flags of a correction (Subsanacion, RechazoPrevio) and of VERI*FACTU-only use

Records written before this revision declared TipoUsoPosibleSoloVerifactu=N; they keep 'N' so
verify-chain still rebuilds their XML exactly.

Revision ID: 0220
Revises: 0210
Create Date: 2026-12-10 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0220"
down_revision = "0210"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invoice_records", sa.Column("solo_verifactu", sa.String(1), nullable=False,
                                               server_default="N"))
    op.add_column("invoice_records", sa.Column("subsanacion", sa.String(1), nullable=False,
                                               server_default=""))
    op.add_column("invoice_records", sa.Column("rechazo_previo", sa.String(1), nullable=False,
                                               server_default=""))
    op.add_column("company_settings", sa.Column("aeat_certificate_path", sa.String(400),
                                                nullable=False, server_default=""))
    op.add_column("company_settings", sa.Column("aeat_presenter_nif", sa.String(32),
                                                nullable=False, server_default=""))
    op.create_table(
        "aeat_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("issuer_tax_id", sa.String(32), nullable=False),
        sa.Column("environment", sa.String(12), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("incidencia", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("csv", sa.String(64), nullable=False),
        sa.Column("wait_seconds", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aeat_batches")),
    )
    op.create_index("ix_aeat_batches_issuer", "aeat_batches", ["issuer_tax_id", "id"])
    op.create_table(
        "invoice_record_submissions",
        sa.Column("record_id", sa.Integer(), sa.ForeignKey(
            "invoice_records.id", name=op.f("fk_invoice_record_submissions_record_id_invoice_records")),
            nullable=False),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey(
            "aeat_batches.id", name=op.f("fk_invoice_record_submissions_batch_id_aeat_batches")),
            nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("incidencia", sa.Boolean(), nullable=False),
        sa.Column("error_code", sa.String(8), nullable=False),
        sa.Column("error_description", sa.Text(), nullable=False),
        sa.Column("csv", sa.String(64), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_invoice_record_submissions")),
    )
    op.create_index(op.f("ix_invoice_record_submissions_state"), "invoice_record_submissions",
                    ["state"])
    op.create_index(op.f("ix_invoice_record_submissions_batch_id"), "invoice_record_submissions",
                    ["batch_id"])


def downgrade() -> None:
    op.drop_table("invoice_record_submissions")
    op.drop_table("aeat_batches")
    op.drop_column("company_settings", "aeat_presenter_nif")
    op.drop_column("company_settings", "aeat_certificate_path")
    op.drop_column("invoice_records", "rechazo_previo")
    op.drop_column("invoice_records", "subsanacion")
    op.drop_column("invoice_records", "solo_verifactu")
