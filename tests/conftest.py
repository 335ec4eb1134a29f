"""Shared fixtures: the real catalog, and a writable copy of geodata/ to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lib.catalog import Catalog, load_catalog
from lib.filters import Filters, default_filters
from lib.paths import GEODATA_DIR


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(GEODATA_DIR)


@pytest.fixture(scope="session")
def all_filters(catalog: Catalog) -> Filters:
    return default_filters(catalog.curated.groups, catalog.curated.events)


@pytest.fixture
def geodata_copy(tmp_path: Path) -> Path:
    """A copy of geodata/ (without raw inputs) that a test may corrupt."""
    target = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, target, ignore=shutil.ignore_patterns("raw"))
    return target
