"""The deck map: every step of a briefing drawn once on one map, switched by its script."""

from __future__ import annotations

import json
import re

import pytest

from lib.model.filters import filter_sites, show_all
from lib.model.links import Focus
from lib.story import briefing as bf
from lib.story.deck_map import SHARED_LAYERS, deck_map
from lib.story.export_map import step_map
from tests.unit.tiny_catalog import tiny_catalog

STEPS = (
    bf.Step("Sites of A", layers=("border", "sites"), groups=("AAA",), bounds=((35, 44), (37, 46))),
    bf.Step(
        "The deal",
        layers=("border", "events"),
        highlights=(Focus("event", "e-deal"),),
        bounds=((35.0, 44.0), (36.0, 45.0)),
    ),
    bf.Step("Everything"),
)


@pytest.fixture(scope="module")
def catalog():
    return tiny_catalog()


@pytest.fixture(scope="module")
def deck(catalog):
    return deck_map(catalog, STEPS, tiles=False)


def _table(html: str) -> list[dict]:
    found = re.search(r"zbDeckInit\((\w+), \[([\w, ]*)\], (\[.*\])\);", html)
    assert found, "the deck's script is on the map"
    return json.loads(found.group(3))


def test_each_step_shows_its_own_features_and_the_shared_layers(catalog, deck):
    names = [g.layer_name for g in deck.groups]
    # Every step draws the border, and it is one group, the same in each.
    assert names.count("Iraq–Iran border") == 1
    border = names.index("Iraq–Iran border")
    assert all(border in step.layers for step in deck.steps)
    # The shared layers come first: every step draws its own features over them.
    shared = sum(name in SHARED_LAYERS for name in names)
    assert shared >= 2 and all(name in SHARED_LAYERS for name in names[:shared])
    own = [set(step.layers) - set(deck.steps[0].layers) for step in deck.steps[1:]]
    assert own[0] and own[1] and not own[0] & own[1]  # nothing of step 2 shown in step 3
    # The layers a step leaves off are not in it at all.
    assert not any(names[i].endswith("Events") for i in deck.steps[0].layers)
    assert not any(names[i].endswith("(bases and camps)") for i in deck.steps[1].layers)


def test_what_each_step_draws_is_counted_from_its_filters_and_layers(catalog, deck):
    def sites(step: bf.Step) -> int:
        return len(filter_sites(catalog.curated.sites, bf.step_filters(step, show_all(catalog))))

    first, second, third = (step.drawn for step in deck.steps)
    # Group A's sites only; no crossings or events: their layers are off.
    assert first == {"sites": sites(STEPS[0]), "crossings": 0, "events": 0, "highlights": 0}
    assert 0 < sites(STEPS[0]) < sites(STEPS[2])
    assert second["sites"] == 0 and second["events"] > 0 and second["highlights"] == 1
    assert third["sites"] == sites(STEPS[2]) and third["crossings"] == 1
    assert third["highlights"] == 0
    for step, deck_step in zip(STEPS, deck.steps, strict=True):
        assert deck_step.contents.counts == step_map(catalog, step, tiles=False)[1].counts


def test_the_map_carries_every_steps_bounds_and_draws_shared_layers_once(catalog, deck):
    html = deck.fmap.get_root().render()
    table = _table(html)
    assert [row["bounds"] for row in table] == [
        [list(corner) for corner in bf.step_bounds(step)] for step in STEPS
    ]
    assert [row["layers"] for row in table] == [list(step.layers) for step in deck.steps]
    # Each step's sites once per step that shows them; the border line once for all three.
    assert html.count("zb-site-a-camp") == sum(
        s.drawn["sites"] > 0
        and "zb-site-a-camp" in step_map(catalog, st, tiles=False)[0].get_root().render()
        for s, st in zip(deck.steps, STEPS, strict=True)
    )
    one_step = step_map(catalog, STEPS[2], tiles=False)[0].get_root().render()
    assert html.count("zb-border") == one_step.count("zb-border")
    # The view is the step's: the deck writes no map view into the page's address.
    assert "searchParams.set('lat'" not in html


def test_a_deck_needs_a_step(catalog):
    with pytest.raises(ValueError, match="at least one step"):
        deck_map(catalog, ())


@pytest.mark.parametrize("first", [False, True])
def test_then_and_now_and_playback_steps_keep_maps_of_their_own(catalog, first):
    import datetime as dt

    special = (
        bf.Step("Then and now", then=dt.date(2020, 6, 1), now=dt.date(2022, 6, 1)),
        bf.Step("In motion", play="month"),
    )
    steps = (*special, *STEPS) if first else (*STEPS, *special)
    deck = deck_map(catalog, steps, tiles=False)
    own = [i for i, step in enumerate(steps) if step.kind != "map"]
    assert sorted(deck.own_maps) == own
    assert [s.own for s in deck.steps] == [i in own for i in range(len(steps))]
    assert all(deck.steps[i].drawn == {"own": 1} for i in own)
    html = deck.fmap.get_root().render()
    # The deck map holds only the ordinary steps' features; its table has every step.
    assert len(_table(html)) == len(steps)
    assert "zbPlayback(" not in html and "zb-moment" not in html
    pages = {i: deck.own_maps[i].get_root().render() for i in own}
    assert "zb-moment" in pages[own[0]] and "zbPlayback(" in pages[own[1]]
    # The ordinary steps still show their sites on the deck map.
    assert re.search(r'"zb-symbol zb-site[ "]', html)
