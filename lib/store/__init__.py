"""The live file: every curated record with its history, on SQLite or PostgreSQL + PostGIS.

See ``docs/store.md``. The app reads and writes through :class:`Store`; the
command line is ``python -m lib.store`` (:mod:`lib.store.cli`).
"""

from lib.store.config import describe_url, resolve_url
from lib.store.errors import (
    ConnectionLost,
    InvalidChange,
    RecordExists,
    RecordNotFound,
    SchemaNewer,
    SchemaOutdated,
    StaleEdit,
    StoreCorrupt,
    StoreError,
    StoreNotEmpty,
    StoreNotInitialised,
    StoreUnreachable,
    ValidationFailed,
)
from lib.store.records import DraftRow, Record, Revision
from lib.store.store import Batch, Store


def describe_store(url: str | None = None) -> str:
    """The store for the sidebar footer: engine and database, never a password.

    Parameters
    ----------
    url : str, optional
        Default: the URL the one setting chooses (:func:`resolve_url`).

    Returns
    -------
    str
        e.g. ``SQLite · zagros-brief.sqlite`` or ``PostgreSQL · zagros on db:5432``.
    """
    return describe_url(url or resolve_url())


__all__ = [
    "Batch",
    "ConnectionLost",
    "DraftRow",
    "InvalidChange",
    "Record",
    "RecordExists",
    "RecordNotFound",
    "Revision",
    "SchemaNewer",
    "SchemaOutdated",
    "StaleEdit",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreNotEmpty",
    "StoreNotInitialised",
    "StoreUnreachable",
    "ValidationFailed",
    "describe_store",
    "describe_url",
    "resolve_url",
]
