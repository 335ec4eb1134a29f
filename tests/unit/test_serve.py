"""The app's launcher (lib.ui.serve): what it imports before the server listens."""

from __future__ import annotations

import sys
from pathlib import Path

from lib.data.paths import PROJECT_ROOT
from lib.tools.deploy_local import streamlit_command
from lib.ui import serve


def test_imported_modules_reads_top_level_imports_only(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(
        "import json, os.path\n"
        "from lib.maps import styles\n"
        "from . import sibling\n"
        "def f():\n    import never_read\n",
        encoding="utf-8",
    )
    assert list(serve.imported_modules(script)) == ["json", "os.path", "lib.maps"]


def test_preload_imports_all_but_the_component_modules(tmp_path: Path, monkeypatch) -> None:
    script = tmp_path / "page.py"
    script.write_text(
        "import lib.ui.components\nimport streamlit_folium\nimport zb_no_such_module\n"
        "import lib.story.border_charts\nfrom streamlit import config\n",
        encoding="utf-8",
    )
    asked: list[str] = []
    real = serve.importlib.import_module

    def record(name: str):
        asked.append(name)
        return real(name)

    monkeypatch.setattr(serve.importlib, "import_module", record)
    failed = serve.preload([script])
    monkeypatch.undo()
    # Components register with the running server: they wait for the first run.
    assert asked[:2] == ["zb_no_such_module", "lib.story.border_charts"]
    assert not [n for n in asked if n.startswith(("lib.ui", "streamlit"))]
    assert failed == ["zb_no_such_module"]
    assert "lib.story.border_charts" in sys.modules


def test_the_app_starts_through_the_launcher_and_other_scripts_do_not() -> None:
    app = streamlit_command(PROJECT_ROOT / "app.py", 8501)
    assert app[1:3] == ["-m", "lib.ui.serve"] and "--server.port" in app
    other = streamlit_command(PROJECT_ROOT / "tests" / "browser" / "apps" / "map_smoke.py", 8501)
    assert other[1:4] == ["-m", "streamlit", "run"]


def test_every_page_import_is_found() -> None:
    """Nothing the pages import fails to load (a typo would only show in a page)."""
    assert serve.preload() == []
