"""AppTest: the presenter view steps through a briefing; links, bad links and uploads."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.data.paths import GEODATA_DIR
from lib.maps.popups import esc
from lib.maps.styles import MAP_LAYERS
from lib.model.filters import filter_sites, show_all
from lib.story import briefing as bf
from lib.story.export_text import step_text
from lib.ui.presenter import DRAFT_STATE_KEY
from tests.apptest_utils import APP, drawn, map_script, rerun

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


def counter(at: AppTest) -> str:
    (body,) = [b for b in html_bodies(at) if "id='zb-counter'" in b]
    return re.search(r"id='zb-counter'>([^<]+)<", body).group(1)


def side_panel(at: AppTest) -> str:
    return next(b for b in html_bodies(at) if "<p class='zb-caption'>" in b)


def fitted_bounds(at: AppTest) -> list[float]:
    found = re.search(r"fitBounds\(\s*\[\[([^\]]+)\],\s*\[([^\]]+)\]\]", map_script(at))
    return [float(x) for x in f"{found.group(1)},{found.group(2)}".split(",")]


def check_step(at: AppTest, catalog, briefing: bf.Briefing, index: int, facts) -> None:
    step = briefing.steps[index]
    assert counter(at) == f"{index + 1} / {len(briefing.steps)}"
    (south, west), (north, east) = bf.step_bounds(step)
    assert fitted_bounds(at) == [south, west, north, east]
    text = step_text(catalog, step, facts)
    panel = side_panel(at)
    assert esc(text.caption) in panel
    assert esc(", ".join(text.layers)) in panel
    assert esc(text.filters) in panel
    script = map_script(at)
    # Layers the step leaves out are in the layer control but not on the map.
    for key, label in MAP_LAYERS.items():
        assert (key in bf.step_layers(step)) == (label in text.layers)
    filters = bf.step_filters(step, show_all(catalog))
    assert drawn(at)["site"] == len(filter_sites(catalog.curated.sites, filters))
    for highlight in step.highlights:
        assert "zb-highlight" in script, highlight


def test_stepping_forward_and_back_moves_the_map_and_the_filters(catalog, default):
    facts = bf.briefing_facts(catalog)
    at = open_briefing()
    total = len(default.steps)
    check_step(at, catalog, default, 0, facts)
    assert at.button(key="zb_prev").disabled
    for index in range(1, total):
        at.button(key="zb_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.query_params["step"] == str(index + 1)
        check_step(at, catalog, default, index, facts)
    assert at.button(key="zb_next").disabled
    at.button(key="zb_prev").click().run()
    check_step(at, catalog, default, total - 2, facts)
    assert at.query_params["step"] == str(total - 1)
    assert at.query_params["b"] == DEFAULT_ID


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
