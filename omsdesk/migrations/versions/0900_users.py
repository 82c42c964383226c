"""Users, roles and sign-in; audit rows name the approver; the audit trail is append-only (issue 18)

- `users`: login, display name, roles, scrypt PIN hash with a per-user salt, badge hash,
  service-account flag, disabled, failed attempts and locked-until.
- `security_settings`: one row (attempts before a lock, lock and idle-lock minutes, the price
  override limit); the services use defaults while it is missing.
- `audit_log.approved_by`: the manager who approved an action on the spot.
- Triggers refuse UPDATE and DELETE of audit rows on SQLite and PostgreSQL (and TRUNCATE, and
  SQLite's INSERT OR REPLACE, which deletes the old row without firing a DELETE trigger).

Revision ID: 0900
Revises: 0880
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0900"
down_revision = "0880"
branch_labels = None
depends_on = None

APPEND_ONLY = "the audit trail is append-only"

SQLITE_TRIGGERS = {
    "trg_audit_log_no_update": "BEFORE UPDATE ON audit_log FOR EACH ROW",
    "trg_audit_log_no_delete": "BEFORE DELETE ON audit_log FOR EACH ROW",
    "trg_audit_log_no_replace": ("BEFORE INSERT ON audit_log FOR EACH ROW "
                                 "WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.id = NEW.id)"),
}

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION omsdesk_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'cannot % audit_log: {APPEND_ONLY}', lower(TG_OP)
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
"""

PG_TRIGGERS = {
    "trg_audit_log_no_change": "BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW",
    "trg_audit_log_no_truncate": "BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT",
}


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(120), nullable=False, server_default=""),
        sa.Column("roles", sa.String(200), nullable=False),
        sa.Column("pin_hash", sa.String(300), nullable=False),
        sa.Column("badge_hash", sa.String(128), nullable=True),
        sa.Column("is_service", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("login", name="uq_users_login"),
        sa.UniqueConstraint("badge_hash", name="uq_users_badge_hash"),
    )
    op.create_table(
        "security_settings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("max_failed_attempts", sa.Integer(), nullable=False, server_default="5"),
        sa.Column("lock_minutes", sa.Integer(), nullable=False, server_default="15"),
        sa.Column("idle_lock_minutes", sa.Integer(), nullable=False, server_default="10"),
        sa.Column("price_override_limit_bp", sa.Integer(), nullable=False, server_default="1000"),
        sa.CheckConstraint("id = 1", name="ck_security_settings_single_row"),
    )
    op.add_column("audit_log", sa.Column("approved_by", sa.String(64), nullable=True))
    if _sqlite():
        for name, when in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, "
                       f"'cannot change audit_log: {APPEND_ONLY}'); END")
    else:
        op.execute(PG_FUNCTION)
        for name, when in PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION omsdesk_refuse_audit_change()")


def downgrade() -> None:
    if _sqlite():
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS omsdesk_refuse_audit_change()")
    op.drop_column("audit_log", "approved_by")
    op.drop_table("security_settings")
    op.drop_table("users")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"
