"""The hostile data set loads, and no payload reaches map or article HTML unescaped."""

from __future__ import annotations

import pytest

from lib.data.catalog import load_catalog
from lib.maps.main_map import build_main_map
from lib.model.filters import default_filters
from lib.story.article_view import article_html
from tests.hostile_data import HOSTILE_SITE_NAME, make_hostile_geodata

RAW_MARKERS = ("<script>alert", "<img src=x", "<svg onload", "${alert", "`;alert")


@pytest.fixture(scope="module")
def hostile_catalog(tmp_path_factory):
    return load_catalog(make_hostile_geodata(tmp_path_factory.mktemp("hostile") / "geodata"))


def test_hostile_data_loads_in_full(hostile_catalog, catalog):
    assert [i.message() for i in hostile_catalog.issues] == []
    # Every row of the real data survives the hostile edits, plus the one annotation
    # the hostile set adds on the injected passage.
    assert len(hostile_catalog.curated.sites) == len(catalog.curated.sites)
    assert len(hostile_catalog.annotations) == len(catalog.annotations) + 1
    assert HOSTILE_SITE_NAME in set(hostile_catalog.curated.sites["name"])


def test_no_payload_reaches_the_map_unescaped(hostile_catalog):
    filters = default_filters(hostile_catalog.curated.groups, hostile_catalog.curated.events)
    html = build_main_map(hostile_catalog, filters)[0].get_root().render()
    for marker in RAW_MARKERS:
        assert marker not in html, marker
    assert "&lt;img src=x onerror=alert(&#x27;xss2&#x27;)&gt;" in html


def test_no_payload_reaches_the_article_unescaped(hostile_catalog):
    article = next(iter(hostile_catalog.articles.values()))
    html = article_html(article, hostile_catalog.annotations, hostile_catalog, set())
    for marker in RAW_MARKERS:
        assert marker not in html, marker
    assert "event-hostile-1" in html
