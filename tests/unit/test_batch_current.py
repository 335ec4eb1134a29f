"""A record as a batch's transaction sees it (lib.store Batch.current), on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.data.paths import GEODATA_DIR
from lib.store import Store

EVENT = "amini-death-protests"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A store of this test's own, seeded from geodata/."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert store.init(GEODATA_DIR, who="seed", why="test seed") > 0
    yield store
    store.close()


def test_a_live_record_is_seen_as_it_is(store: Store) -> None:
    with store.batch("tester", "look") as batch:
        record = batch.current("event", EVENT)
    assert record is not None
    assert (record.kind, record.record_id, record.retired) == ("event", EVENT, False)
    assert record.payload["event_id"] == EVENT
    assert record.version == store.get("event", EVENT).version


def test_a_record_retired_earlier_is_seen_retired(store: Store) -> None:
    before = store.get("event", EVENT)
    store.retire("event", EVENT, who="tester", why="duplicate of another event")
    with store.batch("tester", "look") as batch:
        record = batch.current("event", EVENT)
    assert record is not None
    assert record.retired is True
    assert record.version == before.version + 1
    assert record.payload == before.payload


def test_an_unknown_id_or_kind_is_none(store: Store) -> None:
    with store.batch("tester", "look") as batch:
        assert batch.current("event", "no-such-event") is None
        assert batch.current("site", EVENT) is None  # an event's id, asked as a site
        assert batch.current("no-such-kind", EVENT) is None
        assert batch.revisions == []


def test_a_batch_sees_its_own_changes_before_they_are_committed(store: Store) -> None:
    payload = {**store.get("event", EVENT).payload, "event_id": "new-test-event"}
    with store.batch("tester", "add and retire") as batch:
        batch.create("event", "new-test-event", payload)
        created = batch.current("event", "new-test-event")
        batch.retire("event", EVENT)
        retired = batch.current("event", EVENT)
        change_set = batch.change_set
    assert created is not None and created.retired is False and created.version == 1
    assert retired is not None and retired.retired is True
    [retirement] = [r for r in store.history("event", EVENT) if r.action == "retire"]
    [creation] = store.history("event", "new-test-event")
    assert retirement.change_set == creation.change_set == change_set


def test_a_failed_batch_leaves_nothing_it_saw_behind(store: Store) -> None:
    with pytest.raises(RuntimeError), store.batch("tester", "half done") as batch:
        batch.retire("event", EVENT)
        assert batch.current("event", EVENT).retired is True
        raise RuntimeError("stop before the end")
    assert store.get("event", EVENT).retired is False
    with store.batch("tester", "look") as batch:
        assert batch.current("event", EVENT).retired is False
