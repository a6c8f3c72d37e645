"""Jobs of a team as well as of a period: a year plan and a what-if sweep belong to the team (no
period), keep the files they were given and the files they wrote (``job_files``), and read the
team's year inputs (``year_files``: the year's leave, seasonal cover and profile). A team has at
most one queued or running job of each such kind.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_TEAM_ACTIVE = "period_id IS NULL AND state IN ('queued', 'running')"


def upgrade() -> None:
    with op.batch_alter_table("solve_jobs") as batch:
        batch.alter_column("period_id", existing_type=sa.Integer(), nullable=True)
    op.create_index(
        "uq_solve_jobs_active_team_kind",
        "solve_jobs",
        ["team_id", "kind"],
        unique=True,
        sqlite_where=sa.text(_TEAM_ACTIVE),
        postgresql_where=sa.text(_TEAM_ACTIVE),
    )
    op.create_table(
        "job_files",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["solve_jobs.id"], name="fk_job_files_job_id_solve_jobs"),
        sa.PrimaryKeyConstraint("job_id", "name", name="pk_job_files"),
    )
    op.create_table(
        "year_files",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_year_files_team_id_teams"),
        sa.PrimaryKeyConstraint("team_id", "name", name="pk_year_files"),
    )


def downgrade() -> None:
    op.drop_table("year_files")
    op.drop_table("job_files")
    op.drop_index("uq_solve_jobs_active_team_kind", table_name="solve_jobs")
    op.execute("DELETE FROM solve_jobs WHERE period_id IS NULL")
    with op.batch_alter_table("solve_jobs") as batch:
        batch.alter_column("period_id", existing_type=sa.Integer(), nullable=False)
