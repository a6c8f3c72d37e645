"""A version keeps the solver's own objective beside the validator's.

``objective`` stays the independent validator's recomputation; ``solver_objective`` is the figure
the solver reported for the request it solved (none for a roster amended by hand), so the two can
be compared.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("versions", sa.Column("solver_objective", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("versions") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("solver_objective")
