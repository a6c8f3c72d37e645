"""Solve jobs may wait on a cluster: at most one queued or running job a period, one running job a
team, and the solver's settings kept with the job (a worker starts the team's next one).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("solve_jobs") as batch:
        batch.add_column(sa.Column("settings", sa.Text(), nullable=False, server_default=""))
    op.create_index(
        "uq_solve_jobs_running_team",
        "solve_jobs",
        ["team_id"],
        unique=True,
        sqlite_where=sa.text("state = 'running'"),
        postgresql_where=sa.text("state = 'running'"),
    )
    op.drop_index("uq_solve_jobs_running_period", table_name="solve_jobs")
    op.create_index(
        "uq_solve_jobs_active_period",
        "solve_jobs",
        ["period_id"],
        unique=True,
        sqlite_where=sa.text("state IN ('queued', 'running')"),
        postgresql_where=sa.text("state IN ('queued', 'running')"),
    )


def downgrade() -> None:
    op.drop_index("uq_solve_jobs_running_team", table_name="solve_jobs")
    with op.batch_alter_table("solve_jobs") as batch:
        batch.drop_column("settings")
    op.drop_index("uq_solve_jobs_active_period", table_name="solve_jobs")
    op.create_index(
        "uq_solve_jobs_running_period",
        "solve_jobs",
        ["period_id"],
        unique=True,
        sqlite_where=sa.text("state = 'running'"),
        postgresql_where=sa.text("state = 'running'"),
    )
