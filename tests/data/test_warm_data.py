"""The launcher measures the border before the server listens, and the first run finds it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import lib.analysis.border as border
from lib.analysis.border import measured_for, zone
from lib.data import memo, paths
from lib.data.catalog import load_catalog
from lib.story.briefing import load_briefings
from lib.ui import cache, deck_maps
from lib.ui.serve import warm, warm_decks


def test_a_warmed_server_measures_nothing_again_and_gets_the_same_figures(monkeypatch):
    memo.forget()
    cold = measured_for(load_catalog(), paths.GEODATA_DIR / "raw")
    memo.forget()
    assert warm() is None

    def refuse(*_args, **_kwargs):
        pytest.fail("measured again after the launcher had measured it")

    monkeypatch.setattr(border, "read_line_sources", refuse)
    monkeypatch.setattr(border, "split_border", refuse)
    monkeypatch.setattr(zone, "_band", refuse)
    # A new catalog (a first run's own objects) finds what the launcher measured.
    warmed = measured_for(load_catalog(), paths.GEODATA_DIR / "raw")
    assert cold is not None and warmed is not None
    assert warmed.lengths.equals(cold.lengths)
    assert warmed.segments.drop(columns="geometry").equals(cold.segments.drop(columns="geometry"))
    band = zone.zone_band(warmed.border.line, zone.ZONE_DEFAULT_KM, warmed.iraq)
    assert not band.is_empty


def test_a_warmed_server_draws_no_briefing_deck_again(monkeypatch, tmp_path):
    # A store of its own, as a fresh server would open it.
    monkeypatch.setenv("ZAGROS_BRIEF_DB", f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert warm_decks() is None

    def refuse(*_args, **_kwargs):
        pytest.fail("drawn again after the launcher had drawn it")

    monkeypatch.setattr(deck_maps, "deck_map", refuse)
    monkeypatch.setattr(deck_maps, "step_map_text", refuse)
    # The first run resolves the same store and revision, and finds every deck.
    source = cache.warm_source()
    assert source.store is not None and source.problem is None
    vocabulary = cache.briefing_vocabulary(source.catalog)
    briefings, _issues = load_briefings(source.folder / "briefings", vocabulary)
    assert briefings
    for briefing in briefings.values():
        page, own = deck_maps.deck_documents(source.catalog, source.key, briefing, "online")
        assert "zbDeck" in page and set(own) == {
            i for i, step in enumerate(briefing.steps) if step.kind != "map"
        }
        assert len(deck_maps.map_texts(source.catalog, source.key, briefing)) == len(briefing.steps)


def test_the_launcher_warms_without_declaring_a_component_before_the_server(tmp_path):
    # A component declared before the server starts is never served: warming must not
    # import the deck's or streamlit-folium's module (lib.ui.serve.NOT_PRELOADED).
    script = (
        "import sys\n"
        "from lib.ui.serve import warm_decks\n"
        "assert warm_decks() is None\n"
        "print(sorted(m for m in ('lib.ui.deck', 'lib.ui.components', 'streamlit_folium')"
        " if m in sys.modules))\n"
    )
    env = {**os.environ, "ZAGROS_BRIEF_DB": f"sqlite:///{tmp_path / 'store.sqlite'}"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=paths.PROJECT_ROOT, env=env,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
