"""AppTest page tests: pages render, filters change what the map contains, links reopen filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.geo.geodesy import format_km
from lib.model.playback import make_playback
from lib.model.select import select
from tests.apptest_utils import APP, drawn, map_script, rerun, run_app, selected


def test_map_page_renders_everything_by_default(catalog, all_filters):
    at = run_app()
    assert drawn(at) == selected(catalog, all_filters)
    script = map_script(at)
    assert "zb-border" in script and "zb-kurdistan-region" in script
    assert any(format_km(catalog.article_border_km()) in c.value for c in at.caption)
    # The table (on request) lists every site, crossing and event, drawn or not.
    c = catalog.curated
    assert len(at.dataframe) == 0
    at.toggle(key="zb_map_table").set_value(True).run()
    assert len(at.dataframe) == 1
    assert len(at.dataframe[0].value) == len(c.sites) + len(c.crossings) + len(c.events)


def test_sources_page_renders_and_lists_every_layer():
    at = run_app()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    table = at.table[0].value
    sources = " ".join(table["source"])
    for word in ("OCHA", "Natural Earth", "OpenStreetMap", "GeoNames", "Peregraf"):
        assert word in sources, word
    assert {"basemap towns (overview)", "Places named in the reporting"} <= set(table.index)
    assert table["licence"].map(bool).all()
    assert any("passed its checks" in s.value for s in at.success)


def test_changing_the_group_filter_changes_the_map(catalog, all_filters):
    at = run_app()
    at.multiselect(key="zb_groups").set_value(["Komala"])
    rerun(at)
    komala = replace(all_filters, groups=frozenset({"Komala"}))
    assert drawn(at) == selected(catalog, komala)
    assert drawn(at)["site"] < selected(catalog, all_filters)["site"]
    assert at.query_params["groups"] == "Komala"


def test_changing_the_date_filter_changes_the_map(catalog, all_filters):
    at = run_app()
    before = drawn(at)
    at.slider(key="zb_dates").set_value((dt.date(2022, 1, 1), dt.date(2022, 12, 31)))
    rerun(at)
    after = drawn(at)
    year = replace(all_filters, date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 12, 31))
    assert after == selected(catalog, year)
    assert after["event"] < before["event"]
    assert at.query_params["to"] == "2022-12-31"


def test_minimum_confidence_hides_low_confidence_sites(catalog, all_filters):
    at = run_app()
    at.select_slider(key="zb_conf").set_value("medium")
    rerun(at)
    medium = replace(all_filters, min_confidence="medium")
    assert drawn(at) == selected(catalog, medium)
    assert drawn(at)["site"] < selected(catalog, all_filters)["site"]


def test_a_shared_link_reopens_the_same_filters_and_view(catalog, all_filters):
    at = run_app(
        {
            "groups": "PAK",
            "from": "2023-01-01",
            "conf": "medium",
            "lat": "36.2",
            "lon": "44.0",
            "z": "10",
        }
    )
    assert at.multiselect(key="zb_groups").value == ["PAK"]
    shared = replace(
        all_filters,
        groups=frozenset({"PAK"}),
        date_from=dt.date(2023, 1, 1),
        min_confidence="medium",
    )
    assert drawn(at) == selected(catalog, shared)
    assert 0 < drawn(at)["site"] < selected(catalog, all_filters)["site"]
    script = map_script(at)
    compact = script.replace(" ", "").replace("zoom:", '"zoom":')  # folium's JSON, any spacing
    assert "[36.2,44.0]" in compact and '"zoom":10' in compact


@pytest.mark.parametrize(
    "query",
    [
        {"groups": "../../etc/passwd"},
        {"from": "not-a-date", "z": "999"},
        {"lat": "x" * 5000, "lon": "1", "z": "3"},
    ],
)
def test_hostile_links_are_ignored_with_a_notice(query, catalog, all_filters):
    at = run_app(query)
    assert any("not used" in i.value for i in at.info)
    assert drawn(at) == selected(catalog, all_filters)


def test_broken_data_shows_a_banner_and_the_rest_still_draws(
    geodata_copy, monkeypatch, catalog, all_filters
):
    sites = geodata_copy / "curated" / "sites.csv"
    frame = pd.read_csv(sites, dtype=str, keep_default_na=False)
    row = frame.index[frame["site_id"] == "pjak-qandil"][0]
    # Latitude and longitude swapped: a classic hand-editing slip.
    frame.loc[row, ["lat", "lon"]] = frame.loc[row, ["lon", "lat"]].to_numpy()
    frame.to_csv(sites, index=False)
    (geodata_copy / "layers" / "governorates.overview.geojson").write_text("{", encoding="utf-8")
    monkeypatch.setenv("ZAGROS_GEODATA_DIR", str(geodata_copy))
    monkeypatch.delenv("ZAGROS_BRIEF_DB", raising=False)  # the doctored files, read directly
    import importlib

    import lib.data.paths

    importlib.reload(lib.data.paths)
    try:
        at = AppTest.from_file(APP, default_timeout=90)
        at.run()
        assert not at.exception
        banner = at.expander[0].label
        assert "curated/sites.csv" in banner and "layers/governorates.overview.geojson" in banner
        text = " ".join(m.value for m in at.expander[0].markdown)
        assert "pjak" in text and "swapped" in text
        assert drawn(at)["site"] == selected(catalog, all_filters)["site"] - 1
        assert "zb-border" in map_script(at)
    finally:
        monkeypatch.delenv("ZAGROS_GEODATA_DIR")
        importlib.reload(lib.data.paths)


def test_the_map_plays_through_time_from_the_address_and_the_choice(catalog, all_filters):
    at = run_app({"play": "month"})
    assert not at.exception
    assert at.segmented_control(key="zb_playback").value == "Play by month"
    script = map_script(at)
    selection = select(catalog, all_filters)
    months = make_playback(selection.events_on_map, selection.sites, all_filters, "month")
    assert "zbPlayback(" in script
    assert all(f'"{frame.label}"' in script for frame in months.frames)
    # Every symbol is still drawn: the browser shows and hides them by month.
    assert drawn(at) == selected(catalog, all_filters)
    at.segmented_control(key="zb_playback").set_value("Still")
    rerun(at)
    assert "zbPlayback(" not in map_script(at) and "play" not in at.query_params


def test_a_playback_the_address_cannot_ask_for_is_named_and_the_map_stays_still():
    at = run_app({"play": "<b>daily</b>"})
    assert not at.exception
    notices = [i.value for i in at.info]
    assert any("play=<b>daily</b>" in n or "play=\\<b\\>daily" in n for n in notices), notices
    assert "zbPlayback(" not in map_script(at)
