"""Which database the store uses, and how the app names it without giving a password away.

One setting chooses the engine, first found wins:

1. the environment variable ``ZAGROS_BRIEF_DB`` (a SQLAlchemy URL);
2. ``url`` under ``[connections.store]`` in ``.streamlit/secrets.toml``;
3. SQLite at ``var/zagros-brief.sqlite`` in the project folder.
"""

from __future__ import annotations

import os
import sqlite3
import time
import tomllib
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from lib.data.paths import PROJECT_ROOT

ENV_VAR = "ZAGROS_BRIEF_DB"
DEFAULT_SQLITE = Path("var") / "zagros-brief.sqlite"
#: Seconds to wait for a server (PostgreSQL) or a lock (SQLite) before giving up.
CONNECT_TIMEOUT_S = 5
SQLITE_BUSY_TIMEOUT_S = 30


def resolve_url(project_root: Path = PROJECT_ROOT, environ: dict[str, str] | None = None) -> str:
    """The store's SQLAlchemy URL from the one setting (environment, secrets file, default).

    Parameters
    ----------
    project_root : pathlib.Path
        The project folder (holds ``.streamlit/secrets.toml`` and ``var/``).
    environ : dict, optional
        The environment to read (default ``os.environ``).

    Returns
    -------
    str
        A SQLAlchemy URL. For the default SQLite file, ``var/`` is created.
    """
    env = os.environ if environ is None else environ
    if env.get(ENV_VAR, "").strip():
        return env[ENV_VAR].strip()
    secrets = project_root / ".streamlit" / "secrets.toml"
    if secrets.is_file():
        with secrets.open("rb") as fh:
            data = tomllib.load(fh)
        url = data.get("connections", {}).get("store", {}).get("url")
        if isinstance(url, str) and url.strip():
            return url.strip()
    path = project_root / DEFAULT_SQLITE
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def normalise_url(url: str | URL) -> URL:
    """A URL with an explicit driver: plain ``postgresql://`` means psycopg 3 here."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def describe_url(url: str | URL) -> str:
    """The store in a few words, for the sidebar footer and error messages.

    Parameters
    ----------
    url : str or sqlalchemy.engine.URL
        The store's URL.

    Returns
    -------
    str
        Engine and database (``SQLite · zagros-brief.sqlite``,
        ``PostgreSQL · zagros on db.example.org:5432``); never the user's
        password nor any query parameter (which may carry one).
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        name = Path(parsed.database).name if parsed.database else "in memory"
        return f"SQLite · {name}"
    engine = {"postgresql": "PostgreSQL"}.get(backend, backend)
    host = parsed.host or "local socket"
    if parsed.port:
        host = f"{host}:{parsed.port}"
    return f"{engine} · {parsed.database or '(default database)'} on {host}"


def _wal(cur: Any) -> None:
    """Put the file in WAL mode (kept in the file: a later connection finds it set).

    Switching needs a moment's exclusive lock, and SQLite may refuse it at once
    ("database is locked") rather than wait, when another process is seeding the
    new file: that process will have set WAL, or the switch is tried again until the
    busy timeout.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_hooks(engine: Engine) -> None:
    """SQLite as the store needs it: real transactions, WAL, durable commits."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the sqlite3 module) open transactions, so that DDL
        # in migrations is transactional too.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
        _wal(cur)
        # FULL: a commit is on disk before it returns (no committed change lost on power loss).
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def make_engine(url: str | URL) -> Engine:
    """An engine for the store's URL, set up for its dialect.

    Parameters
    ----------
    url : str or sqlalchemy.engine.URL
        SQLite or PostgreSQL URL.

    Returns
    -------
    sqlalchemy.engine.Engine
        Connections are checked before use (a restarted server is not an error).
    """
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        _sqlite_hooks(engine)
        return engine
    args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        args["connect_timeout"] = CONNECT_TIMEOUT_S
    return sa.create_engine(parsed, pool_pre_ping=True, connect_args=args)
