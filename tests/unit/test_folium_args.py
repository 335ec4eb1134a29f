"""A map served from the cache (lib.ui.components) gets what st_folium itself would send."""

from __future__ import annotations

import re

import pytest
import streamlit_folium

from lib.maps.main_map import draw_main_map
from lib.maps.map_assets import bundle_scripts, localize_map
from lib.model.map_view import MapView
from lib.model.select import select
from lib.ui import components
from tests.unit.tiny_catalog import everything, tiny_catalog


def _ids_out(value: object) -> object:
    """Element ids are random per map: compare without them."""
    if isinstance(value, str):
        return re.sub(r"[0-9a-f]{32}", "ID", value)
    if isinstance(value, (list, tuple)):
        return [_ids_out(v) for v in value]
    return value


@pytest.mark.parametrize("view", [None, MapView(36.5, 45.0, 10)])
def test_folium_args_are_what_st_folium_sends(monkeypatch, view):
    tiny = tiny_catalog()
    sent: list[dict] = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.append(kw))

    def build():
        return draw_main_map(tiny, select(tiny, everything(tiny)), view, redraw=True)[0]

    streamlit_folium.st_folium(
        localize_map(build()), key="k", height=300, use_container_width=True, returned_objects=[]
    )
    components._cached_args.clear()
    components.show_cached_map(build, f"test-{view}", key="k", height=300)
    ours, theirs = sent[1], sent[0]
    for name in ("on_change",):
        ours.pop(name), theirs.pop(name)
    # The widget key hashes the script with its ids removed: the same for both.
    assert ours.pop("key") == theirs.pop("key")
    assert set(ours) == set(theirs)
    # The scripts, in the same order, come as one file (lib.maps.map_assets.bundle).
    assert list(ours.pop("js_links")) == list(bundle_scripts(theirs.pop("js_links")))
    for name in theirs:
        assert _ids_out(ours[name]) == _ids_out(theirs[name]), name
    assert "zb-site" in ours["script"], "a real map was sent"


def test_a_signature_builds_its_map_once(monkeypatch):
    tiny = tiny_catalog()
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: None)
    builds: list[int] = []

    def build():
        builds.append(1)
        return draw_main_map(tiny, select(tiny, everything(tiny)))[0]

    components._cached_args.clear()
    for _ in range(3):
        components.show_cached_map(build, "once", key="k", height=300)
    components.show_cached_map(build, "another", key="k", height=300)
    assert len(builds) == 2
