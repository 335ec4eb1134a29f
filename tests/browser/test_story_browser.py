"""From the map to the article and back, in a real browser with only the app reachable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import maps

if TYPE_CHECKING:
    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

EVENT = "joint-security-agreement"


def test_map_popup_leads_to_the_passage_and_the_passage_back_to_the_map(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
    catalog,
) -> None:
    page = offline_page.page
    base = app_server("app.py")
    page.goto(f"{base}/?focus=event:{EVENT}", wait_until="domcontentloaded")
    frame = maps.map_frame(page)
    popup = maps.popup(frame, what="the focused event's popup")  # it opens by itself
    event = catalog.curated.events.set_index("event_id").loc[EVENT]
    assert event["title"] in popup.inner_text()
    # The popup's first passage is the event's first annotation in the article.
    first = catalog.annotations_for("event", EVENT)[0]
    assert first.quote in popup.inner_text()
    screenshot(page, "map_focused_on_event")

    # The passage opens in a new tab: the map's frame may not navigate the page.
    with page.context.expect_page() as opened:
        popup.get_by_text("read in the article").first.click()
    page = opened.value
    page.on("pageerror", lambda exc: offline_page.page_errors.append(str(exc)))
    page.wait_for_selector("mark.zb-selected")
    selected = page.locator("mark.zb-selected")
    assert selected.count() == 1
    assert selected.inner_text() == first.quote
    assert selected.get_attribute("id") == first.annotation.annotation_id
    assert page.locator("mark.zb-ann").count() == len(catalog.annotations)
    page.wait_for_timeout(600)
    screenshot(page, "article_at_passage")

    with page.expect_navigation():
        page.locator("mark#claim-designated-camps-1 + a.zb-maplink").click()
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, "path.zb-border")
    assert "focus=claim" in page.evaluate("() => location.search")
    assert offline_page.page_errors == []


def test_a_deep_link_to_a_page_works_on_a_fresh_server(
    app_server: Callable[..., str], offline_page: OfflinePage, catalog
) -> None:
    # A server of its own, so this link is the very first request it serves.
    base = app_server("app.py", "--server.maxUploadSize", "199")
    page = offline_page.page
    page.goto(base + "/article?ann=group-pjak-1", wait_until="domcontentloaded")
    page.wait_for_selector("mark.zb-selected")
    pjak = next(a for a in catalog.annotations if a.annotation.annotation_id == "group-pjak-1")
    assert page.locator("mark.zb-selected").inner_text() == pjak.quote
    # The router ran: the shared sidebar filters are there.
    # Widgets arrive a moment after the text (Streamlit loads their code on demand).
    page.locator('[data-testid="stSidebar"]').get_by_text("Minimum confidence").wait_for()
    page.screenshot(path="artifacts/screenshots/deep_link_fresh_server.png")
    assert offline_page.page_errors == []
