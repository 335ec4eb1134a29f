"""Alembic environment: runs on the connection :mod:`lib.store.migrate` hands over.

No ``alembic.ini`` and no URL here: the store opens the connection (with its
SQLite settings) and passes it in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from lib.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
