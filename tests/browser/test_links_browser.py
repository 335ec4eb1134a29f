"""Every link the app makes opens its page, never Streamlit's “Page not found” dialog.

The map is the default page: Streamlit serves it at ``/`` only, so a link to
``/map`` showed “Page not found” in front of the audience (the briefing's
“✕ Exit”). The links now come from ``lib.model.links`` and ``/map`` forwards to the
map with its query kept; these tests click through every kind of link in a
real browser that reaches only the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.data.paths import GEODATA_DIR
from lib.model import links
from lib.model.url_state import encode_filters
from lib.story import briefing as bf
from lib.story.timeline import timeline_table
from tests.apptest_utils import selected
from tests.browser import maps, waits

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

BRIEFING = "border-security-2025"
SERVED = {"/" + p for p in links.PAGE_PATHS} | {"/" + links.MAP_ALIAS}
# What each page draws once it has run: a CSS selector and, optionally, text in it.
CONTENT = {
    "map": ("h1", "Iraq–Iran border map"),
    "border": ("h1", "The border, measured"),
    "article": ("mark.zb-ann", ""),
    "timeline": ("h1", "Timeline"),
    "sources": ("h1", "Data and sources"),
    "briefing": ("#zb-exit", "Exit"),
    "notes": (maps.DECK_IFRAME, ""),
}
SIDEBAR = {
    "Border analysis": "border",
    "Article": "article",
    "Timeline": "timeline",
    "Data & sources": "sources",
    "Map": "map",
}

_SHOWN_JS = (
    "([sel, text]) => [...document.querySelectorAll(sel)]"
    ".some(e => e.offsetParent !== null && e.innerText.includes(text))"
)

# Every same-origin address in the page's links, its own and its frames'.
_HREFS_JS = """() => {
  const docs = [document];
  for (const f of document.querySelectorAll('iframe')) {
    try { if (f.contentDocument) docs.push(f.contentDocument); } catch (e) {}
  }
  const out = [];
  for (const d of docs) for (const a of d.querySelectorAll('a[href]')) {
    const url = new URL(a.getAttribute('href'), location.href);
    if (url.origin === location.origin) out.push(url.pathname + url.search);
  }
  return out;
}"""


def _opened(page: Page, name: str) -> None:
    """Wait for page ``name`` to have run and drawn; fail on “Page not found”."""
    selector, text = CONTENT[name]
    waits.wait_js(page, _SHOWN_JS, f"the {name} page's content", [selector, text])
    waits.wait_for_app(page, f"the {name} page's run to finish")
    waits.assert_no_page_not_found(page, name)


def _wait_for_counter(page: Page, text: str) -> None:
    """Wait until the presenter deck's counter (in its frame) shows ``text``."""
    waits.wait_js(
        page,
        """([sel, t]) => { const f = document.querySelector(sel);
          const c = f && f.contentDocument && f.contentDocument.getElementById('zb-counter');
          return c && c.textContent === t; }""",
        f"the deck's counter to show {text}",
        [maps.DECK_IFRAME, text],
    )


def _links_name_served_pages(page: Page, name: str) -> int:
    hrefs = page.evaluate(_HREFS_JS)
    stray = [h for h in hrefs if urlsplit(h).path not in SERVED]
    assert stray == [], f"links on the {name} page to pages the app does not serve: {stray}"
    assert not [h for h in hrefs if urlsplit(h).path == "/map"], name
    return len(hrefs)


def test_a_typed_map_address_opens_the_map_with_its_filters(
    app_server: Callable[..., str], offline_page: OfflinePage, catalog, all_filters
) -> None:
    page = offline_page.page
    base = app_server("app.py")
    page.goto(base + "/map?groups=KDPI,PAK&basemap=offline", wait_until="domcontentloaded")
    _opened(page, "map")
    # Forwarded to the root, the query as given.
    waits.wait_js(page, "() => location.pathname === '/'", "the address to become /")
    query = parse_qs(page.evaluate("() => location.search").lstrip("?"))
    assert query["groups"] == ["KDPI,PAK"] and query["basemap"] == ["offline"], query
    frame = maps.map_frame(page)
    kdpi_pak = selected(catalog, replace(all_filters, groups=frozenset({"KDPI", "PAK"})))["site"]
    assert 0 < kdpi_pak < selected(catalog, all_filters)["site"]
    assert maps.wait_drawn(frame, ".zb-site", kdpi_pak) == kdpi_pak
    maps.wait_drawn(frame, "path.zb-basemap-land", what="the built-in basemap")
    # The filters reached the sidebar too.
    groups = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
    groups.wait_for()
    assert "KDPI" in groups.inner_text() and "Komala" not in groups.inner_text()

    # Bare /map too.
    page.goto(base + "/map", wait_until="domcontentloaded")
    _opened(page, "map")
    assert page.evaluate("() => location.pathname") == "/"
    assert offline_page.page_errors == []


