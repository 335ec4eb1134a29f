"""Data tests: every layer validates and carries provenance; broken copies give named errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.data.boundaries import BOUNDARY_LAYERS, LEVELS_OF_DETAIL
from lib.data.catalog import load_catalog

CURATED_FILES = [
    "groups.csv",
    "sites.csv",
    "crossings.csv",
    "events.csv",
    "camp_counts.csv",
    "published_border_lengths.csv",
]


def test_every_shipped_layer_validates(catalog):
    assert [i.message() for i in catalog.issues] == []


def test_every_curated_item_has_sources_licence_precision_and_confidence(catalog):
    for name in ("sites", "crossings", "events"):
        frame = getattr(catalog.curated, name)
        assert len(frame) > 0
        for record in frame.to_dict("records"):
            assert record["sources"] and record["licence"] and record["confidence"], (name, record)
            if record["lat"] is not None:
                assert record["precision"] in ("site", "town", "area"), (name, record)
                assert record["coord_basis"], (name, record)


def test_every_boundary_feature_has_provenance(catalog):
    for layer in BOUNDARY_LAYERS:
        for lod in LEVELS_OF_DETAIL:
            frame = catalog.boundaries.get(layer, lod)
            assert len(frame) > 0, (layer, lod)
            for column in ("source", "licence", "precision", "confidence"):
                assert frame[column].map(lambda v: isinstance(v, str) and v.strip() != "").all(), (
                    layer,
                    lod,
                    column,
                )


def _corrupt(path: Path, how: str) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if how == "truncated":
        path.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    elif how == "wrong encoding":
        path.write_bytes(text.replace("a", "ä", 1).encode("utf-16"))
    elif how == "missing column":
        header = lines[0].rstrip("\n").split(",")
        lines[0] = ",".join(["renamed", *header[1:]]) + "\n"
        path.write_text("".join(lines), encoding="utf-8")
    elif how == "duplicate id":
        path.write_text("".join([*lines, lines[1]]), encoding="utf-8")


@pytest.mark.parametrize("name", CURATED_FILES)
@pytest.mark.parametrize("how", ["truncated", "wrong encoding", "missing column", "duplicate id"])
def test_a_broken_curated_file_gives_a_named_error_and_the_rest_loads(geodata_copy, name, how):
    _corrupt(geodata_copy / "curated" / name, how)
    catalog = load_catalog(geodata_copy)
    named = [i for i in catalog.issues if i.file == f"curated/{name}"]
    if how == "truncated" and name in ("camp_counts.csv", "published_border_lengths.csv"):
        # A cut that lands between rows leaves a shorter valid file; that is fine.
        pass
    else:
        assert named, f"no issue names curated/{name}"
        assert all(i.item and i.field and i.problem for i in named)
    # Every other layer still loads in full.
    assert len(catalog.boundaries.get("border", "overview")) == 1
    for other, frame_name in [
        ("sites.csv", "sites"),
        ("events.csv", "events"),
        ("crossings.csv", "crossings"),
    ]:
        if other != name and name != "groups.csv":
            assert len(getattr(catalog.curated, frame_name)) > 0, other


def test_an_unknown_group_in_sites_names_the_row_and_field(geodata_copy):
    path = geodata_copy / "curated" / "sites.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",PJAK,base,", ",PKK,base,"), encoding="utf-8"
    )
    catalog = load_catalog(geodata_copy)
    (issue,) = catalog.issues
    assert (
        issue.item.startswith("pjak-qandil") and issue.field == "group" and "PKK" in issue.problem
    )
    assert len(catalog.curated.sites) == 8


@pytest.mark.parametrize(
    ("how", "words"),
    [
        ("truncated", "not valid JSON"),
        ("empty geometry", "empty geometry"),
        ("swapped", "look swapped"),
        ("no licence", "licence"),
    ],
)
def test_a_broken_boundary_file_gives_a_named_error_and_the_rest_loads(geodata_copy, how, words):
    import json

    path = geodata_copy / "layers" / "kurdistan_region.overview.geojson"
    if how == "truncated":
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    else:
        document = json.loads(path.read_text(encoding="utf-8"))
        feature = document["features"][0]
        if how == "empty geometry":
            feature["geometry"] = {"type": "Polygon", "coordinates": []}
        elif how == "swapped":
            rings = feature["geometry"]["coordinates"]
            flip = lambda ring: [[y, x] for x, y in ring]  # noqa: E731
            if feature["geometry"]["type"] == "Polygon":
                feature["geometry"]["coordinates"] = [flip(r) for r in rings]
            else:
                feature["geometry"]["coordinates"] = [[flip(r) for r in p] for p in rings]
        else:
            del feature["properties"]["licence"]
        path.write_text(json.dumps(document), encoding="utf-8")
    catalog = load_catalog(geodata_copy)
    issues = [i for i in catalog.issues if i.file == "layers/kurdistan_region.overview.geojson"]
    assert issues and any(words in i.problem or words == i.field for i in issues), issues
    assert catalog.boundaries.get("kurdistan_region", "overview").empty
    assert len(catalog.boundaries.get("kurdistan_region", "detail")) == 1
    assert len(catalog.curated.sites) == 9
