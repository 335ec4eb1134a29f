"""A throwaway PostgreSQL cluster for the tests: initdb into a temp dir, a free port, a unix socket.

Uses the installed server binaries (Debian: ``postgresql-15`` and
``postgresql-15-postgis-3``; ``ZB_PG_BIN`` may name another ``bin`` folder). Run
as root, the cluster belongs to the ``postgres`` OS user (initdb refuses root).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg


def find_bin() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (PostgreSQL 15 first), or None."""
    if os.environ.get("ZB_PG_BIN"):
        candidates = [os.environ["ZB_PG_BIN"]]
    else:
        candidates = [f"/usr/lib/postgresql/{v}/bin" for v in (15, 16, 17, 14)]
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One PostgreSQL server in a temp dir, reachable only through its unix socket."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="zb-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._user: list[str] = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self._user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._user, *args], check=True, capture_output=True, text=True)

    def start(self) -> None:
        """initdb, start the server, create PostGIS in ``template1`` (new databases inherit it)."""
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-sync")  # fmt: skip
        options = f"-p {self.port} -k {self.root} -c listen_addresses='' -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                  "-t", "60", "-l", str(self.root / "server.log"), "start")  # fmt: skip
        with self.admin("template1") as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")

    def admin(self, dbname: str = "postgres") -> psycopg.Connection:
        """An autocommit superuser connection."""
        return psycopg.connect(
            host=str(self.root), port=self.port, user="postgres", dbname=dbname, autocommit=True
        )

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL of one database of the cluster."""
        return f"postgresql+psycopg://postgres@/{dbname}?host={self.root}&port={self.port}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of ``template`` if given); returns its URL."""
        with self.admin() as conn:
            suffix = f" TEMPLATE {template}" if template else ""
            conn.execute(f"CREATE DATABASE {name}{suffix}")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (fast: connections dropped) and remove the temp dir."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)
