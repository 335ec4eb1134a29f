"""``python -m lib.store``: init, export, check, history, import, as an operator runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lib.data.paths import PROJECT_ROOT
from lib.store.cli import main
from tests.store.helpers import assert_same_files


def test_the_commands_on_a_fresh_sqlite_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", f"sqlite:///{tmp_path}/s.sqlite"]
    assert main([*db, "init"]) == 0
    assert "seeded with" in capsys.readouterr().out
    assert main([*db, "export", str(tmp_path / "out")]) == 0
    assert_same_files(tmp_path / "out")
    assert main([*db, "check"]) == 0
    assert "Store sound" in capsys.readouterr().out
    assert main([*db, "history", "event:amini-death-protests"]) == 0
    assert " create event:amini-death-protests v1 — " in capsys.readouterr().out
    assert main([*db, "history", "nonsense"]) == 2
    assert main([*db, "import", str(tmp_path / "out")]) == 2
    assert "--replace" in capsys.readouterr().err
    # A broken export: check lists the problem and exits 1.
    fresh = ["--db", f"sqlite:///{tmp_path}/t.sqlite"]
    events = tmp_path / "out/curated/events.csv"
    events.write_text(events.read_text().replace(",high,npasyria", ",sure,npasyria", 1))
    assert main([*fresh, "upgrade"]) == 0
    assert main([*fresh, "import", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "curated/events.csv — amini-death-protests" in err and "nothing was imported" in err


def test_python_dash_m_runs_and_describes_without_password(tmp_path: Path) -> None:
    env = {"ZAGROS_BRIEF_DB": "postgresql://u:pw-secret@db.example.org/zagros", "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-m", "lib.store", "describe"], cwd=PROJECT_ROOT, env=env,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.strip() == "PostgreSQL · zagros on db.example.org"
