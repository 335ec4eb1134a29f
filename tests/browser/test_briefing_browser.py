"""The briefing in a real browser: the exported file from disk, the presenter view by keyboard."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from lib.data.paths import GEODATA_DIR, PROJECT_ROOT
from lib.story import briefing as bf
from lib.story.export_html import export_file_name, export_html
from tests.browser import maps, waits

if TYPE_CHECKING:
    from playwright.sync_api import Frame

    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

DEFAULT_ID = "border-security-2025"
TILE_HOST_SUFFIXES = ("basemaps.cartocdn.com", "tile.openstreetmap.org")
DOCS = PROJECT_ROOT / "docs"
# The README's screenshots are refreshed on purpose (ZB_UPDATE_DOCS=1 pytest ...),
# not by every test run: a run must leave the tracked files as they were.
UPDATE_DOCS = os.environ.get("ZB_UPDATE_DOCS") == "1"


def _is_tile(url: str) -> bool:
    return (urlsplit(url).hostname or "").endswith(TILE_HOST_SUFFIXES)


@pytest.fixture(scope="module")
def default(catalog) -> bf.Briefing:
    briefings, _ = bf.load_briefings(GEODATA_DIR / "briefings", bf.vocabulary(catalog))
    return briefings[DEFAULT_ID]


def test_the_exported_file_opens_from_disk_with_every_step_and_map(
    catalog, default: bf.Briefing, offline_page: OfflinePage, tmp_path: Path
) -> None:
    facts = bf.briefing_facts(catalog)
    started = time.perf_counter()
    document = export_html(catalog, default, facts)
    seconds = time.perf_counter() - started
    path = tmp_path / export_file_name(default)
    path.write_text(document, "utf-8")
    print(f"export: {len(document) / 1e6:.1f} MB in {seconds:.1f} s")

    page = offline_page.page
    page.goto(path.as_uri(), wait_until="load")
    sections = page.locator("section.step")
    assert sections.count() == len(default.steps)
    for number, step in enumerate(default.steps, start=1):
        section = page.locator(f"section#step-{number}")
        assert section.locator("h2").inner_text() == bf.fill(step.title, facts)
        assert section.locator(".counter").inner_text() == f"{number} / {len(default.steps)}"
        frame = maps.map_frame(
            page,
            what=f"step {number}'s map",
            selector=f"section#step-{number} {maps.EXPORT_IFRAME}",
        )
        # More than the border and the region: the step's own features are drawn too.
        maps.wait_drawn(frame, min_count=4, what=f"step {number}'s map to draw")
    # The keys move between steps in the file too.
    page.keyboard.press("ArrowRight")
    waits.wait_js(page, "() => location.hash === '#step-2'", "the address to show step 2")
    # Only the online tiles were asked of the network; no script or style.
    stray = [u for u in offline_page.blocked_urls if not _is_tile(u)]
    assert stray == [], stray
    assert offline_page.page_errors == []


def _wait_for_step(page, text: str) -> None:
    waits.wait_js(
        page,
        "t => { const c = document.getElementById('zb-counter'); return c && c.textContent === t; }",
        f"the counter to show {text}",
        text,
    )


def _wait_for_map(page, caption: str) -> Frame:
    """Wait for the step whose caption starts with ``caption`` to be drawn; its map's frame."""
    # The run has finished when the step's caption is drawn and nothing is greyed out as stale.
    waits.wait_js(
        page,
        "t => { const c = document.querySelector('p.zb-caption');"
        " return c && c.textContent.startsWith(t)"
        " && !document.querySelector('[data-stale=\"true\"]'); }",
        f"the caption “{caption}…”",
        caption,
    )
    frame = maps.map_frame(page, what="the step's map")
    maps.wait_drawn(frame, "path.zb-border")
    page.wait_for_timeout(1500)  # fitBounds and the highlights settle
    return frame


def test_the_presenter_view_follows_the_arrow_keys_at_1280x720(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    base = app_server("app.py")
    page.goto(f"{base}/briefing?b={DEFAULT_ID}&step=1", wait_until="domcontentloaded")
    _wait_for_step(page, "1 / 7")
    _wait_for_map(page, "Iraq and Iran share a border of")
    # Chrome is hidden on the shared screen.
    assert not page.locator('section[data-testid="stSidebar"]').is_visible()
    assert not page.locator('header[data-testid="stHeader"]').is_visible()
    shot = screenshot(page, "briefing-step-1")
    if UPDATE_DOCS:
        shutil.copy(shot, DOCS / "briefing-step-1.png")

    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    _wait_for_step(page, "2 / 7")
    assert "step=2" in page.evaluate("() => location.search")
    page.keyboard.press("ArrowRight")
    _wait_for_step(page, "3 / 7")
    page.keyboard.press("ArrowLeft")
    _wait_for_step(page, "2 / 7")
    page.keyboard.press("PageDown")
    _wait_for_step(page, "3 / 7")
    page.keyboard.press("ArrowRight")
    _wait_for_step(page, "4 / 7")
    frame = _wait_for_map(page, "On 19 March 2023")
    # The map moved to the step's view: the agreement in Baghdad is ringed.
    maps.wait_drawn(frame, "path.zb-highlight", 2, what="the step's highlights")
    assert "step=4" in page.evaluate("() => location.search")
    shot = screenshot(page, "briefing-step-4")
    if UPDATE_DOCS:
        shutil.copy(shot, DOCS / "briefing-step-4.png")
    assert offline_page.page_errors == []
