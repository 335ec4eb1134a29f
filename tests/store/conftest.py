"""Fixtures: a store URL per engine (SQLite always; PostgreSQL + PostGIS when installed).

PostgreSQL tests skip when the server binaries are missing, except under
``CI=true`` where they fail: CI installs them (``.ci/run``).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.data.paths import GEODATA_DIR
from lib.store import Store
from tests.store.pg_cluster import Cluster, find_bin

ENGINES = ["sqlite", "postgresql"]
_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One PostgreSQL 15 + PostGIS cluster for the whole session."""
    bin_dir = find_bin()
    if bin_dir is None:
        message = (
            "PostgreSQL server binaries not found "
            "(apt-get install postgresql-15 postgresql-15-postgis-3)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
    except Exception:
        cluster.stop()
        raise
    yield cluster
    cluster.stop()


def new_url(engine: str, tmp_path: Path, request: pytest.FixtureRequest, template: str = "") -> str:
    """A URL of a new, empty database of ``engine`` (``template``: copy that one)."""
    if engine == "sqlite":
        path = tmp_path / f"store-{next(_names)}.sqlite"
        if template:
            shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"zb_test_{next(_names)}", template or None)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each test using it runs on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture
def empty_url(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database (no schema) of the engine."""
    return new_url(engine, tmp_path, request)


@pytest.fixture(scope="session")
def seeded_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Per engine, a store seeded from geodata/ once, to copy for each test."""
    return {}


@pytest.fixture
def seeded(
    engine: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    seeded_templates: dict[str, str],
) -> Iterator[Store]:
    """A store on the engine, initialised and seeded from geodata/ (a fresh copy per test)."""
    if engine not in seeded_templates:
        if engine == "sqlite":
            folder = request.getfixturevalue("tmp_path_factory").mktemp("seed")
            path = folder / "seed.sqlite"
            first = Store(f"sqlite:///{path}")
            first.init(GEODATA_DIR, who="seed", why="test seed")
            first.close()
            seeded_templates[engine] = str(path)
        else:
            cluster: Cluster = request.getfixturevalue("pg_cluster")
            first = Store(cluster.create_database("zb_seed_template"))
            first.init(GEODATA_DIR, who="seed", why="test seed")
            first.close()
            seeded_templates[engine] = "zb_seed_template"
    store = Store(new_url(engine, tmp_path, request, seeded_templates[engine]))
    yield store
    store.close()
