"""Untrusted addresses: every page survives hostile query values and reads no file because of them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.data.paths import PROJECT_ROOT
from tests.apptest_utils import APP

PAGES = sorted(str(p.relative_to(PROJECT_ROOT)) for p in (PROJECT_ROOT / "pages").glob("*.py"))
KEYS = (
    "groups",
    "from",
    "to",
    "conf",
    "lat",
    "lon",
    "z",
    "focus",
    "article",
    "ann",
    "basemap",
    "b",
    "step",
    "play",
)
HOSTILE = (
    "../../etc/passwd",
    "/etc/passwd",
    "<script>alert(1)</script>",
    "x" * 20_000,
    "nan",
    "-1e309",
    "event:../../../etc/passwd",
    "\u202egnp.exe",
    "%00",
)

_opened: list[str] = []
_watching = False


def _audit(event: str, args: tuple) -> None:
    if _watching and event == "open" and args and isinstance(args[0], str | bytes | Path):
        _opened.append(str(args[0]))


sys.addaudithook(_audit)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_hostile_values_in_every_parameter(page):
    global _watching
    for value in HOSTILE:
        at = AppTest.from_file(APP, default_timeout=90)
        for key in KEYS:
            at.query_params[key] = value
        at.query_params["unknown"] = value
        at.switch_page(page)
        _opened.clear()
        _watching = True
        try:
            at.run()
        finally:
            _watching = False
        assert not at.exception, (page, value[:40], [e.value for e in at.exception])
        # Nothing the address said made the app open a file outside the project.
        suspicious = [p for p in _opened if "passwd" in p or "gnp.exe" in p]
        assert suspicious == [], suspicious
