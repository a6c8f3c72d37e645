"""One-time links a manager makes for a person to set a new password.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reset_links",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_reset_links_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_reset_links"),
    )
    op.create_index("ix_reset_links_user_id", "reset_links", ["user_id"])
    op.create_index("ix_reset_links_expires_at", "reset_links", ["expires_at"])


def downgrade() -> None:
    op.drop_table("reset_links")
