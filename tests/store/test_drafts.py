"""Drafts (not records: no revisions, not exported) and change sets, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from lib.store import Store
from lib.store.kinds import derived_columns


def test_a_draft_is_created_replaced_listed_and_discarded_without_any_revision(
    seeded: Store,
) -> None:
    head = seeded.latest_revision()
    first = seeded.save_draft(None, "alice", "Rudaw, 3 May", {"paragraphs": ["one"], "n": 1})
    second = seeded.save_draft(None, "bob", "Shafaq piece", {"paragraphs": []})
    assert first != second and first.startswith("draft-")
    assert seeded.save_draft(first, "alice", "Rudaw, 3 May (2)", {"n": 2}) == first
    loaded = seeded.load_draft(first)
    assert loaded is not None
    assert (loaded.owner, loaded.title, loaded.payload) == ("alice", "Rudaw, 3 May (2)", {"n": 2})
    assert loaded.created_at <= loaded.updated_at
    # Newest change first; filtered by owner.
    assert [d.draft_id for d in seeded.list_drafts()] == [first, second]
    assert [d.draft_id for d in seeded.list_drafts("bob")] == [second]
    seeded.discard_draft(second)
    seeded.discard_draft(second)  # already gone: no error
    assert seeded.load_draft(second) is None
    assert [d.draft_id for d in seeded.list_drafts()] == [first]
    # Not records: no revision taken, nothing in the records.
    assert seeded.latest_revision() == head
    assert not any(r.kind.startswith("draft") for r in seeded.all_records())


def test_a_draft_discarded_elsewhere_is_saved_again_under_its_id(seeded: Store) -> None:
    draft_id = seeded.save_draft(None, "alice", "t", {"a": 1})
    seeded.discard_draft(draft_id)
    assert seeded.save_draft(draft_id, "alice", "t", {"a": 2}) == draft_id
    row = seeded.load_draft(draft_id)
    assert row is not None and row.payload == {"a": 2}


def test_a_draft_survives_a_new_store_object_on_the_same_database(seeded: Store) -> None:
    draft_id = seeded.save_draft(None, "alice", "Review", {"text": "<script>x</script>"})
    again = Store(seeded.url)
    try:
        row = again.load_draft(draft_id)
        assert row is not None and row.payload == {"text": "<script>x</script>"}
    finally:
        again.close()


def test_a_batch_shares_one_change_set_and_single_changes_start_their_own(seeded: Store) -> None:
    base = seeded.get("event", "amini-death-protests").payload
    with seeded.batch("alice", "new article") as batch:
        batch.create("event", "cs-one", {**base, "event_id": "cs-one"})
        batch.create("event", "cs-two", {**base, "event_id": "cs-two"})
        batch.update("event", "cs-one", {**base, "event_id": "cs-one", "title": "x"},
                     base_version=1)  # fmt: skip
    first = batch.revisions[0].revision
    assert [r.change_set for r in batch.revisions] == [first] * 3
    alone = seeded.retire("event", "cs-two", who="bob", why="duplicate")
    assert alone.change_set == alone.revision
    assert [h.change_set for h in seeded.history("event", "cs-one")] == [first, first]
    assert [r.change_set for r in seeded.recent(4)] == [alone.revision, first, first, first]
    # The seed import is one change set too.
    seeds = {h.change_set for h in seeded.history("event", "amini-death-protests")}
    assert seeds == {seeded.history("group", "KDPI")[0].change_set}


def test_revisions_from_before_change_sets_read_as_none(seeded: Store) -> None:
    with seeded.engine.begin() as conn:
        conn.execute(sa.text("UPDATE revisions SET change_set = NULL"))
    assert {h.change_set for h in seeded.history("group", "KDPI")} == {None}


def test_a_week_precise_event_covers_its_monday_to_sunday_week(seeded: Store) -> None:
    base = seeded.get("event", "amini-death-protests").payload
    # 2023-03-22 is a Wednesday.
    week = {**base, "event_id": "wk", "date": "2023-03-22", "date_precision": "week"}
    assert derived_columns("event", week)["date_from"] == "2023-03-20"
    assert derived_columns("event", week)["date_to"] == "2023-03-26"
    seeded.create("event", "wk", week, who="alice", why="week")
    found = {
        r.record_id
        for r in seeded.query("event", date_from=dt.date(2023, 3, 26), date_to=dt.date(2023, 3, 30))
    }
    assert "wk" in found
    day = {**week, "event_id": "dy", "date_precision": "day"}
    seeded.create("event", "dy", day, who="alice", why="day")
    found = {
        r.record_id
        for r in seeded.query("event", date_from=dt.date(2023, 3, 26), date_to=dt.date(2023, 3, 30))
    }
    assert "dy" not in found
