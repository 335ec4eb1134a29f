"""Briefing files as pydantic models: hostile input is named field by field, never raised."""

from __future__ import annotations

import datetime as dt
import random
import tomllib

import pytest
from pydantic import ValidationError

from lib.data.paths import GEODATA_DIR
from lib.model.links import Focus
from lib.story import briefing as bf
from lib.story.briefing.schema import VOCAB_CONTEXT_KEY, BriefingFile, StepFile

LABEL = "briefings/h.toml"


@pytest.fixture(scope="module")
def vocab(catalog):
    return bf.vocabulary(catalog)


def step_issues(raw, vocab):
    step, issues = bf.parse_step(raw, 3, LABEL, vocab)
    assert step is None and issues
    assert all(i.file == LABEL and i.item.startswith("step 3") for i in issues)
    return [(i.field, i.problem) for i in issues]


# --- the models themselves -----------------------------------------------------------


def test_a_step_model_forbids_unknown_keys_and_needs_the_vocabulary(vocab):
    ok = StepFile.model_validate(
        {"title": " T ", "from": "2023-03-01", "layers": ["border"]},
        context={VOCAB_CONTEXT_KEY: vocab},
    )
    assert ok.title == "T" and ok.date_from == dt.date(2023, 3, 1) and ok.layers == ["border"]
    with pytest.raises(ValidationError) as caught:
        StepFile.model_validate({"title": "T", "date_from": "2023-03-01"}, context={"vocab": vocab})
    assert caught.value.errors()[0]["type"] == "extra_forbidden"
    # Checking names without the loaded data is a programming error, not a data problem.
    with pytest.raises(TypeError, match="context"):
        StepFile.model_validate({"title": "T", "layers": ["border"]})
    with pytest.raises(ValidationError):
        BriefingFile.model_validate({"id": "x", "title": "T", "steps": [], "extra": 1})


# --- hostile steps --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"title": "T", "Caption": "x", "date_from": "2023-01-01"},
            [
                (
                    "Caption",
                    "unknown field (did you mean “caption”?); a step may have title, "
                    "caption, notes, bounds, layers, groups, from, to, conf, highlights",
                ),
                (
                    "date_from",
                    "unknown field (did you mean “from”?); a step may have title, caption, notes, bounds, "
                    "layers, groups, from, to, conf, highlights",
                ),
            ],
        ),
        ({"title": "x" * 121}, [("title", "too long (121 characters; at most 120)")]),
        (
            {"title": "T", "caption": "c" * 1500},
            [("caption", "too long (1,500 characters; at most 900)")],
        ),
        (
            {"title": "T", "notes": "n" * 8001},
            [("notes", "too long (8,001 characters; at most 8,000)")],
        ),
        ({"title": " \n\t "}, [("title", "empty: every step needs one")]),
        ({"caption": "c"}, [("title", "missing: every step needs one")]),
        ({"title": ["T"]}, [("title", "must be text, not a list")]),
        ({"title": "T", "caption": 3.5}, [("caption", "must be text, not a number")]),
        ({"title": "T", "notes": {"a": 1}}, [("notes", "must be text, not a table")]),
        ({"title": True}, [("title", "must be text, not true/false")]),
        (
            {"title": "T", "layers": {"border": True}},
            [("layers", 'must be a list of texts, e.g. ["a", "b"], not a table')],
        ),
        (
            {"title": "T", "groups": ["KDPI", 3]},
            [("groups", 'must be a list of texts, e.g. ["a", "b"], not a list')],
        ),
        (
            {"title": "T", "highlights": ["x"] * 41},
            [("highlights", "too many entries (41; at most 40)")],
        ),
        (
            {"title": "T", "layers": []},
            [("layers", "lists no layer (leave the field out to show all)")],
        ),
        ({"title": "T", "conf": 3}, [("conf", "“3” is not one of low, medium, high")]),
        ({"title": "T", "from": 20230301}, [("from", 'must be a date "YYYY-MM-DD", not a number')]),
        ({"title": "T", "to": dt.time(10)}, [("to", 'must be a date "YYYY-MM-DD", not a time')]),
        (
            {"title": "T", "from": dt.date(1990, 1, 1)},
            [("from", "1990-01-01 is outside the data's span")],
        ),
        (
            {"title": "T", "groups": ["KDPI", "Komalla"]},
            [("groups", "unknown group “Komalla” (did you mean “Komala”?)")],
        ),
        (
            {"title": "T", "highlights": ["site:kdpi-koya"]},
            [("highlights", "no site “kdpi-koya” (did you mean “kdpi-koya-hq”?)")],
        ),
        (
            {"title": "T", "caption": "{border_km} {x" + "y" * 60 + "}"},
            [("caption", "unknown placeholder(s) {xyyyyyyyy")],
        ),
    ],
)
def test_hostile_step_fields_are_named_in_the_files_words(vocab, raw, expected):
    found = step_issues(raw, vocab)
    assert len(found) == len(expected), found
    for (field, problem), (want_field, want_words) in zip(found, expected, strict=True):
        assert field == want_field and want_words in problem, (field, problem)


