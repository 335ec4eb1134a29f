"""Border measurements (lib.analysis.border): small known geometries, then the project's data."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Polygon, box

from lib.analysis.border import BorderAnalysis, analyse_border
from lib.analysis.border.geometry import cumulative_km, vertex_count
from lib.analysis.border.lines import read_line_sources, shared_edge
from lib.analysis.border.placement import (
    BorderLine,
    format_approx,
    place_on_border,
)
from lib.analysis.border.relocation import relocation_moves, relocation_summary
from lib.analysis.border.segments import kri_share, length_by
from lib.analysis.border.zone import sites_in_zone, zone_band, zone_counts
from lib.data.catalog import Catalog
from lib.data.paths import PROJECT_ROOT, RAW_DIR
from lib.geo.geodesy import area_km2, length_km
from lib.geo.rings import DEFAULT_RING_KM, record_ring_km
from lib.maps.points import ring_radius_m

GEOD = Geod(ellps="WGS84")


# --- small known geometries ------------------------------------------------------------------


def test_length_along_a_meridian_matches_geod_inv() -> None:
    line = LineString([(45.0, 30.0), (45.0, 31.0), (45.0, 32.5)])
    _, _, expected = GEOD.inv(45.0, 30.0, 45.0, 32.5)
    assert length_km(line) == pytest.approx(expected / 1000.0, rel=1e-9)
    assert cumulative_km(line)[-1] == pytest.approx(expected / 1000.0, rel=1e-9)
    assert vertex_count(line) == 3


def test_point_at_a_known_distance_from_a_line() -> None:
    # Along the equator the foot of the perpendicular from (1, 0.1) is (1, 0) by symmetry.
    border = BorderLine(LineString([(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)]))
    where = border.locate(1.0, 0.1)
    _, _, away = GEOD.inv(1.0, 0.1, 1.0, 0.0)
    _, _, along = GEOD.inv(0.0, 0.0, 1.0, 0.0)
    assert where.distance_km == pytest.approx(away / 1000.0, rel=1e-4)
    assert where.chainage_km == pytest.approx(along / 1000.0, rel=1e-4)
    assert (where.lon, where.lat) == pytest.approx((1.0, 0.0), abs=1e-6)


def test_point_at_chainage_inverts_locate() -> None:
    border = BorderLine(LineString([(45.0, 35.0), (45.5, 34.6), (46.0, 34.0)]))
    lon, lat = border.point_at(55.0)
    assert border.locate(lon, lat).chainage_km == pytest.approx(55.0, abs=0.01)
    assert border.point_at(-5) == pytest.approx(border.line.coords[0])
    assert border.point_at(1e6) == pytest.approx(border.line.coords[-1])


@pytest.mark.parametrize("lat", [0.0, 35.0])
def test_zone_band_of_a_straight_segment_is_width_times_length(lat: float) -> None:
    segment = LineString([(45.0, lat), (47.0, lat)])
    # One side only, cut square at the segment's ends: the band is a width × length strip.
    side = box(45.0, lat, 47.0, lat + 2.0)
    width = 20.0
    band = zone_band(segment, width, side)
    assert area_km2(band) == pytest.approx(width * length_km(segment), rel=0.01)


def test_sites_in_zone_follow_the_band() -> None:
    band = box(0.0, 0.0, 1.0, 1.0)
    placed = pd.DataFrame({"lon": [0.5, 2.0], "lat": [0.5, 0.5], "distance_km": [1.0, 2.0]})
    assert sites_in_zone(placed, band)["lon"].tolist() == [0.5]
    assert sites_in_zone(placed, Polygon()).empty


def test_shared_edge_of_two_squares() -> None:
    a = box(0.0, 0.0, 1.0, 1.0)
    b = box(1.0, 0.0, 2.0, 1.0)
    edge = shared_edge(a, b)
    assert edge.geom_type == "LineString"
    assert edge.coords[0][1] > edge.coords[-1][1]  # north end first
    assert length_km(edge) == pytest.approx(GEOD.inv(1, 0, 1, 1)[2] / 1000.0, rel=1e-9)


def test_format_approx_carries_the_uncertainty() -> None:
    assert format_approx(48.2, 15.0) == "≈ 48 km ± 15"
    assert format_approx(12.34, 0.0) == "12.3 km"


@pytest.mark.parametrize(
    ("record", "km"),
    [
        ({"precision": "site", "ring_km": 3.0}, 0.0),
        ({"precision": None}, 0.0),
        ({"precision": "town", "ring_km": None}, DEFAULT_RING_KM["town"]),
        ({"precision": "area", "ring_km": float("nan")}, DEFAULT_RING_KM["area"]),
        ({"precision": "area", "ring_km": 23.0}, 23.0),
    ],
)
def test_record_uncertainty_is_its_ring(record: dict, km: float) -> None:
    assert record_ring_km(record) == km


def test_record_uncertainty_is_the_ring_the_main_map_draws(catalog: Catalog) -> None:
    for frame in (catalog.curated.sites, catalog.curated.crossings):
        for record in frame.drop(columns="geometry").to_dict("records"):
            stand_in = str(record.get("precision") or "") in DEFAULT_RING_KM
            expected = ring_radius_m(record) / 1000.0 if stand_in else 0.0
            assert record_ring_km(record) == pytest.approx(expected, rel=1e-12)


# --- the project's data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def analysis(catalog: Catalog) -> BorderAnalysis:
    result = analyse_border(RAW_DIR, catalog.boundaries, catalog.curated.published_border_lengths)
    assert result is not None
    return result


@pytest.fixture(scope="module")
def placed_sites(analysis: BorderAnalysis, catalog: Catalog) -> pd.DataFrame:
    return place_on_border(analysis.border, catalog.curated.sites, "site_id", "site")


def test_every_source_is_measured_from_its_file(analysis: BorderAnalysis, catalog: Catalog) -> None:
    assert analysis.problems == []
    table = analysis.lengths
    measured = table[table["kind"] == "measured"].set_index("figure")
    assert len(measured) == 6
    osm = measured.loc["OpenStreetMap 2017, full detail"]
    assert osm["vertices"] == 9947
    assert osm["km"] == pytest.approx(1629.7, abs=0.1)  # SOURCES.md's measurement
    ne = measured.loc["Natural Earth 1:10m boundary line"]
    assert (ne["vertices"], ne["km"]) == (513, pytest.approx(1317.6, abs=0.1))
    # The coastline effect: more vertices, longer line (for the same source family).
    detail = measured.loc["Project border, detail layer"]
    overview = measured.loc["Project border, overview layer"]
    assert osm["km"] > detail["km"] > overview["km"] > ne["km"]
    assert osm["vertices"] > detail["vertices"] > overview["vertices"]
    assert 1300 < measured.loc["OCHA 2019 Iraq governorates, outline", "km"] < 1450
    assert 1250 < measured.loc["Natural Earth 1:10m countries, shared edge", "km"] < 1400
    published = table[table["kind"] == "published"]
    assert sorted(published["km"]) == sorted(catalog.curated.published_border_lengths["figure_km"])
    assert set(published["ref"]) == {
        f"published:{f}" for f in catalog.curated.published_border_lengths["figure_id"]
    }
    assert measured["ref"].str.startswith("line:").all()
    assert table["km"].is_monotonic_decreasing


def test_detail_border_length_matches_the_layer(analysis: BorderAnalysis, catalog: Catalog) -> None:
    line = catalog.boundaries.get("border", "detail").geometry.iloc[0]
    assert analysis.border.length_km == pytest.approx(length_km(line), rel=1e-9)


def test_segments_sum_to_the_whole_border(analysis: BorderAnalysis) -> None:
    segments = analysis.segments
    total = analysis.border.length_km
    # Each segment measured on its own geometry.
    independent = sum(length_km(g) for g in segments.geometry)
    assert independent == pytest.approx(total, rel=1e-3)
    assert segments["length_km"].sum() == pytest.approx(total, rel=1e-3)
    # Contiguous, in order, from the tripoint to the end.
    assert segments["start_km"].iloc[0] == 0.0
    assert segments["end_km"].iloc[-1] == pytest.approx(total)
    assert (
        segments["start_km"].iloc[1:].to_numpy() == segments["end_km"].iloc[:-1].to_numpy()
    ).all()
    assert segments["governorate"].iloc[0] == "Erbil"
    assert segments["governorate"].iloc[-1] == "Al-Basrah"
    assert segments["province"].iloc[0] == "West Azerbaijan"
    assert segments["province"].iloc[-1] == "Khuzestan"
    # Neighbouring segments never share a colour.
    assert (segments["colour"].iloc[1:].to_numpy() != segments["colour"].iloc[:-1].to_numpy()).all()


def test_kri_share_is_the_kri_segments_over_the_total(analysis: BorderAnalysis) -> None:
    segments = analysis.segments
    share = kri_share(segments)
    assert 0.0 < share < 1.0
    kri = {"erbil", "al-sulaymaniyah", "halabja", "duhok"}
    expected = segments.loc[segments["governorate_id"].isin(kri), "length_km"].sum()
    assert share == pytest.approx(expected / segments["length_km"].sum(), rel=1e-12)
    by_governorate = length_by(segments, "governorate")
    assert by_governorate["share"].sum() == pytest.approx(1.0)


def test_chainage_of_the_ends(analysis: BorderAnalysis) -> None:
    border = analysis.border
    tripoint, mouth = border.line.coords[0], border.line.coords[-1]
    assert tripoint == pytest.approx((44.78431, 37.14385), abs=1e-5)
    assert border.locate(*tripoint).chainage_km == pytest.approx(0.0, abs=1e-6)
    end = border.locate(*mouth)
    assert end.chainage_km == pytest.approx(border.length_km, rel=1e-9)
    assert end.distance_km == pytest.approx(0.0, abs=1e-6)


def test_crossings_lie_near_the_border_in_order(analysis: BorderAnalysis, catalog: Catalog) -> None:
    placed = place_on_border(analysis.border, catalog.curated.crossings, "crossing_id", "crossing")
    # al-Sheeb has no coordinate: listed nowhere on the line.
    assert "sheeb" not in set(placed["id"])
    assert (placed["distance_km"] < 20).all()
    chain = placed.set_index("id")["chainage_km"]
    assert chain["haji-omaran"] < chain["bashmaq"] < chain["mundhiriya"] < chain["shalamcheh"]


def test_komala_relocation_carries_both_precisions(
    placed_sites: pd.DataFrame, catalog: Catalog
) -> None:
    moves = relocation_moves(placed_sites)
    komala = moves[(moves["from_id"] == "komala-zrgwez") & (moves["to_id"] == "komala-surdash")]
    assert len(komala) == 1
    move = komala.iloc[0]
    sites = catalog.curated.sites.set_index("site_id")
    a, b = sites.loc["komala-zrgwez"], sites.loc["komala-surdash"]
    _, _, metres = GEOD.inv(a["lon"], a["lat"], b["lon"], b["lat"])
    assert move["distance_km"] == pytest.approx(metres / 1000.0)
    # Each end carries its own ring: at least its precision's default, wider when the
    # positions the sources give need it (Zrgwez: up to 23 km from the stand-in).
    assert a["ring_km"] >= DEFAULT_RING_KM[a["precision"]]
    assert b["ring_km"] >= DEFAULT_RING_KM[b["precision"]]
    radii = a["ring_km"] + b["ring_km"]
    assert move["plus_minus_km"] == pytest.approx(radii)
    assert move["distance_text"] == f"≈ {metres / 1000:,.0f} km ± {radii:,.0f}"
    # A site's distance to the border carries its own radius.
    zrgwez = placed_sites.set_index("id").loc["komala-zrgwez"]
    assert zrgwez["plus_minus_km"] == pytest.approx(a["ring_km"])
    assert zrgwez["distance_text"].endswith(f"± {a['ring_km']:,.0f}")


def test_groups_without_a_pair_say_so(placed_sites: pd.DataFrame, catalog: Catalog) -> None:
    moves = relocation_moves(placed_sites)
    assert set(moves["group"]) == {"Komala", "PAK"}
    notes = catalog.curated.sites.set_index("site_id")["notes"]
    summary = relocation_summary(placed_sites, moves, catalog.curated.groups, notes)
    rows = summary.set_index("group")["moved"]
    assert rows["PJAK"].startswith("No before/after pair")
    assert "left out of the forced transfers" in rows["PJAK"]
    assert rows["KDPI"].startswith("No before/after pair")
    komala = moves[moves["group"] == "Komala"].iloc[0]
    assert f"± {komala['plus_minus_km']:,.0f}" in rows["Komala"]


def test_zone_widens_with_the_slider(analysis: BorderAnalysis, placed_sites: pd.DataFrame) -> None:
    narrow = zone_band(analysis.border.line, 5, analysis.iraq)
    wide = zone_band(analysis.border.line, 50, analysis.iraq)
    assert area_km2(narrow) < area_km2(wide)
    # The band stays inside Iraq (up to the projection round trip).
    assert shapely.area(shapely.difference(wide, analysis.iraq)) < 1e-6 * shapely.area(wide)
    inside_narrow = set(sites_in_zone(placed_sites, narrow)["id"])
    inside_wide = sites_in_zone(placed_sites, wide)
    assert inside_narrow < set(inside_wide["id"])
    assert (inside_wide["distance_km"] <= 50.5).all()
    counts = zone_counts(inside_wide, pd.DataFrame({"group_id": ["PJAK"], "name": ["P"]}))
    assert counts["sites in zone"].iloc[0] == int((inside_wide["group"] == "PJAK").sum())


def test_missing_raw_files_leave_the_others_measured(catalog: Catalog, tmp_path) -> None:
    sources, problems = read_line_sources(tmp_path, catalog.boundaries)
    assert {s.key for s in sources} == {"border-detail", "border-overview"}
    assert len(problems) == 4


@pytest.mark.parametrize(
    "path",
    [
        *sorted((PROJECT_ROOT / "lib" / "analysis" / "border").glob("*.py")),
        PROJECT_ROOT / "lib" / "maps" / "border_maps.py",
        PROJECT_ROOT / "lib" / "story" / "border_charts.py",
        PROJECT_ROOT / "lib" / "story" / "border_view.py",
    ],
    ids=lambda p: p.name,
)
def test_no_figure_is_typed_in(path: Path) -> None:
    # Lengths come from files; only the corridor and slider limits are constants.
    source = path.read_text(encoding="utf-8")
    # Any number that reads as a border length (1,300–1,700 km), written with or
    # without a thousands separator, with or without decimals.
    for match in re.finditer(r"(?<![\w.])\d{1,2}[,\u202f ]?\d{3}(?:\.\d+)?(?![\w])", source):
        value = float(re.sub(r"[,\u202f ]", "", match.group()))
        assert not 1300 <= value <= 1700, f"{path.name}: {match.group()!r} looks typed in"
