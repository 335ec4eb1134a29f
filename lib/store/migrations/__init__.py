"""Alembic migrations of the store (run with ``python -m lib.store upgrade``)."""
