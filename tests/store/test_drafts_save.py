"""Saving a reviewed draft as one change set, record edits and text edits, on both engines."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from lib.analysis.propose.model import Proposal
from lib.data.catalog import Catalog, load_catalog
from lib.data.paths import GEODATA_DIR
from lib.editorial import EditorialError
from lib.editorial.draft import ArticleMeta, Decision, Draft, EventDraft, QuoteAnnotation
from lib.editorial.save import edit_article_text, edit_record, save_draft, store_annotations
from lib.store import Store

TODAY = dt.date(2025, 9, 1)
TEXT = [
    "Iranian drones struck a KDPI camp near Koya on Monday, local officials said.",
    "The KDPI said no one was hurt. <script>alert(1)</script>",
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(GEODATA_DIR)


def _proposal(kind: str, exact: str, target: str | None, block: int = 1) -> Proposal:
    start = TEXT[block - 1].index(exact)
    return Proposal(proposal_id=f"{kind}-{block}-{start}", kind=kind, block=block, start=start,
                    end=start + len(exact), exact=exact, prefix=TEXT[block - 1][:start][-32:],
                    suffix=TEXT[block - 1][start + len(exact):][:32], target=target)  # fmt: skip


def _draft(catalog: Catalog) -> Draft:
    koya = catalog.gazetteer[catalog.gazetteer["name"].str.startswith("Koy")].iloc[0]
    return Draft(
        meta=ArticleMeta(title="Drones strike KDPI camp", outlet="Test Outlet",
                         published=dt.date(2025, 8, 20), url="https://example.org/a"),
        paragraphs=TEXT,
        decisions=[
            Decision(proposal=_proposal("group", "KDPI", "group:KDPI"), status="accepted"),
            Decision(proposal=_proposal("place", "Koya", f"geonames:{koya['geonameid']}"),
                     status="accepted"),
            Decision(proposal=_proposal("date", "on Monday", None), status="accepted"),
            Decision(proposal=_proposal("group", "KDPI", "group:PJAK", 2), status="rejected"),
        ],
        quotes=[QuoteAnnotation(annotation_id="q1", exact="no one was hurt", target="group:KDPI")],
        events=[EventDraft(title="Drone strike on KDPI camp near Koya", date=dt.date(2025, 8, 18),
                           date_precision="day", category="strike", groups=["KDPI"],
                           actors="IRGC", place="Koya", lat=36.08, lon=44.63, precision="town",
                           confidence="medium", coord_basis="Koya town centre",
                           quote="Iranian drones struck a KDPI camp")],
    )  # fmt: skip


def test_a_draft_is_saved_as_one_change_set_and_exports_valid_files(
    seeded: Store, catalog: Catalog
) -> None:
    head = seeded.latest_revision()
    revisions = save_draft(seeded, catalog, _draft(catalog), "alice", "new article", TODAY)
    assert {r.change_set for r in revisions} == {head + 1}
    kinds = [r.kind for r in revisions]
    assert kinds.count("place") == 1 and kinds.count("event") == 1
    assert kinds.count("article") == 1 and kinds.count("annotation") == 4
    article = next(r for r in revisions if r.kind == "article")
    assert article.after["paragraphs"][1].endswith("<script>alert(1)</script>")
    event = next(r for r in revisions if r.kind == "event")
    assert event.after["sources"] == "https://example.org/a"
    assert event.after["in_seed_article"] == "no"
    place = next(r for r in revisions if r.kind == "place")
    targets = {a.ref for _, a in store_annotations(seeded, article.record_id)}
    assert targets == {"KDPI", place.record_id, event.record_id}
    assert place.after["coord_basis"].startswith("GeoNames ")
    # The store's export loads cleanly: every annotation anchors, every target is known.
    assert seeded.check() == []


def test_a_draft_with_problems_saves_nothing(seeded: Store, catalog: Catalog) -> None:
    head = seeded.latest_revision()
    draft = _draft(catalog)
    draft.events[0].date = dt.date(2030, 1, 1)
    draft.quotes[0].exact = "KDPI"  # twice in the text
    draft.decisions[0].target = "site:no-such-site"
    with pytest.raises(EditorialError) as caught:
        save_draft(seeded, catalog, draft, "alice", "new article", TODAY)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"events[0].date", "quotes[0].exact", "decisions[0].target"}
    assert seeded.latest_revision() == head


def test_a_retired_target_is_named_as_retired(seeded: Store, catalog: Catalog) -> None:
    seeded.retire("group", "PJAK", who="bob", why="test")
    draft = _draft(catalog)
    draft.quotes[0].target = "group:PJAK"
    # The catalog as the app reloads it after the retirement: PJAK is gone from it.
    groups = catalog.curated.groups
    fresh = replace(
        catalog, curated=replace(catalog.curated, groups=groups[groups["group_id"] != "PJAK"])
    )
    with pytest.raises(EditorialError, match="group:PJAK was retired"):
        save_draft(seeded, fresh, draft, "alice", "x", TODAY)


def test_edit_record_checks_then_updates(seeded: Store, catalog: Catalog) -> None:
    current = seeded.get("crossing", "bashmaq")
    with pytest.raises(EditorialError, match="outside the map region"):
        edit_record(seeded, catalog, "crossing", "bashmaq", {**current.payload, "lat": "10"},
                    current.version, "alice", "moved")  # fmt: skip
    moved = {**current.payload, "precision": "region"}
    rev = edit_record(seeded, catalog, "crossing", "bashmaq", moved, current.version, "alice",
                      "coarser")  # fmt: skip
    assert rev.version == current.version + 1 and rev.after["precision"] == "region"


def test_editing_an_article_text_moves_annotations_and_reports_orphans(
    seeded: Store, catalog: Catalog
) -> None:
    revisions = save_draft(seeded, catalog, _draft(catalog), "alice", "new article", TODAY)
    article = next(r for r in revisions if r.kind == "article")
    new_text = [
        "Local officials said Iranian drones struck a KDPI camp near Koya on Monday.",
        "The party said one guard was hurt.",
    ]
    result = edit_article_text(seeded, catalog, article.record_id, article.after["title"],
                               new_text, article.version, "bob", "corrected text")  # fmt: skip
    assert [o.annotation.exact for o in result.orphans] == ["no one was hurt"]
    assert result.moved  # context changed around the first paragraph's quotes
    stored = {a.exact: a for _, a in store_annotations(seeded, article.record_id)}
    assert stored["Koya"].prefix.endswith("KDPI camp near ")
    assert stored["Koya"].suffix.startswith(" on Monday.")
    history = seeded.history("article", article.record_id)
    assert history[-1].after["paragraphs"] == new_text
