"""Shift swaps: a shift of a published roster offered, taken, and approved or refused.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "swaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("shift_date", sa.Date(), nullable=False),
        sa.Column("offered_by", sa.String(100), nullable=False),
        sa.Column("offered_to", sa.String(100), nullable=True),
        sa.Column("taker", sa.String(100), nullable=True),
        sa.Column("return_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("result_version_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_swaps_team_id_teams"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_swaps_version_id_versions"),
        sa.ForeignKeyConstraint(
            ["result_version_id"], ["versions.id"], name="fk_swaps_result_version_id_versions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_swaps"),
    )
    op.create_index("ix_swaps_team_id", "swaps", ["team_id"])
    op.create_index("ix_swaps_version_id", "swaps", ["version_id"])


def downgrade() -> None:
    op.drop_table("swaps")
