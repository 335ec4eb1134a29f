"""Briefings as data: the default briefing, validation of bad files, round trip, exports."""

from __future__ import annotations

import datetime as dt
import re
import struct

import pytest

from lib.data.paths import GEODATA_DIR
from lib.maps.popups import esc
from lib.maps.styles import MAP_LAYERS
from lib.model.links import Focus
from lib.model.map_view import BORDER_BOUNDS, MapView, bounds_view, view_bounds
from lib.story import briefing as bf
from lib.story.export_html import export_html
from lib.story.export_png import render_step_png
from lib.story.export_text import highlight_label

DEFAULT_ID = "border-security-2025"


@pytest.fixture(scope="module")
def vocab(catalog):
    return bf.vocabulary(catalog)


@pytest.fixture(scope="module")
def loaded(vocab):
    return bf.load_briefings(GEODATA_DIR / "briefings", vocab)


@pytest.fixture(scope="module")
def default(loaded):
    return loaded[0][DEFAULT_ID]


@pytest.fixture(scope="module")
def facts(catalog):
    return bf.briefing_facts(catalog)


def test_the_default_briefing_validates_and_tells_the_story(loaded, default, catalog):
    _briefings, issues = loaded
    assert issues == []
    assert 6 <= len(default.steps) <= 10
    # It shows each kind of step at least once (issue 15: then and now, playback).
    assert {s.kind for s in default.steps} == {"map", "then_now", "playback"}
    ids = catalog.focus_ids()
    for step in default.steps:
        assert step.title and step.caption and step.notes
        assert step.layers is None or set(step.layers) <= set(MAP_LAYERS)
        for highlight in step.highlights:
            assert highlight.ref in ids[highlight.kind]
            # Every highlight has a place on the map (point or area).
            assert highlight_label(catalog, highlight) != str(highlight)
    kinds = {h.kind for s in default.steps for h in s.highlights}
    assert {"boundary", "site", "event"} <= kinds


def test_captions_carry_figures_measured_from_the_data(default, facts, catalog):
    from lib.geo.geodesy import format_km

    assert facts["border_km"] == format_km(catalog.border_km("detail"))
    first = bf.fill(default.steps[0].caption, facts)
    assert facts["border_km"] in first and "{" not in first
    assert "{border_km}" in default.steps[0].caption  # never typed in
    for step in default.steps:
        for text in (step.title, step.caption, step.notes):
            assert not bf.placeholders(bf.fill(text, facts))


def test_dump_then_load_gives_the_same_briefing(default, vocab):
    text = bf.dump_briefing(default)
    again, issues = bf.load_briefing_text(text, "roundtrip.toml", vocab)
    assert issues == [] and again == default
    assert bf.dump_briefing(again) == text  # deterministic


def test_round_trip_keeps_awkward_text_and_every_field(vocab):
    step = bf.Step(
        title='Quotes " and \\ backslash, tab\tand {border_km}',
        caption='Line one\nline "two" ends with a quote"',
        notes='""" triple quotes """ and émigré – ✓',
        bounds=((35.25, 43.5), (36.0, 45.125)),
        layers=("border", "sites"),
        groups=("KDPI", "none"),
        date_from=dt.date(2022, 9, 1),
        date_to=dt.date(2023, 3, 18),
        min_confidence="medium",
        highlights=(Focus("site", "kdpi-koya-hq"), Focus("boundary", "kurdistan-region")),
    )
    briefing = bf.Briefing("x-1", "Title with “quotes”", (step, bf.Step("Second")), "sub")
    again, issues = bf.load_briefing_text(bf.dump_briefing(briefing), "t.toml", vocab)
    assert issues == [] and again == briefing


def test_then_and_now_and_playback_steps_round_trip_and_say_their_kind(vocab):
    then_now = bf.Step(
        "Before and after",
        then=dt.date(2023, 3, 18),
        now=dt.date(2023, 10, 1),
        then_label="Before “the agreement”",
        now_label="After",
    )
    playback = bf.Step("In motion", play="week")
    briefing = bf.Briefing("x-2", "Kinds", (then_now, playback, bf.Step("Plain")))
    again, issues = bf.load_briefing_text(bf.dump_briefing(briefing), "t.toml", vocab)
    assert issues == [] and again == briefing
    assert [s.kind for s in again.steps] == ["then_now", "playback", "map"]


