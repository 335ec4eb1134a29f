"""The one setting that picks the store, and the footer line that never shows a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.store import describe_store, describe_url, resolve_url
from lib.store.config import ENV_VAR


def test_the_environment_wins_then_secrets_then_sqlite(tmp_path: Path) -> None:
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    assert resolve_url(tmp_path, {}) == f"sqlite:///{tmp_path}/var/zagros-brief.sqlite"
    assert (tmp_path / "var").is_dir()
    secrets.parent.mkdir()
    secrets.write_text('[connections.store]\nurl = "postgresql://u:p@db/zagros"\n')
    assert resolve_url(tmp_path, {}) == "postgresql://u:p@db/zagros"
    assert resolve_url(tmp_path, {ENV_VAR: "sqlite:////x.sqlite"}) == "sqlite:////x.sqlite"
    assert resolve_url(tmp_path, {ENV_VAR: "  "}) == "postgresql://u:p@db/zagros"


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("postgresql+psycopg://brief:hunter2-PW@db.example.org:5433/zagros", "PostgreSQL · zagros on db.example.org:5433"),
        ("postgresql://brief:hunter2-PW@db/zagros?sslmode=require&password=hunter2-PW", "PostgreSQL · zagros on db"),
        ("postgresql+psycopg://brief@/zagros?host=/run/postgresql", "PostgreSQL · zagros on local socket"),
        ("sqlite:////srv/brief/var/zagros-brief.sqlite", "SQLite · zagros-brief.sqlite"),
    ],
)  # fmt: skip
def test_the_footer_names_engine_and_database_never_the_password(url: str, want: str) -> None:
    assert describe_url(url) == want
    assert "hunter2" not in describe_store(url) and "brief:" not in describe_store(url)
