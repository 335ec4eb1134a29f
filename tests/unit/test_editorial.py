"""lib.editorial on fixture data: drafts round-trip, anchoring, orphans, checks, diffs."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.analysis.propose.model import Proposal
from lib.data.annotations import Annotation
from lib.data.validation import DATE_PRECISIONS, PRECISION_LEVELS, precision_interval
from lib.editorial import AnchorError, Problem
from lib.editorial.anchor import anchor_once, reanchor
from lib.editorial.diff import field_changes
from lib.editorial.draft import ArticleMeta, Decision, Draft, EventDraft, QuoteAnnotation
from lib.editorial.validate import check_event, check_meta, check_record, check_target
from lib.geo.rings import DEFAULT_RING_KM
from tests.unit.tiny_catalog import tiny_catalog

TODAY = dt.date(2025, 9, 1)


def _event(**kw) -> EventDraft:
    base = dict(
        title="Strike near Test City", date=dt.date(2025, 8, 14), date_precision="week",
        category="strike", groups=["AAA"], actors="IRGC", place="Test City", lat=35.2,
        lon=44.2, precision="region", confidence="medium", coord_basis="Test City centre",
        sources=["Other outlet"], quote="a drone struck",
    )  # fmt: skip
    return EventDraft(**{**base, **kw})


def _ann(exact: str, prefix: str = "", suffix: str = "", ident: str = "a1") -> Annotation:
    return Annotation(ident, "art", exact, prefix, suffix, "place", "p-city")


def test_a_draft_round_trips_through_json() -> None:
    proposal = Proposal(proposal_id="place-1-0", kind="place", block=1, start=0, end=4,
                        exact="Koya", target="geonames:94220")  # fmt: skip
    draft = Draft(
        meta=ArticleMeta(title="T", outlet="Rudaw", published=dt.date(2025, 8, 16)),
        paragraphs=["Koya was hit."],
        decisions=[Decision(proposal=proposal, status="accepted", target="place:p-city")],
        quotes=[QuoteAnnotation(annotation_id="q1", exact="hit", target="group:AAA")],
        events=[_event()],
    )
    again = Draft.model_validate(draft.model_dump(mode="json"))
    assert again == draft
    assert again.blocks() == ["T", "Koya was hit."]
    assert again.decisions[0].final_target == "place:p-city"


def test_anchor_once_fills_context_and_refuses_empty_missing_and_repeated_quotes() -> None:
    blocks = ["Title", "On Monday a drone struck the camp. Later a drone struck again."]
    anchor = anchor_once(blocks, "the camp")
    assert (anchor.block, blocks[1][anchor.start : anchor.end]) == (1, "the camp")
    assert anchor.prefix.endswith("a drone struck ") and anchor.suffix.startswith(". Later")
    with pytest.raises(AnchorError, match="empty"):
        anchor_once(blocks, "   ")
    with pytest.raises(AnchorError, match="not in the text"):
        anchor_once(blocks, "a missile")
    with pytest.raises(AnchorError, match="appears 2 times: quote a longer passage"):
        anchor_once(blocks, "a drone struck")


def test_reanchor_keeps_moves_and_orphans_as_the_rules_say() -> None:
    old = "Iranian drones struck the KDPI camp near Koya on Monday, officials said."
    new = ["T", "Officials said Iranian drones struck the KDPI camp near Koya on Monday."]
    kept = _ann("the KDPI camp", "drones struck ", " near Koya", "kept")
    typo = _ann("KDPI camp near Koyа", "drones struck the ", " on Monday", "fuzzy")  # Cyrillic а
    gone = _ann("officials said", "on Monday, ", ".", "gone")
    result = reanchor(new, [kept, typo, gone])
    assert [a.annotation_id for a in result.kept] == ["kept"]
    assert [(m.annotation.annotation_id, m.exact) for m in result.moved] == [
        ("fuzzy", "KDPI camp near Koya")
    ]
    assert [o.annotation.annotation_id for o in result.orphans] == ["gone"]
    assert old  # the text the annotations were made on


def test_reanchor_never_attaches_a_lookalike_with_a_different_context() -> None:
    ann = _ann("the KDPI camp near Koya", "drones struck ", " on Monday")
    blocks = ["T", "Protesters marched to the KDPI camps near Koyi after the funeral."]
    result = reanchor(blocks, [ann])
    assert not result.kept and not result.moved
    assert result.orphans[0].reason.startswith("a similar passage exists but its context differs")


def test_reanchor_picks_a_repeat_only_when_its_context_clearly_wins() -> None:
    text = "A drone struck Koya at dawn. Hours later a drone struck Koya again."
    clear = _ann("a drone struck Koya", "Hours later ", " again.", "clear")
    vague = _ann("drone struck Koya", "", "", "vague")
    result = reanchor(["T", text], [clear, vague])
    assert [a.annotation_id for a in result.kept] == ["clear"]
    assert result.orphans[0].annotation.annotation_id == "vague"
    assert "appears 2 times" in result.orphans[0].reason


def test_check_meta_refuses_missing_fields_future_dates_and_bad_urls() -> None:
    meta = ArticleMeta(title=" ", outlet="", published=dt.date(2025, 9, 2), url="javascript:x")
    fields = {p.field for p in check_meta(meta, TODAY)}
    assert fields == {"title", "outlet", "published", "url"}
    good = ArticleMeta(title="T", outlet="Rudaw", published=TODAY, url="https://rudaw.net/x")
    assert check_meta(good, TODAY) == []


def test_check_event_accepts_a_good_event_and_names_each_problem() -> None:
    catalog = tiny_catalog()
    assert check_event(_event(), catalog, TODAY) == []
    bad = _event(title="", date=dt.date(2026, 1, 1), lat=40.7, lon=-74.0, groups=["AAA", "ZZZ"],
                 sources=[], category="riot")  # fmt: skip
    problems = {p.field: p.message for p in check_event(bad, catalog, TODAY)}
    assert set(problems) == {"title", "date", "lat/lon", "groups", "sources", "category"}
    assert "outside the map region" in problems["lat/lon"] and "ZZZ" in problems["groups"]
    # Off-region on purpose is allowed; the article counts as a source when saving a draft.
    abroad = _event(lat=40.7, lon=-74.0, off_region=True, sources=[])
    assert check_event(abroad, catalog, TODAY, article_source="https://x.org/a") == []
    taken = check_event(_event(event_id="e-deal"), catalog, TODAY)
    assert taken == [Problem("event_id", "an event “e-deal” exists")]


def test_check_target_names_unknown_targets() -> None:
    catalog = tiny_catalog()
    assert check_target("place:p-city", catalog) == []
    assert check_target("group:AAA", catalog) == []
    assert check_target("site:gone", catalog)[0].message == "site:gone is not in the data"
    assert "names nothing" in check_target("", catalog)[0].message
    assert "not a kind" in check_target("planet:mars", catalog)[0].message


def test_check_record_uses_the_row_models_and_row_checks() -> None:
    catalog = tiny_catalog()
    row = {
        "event_id": "e-new", "date": "2025-08-14", "date_precision": "week", "title": "T",
        "category": "strike", "place": "P", "lat": "35.2", "lon": "44.2", "coord_basis": "b",
        "precision": "region", "off_region": "", "groups": "AAA", "actors": "",
        "in_seed_article": "no", "confidence": "high", "sources": "s",
    }  # fmt: skip
    assert check_record("event", row, catalog) == []
    bad = {**row, "date_precision": "fortnight", "groups": "ZZZ", "lat": "10", "color": "red"}
    fields = {p.field for p in check_record("event", bad, catalog)}
    assert {"date_precision", "groups", "color"} <= fields
    outside = {**row, "lat": "10"}
    assert any(
        "outside the map region" in p.message for p in check_record("event", outside, catalog)
    )
    with pytest.raises(ValueError, match="not edited here"):
        check_record("article", {}, catalog)


def test_week_and_region_precisions() -> None:
    assert "week" in DATE_PRECISIONS and "region" in PRECISION_LEVELS
    assert {"site", "town", "area"} <= set(PRECISION_LEVELS)
    assert precision_interval("2025-08-14", "week") == (dt.date(2025, 8, 11), dt.date(2025, 8, 17))
    assert precision_interval("2025-08-14", "day") == (dt.date(2025, 8, 14),) * 2
    assert precision_interval("2025-08", "month") == (dt.date(2025, 8, 1), dt.date(2025, 8, 31))
    assert DEFAULT_RING_KM["region"] > DEFAULT_RING_KM["area"]


def test_field_changes_lists_only_changed_fields_readably() -> None:
    before = {"title": "A strike", "groups": ["AAA"], "notes": "x " * 50, "lat": "35.1"}
    after = {"title": "A strike", "groups": ["AAA", "BBB"], "notes": "x " * 49 + "y ",
             "confidence": "high"}  # fmt: skip
    changes = {c.field: c for c in field_changes(before, after)}
    assert set(changes) == {"groups", "notes", "lat", "confidence"}
    assert (changes["groups"].before, changes["groups"].after) == ("AAA", "AAA; BBB")
    assert changes["notes"].after.endswith("[-x-]{+y+} ")
    assert (changes["lat"].before, changes["lat"].after) == ("35.1", "")
    created = field_changes(None, {"title": "New"})
    assert [(c.field, c.before, c.after) for c in created] == [("title", "", "New")]
