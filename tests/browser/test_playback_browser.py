"""Time playback in a real browser: on the map page, and from a file opened from disk, offline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lib.maps.main_map import draw_main_map
from lib.maps.playback import add_playback
from lib.model.playback import make_playback
from lib.model.select import select
from lib.story.export_map import map_document
from tests.browser import maps, waits

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser


def _shown(frame: Frame | Page) -> dict[str, object]:
    """The date shown, the event symbols drawn (full and faded) and the site symbols drawn."""
    return frame.evaluate(
        """() => {
          const ev = [...document.querySelectorAll('.zb-event')];
          const faded = ev.filter(e => parseFloat(e.style.opacity || '1') < 0.9);  // as set, not mid-fade
          return {date: document.querySelector('.zb-playback-date').textContent,
                  counts: document.querySelector('.zb-playback-counts').textContent,
                  full: ev.length - faded.length, faded: faded.length,
                  sites: document.querySelectorAll('.zb-site').length};
        }"""
    )


def _expected(playback, k: int) -> dict[str, object]:
    at = list(playback.events.values())
    return {
        "date": playback.frames[k].label,
        "full": sum(v == k for v in at),
        "faded": sum(v < k for v in at),
        "sites": sum(a <= k <= b for a, b in playback.sites.values()),
    }


def _check_frames(frame: Frame | Page, playback, steps: list[tuple[str, int]]) -> None:
    for button, k in steps:
        if button:
            frame.locator(f".zb-playback [data-act={button}]").click()
        seen = _shown(frame)
        want = _expected(playback, k)
        assert {key: seen[key] for key in want} == want, (button, k, seen)
        assert f"{want['full']} events this" in str(seen["counts"])


def test_the_exported_map_plays_offline_from_disk(
    catalog, all_filters, offline_page: OfflinePage, tmp_path: Path
) -> None:
    selection = select(catalog, all_filters)
    playback = make_playback(selection.events_on_map, selection.sites, all_filters, "month")
    fmap, _ = draw_main_map(catalog, selection, tiles=False, basemap="offline")
    path = tmp_path / "playback.html"
    path.write_text(map_document(add_playback(fmap, playback)), "utf-8")

    page = offline_page.page
    page.goto(path.as_uri(), wait_until="load")
    maps.wait_drawn(page, ".zb-playback-date")  # type: ignore[arg-type]
    last = len(playback.frames) - 1
    # The month of the first deadline story: find the first month with 2+ events.
    busy = next(k for k in range(len(playback.frames)) if _expected(playback, k)["full"] >= 2)
    _check_frames(page, playback, [("", 0), ("next", 1), ("last", last), ("prev", last - 1)])
    # Scrub: the slider moves to any month.
    page.locator(".zb-playback input[type=range]").fill(str(busy))
    _check_frames(page, playback, [("", busy)])
    # Play runs on by itself and stops at the end; pause keeps the month.
    page.locator(".zb-playback [data-act=first]").click()
    page.locator(".zb-playback [data-act=play]").click()
    waits.wait_js(
        page,
        "() => document.querySelector('.zb-playback').getAttribute('data-frame') >= '2'",
        "the playback to reach its third month",
    )
    page.locator(".zb-playback [data-act=play]").click()  # pause
    held = int(page.locator(".zb-playback").get_attribute("data-frame") or "-1")
    page.wait_for_timeout(1500)
    assert int(page.locator(".zb-playback").get_attribute("data-frame") or "-1") == held
    assert offline_page.blocked_urls == [] and offline_page.page_errors == []


def test_the_map_page_plays_by_week_from_its_address(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    catalog,
    all_filters,
    screenshot: Callable[..., Path],
) -> None:
    page = offline_page.page
    page.goto(app_server("app.py") + "?play=week&lat=36.0&lon=45.0&z=7")
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, ".zb-playback-date")
    selection = select(catalog, all_filters)
    playback = make_playback(selection.events_on_map, selection.sites, all_filters, "week")
    assert playback.frames[0].label.startswith("Week of ")
    _check_frames(frame, playback, [("", 0), ("next", 1), ("last", len(playback.frames) - 1)])
    # The choice is drawn as chosen, and the address keeps it.
    assert "play=week" in page.url
    screenshot(page, "map_playback_week")
    assert offline_page.page_errors == []


def test_the_exported_briefing_has_then_and_now_side_by_side_and_a_playback_step(
    catalog, offline_page: OfflinePage, tmp_path: Path
) -> None:
    from lib.data.paths import GEODATA_DIR
    from lib.story import briefing as bf
    from lib.story.export_html import export_html
    from lib.story.export_map import moment_titles

    briefings, _ = bf.load_briefings(GEODATA_DIR / "briefings", bf.vocabulary(catalog))
    briefing = briefings["border-security-2025"]
    kinds = [s.kind for s in briefing.steps]
    path = tmp_path / "briefing.html"
    path.write_text(export_html(catalog, briefing, bf.briefing_facts(catalog)), "utf-8")
    page = offline_page.page
    page.goto(path.as_uri(), wait_until="load")

    step = briefing.steps[kinds.index("then_now")]
    frame = maps.map_frame(page, kinds.index("then_now"), selector="section.step iframe.map")
    maps.wait_drawn(frame, ".zb-moment", 2)
    labels = frame.locator(".zb-moment").all_inner_texts()
    for (title, day), label in zip(moment_titles(step), labels, strict=True):
        assert title in label and day in label
    # Two maps in one page, locked together: moving one moves the other.
    moved = frame.evaluate(
        """() => {
          const all = Object.values(window).filter(v => v instanceof L.Map);
          all[0].setView([36.2, 44.9], 9, {animate: false});
          return all.map(m => [m.getCenter().lat.toFixed(3), m.getCenter().lng.toFixed(3),
                               m.getZoom()]);
        }"""
    )
    assert len(moved) == 2 and moved[0] == moved[1] == ["36.200", "44.900", 9], moved
    # Each side draws the sites in use on its own day: the two differ.
    sides = frame.evaluate(
        """() => Object.values(window).filter(v => v instanceof L.Map).map(m => {
             const ids = []; m.eachLayer(l => { const c = l.options && l.options.icon
               && l.options.icon.options.className || ''; const r = /zb-site-(\\S+)/.exec(c);
               if (r) ids.push(r[1]); });
             return ids.sort().join(','); })"""
    )
    assert len(sides) == 2 and sides[0] != sides[1], sides

    play = maps.map_frame(page, kinds.index("playback"), selector="section.step iframe.map")
    maps.wait_drawn(play, ".zb-playback-date")
    play.locator(".zb-playback [data-act=next]").click()
    assert play.locator(".zb-playback").get_attribute("data-frame") == "1"
    assert offline_page.blocked_urls == [] or all(
        "basemaps" in u or "openstreetmap" in u for u in offline_page.blocked_urls
    )
    assert offline_page.page_errors == []
