"""The browser benchmark's harness finds a drawn map on the minimal app and its stages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lib.tools.bench.browser import TARGETS, Servers, visit
from lib.tools.bench.browser_profile import STAGES

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser


def test_harness_measures_the_minimal_apps_drawn_polyline(browser: Browser, tmp_path: Path):
    servers = Servers(tmp_path)  # the minimal app needs no store
    process = servers.start("minimal")
    try:
        result = visit(browser, f"http://127.0.0.1:{process.port}{TARGETS[0].path}")
    finally:
        process.stop()
    assert result.errors == []
    assert result.seconds is not None and result.seconds > 0
    profile = result.profile
    assert profile is not None
    # The feature found is the minimal app's one polyline, in st_folium's frame.
    assert profile.drawn.startswith("path.") and "leaflet-interactive" in profile.drawn
    assert profile.components == 1
    assert profile.map_delta_bytes > 0
    assert all(profile.stages[s] is not None for s in STAGES), profile.notes
    assert sum(profile.stages.values()) == pytest.approx(profile.total_ms)
