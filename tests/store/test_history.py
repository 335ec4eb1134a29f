"""History: every change a revision, nothing lost, stale edits refused with who and when."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.store import InvalidChange, RecordExists, StaleEdit, Store


def _event(store: Store) -> dict[str, str]:
    return {**store.get("event", "amini-death-protests").payload, "event_id": "test-event"}


def test_a_scripted_sequence_leaves_exactly_the_expected_revisions(seeded: Store) -> None:
    head = seeded.latest_revision()
    start = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    one = _event(seeded)
    two = {**one, "confidence": "medium"}
    three = {**two, "title": "Renamed"}
    seeded.create("event", "test-event", one, who="alice", why="new event")
    seeded.update("event", "test-event", two, base_version=1, who="bob", why="one source")
    seeded.update("event", "test-event", three, base_version=2, who="alice", why="clearer title")
    seeded.retire("event", "test-event", who="carol", why="duplicate")
    assert "test-event" not in {r.record_id for r in seeded.query("event")}
    seeded.restore("event", "test-event", revision=head + 2, who="alice", why="not a duplicate")
    history = seeded.history("event", "test-event")
    got = [(h.revision, h.action, h.who, h.version, h.retired, h.before, h.after) for h in history]
    assert got == [
        (head + 1, "create", "alice", 1, False, None, one),
        (head + 2, "update", "bob", 2, False, one, two),
        (head + 3, "update", "alice", 3, False, two, three),
        (head + 4, "retire", "carol", 4, True, three, three),
        (head + 5, "restore", "alice", 5, False, three, two),
    ]
    assert [h.why for h in history][-1] == "not a duplicate"
    assert all(start <= h.at <= dt.datetime.now(dt.UTC) for h in history)
    assert seeded.latest_revision() == head + 5
    assert [r.revision for r in seeded.recent(5)] == list(range(head + 5, head, -1))
    current = seeded.get("event", "test-event")
    assert (current.version, current.retired, current.payload) == (5, False, two)
    # Nothing is deleted: the seed's own revision of an untouched record is still there.
    assert seeded.history("event", "amini-death-protests")[0].action == "create"
    assert seeded.check() == []


def test_an_edit_from_a_stale_copy_is_refused_naming_the_newer_change(seeded: Store) -> None:
    mine = seeded.get("crossing", "bashmaq")
    theirs = seeded.get("crossing", "bashmaq")
    rev = seeded.update(
        "crossing", "bashmaq", {**theirs.payload, "status": "closed"},
        base_version=theirs.version, who="alice", why="closed in 2024",
    )  # fmt: skip
    with pytest.raises(StaleEdit) as caught:
        seeded.update(
            "crossing", "bashmaq", {**mine.payload, "notes": "x"},
            base_version=mine.version, who="bob", why="my note",
        )  # fmt: skip
    message = str(caught.value)
    assert f"Revision {rev.revision}" in message and "alice" in message
    assert rev.at.strftime("%Y-%m-%d %H:%M:%S UTC") in message
    assert seeded.get("crossing", "bashmaq").payload["status"] == "closed"
    assert seeded.latest_revision() == rev.revision
    with pytest.raises(StaleEdit):
        seeded.retire("crossing", "bashmaq", base_version=mine.version, who="bob", why="gone")


@pytest.mark.parametrize("why", ["", "   "])
def test_a_change_without_a_reason_is_refused(seeded: Store, why: str) -> None:
    head = seeded.latest_revision()
    with pytest.raises(InvalidChange, match="why"):
        seeded.retire("place", "baghdad", who="alice", why=why)
    assert seeded.latest_revision() == head and not seeded.get("place", "baghdad").retired


def test_create_refuses_a_taken_id_and_an_unknown_kind(seeded: Store) -> None:
    seeded.retire("place", "tehran", who="a", why="test")
    with pytest.raises(RecordExists, match="restore"):
        seeded.create("place", "tehran", {"place_id": "tehran"}, who="a", why="again")
    with pytest.raises(InvalidChange, match="Unknown kind"):
        seeded.create("castle", "x", {}, who="a", why="new")


def test_a_batch_is_all_or_nothing(seeded: Store) -> None:
    head = seeded.latest_revision()
    with pytest.raises(RuntimeError), seeded.batch("alice", "two changes") as batch:
        batch.retire("place", "baghdad")
        batch.create("event", "test-event", _event(seeded))
        raise RuntimeError("something failed before the end")
    assert seeded.latest_revision() == head
    assert not seeded.get("place", "baghdad").retired
    with seeded.batch("alice", "two changes") as batch:
        batch.retire("place", "baghdad")
        batch.create("event", "test-event", _event(seeded))
    assert [r.action for r in seeded.recent(2)] == ["create", "retire"]
    assert seeded.latest_revision() == head + 2
