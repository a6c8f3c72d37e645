"""Jobs of more than one kind: a solve of a period, a manager's minimal-change re-solve of a
version (its edit kept in the job's ``settings``), or the changes that would close a version's gap
in cover (their table kept in the job's ``result``), run by whichever worker claims it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("solve_jobs") as batch:
        batch.add_column(sa.Column("kind", sa.String(20), nullable=False, server_default="solve"))
        batch.add_column(sa.Column("result", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("solve_jobs") as batch:
        batch.drop_column("result")
        batch.drop_column("kind")
