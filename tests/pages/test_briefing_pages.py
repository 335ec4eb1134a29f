"""AppTest: the presenter view steps through a briefing; links, bad links and uploads."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.data.paths import GEODATA_DIR
from lib.maps.map_assets import VENDOR_URL
from lib.maps.popups import esc
from lib.maps.styles import MAP_LAYERS
from lib.model.filters import filter_sites, show_all
from lib.story import briefing as bf
from lib.story.export_text import step_text
from lib.ui.deck import DECK_KEY, NOTES_KEY
from lib.ui.presenter import DRAFT_STATE_KEY
from tests.apptest_utils import APP, rerun

DEFAULT_ID = "border-security-2025"


@pytest.fixture(scope="module")
def default(catalog):
    briefings, _ = bf.load_briefings(GEODATA_DIR / "briefings", bf.vocabulary(catalog))
    return briefings[DEFAULT_ID]


def open_briefing(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/briefing.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_bodies(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def deck_args(at: AppTest) -> dict:
    """The arguments of the presenter's deck (lib.ui.deck): every step, and its one map."""
    (component,) = [c for c in at.get("component_instance") if "zb_deck" in c.proto.component_name]
    return json.loads(component.proto.json_args)


def counter(at: AppTest) -> str:
    """What the deck's counter shows when it opens: its start step of its steps."""
    args = deck_args(at)
    return f"{args['start']} / {len(args['steps'])}"


def side_panel(at: AppTest, index: int | None = None) -> str:
    """A step's side panel in the deck (default: the step it opens on)."""
    args = deck_args(at)
    return args["steps"][args["start"] - 1 if index is None else index]["panel"]


def deck_table(at: AppTest) -> list[dict]:
    """The deck map's table of steps: each step's groups and bounds (static/deck_map.js)."""
    found = re.search(r"zbDeckInit\(\w+, \[[\w, ]*\], (\[.*\])\);", deck_args(at)["map"])
    return json.loads(found.group(1))


def fitted_bounds(at: AppTest, index: int | None = None) -> list[float]:
    args = deck_args(at)
    (south, west), (north, east) = deck_table(at)[args["start"] - 1 if index is None else index][
        "bounds"
    ]
    return [south, west, north, east]


def check_step(at: AppTest, catalog, briefing: bf.Briefing, index: int, facts) -> None:
    step = briefing.steps[index]
    (south, west), (north, east) = bf.step_bounds(step)
    assert fitted_bounds(at, index) == [south, west, north, east]
    text = step_text(catalog, step, facts)
    assert deck_args(at)["steps"][index]["title"] == text.title
    panel = side_panel(at, index)
    assert esc(text.caption) in panel
    assert esc(", ".join(text.layers)) in panel
    assert esc(text.filters) in panel
    for key, label in MAP_LAYERS.items():
        assert (key in bf.step_layers(step)) == (label in text.layers)


def test_the_deck_holds_every_step_and_one_map_with_each_steps_features(catalog, default):
    facts = bf.briefing_facts(catalog)
    at = open_briefing()
    assert counter(at) == f"1 / {len(default.steps)}"
    for index in range(len(default.steps)):
        check_step(at, catalog, default, index, facts)
    # One map for the whole briefing: each step's sites drawn once, for that step.
    sites = 0
    for step in default.steps:
        if "sites" in bf.step_layers(step) and step.kind == "map":
            sites += len(
                filter_sites(catalog.curated.sites, bf.step_filters(step, show_all(catalog)))
            )
    assert len(re.findall(r'"zb-symbol zb-site[ "]', deck_args(at)["map"])) == sites
    assert "zb-highlight" in deck_args(at)["map"]
    # Then-and-now and playback steps come with a map of their own, loaded with the deck.
    own = {index: page for index, page, _bounds in deck_args(at)["own_maps"]}
    kinds = [step.kind for step in default.steps]
    assert sorted(own) == [i for i, kind in enumerate(kinds) if kind != "map"]
    for index, page in own.items():
        marker = "zb-moment" if kinds[index] == "then_now" else "zbPlayback("
        assert marker in page, (index, kinds[index])
    # Every map page loads Leaflet and its plugins from the app, as one file, instead of
    # carrying its own copy (the exported file inlines them; the deck does not need to).
    for page in [deck_args(at)["map"], *own.values()]:
        scripts = re.findall(r'<script src="([^"]+)"></script>', page)
        assert len(scripts) == 1 and scripts[0].startswith(f"{VENDOR_URL}/bundles/"), scripts
        assert "Leaflet 1." not in page


