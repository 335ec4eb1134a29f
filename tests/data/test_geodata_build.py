"""Tests for the geodata build (``lib/tools/geobuild``, ``lib.tools.geodata_build``) and its layers."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import shape

from lib.data.paths import CURATED_DIR, LAYERS_DIR, RAW_DIR
from lib.tools import geodata_build as gb
from lib.tools.geobuild import config as cfg
from lib.tools.geobuild.geometry import shared_run
from lib.tools.geobuild.inputs import cut_halabja

GEOD = Geod(ellps="WGS84")
TO_UTM = Transformer.from_crs(4326, 32638, always_xy=True)
EXPECTED_FILES = sorted(f"{layer}.{lod}.geojson" for layer in cfg.LAYER_NAMES for lod in cfg.LODS)
REQUIRED = ("id", "name", "source", "licence", "precision", "confidence", "lod")
EXTRA_REQUIRED = {
    "governorates": ("pcode", "name_ar", "in_kurdistan_region"),
    "iran_border_provinces": ("name_fa",),
    "countries": ("iso_a3",),
    "disputed_territories": ("pcode", "governorate", "extent", "basis", "sources"),
}
TRIPOINT = (44.78431, 37.14385)
MOUTH = (48.53077, 29.95627)


def geodesic_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def area_km2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def to_utm(geom):
    return shapely.transform(geom, lambda c: np.column_stack(TO_UTM.transform(c[:, 0], c[:, 1])))


def load(layer: str, lod: str) -> gpd.GeoDataFrame:
    return gpd.read_file(LAYERS_DIR / f"{layer}.{lod}.geojson")


@pytest.fixture(scope="module")
def layers() -> dict[str, dict[str, gpd.GeoDataFrame]]:
    return gb.build_layers(RAW_DIR)


@pytest.fixture(scope="module")
def rebuilt(layers, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layers")
    gb.write_layers(layers, out)
    return out


def test_rebuild_is_byte_identical(rebuilt: Path) -> None:
    assert sorted(p.name for p in rebuilt.glob("*.geojson")) == EXPECTED_FILES
    for name in EXPECTED_FILES:
        assert (rebuilt / name).read_bytes() == (LAYERS_DIR / name).read_bytes(), name


def test_check_flag(layers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Reuse the module's build: the CLI path is under test here, not the build.
    monkeypatch.setattr(gb, "build_layers", lambda *_args: layers)
    assert gb.main(["--check"]) == 0
    gb.write_layers(layers, tmp_path)
    (tmp_path / "border.overview.geojson").write_text("{}\n", encoding="utf-8")
    assert gb.main(["--check", "--out", str(tmp_path)]) == 1


def test_halabja_and_rest_cover_sulaymaniyah() -> None:
    adm1 = gpd.read_file(RAW_DIR / cfg.ADM1_FILE)
    adm2 = gpd.read_file(RAW_DIR / cfg.ADM2_FILE)
    halabja, rest = cut_halabja(adm1, adm2)
    suly = adm1.loc[adm1["ADM1_PCODE"] == "IQG06"].geometry.iloc[0]
    assert halabja.is_valid and rest.is_valid
    assert area_km2(halabja) > 1000  # the district is ~1,450 km²
    assert area_km2(halabja) + area_km2(rest) == pytest.approx(area_km2(suly), rel=1e-3)
    assert area_km2(shapely.intersection(halabja, rest)) < 0.01


@pytest.mark.parametrize("lod", cfg.LODS)
def test_kurdistan_region_follows_border(lod: str) -> None:
    raw_border = to_utm(gpd.read_file(RAW_DIR / cfg.BORDER_FILE).geometry.iloc[0])
    border = to_utm(load("border", lod).geometry.iloc[0])
    kri = to_utm(load("kurdistan_region", lod).geometry.iloc[0])
    iran = to_utm(load("countries", lod).set_index("id").geometry["irn"])
    along = shapely.line_merge(shapely.intersection(kri.boundary, iran.boundary))
    assert along.length > 300_000  # KRI–Iran stretch is several hundred km
    vertices = shapely.points(shapely.get_coordinates(along))
    # At every LOD the KRI edge is the border line of that LOD.
    assert shapely.distance(vertices, border).max() < 1.0
    if lod == "detail":
        assert shapely.distance(vertices, raw_border).max() < 250.0
        # ...and no stretch of the border next to the KRI is left uncovered.
        govs = load("governorates", lod)
        others = to_utm(shapely.union_all(govs.loc[~govs["in_kurdistan_region"]].geometry))
        raw_pts = shapely.points(shapely.get_coordinates(raw_border))
        # Border vertices next to the KRI, away from where it meets Diyala.
        near = raw_pts[
            (shapely.distance(raw_pts, kri) < 1000.0) & (shapely.distance(raw_pts, others) > 1000.0)
        ]
        assert len(near) > 1000
        assert shapely.distance(near, kri.boundary).max() < 250.0


@pytest.mark.parametrize("lod", cfg.LODS)
def test_iraq_and_iran_meet_exactly_on_border(lod: str) -> None:
    countries = load("countries", lod).set_index("id").geometry
    iraq, iran = countries["irq"], countries["irn"]
    overlap = shapely.intersection(iraq, iran)
    assert area_km2(overlap) < 0.01
    border = load("border", lod).geometry.iloc[0]
    vertices = shapely.points(shapely.get_coordinates(border))
    for outline in (iraq, iran):
        dist_m = shapely.distance(to_utm(vertices), to_utm(outline.boundary))
        assert dist_m.max() < 1.0
    # No gap: the border is also on the boundary of their union's interior.
    mid = border.interpolate(0.5, normalized=True)
    assert shapely.union_all([iraq, iran]).contains(mid)


@pytest.mark.parametrize("lod", cfg.LODS)
def test_governorates_tile_iraq(lod: str) -> None:
    govs = load("governorates", lod)
    assert len(govs) == 19
    assert "halabja" in set(govs["id"])
    geoms = list(govs.geometry)
    tree = shapely.STRtree(geoms)
    for i, j in tree.query(geoms, predicate="intersects").T:
        if i < j:
            inter = shapely.intersection(geoms[i], geoms[j])
            assert area_km2(inter) < 0.01, (govs.id[i], govs.id[j])
    iraq = load("countries", lod).set_index("id").geometry["irq"]
    union = shapely.union_all(geoms)
    assert area_km2(union) == pytest.approx(area_km2(iraq), rel=5e-3)
    kri = set(govs.loc[govs["in_kurdistan_region"], "id"])
    assert kri == {"duhok", "erbil", "al-sulaymaniyah", "halabja"}


@pytest.mark.parametrize("lod", cfg.LODS)
def test_iran_provinces_edge_is_border(lod: str) -> None:
    provinces = load("iran_border_provinces", lod)
    assert set(provinces["name"]) == set(cfg.IRAN_BORDER_PROVINCES)
    for a, b in combinations(provinces.geometry, 2):
        inter = shapely.intersection(a, b)
        assert area_km2(inter) < 0.01
    border = load("border", lod).geometry.iloc[0]
    boundary = shapely.union_all(provinces.geometry).boundary
    vertices = shapely.points(shapely.get_coordinates(border))
    assert shapely.distance(to_utm(vertices), to_utm(boundary)).max() < 1.0


@pytest.mark.parametrize("name", EXPECTED_FILES)
def test_features_have_properties_and_valid_geometry(name: str) -> None:
    layer, lod, _ = name.split(".")
    data = json.loads((LAYERS_DIR / name).read_text(encoding="utf-8"))
    assert data["features"], name
    ids = [f["properties"]["id"] for f in data["features"]]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for feature in data["features"]:
        props = feature["properties"]
        for key in REQUIRED + EXTRA_REQUIRED.get(layer, ()):
            assert key in props and props[key] not in (None, ""), (name, key)
        assert props["lod"] == lod
        assert props["confidence"] in {"high", "medium", "low"}
        assert props["precision"].startswith(lod)
        geom = shape(feature["geometry"])
        assert not geom.is_empty and geom.is_valid, (name, props["id"])
        xmin, ymin, xmax, ymax = geom.bounds
        assert 30 <= xmin <= xmax <= 65 and 20 <= ymin <= ymax <= 45
    if layer == "kurdistan_region":
        note = data["features"][0]["properties"]["note"]
        assert "Kirkuk" in note and "de facto" in note


def test_border_length_and_ends() -> None:
    detail = load("border", "detail").geometry.iloc[0]
    overview = load("border", "overview").geometry.iloc[0]
    assert detail.geom_type == overview.geom_type == "LineString"
    detail_km = GEOD.geometry_length(detail) / 1000.0
    overview_km = GEOD.geometry_length(overview) / 1000.0
    # The length written into each file is the length of its own line.
    for lod, km in (("detail", detail_km), ("overview", overview_km)):
        assert load("border", lod)["length_km"].iloc[0] == pytest.approx(km, abs=0.05)
    assert detail_km == pytest.approx(1629.7, rel=0.01)
    assert 1300.0 < overview_km < detail_km
    for line in (detail, overview):
        assert geodesic_km(line.coords[0], TRIPOINT) < 0.1
        assert geodesic_km(line.coords[-1], MOUTH) < 0.1


def test_overview_is_light() -> None:
    total = sum((LAYERS_DIR / n).stat().st_size for n in EXPECTED_FILES if ".overview." in n)
    assert total < 1_000_000


def test_build_reads_only_raw_dir() -> None:
    # Every source the build opens must be committed under geodata/raw/ (and the one
    # curated list it reads, under geodata/curated/).
    assert (CURATED_DIR / cfg.DISPUTED_FILE).is_file()
    assert cfg.DISPUTED_FILE in (RAW_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in (
        cfg.BORDER_FILE,
        cfg.COUNTRIES_FILE,
        cfg.NE_COUNTRIES_FILE,
        cfg.ADM1_FILE,
        cfg.ADM2_FILE,
        cfg.IRAN_PROVINCES_FILE,
    ):
        assert (RAW_DIR / name).is_file(), name
        assert name in (RAW_DIR / "SOURCES.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lod", cfg.LODS)
def test_disputed_districts_sit_inside_their_governorate_without_overlaps(lod: str) -> None:
    disputed = load("disputed_territories", lod)
    govs = load("governorates", lod).set_index("pcode").geometry
    for row in disputed.itertuples():
        gov = govs[row.pcode[:5]]
        assert area_km2(shapely.difference(row.geometry, gov)) < 0.01, row.id
    for a, b in combinations(disputed.geometry, 2):
        inter = shapely.intersection(a, b)
        assert area_km2(inter) < 0.01


def test_shared_run_is_exact() -> None:
    a = shapely.Polygon([(0, 0), (1, 0), (1, 0.5), (1, 1), (0, 1)])
    b = shapely.Polygon([(1, 0), (2, 0), (2, 1), (1, 1), (1, 0.5)])
    run = shared_run(a, b)
    assert sorted(run.coords) == [(1.0, 0.0), (1.0, 0.5), (1.0, 1.0)]
    # Same line, but vertices not matched: not a shared edge.
    c = shapely.Polygon([(1, 0), (2, 0), (2, 1), (1, 1)])
    assert shared_run(a, c).is_empty
