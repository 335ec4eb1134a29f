"""Accessibility in a real browser (issue 15): axe-core's WCAG 2.1 AA rules, the keyboard, motion.

- the scan finds nothing on every page of the app (editorial pages included: the
  browser is the local editor on loopback) nor in any map frame, nor in the
  briefing's exported file and its maps;
- a keyboard-only walk on the map page: Tab to a marker (named: kind, name,
  precision), Enter opens its popup with focus on the article link, Escape closes
  it and gives focus back, Enter on the link opens the article at that passage;
- ``prefers-reduced-motion`` turns Leaflet's animated zoom off and the page's
  transitions; without it they stay on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lib.data.paths import GEODATA_DIR
from lib.story import briefing as bf
from lib.story.export_html import export_file_name, export_html
from tests.browser import maps, waits
from tests.browser.axe_scan import scan

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Frame, Page

    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

# Address path → maps on the page. Every route of app.py (the /map alias forwards to "").
PAGES = {
    "": 1,
    "border": 2,
    "article": 0,
    "timeline": 0,
    "sources": 0,
    "briefing": 0,  # its maps are in the deck's frame: scanned below
    "notes": 0,
    "reporting": 0,
    "correct": 1,
    "history": 0,
    "admin": 0,
}
# An event the article reports: its popup links to the passage.
EVENT = "joint-security-agreement"
MARKER = f".zb-event-{EVENT}"


def _open(page: Page, url: str, count: int, what: str) -> list[Frame]:
    """Open an address and wait for its run to finish and its maps to draw."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMainBlockContainer"]')
    page.wait_for_timeout(800)  # the first run starts
    waits.wait_for_app(page, f"{what}'s run to finish")
    waits.wait_js(
        page,
        "() => !document.body.innerText.includes('Measuring the border')",
        f"{what}'s measurements",
    )
    frames = maps.map_frames(page, count, what=what)
    for frame in frames:
        maps.wait_drawn(frame, what=f"{what}'s map")
    # Streamlit fades elements in: colours are measured once no transition is running.
    waits.wait_js(
        page,
        "() => document.getAnimations().every(a => a.playState !== 'running')",
        f"{what}'s transitions to end",
    )
    return frames


def test_axe_finds_no_wcag_violation_on_any_page_or_map_frame(
    app_server: Callable[..., str], offline_page: OfflinePage, screenshot: Callable[..., Path]
) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    base = app_server("app.py")
    found: dict[str, list[str]] = {}
    for path, count in PAGES.items():
        what = f"/{path}"
        frames = _open(page, f"{base}/{path}?basemap=offline", count, what)
        assert page.locator('[data-testid="stException"]').count() == 0, what
        found[what] = [str(v) for v in scan(page)]
        # Each map's frame is named for its map (st_folium titles it for the component).
        names = page.locator(maps.MAP_IFRAME).evaluate_all(
            "fs => fs.map(f => f.getAttribute('aria-label') || '')"
        )
        assert len(names) == count and all(n.startswith("Map ") for n in names), (what, names)
        for number, frame in enumerate(frames, start=1):
            found[f"{what} map {number}"] = [str(v) for v in scan(frame)]
        if path == "briefing":
            found.update(_scan_deck(page))
        screenshot(page, f"a11y_{path or 'map'}")
    # Every page, its map frames, and the deck: its frame, its map and each own map.
    own = sum(1 for key in found if key.startswith("/briefing own map"))
    assert own >= 1
    assert len(found) == len(PAGES) + sum(PAGES.values()) + 2 + own
    failing = {where: v for where, v in found.items() if v}
    assert failing == {}, "\n".join(f"{w}:\n  " + "\n  ".join(v) for w, v in failing.items())


