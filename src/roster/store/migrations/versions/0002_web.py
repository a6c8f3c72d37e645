"""The team's web page: users and their roles per team, roster periods open for wishes, the
wishes themselves, the sign-in rate limit and the installation's settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_settings"),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("address", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sign_in_failures"),
    )
    op.create_index("ix_sign_in_failures_at", "sign_in_failures", ["at"])
    op.create_index("ix_sign_in_failures_username", "sign_in_failures", ["username"])
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("calendar_token", sa.String(64), nullable=False),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("calendar_token", name="uq_users_calendar_token"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("employee_id", sa.String(100), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_memberships_team_id_teams"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_memberships_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_memberships"),
        sa.UniqueConstraint("team_id", "employee_id", name="uq_memberships_team_employee"),
        sa.UniqueConstraint("user_id", "team_id", "role", name="uq_memberships_user_team_role"),
    )
    op.create_index("ix_memberships_team_id", "memberships", ["team_id"])
    op.create_index("ix_memberships_user_id", "memberships", ["user_id"])
    op.create_table(
        "periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("opened_by", sa.String(200), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["snapshot_id"], ["snapshots.id"], name="fk_periods_snapshot_id_snapshots"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_periods_team_id_teams"),
        sa.PrimaryKeyConstraint("id", name="pk_periods"),
        sa.UniqueConstraint("team_id", "start_date", name="uq_periods_team_start"),
    )
    op.create_index("ix_periods_team_id", "periods", ["team_id"])
    op.create_table(
        "day_wishes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.String(100), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("strength", sa.String(10), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], name="fk_day_wishes_period_id_periods"),
        sa.PrimaryKeyConstraint("id", name="pk_day_wishes"),
        sa.UniqueConstraint("period_id", "employee_id", "date", name="uq_day_wishes_period_employee_date"),
    )
    op.create_index("ix_day_wishes_period_id", "day_wishes", ["period_id"])
    op.create_table(
        "standing_wishes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.String(100), nullable=False),
        sa.Column("weekday", sa.String(3), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("time", sa.Integer(), nullable=True),
        sa.Column("strength", sa.String(10), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], name="fk_standing_wishes_period_id_periods"),
        sa.PrimaryKeyConstraint("id", name="pk_standing_wishes"),
    )
    op.create_index("ix_standing_wishes_period_id", "standing_wishes", ["period_id"])
    op.create_table(
        "submissions",
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.String(100), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], name="fk_submissions_period_id_periods"),
        sa.PrimaryKeyConstraint("period_id", "employee_id", name="pk_submissions"),
    )


def downgrade() -> None:
    for table in (
        "submissions",
        "standing_wishes",
        "day_wishes",
        "periods",
        "memberships",
        "users",
        "sign_in_failures",
        "settings",
    ):
        op.drop_table(table)
