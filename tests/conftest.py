"""Shared fixtures: the real catalog, and a writable copy of geodata/ to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lib.data.catalog import Catalog, load_catalog
from lib.data.paths import GEODATA_DIR
from lib.model.filters import Filters, default_filters


@pytest.fixture(scope="session", autouse=True)
def test_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Every app the tests start reads a store of the test session's own.

    Seeded from geodata/ on first use, like the default store; a developer's own
    ``var/zagros-brief.sqlite`` (and whatever they edited in it) is never touched.
    Tests that need another store, or the data files read directly, set or clear
    ``ZAGROS_BRIEF_DB`` themselves.
    """
    url = os.environ.get("ZAGROS_BRIEF_DB") or (
        f"sqlite:///{tmp_path_factory.mktemp('store') / 'zagros-brief.sqlite'}"
    )
    os.environ["ZAGROS_BRIEF_DB"] = url
    return url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, one for the whole test session (every folder shares it)."""
    from tests.browser.conftest import launch_browser

    yield from launch_browser()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(GEODATA_DIR)


@pytest.fixture(scope="session")
def all_filters(catalog: Catalog) -> Filters:
    return default_filters(catalog.curated.groups, catalog.curated.events)


@pytest.fixture
def geodata_copy(tmp_path: Path) -> Path:
    """A copy of geodata/ that a test may corrupt (of the raw inputs, only the gazetteer)."""
    target = tmp_path / "geodata"

    def ignore(folder: str, names: list[str]) -> list[str]:
        if Path(folder).name == "raw":
            return [n for n in names if n != "geonames_places_region.csv"]
        return []

    shutil.copytree(GEODATA_DIR, target, ignore=ignore)
    return target


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the bad-input cases and how each was handled (issue: bad input table)."""
    from tests.bad_input_report import REPORT, ROWS, table

    if not ROWS:
        return
    text = table()
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text + "\n", encoding="utf-8")
    terminalreporter.section(f"bad input: {len(ROWS)} cases (also in {REPORT.name})")
    terminalreporter.write_line(text)
