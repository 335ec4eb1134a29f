"""The one way the browser tests find a map's frame, wait for what it draws, and read a popup.

Every map the app shows is a Leaflet map in an iframe (``st_folium``'s component);
the exported briefing holds its maps in ``iframe.map``. The helpers wait on progress
under the shared deadline of :mod:`tests.browser.waits` (``ZB_BROWSER_TIMEOUT``), and a
wait that runs out fails with what the page showed.

Typical use::

    frame = map_frame(page)  # the first map, Leaflet loaded
    wait_drawn(frame, "path.zb-border")  # ...and its border drawn
    text = popup_text(frame, ".zb-site-pjak-qandil")  # click a symbol, read its popup
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from tests.browser import waits

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Locator, Page

#: A map drawn by ``st_folium`` in the app.
MAP_IFRAME = waits.MAP_IFRAME
#: A map in the exported briefing file.
EXPORT_IFRAME = "iframe.map"
#: The presenter's deck (``lib.ui.deck``): its one map is the frame named ``zb-deck-map``.
DECK_IFRAME = 'iframe[title="lib.ui.deck.zb_deck"]'
DECK_MAP_NAME = "zb-deck-map"
#: Anything Leaflet draws as a vector: borders, areas, circle markers.
VECTOR_PATH = ".leaflet-overlay-pane path"
POPUP = ".leaflet-popup-content"

# Leaflet is loaded and has made its panes; st_folium's maps also name their map ``map_div``.
_LEAFLET_READY_JS = "() => window.L && document.querySelector('.leaflet-pane')"
_ST_FOLIUM_READY_JS = "() => window.L && window.map_div && document.querySelector('.leaflet-pane')"
_COUNT_JS = "([sel, n]) => document.querySelectorAll(sel).length >= n"
_POPUP_JS = (
    "sel => { const p = document.querySelector(sel); return p && p.innerText.trim().length > 0; }"
)


def map_count(page: Page, selector: str = MAP_IFRAME) -> int:
    """How many map frames the page shows now (no wait)."""
    return page.locator(selector).count()


def map_frame(
    page: Page, index: int = 0, *, what: str = "the map", selector: str = MAP_IFRAME
) -> Frame:
    """The ``index``-th map frame of the page, once Leaflet has loaded in it.

    Parameters
    ----------
    page : Page
        The page holding the map(s).
    index : int
        Which map, in document order.
    what : str
        What the map is, for a failure message.
    selector : str
        The frames' CSS selector: :data:`MAP_IFRAME` (the app) or
        :data:`EXPORT_IFRAME` (the exported file), optionally scoped
        (``"section#step-2 iframe.map"``).

    Returns
    -------
    Frame
        The map's document.
    """
    from playwright.sync_api import Error as PlaywrightError  # only when a browser runs

    ready = _ST_FOLIUM_READY_JS if selector == MAP_IFRAME else _LEAFLET_READY_JS
    deadline = time.monotonic() + waits.timeout_s()
    seen = "no frame"
    # Streamlit may replace the frame while the app settles (a rerun remounts it), so the
    # frame is looked up afresh on every try rather than held from the first one.
    while True:
        frame = _frame_at(page, selector, index)
        if frame is None:
            seen = f"fewer than {index + 1} frames"
        else:
            try:
                if frame.evaluate(ready):
                    return frame
                seen = "a frame without Leaflet yet"
            except PlaywrightError as exc:  # detached or navigating: try again
                seen = f"a frame that went away ({exc.message.splitlines()[0]})"
        if time.monotonic() > deadline:
            raise AssertionError(
                f"gave up after {waits.timeout_s():.0f} s waiting for {what} to load Leaflet "
                f"(last seen: {seen}); the page showed:\n{waits.snapshot(page)}"
            )
        page.wait_for_timeout(250)


def deck_map_frame(page: Page, *, what: str = "the deck's map") -> Frame:
    """The presenter deck's one map (a frame inside the deck's frame), once Leaflet is in it."""
    from playwright.sync_api import Error as PlaywrightError  # only when a browser runs

    deadline = time.monotonic() + waits.timeout_s()
    while True:
        frame = page.frame(name=DECK_MAP_NAME)
        try:
            if frame is not None and frame.evaluate(_LEAFLET_READY_JS + " && window.zbDeck"):
                return frame
        except PlaywrightError:  # the deck is being built: try again
            pass
        if time.monotonic() > deadline:
            raise AssertionError(
                f"gave up after {waits.timeout_s():.0f} s waiting for {what}; the page showed:\n"
                f"{waits.snapshot(page)}"
            )
        page.wait_for_timeout(250)


def _frame_at(page: Page, selector: str, index: int) -> Frame | None:
    """The document of the ``index``-th frame matching ``selector`` now, if there is one."""
    from playwright.sync_api import Error as PlaywrightError

    frames = page.locator(selector)
    try:
        if frames.count() <= index:
            return None
        handle = frames.nth(index).element_handle(timeout=1_000)
        frame = handle.content_frame()
    except PlaywrightError:
        return None
    return None if frame is None or frame.is_detached() else frame


def map_frames(page: Page, count: int, *, what: str = "the page") -> list[Frame]:
    """Every app map of the page, once there are exactly ``count`` and Leaflet is in each.

    Parameters
    ----------
    page : Page
        A page whose run has finished (:func:`tests.browser.waits.wait_for_app`).
    count : int
        How many maps the page must show (0 is allowed).
    what : str
        The page, for a failure message.

    Returns
    -------
    list of Frame
        The maps' documents, in document order.
    """
    frames = [map_frame(page, i, what=f"{what}'s map {i + 1}") for i in range(count)]
    shown = map_count(page)
    assert shown == count, f"{what}: {shown} maps, expected {count}\n{waits.snapshot(page)}"
    return frames


def wait_drawn(
    frame: Frame, selector: str = VECTOR_PATH, min_count: int = 1, *, what: str = ""
) -> int:
    """Wait until the map has drawn at least ``min_count`` elements matching ``selector``.

    Parameters
    ----------
    frame : Frame
        A map's document (from :func:`map_frame`).
    selector : str
        What must be drawn: ``"path.zb-border"``, ``".zb-site"``, any vector path...
    min_count : int
        How many at least.
    what : str, optional
        What is awaited, for a failure message (default: the selector).

    Returns
    -------
    int
        How many there are once the wait is over.
    """
    label = what or f"{min_count}+ of {selector!r} on the map"
    waits.wait_js(frame, _COUNT_JS, label, [selector, min_count])
    return frame.locator(selector).count()


def popup(frame: Frame, click: str | None = None, *, what: str = "the popup") -> Locator:
    """The map's open popup, once it has text; optionally click a feature to open it first.

    Parameters
    ----------
    frame : Frame
        A map's document.
    click : str, optional
        CSS selector of the feature to click (e.g. ``".zb-site-pjak-qandil"``); None
        when the popup opens by itself (a focused feature).
    what : str
        For a failure message.

    Returns
    -------
    Locator
        The popup's content (to read, or to click a link in).
    """
    if click is not None:
        wait_drawn(frame, click, what=f"{click!r} to click")
        frame.locator(click).first.dispatch_event("click")
    waits.wait_js(frame, _POPUP_JS, what, POPUP)
    return frame.locator(POPUP)


def popup_text(frame: Frame, click: str | None = None, *, what: str = "the popup") -> str:
    """The text of the map's popup (see :func:`popup`)."""
    return popup(frame, click, what=what).inner_text()
