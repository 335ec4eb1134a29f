"""The store as the app's data folder: materialised per revision, loaded as the files would be."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from lib.data.catalog import load_catalog
from lib.data.paths import GEODATA_DIR, PROJECT_ROOT
from lib.store import SchemaOutdated, Store
from lib.store.catalog_source import (
    load_file_layers,
    load_store_catalog,
    materialise,
    open_for_app,
    revision_folders,
)
from tests.store.conftest import new_url
from tests.store.helpers import assert_same_files


def test_the_seeded_store_materialises_as_the_seed_and_loads_alike(
    seeded: Store, tmp_path: Path
) -> None:
    revision, folder = materialise(seeded, GEODATA_DIR, tmp_path)
    assert folder == tmp_path / f"rev-{revision}"
    assert_same_files(folder)
    for sub in ("layers", "raw"):
        assert (folder / sub).resolve() == (GEODATA_DIR / sub).resolve()
    fast = load_store_catalog(folder, load_file_layers(GEODATA_DIR))
    full = load_catalog(folder)
    assert fast.issues == full.issues == []
    for name in ("groups", "sites", "crossings", "events", "places", "claims"):
        pd.testing.assert_frame_equal(getattr(fast.curated, name), getattr(full.curated, name))
    assert fast.articles == full.articles and fast.annotations == full.annotations
    assert len(fast.gazetteer) == len(full.gazetteer)


def test_each_revision_gets_its_folder_and_old_ones_are_pruned(
    seeded: Store, tmp_path: Path
) -> None:
    first, folder = materialise(seeded, GEODATA_DIR, tmp_path, keep=2)
    assert materialise(seeded, GEODATA_DIR, tmp_path, keep=2) == (first, folder)
    for n in range(3):
        rec = seeded.get("event", "amini-death-protests")
        payload = {**rec.payload, "title": f"Edited {n}"}
        seeded.update("event", rec.record_id, payload, base_version=rec.version, who="t", why="w")
        revision, latest = materialise(seeded, GEODATA_DIR, tmp_path, keep=2)
        assert revision == first + n + 1
    assert sorted(revision_folders(tmp_path)) == [first + 2, first + 3]
    events = load_catalog(latest).curated.events
    assert events.set_index("event_id").loc["amini-death-protests", "title"] == "Edited 2"
    assert not list(tmp_path.glob(".tmp-*"))


def test_a_fresh_database_is_created_and_seeded_and_an_old_schema_refused(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = new_url(engine, tmp_path, request)
    store = open_for_app(url, GEODATA_DIR)
    try:
        assert store.latest_revision() > 100
        assert store.history("event", "amini-death-protests")[0].who == "zagros-brief"
    finally:
        store.close()
    # Opening it again seeds nothing more.
    again = open_for_app(url, GEODATA_DIR)
    try:
        assert again.latest_revision() == store.latest_revision()
    finally:
        again.close()
    old_url = new_url(engine, tmp_path, request)
    old = Store(old_url)
    old.upgrade("0001")
    old.close()
    with pytest.raises(SchemaOutdated, match=r"python -m lib\.store upgrade"):
        open_for_app(old_url, GEODATA_DIR)


STARTER = textwrap.dedent(
    """
    import sys
    from lib.store.catalog_source import materialise, open_for_app
    store = open_for_app(sys.argv[1])
    revision, folder = materialise(store, root=__import__("pathlib").Path(sys.argv[2]))
    print(revision, folder)
    """
)


def test_two_processes_starting_together_seed_once_and_share_the_folder(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = new_url(engine, tmp_path, request)
    cmd = [sys.executable, "-c", STARTER, url, str(tmp_path / "cache")]
    env = {"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0].split() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs[0] == outputs[1]
    store = Store(url)
    try:
        seeded = [r for r in store.recent(1000) if r.who == "zagros-brief"]
        assert len(seeded) == store.latest_revision() == int(outputs[0][0])
    finally:
        store.close()
    assert_same_files(Path(outputs[0][1]))