def _scan_deck(page: Page) -> dict[str, list[str]]:
    """Scan the presenter deck's frame, its one map and the maps of steps that have their own."""
    found: dict[str, list[str]] = {}
    deck_map = maps.deck_map_frame(page)
    maps.wait_drawn(deck_map, what="the deck's map")
    deck = deck_map.parent_frame
    assert deck is not None
    found["/briefing deck"] = [str(v) for v in scan(deck)]
    found["/briefing deck map"] = [str(v) for v in scan(deck_map)]
    # The steps with a map of their own (the default briefing has a then-and-now and a
    # playback step) are loaded after the deck map: wait until the deck has seen each
    # one's page load (its load handler marks the frame).
    deck.wait_for_function(
        """() => {
          const own = [...document.querySelectorAll('.zb-own-map')];
          return own.length > 0 && own.every(f => f.__zbLoaded === true);
        }""",
        timeout=waits.timeout_ms(),
    )
    own = deck.locator(".zb-own-map")
    for index in range(own.count()):
        name = own.nth(index).get_attribute("name") or ""
        frame = page.frame(name=name)
        assert frame is not None, name
        maps.wait_drawn(frame, what=f"the deck's own map {name}")
        found[f"/briefing own map {name}"] = [str(v) for v in scan(frame)]
    return found


def test_axe_finds_no_wcag_violation_in_the_exported_briefing_and_its_maps_and_motion_stops(
    catalog, offline_page: OfflinePage, tmp_path: Path
) -> None:
    briefings, _ = bf.load_briefings(GEODATA_DIR / "briefings", bf.vocabulary(catalog))
    default = briefings["border-security-2025"]
    document = export_html(
        catalog, default, bf.briefing_facts(catalog), tiles=False, basemap="offline"
    )
    path = tmp_path / export_file_name(default)
    path.write_text(document, "utf-8")
    page = offline_page.page
    page.emulate_media(reduced_motion="reduce")
    page.goto(path.as_uri(), wait_until="load")
    found = {"export": [str(v) for v in scan(page)]}
    # Reduced motion: no smooth scrolling between steps (the file's own style has it).
    assert page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior") == (
        "auto"
    )
    for number in range(1, len(default.steps) + 1):
        frame = maps.map_frame(
            page, what=f"step {number}'s map", selector=f"section#step-{number} iframe.map"
        )
        maps.wait_drawn(frame, "path.zb-basemap-land", what=f"step {number}'s map")
        # The map's own page: a language, a title, a viewport that lets the reader zoom.
        assert frame.evaluate("() => document.documentElement.lang") == "en"
        assert frame.title()
        # ...and no animated zoom or fades when the reader asks for reduced motion.
        # (a then-and-now step's page holds two maps: both).
        assert (
            frame.locator(".leaflet-container.zb-reduced-motion").count()
            == frame.locator(".leaflet-container").count()
            >= 1
        )
        found[f"step {number} map"] = [str(v) for v in scan(frame)]
    failing = {where: v for where, v in found.items() if v}
    assert failing == {}, "\n".join(f"{w}:\n  " + "\n  ".join(v) for w, v in failing.items())


_ACTIVE_JS = """() => { const a = document.activeElement;
  return a ? {cls: String(a.className || ''), tag: a.tagName, text: a.innerText || '',
              href: a.getAttribute('href'), outline: getComputedStyle(a).outlineStyle,
              width: getComputedStyle(a).outlineWidth} : null; }"""