def test_every_link_on_every_page_opens_its_page(
    app_server: Callable[..., str], offline_page: OfflinePage, catalog, all_filters
) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    base = app_server("app.py")
    page.goto(base + "/?basemap=offline", wait_until="domcontentloaded")
    _opened(page, "map")

    # The sidebar's page links: the map's is the root.
    nav = page.locator('[data-testid="stSidebarNav"] a')
    nav_paths = {urlsplit(h).path for h in nav.evaluate_all("as => as.map(a => a.href)")}
    assert "/" in nav_paths and nav_paths <= SERVED, nav_paths
    for label, name in SIDEBAR.items():
        page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True).click()
        _opened(page, name)
        _links_name_served_pages(page, name)

    # Article → map: a ↗map link opens the map on what the passage reports.
    page.goto(base + "/article?basemap=offline", wait_until="domcontentloaded")
    _opened(page, "article")
    assert _links_name_served_pages(page, "article") > 10
    with page.expect_navigation():
        page.locator("mark#claim-designated-camps-1 + a.zb-maplink").click()
    _opened(page, "map")
    assert "focus=claim" in page.evaluate("() => location.search")
    maps.map_frame(page)

    # Map → article: the popup's link inside the map frame (opens a new tab).
    page.goto(base + "/?focus=event:joint-security-agreement", wait_until="domcontentloaded")
    _opened(page, "map")
    frame = maps.map_frame(page)
    popup = maps.popup(frame, what="the focused event's popup")  # it opens by itself
    with page.context.expect_page() as new_tab:
        popup.get_by_text("read in the article").first.click()
    article = new_tab.value
    _opened(article, "article")
    article.locator("mark.zb-selected").wait_for()
    article.close()

    # Timeline links (cells of a table, drawn on a canvas): opened by their address.
    table = timeline_table(catalog, all_filters, encode_filters(all_filters, all_filters))
    for column, name in (("map", "map"), ("passage", "article")):
        href = next(h for h in table[column] if isinstance(h, str))
        page.goto(base + href, wait_until="domcontentloaded")
        _opened(page, name)

    # Presenter view: Notes ↗ (new window), its link to the presenter view, ✕ Exit to the map.
    briefings, _ = bf.load_briefings(GEODATA_DIR / "briefings", bf.vocabulary(catalog))
    second = f"2 / {len(briefings[BRIEFING].steps)}"
    page.goto(f"{base}/briefing?b={BRIEFING}&step=2&basemap=offline")
    _opened(page, "briefing")
    _wait_for_counter(page, second)
    _links_name_served_pages(page, "briefing")
    with page.context.expect_page() as new_tab:
        page.frame_locator(maps.DECK_IFRAME).get_by_text("Notes ↗").click()
    notes = new_tab.value
    _opened(notes, "notes")
    _wait_for_counter(notes, second)
    _links_name_served_pages(notes, "notes")
    with notes.context.expect_page() as presenter_tab:
        notes.frame_locator(maps.DECK_IFRAME).get_by_text("Presenter view ↗").click()
    presenter = presenter_tab.value
    _opened(presenter, "briefing")
    _wait_for_counter(presenter, second)
    presenter.close()
    notes.close()

    with page.expect_navigation():
        page.get_by_text("✕ Exit").click()
    _opened(page, "map")
    assert page.evaluate("() => location.pathname") == "/"
    query = parse_qs(page.evaluate("() => location.search").lstrip("?"))
    assert {"lat", "lon", "z"} <= set(query), query  # the step's view, kept
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, "path.zb-border")

    # The sidebar's presenter pages, last: they fold the sidebar away.
    for label, name in (("Speaker notes", "notes"), ("Briefing", "briefing")):
        page.goto(base + "/", wait_until="domcontentloaded")
        _opened(page, "map")
        page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True).click()
        _opened(page, name)
    assert offline_page.page_errors == []