GOOD_STEP = """
[[steps]]
title = "Good step"
layers = ["border"]
"""


def load(text, vocab):
    return bf.load_briefing_text('id = "t"\ntitle = "T"\n' + text, "briefings/t.toml", vocab)


@pytest.mark.parametrize(
    ("step", "field", "words"),
    [
        ('title = "S"\nlayers = ["border", "railways"]', "layers", "unknown layer “railways”"),
        ('title = "S"\ngroups = ["KDPI", "Komalla"]', "groups", "did you mean “Komala”"),
        ('title = "S"\nfrom = "2023-02-30"', "from", "not a real date"),
        ('title = "S"\nfrom = "2024-05-01"\nto = "2023-01-01"', "from/to", "after"),
        ('title = "S"\nbounds = [[37.0, 45.0], [35.0, 44.0]]', "bounds", "swapped"),
        ('title = "S"\nbounds = [[95.0, 45.0], [96.0, 46.0]]', "bounds", "out of range"),
        ('title = "S"\nbounds = [[44.0, 35.0], [45.0, 36.0]]', "bounds", "outside the map region"),
        ('title = "S"\nhighlights = ["event:no-such-event"]', "highlights", "unknown highlight"),
        ('title = "S"\nhighlights = ["planet:mars"]', "highlights", "not kind:id"),
        ('caption = "No title here"', "title", "missing"),
        ("title = 42", "title", "must be text"),
        ('title = "S"\nlayers = "border"', "layers", "must be a list"),
        (
            'title = "S"\nbounds = [[35, "west"], [36, 46]]',
            "bounds",
            "[[south, west], [north, east]]",
        ),
        ('title = "S"\nfrom = 2023-03-01T10:00:00', "from", "must be a date"),
        ('title = "S"\nconf = "certain"', "conf", "not one of"),
        ('title = "S"\ncaption = "{nonsense}"', "caption", "unknown placeholder"),
        ('title = "S"\ncaptoin = "typo"', "captoin", "did you mean “caption”"),
        ('title = "S"\nplay = "daily"', "play", "not one of month, week"),
        ('title = "S"\nthen = "2023-03-18"', "then/now", "needs both"),
        ('title = "S"\nthen = "2023-10-01"\nnow = "2023-03-18"', "then/now", "not before"),
        ('title = "S"\nthen = "1066-10-14"\nnow = "2023-03-18"', "then", "outside the data"),
        (
            'title = "S"\nplay = "month"\nthen = "2023-03-18"\nnow = "2023-10-01"',
            "play",
            "not both",
        ),
        (
            'title = "S"\nthen = "2023-03-18"\nnow = "2023-10-01"\nthen_label = "' + "x" * 61 + '"',
            "then_label",
            "60",
        ),
    ],
)
def test_a_bad_step_is_named_and_left_out_and_the_rest_still_works(vocab, step, field, words):
    briefing, issues = load(GOOD_STEP + "\n[[steps]]\n" + step + "\n" + GOOD_STEP, vocab)
    assert briefing is not None and [s.title for s in briefing.steps] == ["Good step"] * 2
    assert issues, "expected an issue"
    issue = issues[0]
    assert issue.file == "briefings/t.toml"
    assert issue.item.startswith("step 2")
    assert issue.field == field
    assert words in issue.problem, issue.message()
    if step.startswith('title = "S"'):
        assert "“S”" in issue.item  # the step is named by its title too


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("title = [unclosed", "not valid TOML"),
        ('title = "no steps"', "no steps"),
        ("steps = 3", "no steps"),
        ("steps = [1, 2]", "must be a table"),
        ("[[steps]]\ncaption = 'only bad steps'", "missing"),
        ("\x00\x01 binary", "not valid TOML"),
    ],
)
def test_a_bad_file_gives_issues_and_never_raises(vocab, text, words):
    briefing, issues = bf.load_briefing_text(text, "briefings/bad.toml", vocab)
    assert briefing is None
    assert any(words in i.problem for i in issues), [i.message() for i in issues]
    assert all(i.file == "briefings/bad.toml" for i in issues)


