"""Open shifts: people volunteering for the hours a published roster leaves short of cover.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "volunteers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("shift_date", sa.Date(), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(100), nullable=False),
        sa.Column("employee_id", sa.String(100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("result_version_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_volunteers_team_id_teams"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_volunteers_version_id_versions"),
        sa.ForeignKeyConstraint(
            ["result_version_id"], ["versions.id"], name="fk_volunteers_result_version_id_versions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_volunteers"),
    )
    op.create_index("ix_volunteers_team_id", "volunteers", ["team_id"])
    op.create_index("ix_volunteers_version_id", "volunteers", ["version_id"])


def downgrade() -> None:
    op.drop_table("volunteers")
