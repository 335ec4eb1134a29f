"""The offline proposer's rules, on a tiny made-up catalog with a made-up gazetteer."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest
import shapely

from lib.analysis.propose import propose
from lib.analysis.propose.dates import find_dates
from tests.unit.tiny_catalog import tiny_catalog

DAY = dt.date(2025, 8, 16)  # a Saturday


def _town(geonameid: str, name: str, alternates: list[str], country: str = "IQ", pop: int = 1000):
    names = tuple(dict.fromkeys([name, *alternates]))
    return {"geonameid": geonameid, "name": name, "asciiname": name,
            "alternatenames": "|".join(alternates), "latitude": "36", "longitude": "44",
            "population": pop, "country_code": country, "admin1_name": "X", "names": names}  # fmt: skip


@pytest.fixture(scope="module")
def catalog():
    c = tiny_catalog()
    c.curated.groups.loc[0, "aliases"] = ("AAP", "Alpha Party of Kurdistan")
    rows = [
        _town("1", "Koysinceq", ["Koya", "Koysinjaq", "كويسنجق"], pop=45000),
        _town("2", "Sulaymaniyah", ["Slemani", "Sulaimani", "As Sulaymānīyah"], pop=800000),
        _town("3", "Maywood", ["May"], country="TR"),
    ]
    geometry = [shapely.Point(44, 36)] * len(rows)
    c.gazetteer = gpd.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")
    return c


def _only(proposals, kind):
    return [p for p in proposals if p.kind == kind]


def test_curated_alias_exact(catalog):
    found = _only(propose(catalog, ["", "They met in Testville today."], DAY), "place")
    assert [(p.exact, p.target) for p in found] == [("Testville", "place:p-city")]
    assert "alias ‘Testville’" in found[0].why and "exact" in found[0].why


def test_gazetteer_alternate_name_and_arabic_form(catalog):
    text = ["", "Strikes hit Koysinjaq and كويسنجق on Monday."]
    found = _only(propose(catalog, text, DAY), "place")
    assert [(p.exact, p.target) for p in found] == [
        ("Koysinjaq", "geonames:1"), ("كويسنجق", "geonames:1")
    ]  # fmt: skip


def test_accents_are_ignored(catalog):
    found = _only(propose(catalog, ["", "Drones over As Sulaymaniyah."], DAY), "place")
    assert [p.target for p in found] == ["geonames:2"]


def test_typo_is_matched_and_says_how_alike(catalog):
    found = _only(propose(catalog, ["", "Camps near Sulaymaniya were hit."], DAY), "place")
    assert [p.target for p in found] == ["geonames:2"]
    assert "~" in found[0].why and "%" in found[0].why
    assert found[0].score < 1.0


def test_lowercase_word_is_not_a_town_and_countries_are_not_places(catalog):
    found = _only(propose(catalog, ["", "It may rain in Iran and Iraq."], DAY), "place")
    assert found == []


def test_group_name_with_acronym_is_one_proposal(catalog):
    text = ["", "The Alpha Party of Kurdistan (AAP) and Group B moved; aap did not."]
    found = _only(propose(catalog, text, DAY), "group")
    assert [(p.exact, p.target) for p in found] == [
        ("Alpha Party of Kurdistan (AAP)", "group:AAA"), ("Group B", "group:BBB")
    ]  # fmt: skip


def test_kurdistan_region_and_border_phrases(catalog):
    text = ["", "Groups in the Kurdistan Region left the border areas."]
    found = _only(propose(catalog, text, DAY), "place")
    assert [p.exact for p in found] == ["Kurdistan Region", "border areas"]


def test_absolute_month_and_year_dates():
    text = ["", "Signed on March 19, 2023, again in May 2024, during the 2022 protests."]
    found = [(p.exact, p.date, p.date_precision) for p in find_dates(text, DAY)]
    assert found == [
        ("March 19, 2023", dt.date(2023, 3, 19), "day"),
        ("May 2024", dt.date(2024, 5, 1), "month"),
        ("2022", dt.date(2022, 1, 1), "year"),
    ]


def test_relative_dates_resolved_against_the_article_date():
    text = ["", "They met on Monday, yesterday and earlier today; signed this week."]
    found = {p.exact: (p.date, p.date_precision) for p in find_dates(text, DAY)}
    assert found == {
        "Monday": (dt.date(2025, 8, 11), "day"),
        "yesterday": (dt.date(2025, 8, 15), "day"),
        "earlier today": (DAY, "day"),
        "this week": (dt.date(2025, 8, 11), "week"),
    }
    assert all(
        "resolved against the article's date 16 Aug 2025" in p.why for p in find_dates(text, DAY)
    )


def test_date_false_positives_are_filtered():
    text = ["", "It may happen now; 1,400-kilometer border; 2023 people; room 2021-B."]
    assert find_dates(text, DAY) == []


def test_event_proposed_with_its_evidence(catalog):
    text = ["", "Group A staged a protest in Somewhere on May 2, 2022, officials said."]
    events = _only(propose(catalog, text, DAY), "event")
    assert [p.target for p in events] == ["event:e-protest"]
    assert "date ‘May 2, 2022’" in events[0].why and "group AAA" in events[0].why
    assert events[0].score == 0.75


def test_no_same_kind_overlaps_and_sorted(catalog):
    text = ["Testville", "Testville Testville Group A; Crossing One, March 19, 2023."] * 3
    found = propose(catalog, text, DAY)
    assert found == sorted(found, key=lambda p: (p.block, p.start, p.kind))
    for a in found:
        for b in found:
            if a is not b and a.kind == b.kind and a.block == b.block:
                assert a.end <= b.start or b.end <= a.start


def test_a_five_thousand_word_article_is_proposed_whole(catalog):
    # Its speed is a benchmark (python -m lib.tools.propose_eval prints it against a
    # 2 s budget), not a timed test; here: every repeated mention is found.
    paragraph = "Group A moved from Testville to Koysinjaq on March 19, 2023, officials said. " * 10
    blocks = ["Title", *[paragraph] * 40]  # about 5,000 words
    found = propose(catalog, blocks, DAY)
    places = [p for p in found if p.kind == "place" and p.exact == "Koysinjaq"]
    dates = [p for p in found if p.kind == "date"]
    assert len(places) == 400 and len(dates) == 400
