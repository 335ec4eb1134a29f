"""The briefing in a real browser: the exported file from disk, the presenter deck by keyboard, the notes window following."""

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
from lib.model.map_view import bounds_view
from lib.model.url_state import encode_view
from lib.story import briefing as bf
from lib.story.export_html import export_file_name, export_html
from lib.story.export_text import step_text
from lib.tools import step_latency
from tests.browser import maps, waits

if TYPE_CHECKING:
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


DECK_FRAME = 'iframe[title="lib.ui.deck.zb_deck"]'
# Samples every animation frame of the deck: a frame in which the map shows no vector at
# all (the border, the areas) would be a blank map between two steps.
_WATCH_BLANK_JS = """sel => {
  const deck = document.querySelector(sel).contentWindow;
  const map = deck.document.getElementById('zb-map').contentWindow;
  map.__zbKept = true;  // gone if the map's page is ever loaded again
  window.__zbBlank = 0;
  (function tick() {
    // The map in sight: the deck map, or a step's own map shown in its place.
    const own = [...deck.document.querySelectorAll('.zb-own-map')].find(f => !f.hidden);
    const doc = own ? own.contentDocument : map.document;
    if (!doc || !doc.querySelector('.leaflet-overlay-pane path')) { window.__zbBlank += 1; }
    requestAnimationFrame(tick);
  })();
}"""
_MAP_KEPT_JS = """sel => document.querySelector(sel).contentWindow.document
  .getElementById('zb-map').contentWindow.__zbKept === true"""


def _expected(catalog, briefing: bf.Briefing) -> list[step_latency.Expected]:
    return step_latency.expected_steps(catalog, briefing)


def _wait_for_deck_step(page, expected: step_latency.Expected, total: int) -> None:
    """Wait until the deck shows step ``expected`` whole: counter, title, its features."""
    page.evaluate(
        step_latency.PROBE.read_text("utf-8"),
        [expected.number, total, expected.title, expected.drawn, waits.timeout_ms(), True],
    )
    outcome = page.evaluate("() => window.__zbProbe")
    assert not outcome.get("timeout"), (
        f"step {expected.number} not drawn: expected {expected.drawn}, saw {outcome['seen']}"
    )


def _wait_for_address(page, number: int) -> None:
    waits.wait_js(
        page,
        "n => new URLSearchParams(location.search).get('step') === String(n)",
        f"the address to name step {number}",
        number,
    )


