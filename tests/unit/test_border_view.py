"""The border page's words and tables (lib.story.border_view), from the measurements."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.analysis.border import BorderAnalysis, measured_for
from lib.analysis.border.zone import sites_in_zone, zone_band, zone_counts
from lib.data.catalog import Catalog
from lib.data.paths import RAW_DIR
from lib.geo.geodesy import format_km
from lib.model.filters import Filters, filter_crossings, filter_sites
from lib.story import border_view as view


@pytest.fixture(scope="module")
def analysis(catalog: Catalog) -> BorderAnalysis:
    result = measured_for(catalog, RAW_DIR)
    assert result is not None
    return result


@pytest.fixture(scope="module")
def places(analysis: BorderAnalysis, catalog: Catalog, all_filters: Filters) -> view.BorderPlaces:
    return view.border_places(
        analysis,
        filter_sites(catalog.curated.sites, all_filters),
        filter_crossings(catalog.curated.crossings, all_filters),
    )


def test_places_join_crossings_then_sites(places: view.BorderPlaces) -> None:
    assert list(places.placed["kind"]) == ["crossing"] * len(places.crossings) + ["site"] * len(
        places.sites
    )
    assert 0 < places.kri_share < 1 and places.kri_km > 0
    assert set(places.moves["group"]) == {"Komala", "PAK"}


def test_places_without_sites_are_the_crossings(analysis: BorderAnalysis, catalog: Catalog) -> None:
    none = catalog.curated.sites.iloc[0:0]
    places = view.border_places(analysis, none, catalog.curated.crossings)
    assert places.placed is places.crossings and places.moves.empty


def test_segment_words_name_every_governorate(
    analysis: BorderAnalysis, places: view.BorderPlaces
) -> None:
    segments = analysis.segments
    sentence = view.segments_sentence(segments, places.kri_km, places.kri_share)
    assert all(name in sentence for name in segments["governorate"])
    assert f"**{format_km(places.kri_km)} — {places.kri_share:.1%}**" in sentence
    caption = view.segments_caption(segments, analysis.border.length_km)
    assert f"{analysis.border.length_km:,.1f} km" in caption
    shown = view.segments_table(segments, analysis.border.length_km).data
    assert shown["share"].sum() == pytest.approx(1.0, rel=1e-3)
    assert set(view.SEGMENT_COLUMNS) == set(shown.columns)


def test_zone_sentence_counts_the_sites(
    analysis: BorderAnalysis, places: view.BorderPlaces, catalog: Catalog
) -> None:
    inside = sites_in_zone(places.sites, zone_band(analysis.border.line, 20, analysis.iraq))
    counts = zone_counts(inside, catalog.curated.groups)
    sentence = view.zone_sentence(inside, places.sites, 20, counts)
    assert sentence.startswith(
        f"**{len(inside)} of {len(places.sites)} sites** lie within **20 km**"
    )
    shown = view.zone_sites_table(inside)
    assert list(shown.columns) == ["name", "group", "distance_text"]
    assert not shown["name"].str.contains(r" \(").any()


def test_tables_show_their_columns(analysis: BorderAnalysis, places: view.BorderPlaces) -> None:
    lengths = view.lengths_table(analysis.lengths)
    assert (lengths.loc[analysis.lengths["kind"] == "published", "vertices"] == "").all()
    moves = view.moves_table(places.moves)
    assert list(moves.columns) == view.MOVE_FIELDS
    assert set(view.MOVE_COLUMNS) <= set(moves.columns)
    summary = view.summary_table(
        pd.DataFrame({"group": ["G"], "before": ["a"], "after": ["b"], "moved": ["c"]})
    )
    assert list(summary.columns) == ["Before the relocation (to the border)", "After", "Moved"]
