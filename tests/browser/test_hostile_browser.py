"""Hostile text in the data, loaded in a real browser: nothing runs, everything reads as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import maps, waits
from tests.hostile_data import HOSTILE_SITE, HOSTILE_SITE_NAME, make_hostile_geodata

if TYPE_CHECKING:
    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

PAGES = ("/", "/article", "/timeline", "/border", "/sources")


def test_payloads_in_the_data_never_run(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    geodata = make_hostile_geodata(tmp_path_factory.mktemp("hostile") / "geodata")
    base = app_server("app.py", env={"ZAGROS_GEODATA_DIR": str(geodata), "ZAGROS_BRIEF_DB": ""})
    page = offline_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(base + "/", wait_until="domcontentloaded")
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, "path.zb-border")
    # The payload shows as the text it is.
    assert HOSTILE_SITE_NAME in maps.popup_text(frame, f".zb-site-{HOSTILE_SITE}")
    assert (
        frame.locator(".leaflet-popup-content img, .leaflet-popup-content svg[onload]").count() == 0
    )
    screenshot(page, "hostile_map_popup")

    for path in PAGES[1:]:
        page.goto(base + path, wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stSidebar"]')  # the run has started
        waits.wait_for_app(page, f"{path}'s run to finish")
        assert page.locator('[data-testid="stException"]').count() == 0, path
        assert page.locator("text=Traceback").count() == 0, path
    page.goto(base + "/article", wait_until="domcontentloaded")
    page.wait_for_selector("mark#event-hostile-1")
    assert page.locator("mark#event-hostile-1").inner_text() == "<img src=x onerror=alert('xss2')>"
    assert page.locator("a[href^='javascript:']").count() == 0
    screenshot(page, "hostile_article")

    assert dialogs == []
    assert offline_page.page_errors == []