@pytest.mark.parametrize(
    ("bounds", "words"),
    [
        ("35,44,36,45", "must be [[south, west], [north, east]] in degrees"),
        ([35, 44, 36, 45], "must be [[south, west], [north, east]] in degrees"),
        ([[35, 44], [36, 45], [37, 46]], "must be [[south, west], [north, east]] in degrees"),
        ([[35, True], [36, 45]], "must be [[south, west], [north, east]] in degrees"),
        ([[35, "44"], [36, 45]], "must be [[south, west], [north, east]] in degrees"),
        ([[float("nan"), 44], [36, 45]], "must be finite numbers"),
        ([[35, 44], [float("inf"), 45]], "must be finite numbers"),
        ([[-91, 44], [36, 45]], "[[-91, 44], [36, 45]] is out of range"),
        ([[35, 44], [36, 181]], "is out of range"),
        ([[36, 44], [36, 45]], "swapped or empty: south is not below north"),
        ([[35, 45], [36, 44]], "swapped or empty: west is not left of east"),
        ([[44, 35], [45, 36]], "lies outside the map region"),
    ],
)
def test_bad_bounds_give_one_issue_each(vocab, bounds, words):
    ((field, problem),) = step_issues({"title": "T", "bounds": bounds}, vocab)
    assert field == "bounds" and words in problem


def test_integer_bounds_are_degrees_too(vocab):
    step, issues = bf.parse_step({"title": "T", "bounds": [[35, 44], [36, 45]]}, 1, LABEL, vocab)
    assert issues == [] and step.bounds == ((35.0, 44.0), (36.0, 45.0))


def test_every_problem_of_a_step_is_reported_in_file_order(vocab):
    raw = {
        "highlights": ["planet:mars"],
        "conf": "certain",
        "from": "2024-05-01",
        "to": "2023-01-01",
        "layers": ["bordr", "sitez"],
        "title": "T",
        "extra": 1,
    }
    fields = [field for field, _ in step_issues(raw, vocab)]
    assert fields == ["extra", "layers", "layers", "from/to", "conf", "highlights"]


def test_a_too_long_text_is_reported_before_its_placeholders(vocab):
    # One check per field at a time: the placeholders are checked once the text fits.
    assert step_issues({"title": "T", "caption": "{nope}" + "x" * 900}, vocab) == [
        ("caption", "too long (906 characters; at most 900)")
    ]


def test_a_valid_step_is_normalised(vocab):
    step, issues = bf.parse_step(
        {
            "title": "  Koya  ",
            "layers": [" sites ", "border", "sites"],
            "groups": ["none", "KDPI", "KDPI"],
            "highlights": ["site:kdpi-koya-hq", " site:kdpi-koya-hq ", "boundary:kurdistan-region"],
            "from": dt.date(2023, 3, 1),
            "to": " 2023-09-30 ",
            "conf": "medium",
        },
        1,
        LABEL,
        vocab,
    )
    assert issues == []
    assert step == bf.Step(
        title="Koya",
        layers=("sites", "border"),
        groups=("KDPI", "none"),
        date_from=dt.date(2023, 3, 1),
        date_to=dt.date(2023, 9, 30),
        min_confidence="medium",
        highlights=(Focus("site", "kdpi-koya-hq"), Focus("boundary", "kurdistan-region")),
    )


# --- hostile files --------------------------------------------------------------------

GOOD = '\n[[steps]]\ntitle = "Good"\n'


