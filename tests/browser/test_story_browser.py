"""From the map to the article and back, in a real browser with only the app reachable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def test_map_popup_leads_to_the_passage_and_the_passage_back_to_the_map(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
    catalog,
) -> None:
    page = offline_page.page
    base = app_server("app.py")
    page.goto(base + "/?focus=event:joint-security-agreement", wait_until="domcontentloaded")
    frame = page.wait_for_selector(MAP_IFRAME).content_frame()
    assert frame is not None
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()  # the focused event opens by itself
    assert "Joint Security Agreement on Border Security" in popup.inner_text()
    screenshot(page, "map_focused_on_event")

    # The passage opens in a new tab: the map's frame may not navigate the page.
    with page.context.expect_page() as opened:
        popup.get_by_text("read in the article").first.click()
    page = opened.value
    page.on("pageerror", lambda exc: offline_page.page_errors.append(str(exc)))
    page.wait_for_selector("mark.zb-selected")
    selected = page.locator("mark.zb-selected")
    assert selected.count() == 1
    assert selected.inner_text() in (
        "an earlier agreement aimed at controlling borders",
        "Joint Security Agreement on Border Security",
    )
    assert page.locator("mark.zb-ann").count() == len(catalog.annotations)
    page.wait_for_timeout(600)
    screenshot(page, "article_at_passage")

    with page.expect_navigation():
        page.locator("mark#claim-designated-camps-1 + a.zb-maplink").click()
    frame = page.wait_for_selector(MAP_IFRAME).content_frame()
    assert frame is not None
    frame.wait_for_function("() => window.map_div && document.querySelector('path.zb-border')")
    assert "focus=claim" in page.evaluate("() => location.search")
    assert offline_page.page_errors == []


def test_a_deep_link_to_a_page_works_on_a_fresh_server(
    app_server: Callable[..., str], offline_page: OfflinePage
) -> None:
    # A server of its own, so this link is the very first request it serves.
    base = app_server("app.py", "--server.maxUploadSize", "199")
    page = offline_page.page
    page.goto(base + "/article?ann=group-pjak-1", wait_until="domcontentloaded")
    page.wait_for_selector("mark.zb-selected")
    assert page.locator("mark.zb-selected").inner_text() == "PJAK"
    # The router ran: the shared sidebar filters are there.
    # Widgets arrive a moment after the text (Streamlit loads their code on demand).
    page.locator('[data-testid="stSidebar"]').get_by_text("Minimum confidence").wait_for()
    page.screenshot(path="artifacts/screenshots/deep_link_fresh_server.png")
    assert offline_page.page_errors == []
