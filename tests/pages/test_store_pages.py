"""The pages read the store: the footer names it, an edit shows on the next run, faults get a banner.

Each test points the app at its own store with ``ZAGROS_BRIEF_DB`` (never the
project's ``var/`` store), so no test sees another's edits.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.data.paths import GEODATA_DIR
from lib.store import Store
from lib.store.catalog_source import cache_root, materialise
from lib.store.config import ENV_VAR
from lib.ui import cache
from tests.apptest_utils import APP, map_script, rerun
from tests.store.helpers import assert_same_files
from tests.store.pg_cluster import _free_port

EVENT = "amini-death-protests"
NEW_TITLE = "Protests after the death of Jina Amini (title edited in the store)"


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def footer(at: AppTest) -> str:
    (line,) = [c.value for c in at.sidebar.caption if c.value.startswith(("Store:", "Data:"))]
    return line


def everything_shown(at: AppTest) -> str:
    """Every text the run drew, to look for a leaked password."""
    texts = [e.value for kind in ("caption", "error", "markdown", "info") for e in at.get(kind)]
    return " ".join(str(t) for t in texts)


def edit_title(store: Store) -> int:
    rec = store.get("event", EVENT)
    payload = {**rec.payload, "title": NEW_TITLE}
    rev = store.update(
        "event", EVENT, payload, base_version=rec.version, who="alice", why="title as reported"
    )
    return rev.revision


def test_the_footer_names_the_store_and_its_revision(store: Store) -> None:
    at = run()
    assert footer(at) == f"Store: SQLite · zagros-brief.sqlite · revision {store.latest_revision()}"
    assert not at.error
    assert "zb-border" in map_script(at)


def test_an_edit_in_the_store_shows_on_the_map_and_the_timeline(store: Store) -> None:
    at = run()
    assert NEW_TITLE not in map_script(at)
    revision = edit_title(store)
    rerun(at)
    assert NEW_TITLE in map_script(at)
    assert footer(at).endswith(f"revision {revision}")
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert NEW_TITLE in set(at.dataframe[0].value["title"])


def test_a_retired_event_leaves_the_map(store: Store) -> None:
    at = run()
    assert f"zb-event-{EVENT}" in map_script(at)
    store.retire("event", EVENT, who="alice", why="duplicate of another event")
    rerun(at)
    assert f"zb-event-{EVENT}" not in map_script(at)


def test_an_unedited_store_is_materialised_as_the_seed(store: Store, tmp_path: Path) -> None:
    revision, folder = materialise(store, GEODATA_DIR, tmp_path / "cache")
    assert folder == tmp_path / "cache" / f"rev-{revision}"
    assert_same_files(folder)
    assert (folder / "layers").resolve() == (GEODATA_DIR / "layers").resolve()
    # Materialising again reuses the folder; a new revision gets its own.
    assert materialise(store, GEODATA_DIR, tmp_path / "cache") == (revision, folder)
    edit_title(store)
    assert materialise(store, GEODATA_DIR, tmp_path / "cache")[0] == revision + 1


def test_a_fresh_sqlite_file_is_created_and_seeded_on_first_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "var" / "new.sqlite"
    path.parent.mkdir()
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{path}")
    at = run()
    store = Store(f"sqlite:///{path}")
    try:
        assert store.latest_revision() > 100
        assert store.history("event", EVENT)[0].who == "zagros-brief"
        assert footer(at) == f"Store: SQLite · new.sqlite · revision {store.latest_revision()}"
        assert cache_root(store.url) == tmp_path / "var" / "cache" / "new"
    finally:
        store.close()


def test_a_corrupt_sqlite_file_gives_a_banner_and_the_map_still_draws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "zagros-brief.sqlite"
    path.write_bytes(b"not a database at all " * 500)
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{path}")
    at = run()
    (banner,) = [e.value for e in at.error]
    assert "not a SQLite database or is damaged" in banner and "backup" in banner
    assert "show the data files of geodata/" in banner
    assert "not in use" in footer(at)
    assert "zb-border" in map_script(at) and "zb-kurdistan-region" in map_script(at)
    assert path.read_bytes().startswith(b"not a database")  # left for the operator to restore


def test_an_unreachable_server_gives_a_banner_without_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = _free_port()
    monkeypatch.setenv(ENV_VAR, f"postgresql://brief:hunter2-PW@127.0.0.1:{port}/zagros")
    at = run()
    (banner,) = [e.value for e in at.error]
    assert f"Cannot reach the store (PostgreSQL · zagros on 127.0.0.1:{port})" in banner
    assert footer(at).startswith(f"Store: PostgreSQL · zagros on 127.0.0.1:{port}")
    assert "hunter2" not in everything_shown(at) and "brief:" not in everything_shown(at)
    assert "zb-border" in map_script(at)
    # A page that draws from boundary layers and raw sources draws too.
    at.switch_page("pages/border.py").run()
    assert not at.exception
    assert at.title[0].value == "The border, measured"


def test_an_outdated_schema_says_to_run_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = Store(url)
    old.upgrade("0001")
    old.close()
    monkeypatch.setenv(ENV_VAR, url)
    at = run()
    (banner,) = [e.value for e in at.error]
    assert "python -m lib.store upgrade" in banner
    assert "zb-border" in map_script(at)
    # The app leaves the migration to the operator.
    check = Store(url)
    try:
        assert check.schema_status()[0] == "0001"
    finally:
        check.close()


def test_a_store_lost_after_start_keeps_its_last_revision_on_screen(
    store: Store, tmp_path: Path
) -> None:
    edit_title(store)
    at = run()
    revision = store.latest_revision()
    assert NEW_TITLE in map_script(at)
    store.close()
    # The store's file (and its write-ahead log) moved away, a damaged file in its place;
    # the app's own store drops its pooled connections, so its next read opens that file.
    path = tmp_path / "zagros-brief.sqlite"
    app_store = cache._open_store(f"sqlite:///{path}", str(GEODATA_DIR))
    app_store.engine.dispose()
    aside = tmp_path / "aside"
    aside.mkdir()
    for part in tmp_path.glob("zagros-brief.sqlite*"):
        part.rename(aside / part.name)
    path.write_bytes(b"not a database at all " * 500)
    try:
        rerun(at)
        assert not at.exception
        (banner,) = [e.value for e in at.error]
        assert f"as of revision {revision}, the last read" in banner
        assert "committed to the store is kept" in banner
        assert NEW_TITLE in map_script(at)  # the store's data, not the seed files
        assert footer(at).endswith(f"revision {revision} (last read)")
    finally:
        app_store.engine.dispose()
        path.unlink()
        for part in aside.iterdir():
            part.rename(tmp_path / part.name)
    rerun(at)
    assert not at.error
    assert NEW_TITLE in map_script(at)


def test_a_doctored_data_folder_without_a_store_is_read_as_files(
    geodata_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    import lib.data.paths

    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("ZAGROS_GEODATA_DIR", str(geodata_copy))
    importlib.reload(lib.data.paths)
    try:
        at = run()
        assert footer(at) == f"Data: the files of {geodata_copy} (no store)"
        assert not at.error
        assert not (geodata_copy.parent / "var").exists()
    finally:
        monkeypatch.delenv("ZAGROS_GEODATA_DIR")
        importlib.reload(lib.data.paths)