def load(text, vocab, default_id="stem"):
    return bf.load_briefing_text(text, LABEL, vocab, default_id=default_id)


def test_bad_briefing_fields_are_reported_and_replaced(vocab):
    text = f'id = "../x"\ntitle = "{"t" * 130}"\nsubtitle = 3\nauthor = "me"\nsubtitel = ""' + GOOD
    briefing, issues = load(text, vocab)
    assert [(i.item, i.field) for i in issues] == [
        ("(briefing)", "author"),
        ("(briefing)", "subtitel"),
        ("(briefing)", "id"),
        ("(briefing)", "title"),
        ("(briefing)", "subtitle"),
    ]
    assert "did you mean “subtitle”" in issues[1].problem
    assert issues[2].problem == "“../x” is not an id (letters, digits, - _ . only)"
    assert issues[3].problem == "too long (at most 120 characters); cut"
    assert issues[4].problem == "must be text, not a number"
    assert briefing == bf.Briefing("stem", "t" * 120, (bf.Step("Good"),), "")


def test_a_briefing_without_a_usable_id_or_title_is_named_anyway(vocab):
    briefing, issues = load("title = 5" + GOOD, vocab, default_id="../bad")
    assert briefing.briefing_id == "briefing" and briefing.title == "briefing"
    assert [i.field for i in issues] == ["id", "title"]
    assert issues[0].problem == "“../bad” is not an id (letters, digits, - _ . only)"


def test_too_many_steps_keeps_the_first_ones(vocab):
    briefing, issues = load('title = "T"' + GOOD * (bf.MAX_STEPS + 5), vocab)
    assert len(briefing.steps) == bf.MAX_STEPS
    assert [i.problem for i in issues] == [f"{bf.MAX_STEPS + 5} steps; only the first 60 are used"]


@pytest.mark.parametrize(
    "data", [[], "text", 3, {"title": "T", "steps": {"a": 1}}, {"title": "T", "steps": []}]
)
def test_anything_but_a_briefing_table_is_an_issue(vocab, data):
    briefing, issues = bf.parse_briefing(data, LABEL, vocab, "x")
    assert briefing is None and issues
    assert issues[0].problem in (
        "not a briefing: expected a TOML document",
        "no steps: add [[steps]] tables",
    )


# --- writing --------------------------------------------------------------------------


def test_the_shipped_briefing_is_written_readably(vocab):
    briefings, _ = bf.load_briefings(GEODATA_DIR / "briefings", vocab)
    text = bf.dump_briefing(briefings["border-security-2025"])
    assert text.startswith("# Zagros Brief briefing")
    assert '\nnotes = """\n- Length is measured geodesically' in text
    assert "\nbounds = [[29.6, 42.6], [37.6, 49.2]]\n" in text
    assert '\nhighlights = ["boundary:iraq-iran-border", "boundary:kurdistan-region"]\n' in text
    assert '\\"' not in text  # quotes in captions and notes are not escaped
    assert text.count("\n[[steps]]\n") == len(briefings["border-security-2025"].steps)


def test_any_text_round_trips_through_the_writer(vocab):
    pieces = [
        '"',
        '"""',
        "\\",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\x00",
        "\x1f",
        "\x7f",
        "é",
        "✓",
        "\U0001f600",
        "'",
        "'''",
        " ",
        "a",
        "{border_km}",
        "\u2028",
        "\ufeff",
    ]
    rng = random.Random(11)
    for _ in range(300):
        text = "T" + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        step = bf.Step(title="T", caption=text.strip(), notes=text.strip())
        briefing = bf.Briefing("r", "T", (step,))
        dumped = bf.dump_briefing(briefing)
        assert tomllib.loads(dumped)["steps"][0]["caption"] == text.strip()
        again, issues = bf.load_briefing_text(dumped, "r.toml", vocab)
        assert issues == [] and again == briefing, repr(text)


def test_texts_built_in_code_round_trip_unstripped(vocab):
    # Steps made in code are not stripped: leading and trailing line breaks survive.
    step = bf.Step(title="T", caption="\n\nstarts with line breaks", notes="ends with one\n")
    briefing = bf.Briefing("r", "T", (step,))
    data = tomllib.loads(bf.dump_briefing(briefing))
    assert data["steps"][0]["caption"] == step.caption
    assert data["steps"][0]["notes"] == step.notes