def test_a_step_shown_in_the_browser_reaches_the_address_and_keeps_the_frame(catalog, default):
    at = open_briefing()
    before = deck_args(at)
    total = len(default.steps)
    for number in (2, 3, total, 2):
        # What the deck's frame sends when the presenter steps (its component value).
        at.session_state[DECK_KEY] = {"briefing": DEFAULT_ID, "step": number, "at": number}
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.query_params["step"] == str(number)
        assert at.query_params["b"] == DEFAULT_ID
        # The same arguments: Streamlit keeps the frame, nothing is redrawn.
        assert deck_args(at) == before
    # A value that was applied once does not pull a later address back; the deck is
    # sent to the step the address names (once, numbered), the rest unchanged.
    at.query_params["step"] = "5"
    at.run()
    assert at.query_params["step"] == "5"
    assert deck_args(at) == {**before, "goto": {"step": 5, "n": 1}}
    # A value about another briefing is not this one's step.
    at.session_state[DECK_KEY] = {"briefing": "another", "step": 4, "at": 99}
    at.run()
    assert at.query_params["step"] == "5"


def test_a_step_link_opens_that_step(catalog, default):
    at = open_briefing({"b": DEFAULT_ID, "step": "3"})
    check_step(at, catalog, default, 2, bf.briefing_facts(catalog))
    assert not at.info


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"b": DEFAULT_ID, "step": "99"}, "No step “99”"),
        ({"b": DEFAULT_ID, "step": "-2"}, "No step"),
        ({"step": "<script>"}, "No step"),
        ({"b": "../../../etc/passwd", "step": "2"}, "No briefing called"),
        ({"b": "x" * 500}, "No briefing called"),
    ],
)
def test_bad_link_values_give_a_notice_not_a_crash(query, words):
    at = open_briefing(query)
    assert any(words in i.value for i in at.info), [i.value for i in at.info]
    expected = "2 / " if query.get("step") == "2" else "1 / "
    assert counter(at).startswith(expected)
    assert at.query_params["b"] == DEFAULT_ID


def test_a_malformed_upload_is_reported_by_step_and_field(catalog):
    at = open_briefing()
    bad = (
        'id = "mine"\ntitle = "Mine"\n'
        '[[steps]]\ntitle = "Fine"\n'
        '[[steps]]\ntitle = "Broken"\nlayers = ["border", "railways"]\nfrom = "2023-02-30"\n'
    )
    at.file_uploader(key="zb_briefing_upload").upload("mine.toml", bad.encode()).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("problem" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert set(table["item"]) == {"step 2 “Broken”"}
    assert set(table["field"]) == {"layers", "from"}
    assert table["problem"].str.contains("railways").any()
    # The good step can still be presented.
    at.button(key="zb_present_upload").click().run()
    assert at.query_params["b"] == "mine"
    assert counter(at) == "1 / 1"


def test_an_upload_that_is_not_toml_is_an_error_not_a_crash():
    at = open_briefing()
    at.file_uploader(key="zb_briefing_upload").upload("x.toml", b"\x89PNG not toml").run()
    assert not at.exception
    assert any("cannot be presented" in e.value for e in at.error)
    assert at.dataframe[0].value["problem"].str.contains("not").all()


def test_a_view_added_on_the_map_page_becomes_a_presentable_step(catalog):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"lat": "36.0", "lon": "44.6", "z": "9", "groups": "KDPI"})
    at.run()
    (title,) = [t for t in at.text_input if t.label == "Step title"]
    title.input("Koya up close")
    caption = next(t for t in at.text_area if t.label.startswith("Caption"))
    caption.input("The KDPI headquarters near Koya.")
    next(b for b in at.button if b.label == "Add this view as a step").click()
    rerun(at)
    assert not at.exception, [e.value for e in at.exception]
    draft = at.session_state[DRAFT_STATE_KEY]
    assert len(draft) == 1 and draft[0].groups == ("KDPI",)
    (south, west), (north, east) = draft[0].bounds
    assert south < 36.0 < north and west < 44.6 < east
    at.switch_page("pages/briefing.py").run()
    at.query_params["b"] = bf.DRAFT_ID
    at.query_params["step"] = "1"
    at.run()
    assert counter(at) == "1 / 1"
    assert "The KDPI headquarters near Koya." in side_panel(at)
    assert fitted_bounds(at) == [south, west, north, east]


def test_the_notes_window_holds_every_steps_notes_and_follows_a_reported_step(catalog, default):
    facts = bf.briefing_facts(catalog)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"b": DEFAULT_ID, "step": "2"})
    at.run()
    at.switch_page("pages/notes.py").run()
    assert not at.exception, [e.value for e in at.exception]
    args = deck_args(at)
    assert args["mode"] == "notes" and args["start"] == 2 and "map" not in args
    total = len(default.steps)
    for index, step in enumerate(default.steps):
        text = step_text(catalog, step, facts)
        body = args["steps"][index]["panel"]
        assert esc(text.notes, 20000) in body if text.notes else "No speaker notes" in body
        assert esc(text.caption) in body
        # What comes next, or that this is the last step.
        if index + 1 < total:
            assert esc(step_text(catalog, default.steps[index + 1], facts).title) in body
        else:
            assert "Last step." in body
    # The presenter stepped on (heard through the browser's channel): the address follows.
    at.session_state[NOTES_KEY] = {"briefing": DEFAULT_ID, "step": 5, "at": 1}
    at.run()
    assert at.query_params["step"] == "5"
    assert deck_args(at) == args
