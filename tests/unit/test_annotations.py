"""Annotations: quote anchoring, resolution against the data, filters and links."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from lib.data.annotations import anchor_quote, read_annotations, resolve_annotations
from lib.data.catalog import load_catalog
from lib.data.paths import GEODATA_DIR
from lib.model.links import Focus, article_link, map_link, parse_focus
from lib.model.url_state import encode_filters, parse_url_state
from lib.story.article_view import annotations_in_filters, article_html

PARAGRAPH = (
    "The original 2023 accord was implemented with the cooperation of the Kurdistan Regional "
    "Government and required the relocation of groups such as Komala from border areas into "
    "designated camps. Komala was moved again in 2025."
)


def test_exact_quote_is_found_where_it_stands():
    anchor = anchor_quote(["Title", PARAGRAPH], "designated camps", "border areas into ", ".")
    assert anchor is not None and anchor.exact_match
    assert PARAGRAPH[anchor.start : anchor.end] == "designated camps" and anchor.block == 1


def test_prefix_and_suffix_choose_between_repeats():
    second = anchor_quote([PARAGRAPH], "Komala", "camps. ", " was moved again")
    first = anchor_quote([PARAGRAPH], "Komala", "groups such as ", " from border")
    assert second.start > first.start
    assert PARAGRAPH[second.start - 7 : second.start] == "camps. "


def test_a_quote_survives_a_small_edit_of_the_text():
    edited = PARAGRAPH.replace(
        "required the relocation of groups", "required the relocations of the groups"
    )
    anchor = anchor_quote(
        [edited], "required the relocation of groups", "Government and ", " such as"
    )
    assert anchor is not None and not anchor.exact_match
    assert edited[anchor.start : anchor.end] == "required the relocations of the groups"


def test_a_quote_that_no_longer_exists_is_not_anchored():
    assert anchor_quote([PARAGRAPH], "a passenger railway linking the two countries") is None


def test_every_annotation_of_the_seed_article_resolves(catalog):
    assert [i.message() for i in catalog.text_issues] == []
    stored = json.loads(
        (GEODATA_DIR / "annotations" / "peregraf-2025-08-16.jsonld").read_text(encoding="utf-8")
    )["items"]
    assert len(catalog.annotations) == len(stored)
    assert all(item.anchor.exact_match for item in catalog.annotations)
    kinds = {item.annotation.kind for item in catalog.annotations}
    assert {"event", "place", "group", "boundary", "claim"} <= kinds
    for ref in ("KDPI", "Komala", "PJAK", "PAK"):
        assert catalog.annotations_for("group", ref), ref


def test_a_lost_quote_and_an_unknown_target_are_reported_by_name(geodata_copy):
    path = geodata_copy / "annotations" / "peregraf-2025-08-16.jsonld"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["items"][0]["target"]["selector"]["exact"] = "words the article never used at all"
    document["items"][1]["body"]["source"] = "zagros:event/no-such-event"
    path.write_text(json.dumps(document), encoding="utf-8")
    catalog = load_catalog(geodata_copy)
    messages = {i.item: i for i in catalog.issues}
    first, second = document["items"][0]["id"], document["items"][1]["id"]
    assert (
        "no longer found" in messages[first].problem
        and messages[first].field == "target.selector.exact"
    )
    assert "no-such-event" in messages[second].problem
    assert len(catalog.annotations) == len(document["items"]) - 2


def test_malformed_annotation_items_are_named(tmp_path):
    path = tmp_path / "bad.jsonld"
    path.write_text(
        json.dumps({"items": [{"id": "a1", "body": "x", "target": {}}]}), encoding="utf-8"
    )
    annotations, issues = read_annotations(path, "annotations/bad.jsonld")
    assert annotations == []
    assert {i.field for i in issues} == {"target.source", "target.selector", "body.source"}
    assert resolve_annotations([], {}, {}, "x") == ([], [])


def test_passages_outside_the_filters_are_dimmed(catalog, all_filters):
    only_pjak = dataclasses.replace(
        all_filters, groups=frozenset({"PJAK"}), date_from=dt.date(2025, 1, 1)
    )
    inside = annotations_in_filters(catalog, only_pjak)
    assert "group-pjak-1" in inside and "group-kdpi-1" not in inside
    assert "event-security-memorandum-1" in inside  # 2025, concerns PJAK among others
    assert "event-joint-security-agreement-1" not in inside  # 2023
    assert "boundary-iraq-iran-border-1" in inside  # places and borders are never filtered out
    article = next(iter(catalog.articles.values()))
    html = article_html(article, catalog.annotations, catalog, inside)
    assert html.count("<mark") == len(catalog.annotations)
    assert html.count("zb-dim") == len(catalog.annotations) - len(inside)


def test_article_text_is_escaped(catalog, all_filters):
    article = next(iter(catalog.articles.values()))
    hostile = dataclasses.replace(
        article, paragraphs=("<script>alert(1)</script> `${x}`", *article.paragraphs)
    )
    html = article_html(hostile, catalog.annotations, catalog, set())
    assert "<script>" not in html and "&lt;script&gt;" in html and "${x}" not in html


def test_links_round_trip_focus_filters_and_passage(catalog, all_filters):
    chosen = dataclasses.replace(all_filters, groups=frozenset({"Komala"}), min_confidence="medium")
    params = encode_filters(chosen, all_filters)
    link = map_link(Focus("event", "komala-to-surdash"), params)
    query = dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))
    from urllib.parse import unquote

    query = {k: unquote(v) for k, v in query.items()}
    focus, notices = parse_focus(query, catalog.focus_ids())
    assert focus == Focus("event", "komala-to-surdash") and notices == []
    assert parse_url_state(query, all_filters).filters == chosen
    passage = article_link("peregraf-2025-08-16", "claim-designated-camps-1", params)
    assert passage.startswith("/article?") and "ann=claim-designated-camps-1" in passage


def test_focus_from_an_untrusted_link_must_name_known_data(catalog):
    known = catalog.focus_ids()
    for value in (
        "event:../../etc/passwd",
        "site:<script>",
        "nonsense",
        "event:no-such",
        "x" * 5000,
    ):
        focus, notices = parse_focus({"focus": value}, known)
        assert focus is None and notices
    assert parse_focus({"focus": "town:98463"}, known)[0] == Focus("town", "98463")
