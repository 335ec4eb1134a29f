"""Shared helpers of the store tests: the seed's files, and a folder's files compared."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from lib.data.paths import GEODATA_DIR
from lib.store.files import FOLDERS


def data_files(folder: Path) -> dict[str, str]:
    """Text of every store-managed file under ``folder``, by relative path."""
    out = {}
    for sub in FOLDERS:
        for path in sorted((folder / sub).glob("*")):
            if path.is_file():
                out[f"{sub}/{path.name}"] = path.read_text(encoding="utf-8")
    return out


def assert_same_files(got: Path, want: Path = GEODATA_DIR) -> None:
    """Same file names; CSV text identical; TOML and JSON equal when parsed."""
    got_files, want_files = data_files(got), data_files(want)
    assert sorted(got_files) == sorted(want_files)
    for name, text in want_files.items():
        if name.endswith(".csv"):
            assert got_files[name] == text, name
        elif name.endswith(".toml"):
            assert tomllib.loads(got_files[name]) == tomllib.loads(text), name
        else:
            assert json.loads(got_files[name]) == json.loads(text), name


def seed_copy(target: Path) -> Path:
    """A copy of geodata/'s store folders (layers and raw linked) to doctor in a test."""
    import shutil

    for sub in FOLDERS:
        shutil.copytree(GEODATA_DIR / sub, target / sub)
    for sub in ("layers", "raw"):
        (target / sub).symlink_to(GEODATA_DIR / sub, target_is_directory=True)
    return target
