"""The benchmark's store-at-scale part runs at a tiny size on both engines.

No timing budget is asserted (timed tests flake on shared machines); the ids the SQL
query selects must equal the pandas path's. PostgreSQL is skipped without the
server binaries, except under ``CI=true`` where that fails (as in the other store tests).
"""

from __future__ import annotations

import os
import re

import pytest

from lib.tools.bench.apptest import AppRun
from lib.tools.bench.store_scale import measure_store_scale, render_store_scale, store_budgets
from tests.store.pg_cluster import find_bin

N = 200


@pytest.fixture(scope="module")
def runs():
    return measure_store_scale(N, cold_repeats=1, repeats=1)


def _number(cell: str) -> float:
    match = re.match(r"[-\d,.]+", cell)
    assert match, cell
    return float(match.group(0).replace(",", ""))


def test_sqlite_store_is_measured(runs):
    sqlite = runs[0]
    assert sqlite.engine == "sqlite" and not sqlite.skipped
    _check(sqlite)


def test_postgresql_store_is_measured(runs):
    pg = runs[1]
    assert pg.engine == "postgresql"
    if find_bin() is None:
        message = "PostgreSQL server binaries not found"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        assert pg.skipped
        pytest.skip(message)
    assert not pg.skipped
    _check(pg)


def _check(run):
    assert run.records > N and run.seed_s > 0 and run.revision_s > 0
    assert run.view.kept > 0 and run.view.same_ids
    assert min(run.view.pandas_s) > 0 and min(run.view.sql_s) > 0
    page = run.page
    assert page is not None and page.errors == []
    assert page.cold > 0 and page.warm > 0 and page.bytes > 0 and page.filter_applied


def test_report_has_a_row_per_engine_and_the_budgets(runs):
    seed = AppRun("pages/map.py", cold_s=[2.0], warm_s=[0.3], bytes=1000, filter_applied=True)
    lines = render_store_scale(runs, seed)
    text = "\n".join(lines)
    assert "## Store at scale" in text
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| store")]
    page_rows = [r for r in rows if "seed +" in r and r.count("|") == 10]
    measured = [r for r in runs if not r.skipped]
    assert len(page_rows) == len(measured) and any(r.startswith("| seed data") for r in rows)
    for row in page_rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert all(_number(c) > 0 for c in cells[1:8]), row
    status = {b.name: b.status for b in store_budgets(runs)}
    assert status[f"SQL = pandas view, sqlite, {N:,} events"] == "PASS"
    assert f"warm/cold map page, sqlite, {N:,} events" in status
    if not runs[1].skipped:
        assert status[f"SQL = pandas view, postgresql, {N:,} events"] == "PASS"
