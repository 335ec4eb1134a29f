"""Every page in a real browser that reaches only the app: no JavaScript error, maps drawn."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import waits

if TYPE_CHECKING:
    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Sidebar label → (maps on the page, whether they show the main border and the Kurdistan Region).
PAGES = {
    "Map": (1, True),
    "Border analysis": (2, False),
    "Article": (0, False),
    "Timeline": (0, False),
    "Data & sources": (0, False),
}
# The presenter's pages fold the sidebar away: they are opened by address.
PRESENTER_PAGES = {"briefing": (1, True), "notes": (0, False)}


def _settle(page, maps: int, label: str) -> None:
    """Wait until the page has finished running (app idle, no spinner) and drawn its maps.

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
    waits.wait_js(
        page,
        f"n => document.querySelectorAll('{MAP_IFRAME}').length >= n",
        f"{maps} map(s) on the {label} page",
        maps,
    )


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
    page.wait_for_selector(MAP_IFRAME)
    for label, (maps, main_layers) in PAGES.items():
        page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True).click()
        _settle(page, maps, label)
        assert page.locator('[data-testid="stException"]').count() == 0, label
        for handle in page.query_selector_all(MAP_IFRAME):
            frame = handle.content_frame()
            assert frame is not None
            # Every map draws fully: Leaflet from the app, vector paths on the built-in basemap.
            waits.wait_js(
                frame,
                "() => window.L && document.querySelectorAll('.leaflet-overlay-pane path').length > 10",
                f"the {label} page's map to draw",
            )
            assert frame.locator("path.zb-basemap-land").count() >= 1, label
            if main_layers:
                assert frame.locator("path.zb-border").count() == 1, label
                assert frame.locator("path.zb-kurdistan-region").count() == 1, label
        screenshot(page, f"page_{label.lower().replace(' & ', '_').replace(' ', '_')}")
    base = page.url.split("?")[0].rstrip("/")
    base = base.rsplit("/", 1)[0] if base.count("/") > 2 else base
    for path, (maps, main_layers) in PRESENTER_PAGES.items():
        page.goto(f"{base}/{path}?basemap=offline", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stMainBlockContainer"]')
        _settle(page, maps, path)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        for handle in page.query_selector_all(MAP_IFRAME):
            frame = handle.content_frame()
            assert frame is not None
            waits.wait_js(
                frame,
                "() => window.L && document.querySelectorAll('path.zb-basemap-land').length > 0",
                f"the {path} page's map to draw",
            )
            if main_layers:
                assert frame.locator("path.zb-border").count() == 1, path
        screenshot(page, f"page_{path}")
    assert offline_page.blocked_urls == []
    assert [u for u in offline_page.failed_local if STREAMLIT_PROBE not in u] == []
    assert offline_page.page_errors == []
    errors = [e for e in offline_page.console_errors if STREAMLIT_PROBE not in e and "404" not in e]
    assert errors == []
