"""Every page in a real browser that reaches only the app: no JavaScript error, maps drawn."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import maps, waits

if TYPE_CHECKING:
    from playwright.sync_api import Frame

    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

# Sidebar label → (maps on the page, whether they show the main border and the Kurdistan Region).
PAGES = {
    "Map": (1, True),
    "Border analysis": (2, False),
    "Article": (0, False),
    "Timeline": (0, False),
    "Data & sources": (0, False),
}
# The presenter's pages fold the sidebar away: they are opened by address. Their maps are
# not st_folium's: the briefing's deck has one map of its own (maps.deck_map_frame).
PRESENTER_PAGES = {"briefing": (0, True), "notes": (0, False)}


def _settle(page, count: int, label: str) -> list[Frame]:
    """Wait until the page has finished running (app idle, no spinner); its ``count`` maps.

    Keyed on progress under the shared deadline (``tests/browser/waits.py``); a
    wait that runs out says what the page showed.
    """
    page.wait_for_timeout(800)  # the click's rerun starts
    waits.wait_for_app(page, f"the {label} page's run to finish")
    waits.wait_js(
        page,
        "() => !document.body.innerText.includes('Measuring the border')",
        f"the {label} page's measurements",
    )
    return maps.map_frames(page, count, what=f"the {label} page")


# Streamlit's own client looks for its server under a deep link's path first
# (GET /briefing/_stcore/health → 404) before falling back to the root.
STREAMLIT_PROBE = "/_stcore/"


def test_every_page_works_offline_with_no_javascript_error(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    # The built-in basemap: no tile server is asked for anything.
    page.goto(app_server("app.py") + "/?basemap=offline", wait_until="domcontentloaded")
    maps.map_frame(page)
    for label, (count, main_layers) in PAGES.items():
        page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True).click()
        frames = _settle(page, count, label)
        assert page.locator('[data-testid="stException"]').count() == 0, label
        for frame in frames:
            # Every map draws fully: Leaflet from the app, vector paths on the built-in basemap.
            maps.wait_drawn(frame, min_count=11, what=f"the {label} page's map to draw")
            maps.wait_drawn(frame, "path.zb-basemap-land", what=f"the {label} page's basemap")
            if main_layers:
                assert frame.locator("path.zb-border").count() == 1, label
                assert frame.locator("path.zb-kurdistan-region").count() == 1, label
                # Town labels (drawn from one array by town_labels.js), some shown here.
                assert frame.locator(".zb-town").count() > 0, label
                assert frame.locator(".zb-town:visible").count() > 0, label
        screenshot(page, f"page_{label.lower().replace(' & ', '_').replace(' ', '_')}")
    base = page.url.split("?")[0].rstrip("/")
    base = base.rsplit("/", 1)[0] if base.count("/") > 2 else base
    for path, (count, main_layers) in PRESENTER_PAGES.items():
        page.goto(f"{base}/{path}?basemap=offline", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stMainBlockContainer"]')
        frames = _settle(page, count, path)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        if main_layers:
            frames = [maps.deck_map_frame(page, what=f"the {path} page's map")]
        for frame in frames:
            maps.wait_drawn(frame, "path.zb-basemap-land", what=f"the {path} page's basemap")
            if main_layers:
                assert frame.locator("path.zb-border").count() == 1, path
        screenshot(page, f"page_{path}")
    assert offline_page.blocked_urls == []
    assert [u for u in offline_page.failed_local if STREAMLIT_PROBE not in u] == []
    assert offline_page.page_errors == []
    errors = [e for e in offline_page.console_errors if STREAMLIT_PROBE not in e]
    assert errors == []
