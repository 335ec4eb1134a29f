"""The benchmark keeps running: its quick mode produces every section with real numbers.

No timing budget is asserted here (timed tests flake on shared machines);
``python -m lib.tools.benchmark`` checks the budgets itself.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from lib.data.catalog import load_catalog
from lib.data.paths import PROJECT_ROOT
from lib.data.schemas import events_schema
from lib.data.validation import read_table
from lib.model.filters import default_filters, filter_events
from lib.tools.bench.alternative import write_alternative
from lib.tools.bench.apptest import CHILD_SCRIPT, AppRun
from lib.tools.bench.budgets import check_budgets
from lib.tools.bench.scaling import ScalePoint, realistic_filters
from lib.tools.synthetic import events_csv, synthetic_events

SECTIONS = (
    "## Environment",
    "## Pages: cold start, warm rerun, map HTML",
    "## Against the obvious alternative",
    "## Scaling with synthetic events",
    "## Budgets",
)


def _rows(report: str, section: str) -> list[list[str]]:
    """The body rows of the first Markdown table after a heading."""
    body = report.split(section, 1)[1].split("\n## ", 1)[0]
    lines = [line for line in body.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def _number(cell: str) -> float:
    match = re.match(r"[-\d,.]+", cell)
    assert match, cell
    return float(match.group(0).replace(",", ""))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_synthetic_events_pass_the_events_schema_and_the_filter(catalog, tmp_path):
    events = synthetic_events(catalog, 500, seed=3)
    assert list(events.columns) == list(catalog.curated.events.columns)
    assert events["event_id"].is_unique and len(events) == 500
    path = tmp_path / "events.csv"
    path.write_text(events_csv(events), encoding="utf-8")
    table = read_table(path, events_schema(tuple(catalog.curated.groups["group_id"])))
    assert table.issues == [] and len(table.frame) == 500
    assert {d.year for d in events["date"]} <= set(range(2022, 2027))
    assert set(events["category"]) <= set(catalog.curated.events["category"])
    everything = default_filters(catalog.curated.groups, events)
    assert len(filter_events(events, everything)) == 500
    some = filter_events(events, realistic_filters(everything))
    assert 0 < len(some) < 500
    assert all(dt.date(2023, 1, 1) <= d <= dt.date(2025, 12, 31) for d in some["date"])


def test_synthetic_events_are_deterministic(catalog):
    a = synthetic_events(catalog, 50, seed=1)
    b = synthetic_events(catalog, 50, seed=1)
    assert events_csv(a) == events_csv(b)
    assert events_csv(a) != events_csv(synthetic_events(catalog, 50, seed=2))


def test_budgets_fail_and_skip_on_the_figures_they_are_given():
    page = AppRun("pages/map.py", cold_s=[4.0], warm_s=[2.0], bytes=900)
    theirs = AppRun("alternative", cold_s=[9.0], warm_s=[3.0], bytes=1000)
    small, large = ScalePoint(1_000, bytes=100), ScalePoint(100_000, bytes=900)
    small.filter_s, small.build_s = [0.0], [1.0]
    large.filter_s, large.build_s = [0.0], [500.0]
    status = {b.name: b.status for b in check_budgets([page], theirs, [small, large])}
    assert status == {
        "map HTML vs alternative": "FAIL",
        "warm/cold pages/map.py": "FAIL",
        "map bytes at 100k": "FAIL",
        "linear growth": "FAIL",
    }
    status = {b.name: b.status for b in check_budgets([], None, [small])}
    assert set(status.values()) == {"SKIP"}


def test_the_child_script_and_the_alternative_are_python(tmp_path):
    compile(CHILD_SCRIPT.read_text(encoding="utf-8"), str(CHILD_SCRIPT), "exec")
    script = write_alternative(tmp_path)
    source = script.read_text(encoding="utf-8")
    compile(source, str(script), "exec")
    assert "GeoDataFrame.explore()" in source and "{raw" not in source and "{{" not in source


def test_quick_benchmark_prints_every_section_with_positive_numbers(tmp_path):
    pytest.importorskip("mapclassify", reason="GeoDataFrame.explore() (the alternative) needs it")
    out = tmp_path / "benchmark.md"
    proc = subprocess.run(
        [sys.executable, "-m", "lib.tools.benchmark", "--quick", "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.is_file(), proc.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    assert report.strip() in proc.stdout
    for section in SECTIONS:
        assert section in report
    assert "nproc" in report and "streamlit 1." in report

    (page,) = _rows(report, SECTIONS[1])
    assert page[0] == "pages/map.py"
    assert all(_number(cell) > 0 for cell in page[1:6])

    alternative = _rows(report, SECTIONS[2])
    assert [row[0] for row in alternative] == [
        "cold start s",
        "warm rerun s",
        "warm/cold",
        "map HTML bytes",
    ]
    assert all(_number(cell) > 0 for row in alternative for cell in row[1:3])

    scaling = _rows(report, SECTIONS[3])
    assert [_number(row[0]) for row in scaling] == [100, 1000]
    assert all(_number(cell) > 0 for row in scaling for cell in row[1:])

    # Quick mode measures the map page, the alternative and 100 and 1,000 events: every
    # budget but the one at 100,000 events has its figures.
    budgets = {row[0]: row[-1].strip("*") for row in _rows(report, SECTIONS[4])}
    assert set(budgets) == {
        "map HTML vs alternative",
        "warm/cold pages/map.py",
        "map bytes at 100k",
        "linear growth",
        "Bytes by zoom",
    }
    assert budgets.pop("map bytes at 100k") == "SKIP"
    assert set(budgets.values()) <= {"PASS", "FAIL"}, budgets
    # A failed budget is the benchmark's verdict, not this test's; its exit code says it.
    failed = "FAIL" in budgets.values()
    assert proc.returncode == (1 if failed else 0), proc.stderr[-3000:]
    assert "Page errors" not in report