def _tab_to(page: Page, frame: Frame, selector: str, limit: int = 120) -> dict:
    """Press Tab until the map frame's focus is on ``selector``; what has focus then."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if frame.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return frame.evaluate(_ACTIVE_JS)
        seen.append(frame.evaluate("() => document.activeElement?.tagName"))
    raise AssertionError(f"{limit} Tabs never reached {selector}; focus went through {seen[-12:]}")


def test_keyboard_only_walk_on_the_map_page(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    catalog,
    screenshot: Callable[..., Path],
) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    url = f"{app_server('app.py')}/?focus=event:{EVENT}&basemap=offline"
    (frame,) = _open(page, url, 1, "the map page")
    maps.wait_drawn(frame, MARKER, what="the focused event")
    event = catalog.curated.events.set_index("event_id").loc[EVENT]

    # The map as text, under the map: the same features, one row each.
    text = page.locator("details.zb-map-text")
    assert text.count() == 1
    assert event["title"] in text.text_content()  # folded: in the document, read on demand
    drawn = frame.locator(".zb-symbol:not(.zb-event-cell)").count()
    assert text.locator("tbody tr").count() >= drawn - 1  # every marker, but a focus-only place

    # The map opens on the event with its popup open: closed first, by the mouse.
    waits.wait_js(frame, "() => document.querySelector('.leaflet-popup-content')", "the popup")
    frame.locator(".leaflet-popup-close-button").click()
    # Clusters of events say what they hold; leaflet-measure's links sit in list items.
    clusters = frame.locator(".marker-cluster").evaluate_all(
        "cs => cs.map(c => [c.getAttribute('aria-label') || '', c.innerText.trim()])"
    )
    assert clusters and all(label.startswith(f"{n} events grouped") for label, n in clusters)
    assert frame.locator(".leaflet-control-measure ul > li").count() >= 1
    assert frame.locator(".leaflet-control-measure ul > :not(li)").count() == 0
    # Focus starts on the page; Tab goes into the map frame and from marker to marker.
    page.locator("h1").first.click()
    active = _tab_to(page, frame, MARKER)
    name = frame.locator(f"{MARKER} .zb-sr").inner_text()
    assert name.startswith(f"Event ({event['category']}): {event['title']}")
    assert "location" in name and "confidence" in name
    assert active["outline"] != "none" and active["width"] != "0px"  # focus is visible
    screenshot(page, "a11y_marker_focus")

    # Enter opens the popup and puts focus on its first link: the article passage.
    page.keyboard.press("Enter")
    waits.wait_js(frame, "() => document.activeElement?.closest('.leaflet-popup')", "popup focus")
    assert event["title"] in frame.locator(maps.POPUP).inner_text()
    link = frame.evaluate(_ACTIVE_JS)
    assert link["tag"] == "A" and "article" in (link["href"] or ""), link
    # Escape closes it and focus goes back to the marker.
    page.keyboard.press("Escape")
    waits.wait_js(frame, "() => !document.querySelector('.leaflet-popup')", "the popup to close")
    assert frame.evaluate("s => document.activeElement.matches(s)", MARKER)
    # A marker is a button: Space opens its popup too.
    page.keyboard.press("Space")
    waits.wait_js(frame, "() => document.querySelector('.leaflet-popup-content a')", "Space")
    page.keyboard.press("Escape")
    waits.wait_js(frame, "() => !document.querySelector('.leaflet-popup')", "the popup to close")
    # Escape pressed before the popup took focus (a busy machine) still leaves it on the marker.
    waits.wait_js(frame, "s => document.activeElement.matches(s)", "focus on the marker", MARKER)

    # Enter again, then Enter on the link: the article opens at the quoted passage.
    page.keyboard.press("Enter")
    waits.wait_js(frame, "() => document.activeElement?.tagName === 'A'", "the link's focus")
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    article = opened.value
    article.wait_for_load_state("domcontentloaded")
    article.wait_for_selector('[data-testid="stMainBlockContainer"]')
    waits.wait_for_app(article, "the article page")
    assert "/article" in article.url and f"event-{EVENT}" in article.url
    quote = next(a for a in catalog.annotations if a.annotation.ref == EVENT).quote
    waits.wait_js(article, "q => document.body.innerText.includes(q)", "the passage", quote)
    article.close()


def _motion(browser: Browser, url: str, reduced: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, reduced_motion=reduced)
    context.set_default_timeout(waits.timeout_ms())
    try:
        page = context.new_page()
        (frame,) = _open(page, url, 1, f"the map page ({reduced} motion)")
        in_map = frame.evaluate(
            """() => ({zoom: map_div._zoomAnimated, fade: map_div.options.fadeAnimation,
                       still: map_div.getContainer().classList.contains('zb-reduced-motion')})"""
        )
        in_page = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-testid=\"stSidebar\"]'))"
            ".transitionDuration"
        )
        return {**in_map, "page": in_page}
    finally:
        context.close()


def _seconds(durations: str) -> float:
    return max(float(d.strip().removesuffix("s")) for d in durations.split(","))


def test_reduced_motion_turns_animations_off_in_the_page_and_the_map(
    app_server: Callable[..., str], browser: Browser
) -> None:
    url = f"{app_server('app.py')}/?basemap=offline"
    still = _motion(browser, url, "reduce")
    moving = _motion(browser, url, "no-preference")
    assert still["zoom"] is False and still["fade"] is False and still["still"] is True
    assert moving["zoom"] is True and moving["fade"] is True and moving["still"] is False
    # The page's own transitions: cut to nothing when asked, as Streamlit has them otherwise.
    assert _seconds(still["page"]) < 0.001
    assert _seconds(moving["page"]) > 0.001
