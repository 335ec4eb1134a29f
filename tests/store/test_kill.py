"""A writer killed (SIGKILL) inside an open transaction: every committed revision kept, nothing half-made."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from lib.data.paths import PROJECT_ROOT
from lib.store import RecordNotFound, Store

WRITER = textwrap.dedent(
    """
    import sys, time
    from lib.store import Store
    store = Store(sys.argv[1])
    base = store.get("event", "amini-death-protests").payload
    store.create("event", "kill-1", {**base, "event_id": "kill-1"}, who="w", why="committed")
    print("committed", flush=True)
    with store.batch("w", "never committed") as batch:
        batch.create("event", "kill-2", {**base, "event_id": "kill-2"})
        batch.update("event", "kill-1", {**base, "event_id": "kill-1", "title": "x"}, base_version=1)
        batch.retire("place", "baghdad")
        print("in transaction", flush=True)
        time.sleep(300)
    """
)


def test_a_writer_killed_mid_transaction_leaves_the_store_consistent(seeded: Store) -> None:
    head = seeded.latest_revision()
    url = seeded.url.render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True, env=env,
        cwd=PROJECT_ROOT,
    )  # fmt: skip
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "committed"
        assert writer.stdout.readline().strip() == "in transaction"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert seeded.latest_revision() == head + 1
    assert seeded.get("event", "kill-1").version == 1
    assert seeded.get("event", "kill-1").payload["title"] != "x"
    with pytest.raises(RecordNotFound):
        seeded.get("event", "kill-2")
    assert not seeded.get("place", "baghdad").retired
    assert [r.revision for r in seeded.history("event", "kill-1")] == [head + 1]
    # The killed writer's locks are gone: the next write goes through, numbered next.
    rev = seeded.retire("event", "kill-1", who="t", why="after the kill")
    assert rev.revision == head + 2
    assert seeded.check() == []
