"""Alembic's environment: the store passes its own connection (``config.attributes``)."""

from __future__ import annotations

from alembic import context

from roster.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
