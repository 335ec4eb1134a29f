"""The border-length claim's verdict and wording, on small lines and tables made here.

Lines are fake :class:`~lib.analysis.border.lines.LineSource` objects measured by the
same :func:`~lib.analysis.border.lines.length_table` the border page uses; published
figures are a small frame in the shape of ``published_border_lengths.csv``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from shapely.geometry import LineString

from lib.analysis.border.lines import LineSource, length_table
from lib.analysis.claims import check_border_length
from lib.geo.geodesy import format_km, length_km

#: Three renderings of one ~111 km north–south line: the more vertices, the more bends.
STRAIGHT = LineString([(45.0, 31.0), (45.0, 30.0)])
BENT = LineString([(45.0, 31.0), (45.05, 30.75), (44.95, 30.5), (45.05, 30.25), (45.0, 30.0)])
BENDIER = LineString(
    [
        (45.0, 31.0 - i / 16) if i % 2 == 0 else (45.0 + 0.04 * (-1) ** (i // 2), 31.0 - i / 16)
        for i in range(17)
    ]
)
SOURCES = [
    LineSource("fine", "Test line, fine", "raw line", "Mapdata (test)", BENDIER),
    LineSource("mid", "Test line, middle", "simplified", "Mapdata (test)", BENT),
    LineSource("other", "Other survey", "1:10m", "Other survey (test)", STRAIGHT),
]
KM = {s.key: length_km(s.geometry) for s in SOURCES}


def published(*rows: tuple[str, float, str, str]) -> pd.DataFrame:
    """A published-figures frame: (figure_id, km, by, date) per row."""
    return pd.DataFrame(
        [
            {
                "figure_id": fid,
                "figure_km": km,
                "by": by,
                "date": date or None,
                "wording": f"about {km:,.0f} km" if fid.startswith("about") else None,
                "confidence": "medium",
                "note": None if date else "no date given",
                "sources": f"{fid}.example",
            }
            for fid, km, by, date in rows
        ],
        columns=[
            "figure_id",
            "figure_km",
            "by",
            "date",
            "wording",
            "confidence",
            "note",
            "sources",
        ],
        dtype=object,
    )


def measured(sources=SOURCES) -> pd.DataFrame:
    table = length_table(sources, published())
    return table[table["kind"] == "measured"]


def claim(km: float) -> dict:
    return {"claim_id": "len", "statement": f"The border is {km:,.0f} km", "claimed_value": km}


def km_range(low: float, high: float) -> str:
    return f"{format_km(low)[:-3]}–{format_km(high)}"


def test_the_lines_differ_as_expected() -> None:
    assert KM["fine"] > KM["mid"] > KM["other"]


def test_inside_both_ranges() -> None:
    figures = published(
        ("the-article", 118, "Outlet (the article)", "2025-08-16"),
        ("a", KM["other"] - 2, "Agency A", "2017-03-08"),
        ("b", KM["fine"] + 3, "Agency B", "2020"),
    )
    claimed = (KM["mid"] + KM["other"]) / 2
    check = check_border_length(claim(claimed), measured(), figures, "Outlet")
    assert check.verdict == "within range"
    assert check.summary.startswith(
        f"{format_km(claimed)} is within the range of published figures "
        f"({km_range(KM['other'] - 2, KM['fine'] + 3)}, two other sources) and within that of "
        f"the lines the project measures ({km_range(KM['other'], KM['fine'])} depending on "
        "detail, three lines)."
    )
    # No other source gives the figure: the nearest one is named.
    assert "No other source gives" in check.summary and "the nearest is" in check.summary


def test_outside_both_ranges() -> None:
    figures = published(("a", KM["mid"], "Agency A", "2017"), ("b", KM["fine"], "Agency B", "2019"))
    claimed = KM["fine"] * 2
    check = check_border_length(claim(claimed), measured(), figures, None)
    assert check.verdict == "differs"
    assert "is outside the range of published figures" in check.summary
    assert "and outside that of the lines the project measures" in check.summary


def test_inside_the_measured_lines_only() -> None:
    figures = published(("a", KM["fine"] + 50, "Agency A", "2017"))
    check = check_border_length(claim(KM["mid"]), measured(), figures, None)
    assert check.verdict == "within range"
    assert "outside the range of published figures" in check.summary
    assert "within that of the lines" in check.summary
    assert "one other source)" in check.summary


def test_an_exact_match_by_several_sources_is_named() -> None:
    figures = published(
        ("the-article", 120, "Outlet (the article)", "2025-08-16"),
        ("a", 120, "Agency A, quoting a commander", "2017-03-08"),
        ("b", 120.2, "Agency B", "2019-05"),
        ("c", 130, "Agency C", ""),
    )
    check = check_border_length(claim(120), measured(), figures, "Outlet")
    assert (
        "Three independent sources give 120 km: the article itself (Outlet (the article), "
        "16 Aug 2025); Agency A, quoting a commander, 8 Mar 2017; Agency B, May 2019."
    ) in check.summary
    # The article's own figure is shown, but it does not make the range.
    assert "(120–130 km, three other sources)" in check.summary
    own = [e for e in check.evidence if e.ref == "published:the-article"]
    assert own and own[0].what.startswith("The claim:")


def test_every_line_and_every_published_row_is_in_the_evidence() -> None:
    figures = published(
        ("the-article", 120, "Outlet (the article)", "2025"),
        ("a", 100, "Agency A", ""),
        ("about-b", 125, "Agency B", "2020"),
    )
    check = check_border_length(claim(120), measured(), figures, "Outlet")
    refs = [e.ref for e in check.evidence]
    assert refs.count("line:fine") == refs.count("line:mid") == refs.count("line:other") == 1
    assert {r for r in refs if r.startswith("published:")} == {
        f"published:{f}" for f in figures["figure_id"]
    }
    by_ref = {e.ref: e for e in check.evidence}
    fine = by_ref["line:fine"]
    assert fine.figure == format_km(KM["fine"])
    assert f"{len(BENDIER.coords):,} vertices, raw line" in fine.note
    assert by_ref["published:a"].what == "Published: Agency A, undated"
    assert "no date given" in by_ref["published:a"].note


def test_why_explains_the_detail_and_the_published_figures() -> None:
    figures = published(
        ("the-article", 120, "Outlet (the article)", "2025"),
        ("a", 100, "Agency A", ""),
        ("about-b", 125, "Agency B", "2020"),
    )
    check = check_border_length(claim(120), measured(), figures, "Outlet")
    assert "coastline effect" in check.why
    assert (
        f"the Mapdata line measures {format_km(KM['fine'])} with {len(BENDIER.coords)} vertices "
        f"(raw line), {format_km(KM['mid'])} with {len(BENT.coords)} vertices (simplified) — "
        "fewer vertices, shorter line"
    ) in check.why
    assert "lines drawn by other sources also differ in where they run: Other survey" in check.why
    assert "None of the two other published figures says which line" in check.why
    assert "rounded (“about”): Agency B" in check.why
    assert "one of them gives no date" in check.why


def test_lines_that_could_not_be_read_are_named() -> None:
    figures = published(("a", 100, "Agency A", "2017"))
    check = check_border_length(
        claim(110), measured(SOURCES[:1]), figures, None, ["ocha.geojson: file not found"]
    )
    assert any(e.what == "Not measured: ocha.geojson: file not found" for e in check.evidence)
    assert "One line the project holds could not be measured." in check.summary


def test_nothing_to_check_against() -> None:
    check = check_border_length(claim(110), measured([]), published(), None)
    assert check.verdict == "cannot check"


@pytest.mark.parametrize("claimed", [100.0, 1400.0])
def test_a_figure_equal_to_a_bound_is_inside(claimed: float) -> None:
    figures = published(("a", claimed, "Agency A", "2017"), ("b", claimed + 50, "Agency B", "2018"))
    check = check_border_length(claim(claimed), measured([]), figures, None)
    assert check.verdict == "within range"
