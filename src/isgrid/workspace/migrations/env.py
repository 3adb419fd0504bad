"""Alembic environment of the jury workspace: run on the connection isgrid gives it."""

from __future__ import annotations

from alembic import context

from isgrid.workspace.db import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - isgrid always passes its connection
    raise RuntimeError("run the workspace migrations through isgrid.workspace.db.migrate")
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
