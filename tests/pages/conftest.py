"""Page tests that write: each test's app reads its own copy of one seeded SQLite store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.data.paths import GEODATA_DIR
from lib.store import Store
from lib.store.config import ENV_VAR


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store seeded from geodata/ once per test session (tests copy it)."""
    path = tmp_path_factory.mktemp("seed") / "seed.sqlite"
    store = Store(f"sqlite:///{path}")
    store.init(GEODATA_DIR, who="seed", why="page test seed")
    store.close()
    return path


@pytest.fixture
def store(seeded_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A fresh copy of the seeded store, which the app under test is pointed at."""
    path = tmp_path / "zagros-brief.sqlite"
    shutil.copyfile(seeded_file, path)
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{path}")
    opened = Store(f"sqlite:///{path}")
    yield opened
    opened.close()
