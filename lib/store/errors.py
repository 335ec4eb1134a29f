"""What can go wrong with the store, each as its own exception with a message an operator can act on.

Every message names the store by :func:`lib.store.config.describe_url` (engine, host,
database), never by its full URL: a URL may carry a password.
"""

from __future__ import annotations

import sqlalchemy.exc as sa_exc


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class StoreUnreachable(StoreError):
    """The database server cannot be reached (down, wrong host or port, refused login)."""


class StoreCorrupt(StoreError):
    """The SQLite file exists but is not a database (or is damaged)."""


class StoreNotInitialised(StoreError):
    """The database has no store schema yet."""


class SchemaOutdated(StoreError):
    """The database schema is older than the code: it needs ``python -m lib.store upgrade``."""


class SchemaNewer(StoreError):
    """The database schema is newer than the code: the app needs updating, not the database."""


class ConnectionLost(StoreError):
    """The connection dropped during a write; the database rolled the write back."""


class StaleEdit(StoreError):
    """An update was based on a version of a record that has since been changed."""


class RecordNotFound(StoreError):
    """No record of that kind and id."""


class RecordExists(StoreError):
    """A record of that kind and id already exists (perhaps retired: restore it)."""


class StoreNotEmpty(StoreError):
    """An import into a store that already holds records, without saying to replace them."""


class InvalidChange(StoreError):
    """A change the store refuses: no reason given, unknown kind, malformed record."""


class ValidationFailed(StoreError):
    """Data files that do not validate: nothing was imported.

    Attributes
    ----------
    messages : list of str
        One line per problem: file, row, field and problem.
    """

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        lines = "\n".join(f"  - {m}" for m in messages)
        super().__init__(f"{len(messages)} problem(s) in the data; nothing was imported:\n{lines}")


def _text(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip()


def translate(exc: sa_exc.DBAPIError, where: str, during_write: bool = False) -> StoreError:
    """Turn a driver error into the store's own exception.

    Parameters
    ----------
    exc : sqlalchemy.exc.DBAPIError
        What SQLAlchemy raised.
    where : str
        The store, as :func:`lib.store.config.describe_url` gives it.
    during_write : bool
        Whether a write transaction was open (a dropped connection then means
        the change was rolled back, not half-made).

    Returns
    -------
    StoreError
        The specific error; the caller raises it ``from exc``.
    """
    text = _text(exc)
    lowered = text.lower()
    if "file is not a database" in lowered or "database disk image is malformed" in lowered:
        return StoreCorrupt(
            f"The store file ({where}) is not a SQLite database or is damaged ({text}). "
            "Restore it from a backup (docs/store.md), or move it aside and run "
            "`python -m lib.store init` to start again from geodata/."
        )
    if "unable to open database file" in lowered:
        return StoreUnreachable(
            f"Cannot open the store file ({where}): {text}. Check that its folder exists "
            "and is writable."
        )
    lost = exc.connection_invalidated or any(
        marker in lowered
        for marker in ("terminating connection", "server closed the connection", "connection")
    )
    if during_write and lost:
        return ConnectionLost(
            f"The connection to the store ({where}) was lost during a write: {text}. "
            "The database rolled that change back; every change committed before it is "
            "kept. Check the server, then make the change again."
        )
    if isinstance(exc, sa_exc.OperationalError) or exc.connection_invalidated:
        return StoreUnreachable(
            f"Cannot reach the store ({where}): {text}. Check that the database server "
            "is running and that ZAGROS_BRIEF_DB (or [connections.store] url in "
            ".streamlit/secrets.toml) points at it."
        )
    return StoreError(f"Database error in the store ({where}): {text}")
