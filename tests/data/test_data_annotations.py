"""Data tests on the shipped data: annotations link to what their passages report,
``in_seed_article`` agrees with them, events at a named place use its point, and
the group tags follow what the sources say.

These check invariants, not counts: a correct new row or a reviewed new
annotation keeps them green.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

from lib.data.annotations import read_annotations
from lib.data.paths import GEODATA_DIR

REVIEWED = Path(__file__).parent / "annotation_targets.toml"
SEED_ARTICLE = "peregraf-2025-08-16"


def _annotation_pairs() -> Counter:
    pairs: Counter = Counter()
    for path in sorted((GEODATA_DIR / "annotations").glob("*.jsonld")):
        annotations, issues = read_annotations(path, path.name)
        assert issues == [], issues
        for a in annotations:
            pairs[(a.article_id, a.exact, f"{a.kind}:{a.ref}")] += 1
    return pairs


def _reviewed_pairs() -> Counter:
    document = tomllib.loads(REVIEWED.read_text(encoding="utf-8"))
    return Counter((p["article"], p["quote"], p["target"]) for p in document["pair"])


def test_every_annotation_links_to_a_reviewed_target():
    annotated, reviewed = _annotation_pairs(), _reviewed_pairs()
    unreviewed = annotated - reviewed
    gone = reviewed - annotated
    assert not unreviewed, (
        "These annotations link a passage to a target nobody has reviewed. Read the "
        "passage, check that the target is what it reports (not merely something nearby), "
        f"then add a [[pair]] to {REVIEWED.relative_to(REVIEWED.parents[2])}:\n"
        + "\n".join(f"  {art}: “{quote}” → {target}" for art, quote, target in unreviewed)
    )
    assert not gone, (
        f"Reviewed pairs in {REVIEWED.name} no longer match any annotation (relinked or "
        "removed?): update the list once the new link is reviewed:\n"
        + "\n".join(f"  {art}: “{quote}” → {target}" for art, quote, target in gone)
    )


def test_the_reviewed_list_names_real_data_and_real_passages(catalog):
    known = catalog.focus_ids()
    for article, quote, target in _reviewed_pairs():
        kind, _, ref = target.partition(":")
        assert ref in known.get(kind, set()), target
        assert quote in "\n".join(catalog.articles[article].blocks()), quote


def _seed_annotated_events(catalog) -> dict[str, list[str]]:
    quotes: dict[str, list[str]] = {}
    for item in catalog.annotations:
        a = item.annotation
        if a.article_id == SEED_ARTICLE and a.kind == "event":
            quotes.setdefault(a.ref, []).append(a.exact)
    return quotes


def test_in_seed_article_is_yes_exactly_for_the_events_the_article_reports(catalog):
    """Rule: ``in_seed_article`` is ``no`` or starts with ``yes``; it is ``yes`` iff some
    annotation on the seed article targets the event; words it quotes ("...") are the
    article's own (each part around an ellipsis is found in the text)."""
    annotated = _seed_annotated_events(catalog)
    text = "\n".join(catalog.articles[SEED_ARTICLE].blocks())
    for record in catalog.curated.events.to_dict("records"):
        event_id, value = record["event_id"], (record["in_seed_article"] or "no").strip()
        assert value == "no" or value.startswith("yes"), (event_id, value)
        says_yes = value.startswith("yes")
        assert says_yes == (event_id in annotated), (
            f"{event_id}: in_seed_article is “{value}” but the seed article's annotations "
            + ("link to it" if event_id in annotated else "do not link to it")
        )
        for quoted in re.findall(r'"([^"]+)"', value):
            for part in (p.strip() for p in quoted.split("...")):
                assert part in text, f"{event_id}: “{part}” is not in the seed article"


def _curated_place_names(catalog) -> dict[str, dict]:
    names: dict[str, dict] = {}
    for place in catalog.curated.places.to_dict("records"):
        for name in (place["name"], *place["aliases"]):
            names[name.casefold()] = place
    return names


def test_events_at_a_named_curated_place_use_exactly_its_coordinate(catalog):
    """An event whose place (the first, when several are listed) names a curated place
    (by name or alias) stands at exactly that place's point; a bare "city" stand-in
    must name one."""
    places = _curated_place_names(catalog)
    for record in catalog.curated.events.to_dict("records"):
        first = record["place"].split(";")[0].strip().casefold()
        place = places.get(first)
        if record["coord_basis"].strip().casefold() == "city":
            assert place is not None, f"{record['event_id']}: “city” stand-in names no place"
        if place is None or record["lat"] is None:
            continue
        assert (record["lat"], record["lon"]) == (place["lat"], place["lon"]), (
            f"{record['event_id']} at {record['place']}: ({record['lat']}, {record['lon']}) "
            f"is not {place['place_id']}'s ({place['lat']}, {place['lon']}) from places.csv"
        )


def test_an_event_without_a_coordinate_says_why_and_is_listed_not_drawn(catalog):
    from lib.data.rows import events_on_map

    events = catalog.curated.events
    drawn = events_on_map(events)
    for record, on_map in zip(events.to_dict("records"), drawn, strict=True):
        if record["lat"] is None:
            assert not on_map and record["coord_basis"] and not record["precision"], record
            assert record["geometry"] is None, record["event_id"]


def test_no_relocation_event_carries_pjak(catalog):
    """Sources say PJAK was left out of the transfers (sites.csv pjak-qandil; Majalla,
    Sep 2023): an event of the relocation tags only the groups that were moved."""
    events = catalog.curated.events
    relocations = events[events["category"] == "relocation"]
    tagged = [
        e
        for e, g in zip(relocations["event_id"], relocations["groups"], strict=True)
        if "PJAK" in g
    ]
    assert tagged == [], tagged


def test_an_event_without_a_coordinate_is_in_the_timeline_without_a_map_link(catalog, all_filters):
    from lib.story.timeline import timeline_table

    table = timeline_table(catalog, all_filters, {}).set_index("event_id")
    for record in catalog.curated.events.to_dict("records"):
        if record["lat"] is None:
            assert not isinstance(table.loc[record["event_id"], "map"], str), record["event_id"]
