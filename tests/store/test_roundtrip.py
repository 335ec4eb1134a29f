"""Seed, export, import: the files come back as they went in, on both engines and across them."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.data.paths import GEODATA_DIR
from lib.store import Store, StoreError, StoreNotEmpty, ValidationFailed
from tests.store.conftest import new_url
from tests.store.helpers import assert_same_files, data_files, seed_copy


def test_init_then_export_reproduces_every_seed_file(seeded: Store, tmp_path: Path) -> None:
    seeded.export(tmp_path / "out")
    assert_same_files(tmp_path / "out")
    # Stronger than asked: an unedited store gives the seed back byte for byte.
    assert data_files(tmp_path / "out") == data_files(GEODATA_DIR)
    assert seeded.check() == []


def test_init_is_idempotent(seeded: Store) -> None:
    head = seeded.latest_revision()
    assert seeded.init(GEODATA_DIR) == 0
    assert seeded.latest_revision() == head


@pytest.mark.parametrize("source", ["sqlite", "postgresql"])
def test_export_imports_into_the_other_engine(
    source: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    target = "postgresql" if source == "sqlite" else "sqlite"
    first = Store(new_url(source, tmp_path, request))
    first.init(GEODATA_DIR, who="seed", why="cross-engine test")
    first.export(tmp_path / "a")
    second = Store(new_url(target, tmp_path, request))
    second.upgrade()
    assert second.import_(tmp_path / "a", who="tester", why="move engines") > 0
    second.export(tmp_path / "b")
    assert data_files(tmp_path / "b") == data_files(tmp_path / "a")
    assert_same_files(tmp_path / "b")
    first.close()
    second.close()


def test_edited_record_is_exported_and_the_rest_unchanged(seeded: Store, tmp_path: Path) -> None:
    rec = seeded.get("crossing", "bashmaq")
    payload = {**rec.payload, "notes": 'In Penjwin district, "main" gate'}
    seeded.update("crossing", "bashmaq", payload, base_version=rec.version, who="t", why="note")
    seeded.export(tmp_path / "out")
    got = (tmp_path / "out/curated/crossings.csv").read_text().splitlines()
    want = (GEODATA_DIR / "curated/crossings.csv").read_text().splitlines()
    changed = [i for i, (a, b) in enumerate(zip(got, want, strict=True)) if a != b]
    assert len(changed) == 1 and got[changed[0]].endswith('"In Penjwin district, ""main"" gate"')
    assert seeded.check() == []


def test_init_refuses_a_seed_with_problems(empty_url: str, tmp_path: Path) -> None:
    folder = seed_copy(tmp_path / "geodata")
    events = folder / "curated/events.csv"
    events.write_text(events.read_text().replace(",high,npasyria", ",certain,npasyria", 1))
    store = Store(empty_url)
    with pytest.raises(ValidationFailed) as caught:
        store.init(folder)
    message = str(caught.value)
    assert "curated/events.csv" in message and "amini-death-protests" in message
    assert "confidence" in message and "nothing was imported" in message
    assert store.is_empty() and store.latest_revision() == 0
    store.close()


def test_import_refuses_a_non_empty_store_unless_replace(seeded: Store, tmp_path: Path) -> None:
    folder = seed_copy(tmp_path / "geodata")
    with pytest.raises(StoreNotEmpty, match="--replace"):
        seeded.import_(folder)
    head = seeded.latest_revision()
    assert seeded.import_(folder, replace=True, who="t", why="same content") == 0
    assert seeded.latest_revision() == head
    # An edited folder: one row changed, one removed; replace makes exactly those revisions.
    places = folder / "curated/places.csv"
    lines = places.read_text().splitlines(keepends=True)
    places.write_text("".join(lines[:-1]).replace("Bagdad;", "Bagdad;Bagdat;"))
    removed = lines[-1].split(",")[0]
    assert seeded.import_(folder, replace=True, who="t", why="sync") == 2
    actions = sorted((r.action, r.record_id) for r in seeded.recent(2))
    assert actions == [("retire", removed), ("update", "baghdad")]
    seeded.export(tmp_path / "out")
    assert data_files(tmp_path / "out")["curated/places.csv"] == places.read_text()


def test_export_refuses_a_folder_with_data_files(seeded: Store, tmp_path: Path) -> None:
    seeded.export(tmp_path / "out")
    with pytest.raises(StoreError, match="--overwrite"):
        seeded.export(tmp_path / "out")
    seeded.export(tmp_path / "out", overwrite=True)
    assert_same_files(tmp_path / "out")