def test_the_presenter_view_steps_by_keyboard_on_one_map_at_1280x720(
    catalog,
    default: bf.Briefing,
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    base = app_server("app.py")
    expected = _expected(catalog, default)
    total = len(expected)
    page.goto(f"{base}/briefing?b={DEFAULT_ID}&step=1", wait_until="domcontentloaded")
    _wait_for_deck_step(page, expected[0], total)
    # Chrome is hidden on the shared screen.
    assert not page.locator('section[data-testid="stSidebar"]').is_visible()
    assert not page.locator('header[data-testid="stHeader"]').is_visible()
    page.wait_for_timeout(500)  # the first view settles
    shot = screenshot(page, "briefing-step-1")
    if UPDATE_DOCS:
        shutil.copy(shot, DOCS / "briefing-step-1.png")

    page.evaluate(_WATCH_BLANK_JS, DECK_FRAME)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    # Every step by → and back by ←: each draws exactly its own features, the address follows.
    walk = [(n, "ArrowRight") for n in range(2, total + 1)]
    walk += [(n, "ArrowLeft") for n in range(total - 1, 0, -1)]
    walk += [(total, "End"), (1, "Home"), (2, "PageDown"), (1, "PageUp")]
    for number, key in walk:
        page.keyboard.press(key)
        _wait_for_deck_step(page, expected[number - 1], total)
        _wait_for_address(page, number)
    # One map all along: never a frame without the border, never a new map page.
    assert page.evaluate("() => window.__zbBlank") == 0
    deck = page.frame_locator(DECK_FRAME)
    assert page.evaluate(_MAP_KEPT_JS, DECK_FRAME)
    # The buttons step too, and keep the focus usable: Next stays focused, then Previous.
    deck.locator("#zb-next").click()
    _wait_for_deck_step(page, expected[1], total)
    deck.locator("#zb-prev").click()
    _wait_for_deck_step(page, expected[0], total)
    assert deck.locator("#zb-prev").is_disabled()
    assert deck.locator("#zb-prev").evaluate("b => document.activeElement !== b")
    assert deck.locator("#zb-next").evaluate("b => document.activeElement === b")
    # The exit link leads to the map at the step's view.
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    _wait_for_deck_step(page, expected[3], total)
    _wait_for_address(page, 4)
    exit_href = page.locator("#zb-exit").get_attribute("href")
    view = encode_view(bounds_view(bf.step_bounds(default.steps[3])))
    assert all(f"{key}={value}" in exit_href for key, value in view.items()), exit_href
    page.wait_for_timeout(500)
    shot = screenshot(page, "briefing-step-4")
    if UPDATE_DOCS:
        shutil.copy(shot, DOCS / "briefing-step-4.png")
    assert offline_page.page_errors == []


def test_the_notes_window_follows_the_presenter_within_a_second(
    catalog,
    default: bf.Briefing,
    app_server: Callable[..., str],
    offline_page: OfflinePage,
) -> None:
    page = offline_page.page
    base = app_server("app.py")
    expected = _expected(catalog, default)
    facts = bf.briefing_facts(catalog)
    total = len(expected)
    page.goto(f"{base}/briefing?b={DEFAULT_ID}&step=1", wait_until="domcontentloaded")
    _wait_for_deck_step(page, expected[0], total)
    # Opened from the presenter view's link, in the same browser.
    with page.context.expect_page() as opened:
        page.frame_locator(DECK_FRAME).locator("#zb-notes").click()
    notes = opened.value
    notes.wait_for_load_state("domcontentloaded")
    waits.wait_for_app(notes, "the notes window to draw")
    _wait_for_notes(notes, 1, total)
    limit = 1.0 * float(os.environ.get("ZB_BROWSER_TIMEOUT_SCALE", "2" if waits.in_ci() else "1"))
    page.bring_to_front()
    for number, key in ((2, "ArrowRight"), (3, "ArrowRight"), (2, "ArrowLeft")):
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        started = time.perf_counter()
        page.keyboard.press(key)
        _wait_for_notes(notes, number, total)
        seconds = time.perf_counter() - started
        print(f"notes followed to step {number} in {seconds * 1000:.0f} ms")
        assert seconds <= limit, f"the notes window took {seconds:.2f} s to follow"
        notes_deck = notes.frame_locator(DECK_FRAME)
        assert notes_deck.locator("#zb-title").inner_text() == expected[number - 1].title
        notes_text = notes_deck.locator("#zb-panel").inner_text()
        caption = step_text(catalog, default.steps[number - 1], facts).caption
        assert caption in notes_text.replace("\n", " ") or caption[:60] in notes_text
    # The notes window's own buttons lead the presenter.
    notes.frame_locator(DECK_FRAME).locator("#zb-next").click()
    _wait_for_deck_step(page, expected[2], total)
    _wait_for_address(page, 3)
    assert offline_page.page_errors == []


def _wait_for_notes(notes, number: int, total: int) -> None:
    """Wait until the notes window's deck shows step ``number``."""
    waits.wait_js(
        notes,
        """([sel, t]) => { const f = document.querySelector(sel);
          const c = f && f.contentDocument && f.contentDocument.getElementById('zb-counter');
          return c && c.textContent === t; }""",
        f"the notes window to show step {number}",
        [DECK_FRAME, f"{number} / {total}"],
    )
