"""The disputed territories on the real data: the curated list, the built layer, the texts."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
import shapely

from lib.analysis.disputed import DISPUTED_LAYER, disputed_at
from lib.data.boundaries import LEVELS_OF_DETAIL
from lib.data.paths import GEODATA_DIR, RAW_DIR
from lib.data.raw_sources import OCHA_DISTRICTS
from lib.data.rows import split_sources

ADM2 = gpd.read_file(RAW_DIR / OCHA_DISTRICTS).set_index("ADM2_PCODE")
MAKHMOUR = "IQG11Q04"
#: Saying the disputed territories (all of them) lie outside the de jure region.
OUTSIDE_CLAIM = re.compile(r"(?<!most of )the disputed territories[^.]*\blie outside", re.I)


@pytest.fixture(scope="module")
def disputed(catalog):
    return catalog.curated.disputed_districts


def test_every_row_names_an_ocha_district_with_sources_and_confidence(catalog, disputed):
    assert not [i for i in catalog.issues if "disputed" in i.file]
    assert len(disputed) >= 10
    for row in disputed.to_dict("records"):
        assert row["pcode"] in ADM2.index, row["pcode"]
        district = ADM2.loc[row["pcode"]]
        # Name and governorate as OCHA spells them, so the layer's labels match the outline.
        assert row["name"] == district["ADM2_EN"]
        assert row["governorate"] == district["ADM1_EN"]
        assert split_sources(row["sources"]), row["pcode"]
        assert row["confidence"] in ("high", "medium", "low")
        assert row["basis"].strip()
        if row["extent"] == "part":
            # Partly disputed: drawn whole, so it may not claim high confidence.
            assert row["confidence"] == "low" and row.get("notes")


def test_makhmour_is_listed_and_lies_in_the_erbil_polygon(catalog, disputed):
    assert MAKHMOUR in set(disputed["pcode"])
    erbil = catalog.boundaries.get("governorates", "detail").set_index("pcode").geometry["IQG11"]
    makhmour = catalog.boundaries.get(DISPUTED_LAYER, "detail").set_index("pcode").geometry
    assert makhmour[MAKHMOUR].representative_point().within(erbil)
    kri = catalog.boundaries.get("kurdistan_region", "detail").geometry.iloc[0]
    overlap_share = shapely.intersection(kri, makhmour[MAKHMOUR]).area / makhmour[MAKHMOUR].area
    assert overlap_share > 0.99


def test_layer_matches_the_list_at_every_level_of_detail(catalog, disputed):
    for lod in LEVELS_OF_DETAIL:
        layer = catalog.boundaries.get(DISPUTED_LAYER, lod)
        assert sorted(layer["pcode"]) == sorted(disputed["pcode"])
        by_pcode = disputed.set_index("pcode")
        for row in layer.to_dict("records"):
            assert row["confidence"] == by_pcode.loc[row["pcode"], "confidence"]
            assert row["sources"] == by_pcode.loc[row["pcode"], "sources"]
            assert "OCHA" in row["licence"] and "CC BY 4.0" in row["licence"]
        # Inside Iraq and almost exactly the OCHA districts' areas.
        iraq = catalog.boundaries.get("countries", lod).set_index("id").geometry["irq"]
        union = shapely.union_all(list(layer.geometry))
        assert shapely.difference(union, iraq).area < 1e-6
        raw = shapely.union_all([ADM2.geometry[p] for p in layer["pcode"]])
        assert union.area == pytest.approx(raw.area, rel=0.02)


def test_kirkuk_governorate_is_disputed_whole(catalog):
    layer = catalog.boundaries.get(DISPUTED_LAYER, "detail")
    kirkuk = catalog.boundaries.get("governorates", "detail").set_index("id").geometry["kirkuk"]
    union = shapely.union_all(list(layer.loc[layer["governorate"] == "Kirkuk"].geometry))
    assert shapely.symmetric_difference(union, kirkuk).area < 1e-4 * kirkuk.area


def test_the_pak_makhmour_camp_is_computed_to_be_in_makhmour(catalog):
    sites = catalog.curated.sites.set_index("site_id")
    camp = sites.geometry["pak-makhmour"]
    text = disputed_at([camp.x], [camp.y], catalog.boundaries.get(DISPUTED_LAYER, "detail"))[0]
    assert text is not None and text.startswith("Makhmour district (Erbil governorate")
    # The Koya headquarters is in the undisputed core of the region.
    koya = sites.geometry["kdpi-koya-hq"]
    assert disputed_at([koya.x], [koya.y], catalog.boundaries.get(DISPUTED_LAYER, "detail")) == [
        None
    ]


def test_the_outside_claim_is_recognised():
    old = "The disputed territories — Kirkuk and parts of Nineveh — lie outside it."
    assert OUTSIDE_CLAIM.search(old)
    assert not OUTSIDE_CLAIM.search("Most of the disputed territories lie outside it.")


def test_kri_texts_no_longer_claim_the_disputed_territories_lie_outside(catalog):
    texts = {
        "layer note": catalog.boundaries.get("kurdistan_region", "overview")["note"].iloc[0],
        "SOURCES.md": (RAW_DIR / "SOURCES.md").read_text(encoding="utf-8"),
        "briefing": (GEODATA_DIR / "briefings" / "border-security-2025.toml").read_text(
            encoding="utf-8"
        ),
    }
    for where, text in texts.items():
        flat = " ".join(text.split())
        assert not OUTSIDE_CLAIM.search(flat), where
    note = texts["layer note"]
    assert "Duhok, Erbil, Sulaymaniyah, Halabja" in note and "as OCHA draws them" in note
    assert "Makhmour" in note and "de facto" in note
    assert "Makhmour" in texts["briefing"] and "disputed_territories" in texts["briefing"]
