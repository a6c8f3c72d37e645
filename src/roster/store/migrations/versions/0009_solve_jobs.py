"""Solves asked for on the web page, kept in the store: any server process shows and stops them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "solve_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Text(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("objective", sa.Float(), nullable=True),
        sa.Column("bound", sa.Float(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("cancel_requested_by", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_solve_jobs_team_id_teams"),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], name="fk_solve_jobs_period_id_periods"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_solve_jobs_version_id_versions"),
        sa.PrimaryKeyConstraint("id", name="pk_solve_jobs"),
    )
    op.create_index("ix_solve_jobs_team_id", "solve_jobs", ["team_id"])
    op.create_index("ix_solve_jobs_period_id", "solve_jobs", ["period_id"])
    # at most one running solve of a period, whichever server process starts it
    op.create_index(
        "uq_solve_jobs_running_period",
        "solve_jobs",
        ["period_id"],
        unique=True,
        sqlite_where=sa.text("state = 'running'"),
        postgresql_where=sa.text("state = 'running'"),
    )


def downgrade() -> None:
    op.drop_table("solve_jobs")
