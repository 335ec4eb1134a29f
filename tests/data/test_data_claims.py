"""The border-length claim on the project's data: it covers every line and every figure.

Invariant: the check reads the lines from the border analysis and the figures
from ``published_border_lengths.csv``, so a line or a row added there shows up
in the check with no change to its code.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lib.analysis.border import measured_for
from lib.analysis.border.geometry import vertex_count
from lib.analysis.border.lines import LineSource, read_line_sources
from lib.analysis.claims import ClaimCheck, check_claims
from lib.data.catalog import Catalog, load_catalog
from lib.data.paths import GEODATA_DIR, RAW_DIR
from lib.data.rows import published_when
from lib.geo.geodesy import format_km, length_km

LENGTHS_CSV = GEODATA_DIR / "curated" / "published_border_lengths.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def check(catalog: Catalog) -> ClaimCheck:
    (result,) = check_claims(catalog, raw_dir=RAW_DIR, kind="border_length")
    return result


@pytest.fixture(scope="module")
def line_sources(catalog: Catalog) -> list[LineSource]:
    sources, problems = read_line_sources(RAW_DIR, catalog.boundaries)
    assert problems == []
    return sources


def test_the_check_covers_every_line_the_border_analysis_reads(
    check: ClaimCheck, line_sources: list[LineSource]
) -> None:
    by_ref = {e.ref: e for e in check.evidence}
    assert len(line_sources) >= 6
    for source in line_sources:
        evidence = by_ref[f"line:{source.key}"]
        assert evidence.what == f"Measured: {source.label}"
        assert evidence.figure == format_km(length_km(source.geometry))
        assert f"{vertex_count(source.geometry):,} vertices, {source.detail}" in evidence.note
    lines = [e for e in check.evidence if e.ref.startswith("line:")]
    assert len(lines) == len(line_sources)


def test_the_check_covers_every_row_of_the_published_lengths_file(check: ClaimCheck) -> None:
    rows = _rows(LENGTHS_CSV)
    by_ref = {e.ref: e for e in check.evidence}
    assert len(rows) >= 8
    for row in rows:
        evidence = by_ref[f"published:{row['figure_id']}"]
        assert evidence.figure == format_km(float(row["figure_km"]))
        assert row["by"] in evidence.what and published_when(row["date"]) in evidence.what
        assert evidence.source == row["sources"]
    published = [e for e in check.evidence if e.ref.startswith("published:")]
    assert len(published) == len(rows)


def test_a_row_added_to_the_file_shows_up_in_the_check(geodata_copy: Path) -> None:
    path = geodata_copy / "curated" / "published_border_lengths.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(
            [
                "test-2099",
                "2345",
                "Test Gazette",
                "2099-01-02",
                "",
                "low",
                "a test row",
                "t.example",
            ]
        )
    catalog = load_catalog(geodata_copy)
    assert catalog.issues == []
    (check,) = check_claims(catalog, raw_dir=RAW_DIR, kind="border_length")
    (added,) = [e for e in check.evidence if e.ref == "published:test-2099"]
    assert added.what == "Published: Test Gazette, 2 Jan 2099"
    assert added.figure == format_km(2345)
    assert f"–{format_km(2345)}," in check.summary  # the new top of the published range


def test_the_verdict_reads_the_ranges_from_the_data(check: ClaimCheck, catalog: Catalog) -> None:
    lengths = catalog.curated.published_border_lengths
    others = lengths[~lengths["by"].str.contains("Peregraf")]
    analysis = measured_for(catalog, RAW_DIR)
    assert analysis is not None
    measured = analysis.lengths[analysis.lengths["kind"] == "measured"]["km"]
    claimed = float(
        catalog.curated.claims.set_index("claim_id").loc["border-length", "claimed_value"]
    )
    assert check.verdict == "within range"
    low, high = others["figure_km"].min(), others["figure_km"].max()
    assert (
        f"{format_km(claimed)} is within the range of published figures "
        f"({format_km(low)[:-3]}–{format_km(high)}"
    ) in check.summary
    assert (
        f"({format_km(measured.min())[:-3]}–{format_km(measured.max())} depending on detail"
        in check.summary
    )
    # Two sources give the article's figure: the article and IRNA quoting Iraq's commander.
    same = others[others["figure_km"] == claimed]
    assert len(same) >= 1
    assert "independent sources give" in check.summary
    for by in same["by"]:
        assert by in check.summary
    assert "coastline effect" in check.why and "OCHA 2019" in check.why


def test_every_published_figure_carries_its_provenance(catalog: Catalog) -> None:
    lengths = catalog.curated.published_border_lengths
    assert len(lengths) == len(_rows(LENGTHS_CSV))  # no row dropped by validation
    for row in lengths.to_dict("records"):
        assert row["sources"] and row["confidence"] in ("low", "medium", "high"), row
        if not row["date"]:
            assert row["note"], row  # an undated figure says why


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("date", "2017-02-30", "that day does not exist"),
        ("date", "March 2017", "is not a date"),
        ("confidence", "sure", "is not one of low, medium, high"),
        ("figure_id", "", "required but empty"),
    ],
)
def test_a_bad_published_row_is_named(
    geodata_copy: Path, column: str, value: str, problem: str
) -> None:
    path = geodata_copy / "curated" / "published_border_lengths.csv"
    rows = _rows(path)
    rows[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    catalog = load_catalog(geodata_copy)
    (issue,) = catalog.issues
    assert issue.file == "curated/published_border_lengths.csv"
    assert issue.field == column and problem in issue.problem


def test_an_undated_figure_without_a_note_is_named(geodata_copy: Path) -> None:
    path = geodata_copy / "curated" / "published_border_lengths.csv"
    rows = _rows(path)
    rows[1]["date"], rows[1]["note"] = "", ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    catalog = load_catalog(geodata_copy)
    (issue,) = catalog.issues
    assert issue.field == "note" and "date is empty" in issue.problem
    assert len(catalog.curated.published_border_lengths) == len(rows) - 1