def test_not_utf8_and_too_large_files_are_refused(vocab):
    _, issues = bf.load_briefing_text(b"\xff\xfe title", "b.toml", vocab)
    assert "not UTF-8" in issues[0].problem
    _, issues = bf.load_briefing_text("x" * (bf.MAX_FILE_BYTES + 1), "b.toml", vocab)
    assert "too large" in issues[0].problem


def test_a_broken_file_in_the_folder_does_not_stop_the_others(tmp_path, vocab):
    (tmp_path / "a.toml").write_text('title = "A"\n' + GOOD_STEP, "utf-8")
    (tmp_path / "b.toml").write_text("this is [not toml", "utf-8")
    (tmp_path / "c.toml").write_text('id = "a"\ntitle = "C"\n' + GOOD_STEP, "utf-8")
    briefings, issues = bf.load_briefings(tmp_path, vocab)
    assert list(briefings) == ["a"]
    assert {i.file for i in issues} == {"briefings/b.toml", "briefings/c.toml"}


def test_untrusted_link_values_fall_back_to_step_one(default):
    briefings = {DEFAULT_ID: default}
    assert bf.resolve_step(briefings, {"b": DEFAULT_ID, "step": "3"}, DEFAULT_ID)[1:] == (2, [])
    for bad in ("0", "99", "-1", "2.5", "abc", "1" * 400):
        briefing, index, notices = bf.resolve_step(briefings, {"step": bad}, DEFAULT_ID)
        assert index == 0 and notices
    briefing, index, notices = bf.resolve_step(
        briefings, {"b": "../../etc/passwd", "step": "2"}, DEFAULT_ID
    )
    assert briefing is default and index == 1 and "No briefing called" in notices[0]


def test_a_view_becomes_bounds_and_back(vocab, all_filters):
    assert view_bounds(None) == BORDER_BOUNDS
    (south, west), (north, east) = view_bounds(MapView(36.0, 44.5, 8))
    assert south < 36.0 < north and west < 44.5 < east and east - west == pytest.approx(4.94, 0.01)
    assert bounds_view(BORDER_BOUNDS).zoom == 6
    step, issues = bf.make_step(
        "Koya", "Caption", "", MapView(36.0, 44.5, 8), all_filters, all_filters, vocab
    )
    assert issues == [] and step.layers is None and step.groups is None
    assert step.bounds == view_bounds(MapView(36.0, 44.5, 8))
    step, issues = bf.make_step("", "", "", None, all_filters, all_filters, vocab)
    assert step is None and issues[0].field == "title"


def test_png_export_of_every_step_is_a_valid_image(catalog, default, facts):
    for index in range(len(default.steps)):
        png = render_step_png(catalog, default, index, facts)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert (width, height) == (1600, 900)
        assert 50_000 < len(png) < 2_000_000


def test_html_export_holds_every_step_and_no_external_script_or_style(catalog, default, facts):
    page = export_html(catalog, default, facts, include_notes=True)
    for step in default.steps:
        assert esc(bf.fill(step.title, facts)) in page
    assert page.count("<iframe class='map'") == len(default.steps)
    assert page.count("srcdoc=") == len(default.steps)
    tags = re.findall(r"<(?:script|link)\b[^>]*>", page)
    tags += re.findall(r"&lt;(?:script|link)\b.*?&gt;", page)  # inside the maps' srcdoc
    assert not [t for t in tags if re.search(r"(src|href)=\S*https?:", t)], tags[:3]
    assert "Speaker notes" in page and facts["border_km"] in page


def test_html_export_escapes_every_text(catalog, vocab, facts):
    nasty = '<script>alert("x")</script> & `${x}`'
    briefing = bf.Briefing("x", nasty, (bf.Step(nasty, caption=nasty, notes=nasty),), nasty)
    page = export_html(catalog, briefing, facts, include_notes=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_then_and_now_or_playback_step_says_what_it_shows_in_time(catalog, facts):
    from lib.story.export_text import step_text

    then_now = bf.Step("T", then=dt.date(2023, 3, 18), now=dt.date(2023, 10, 1))
    assert (
        "sites in use on 18 Mar 2023 and on 1 Oct 2023"
        in step_text(catalog, then_now, facts).filters
    )
    assert "played week by week" in step_text(catalog, bf.Step("P", play="week"), facts).filters
    assert "played" not in step_text(catalog, bf.Step("Plain"), facts).filters
