"""Waits for the browser tests that hold up on a busy machine and say what they saw.

A fixed 30 s wait fails on a 2-core machine running other work while the app is
still making progress. These waits are keyed on progress instead — the app
answers its health check, its script run has finished, the map frame is there
and has drawn — under one generous deadline:

- ``ZB_BROWSER_TIMEOUT``: seconds any single wait may take (default 180);
- ``ZB_BROWSER_TIMEOUT_SCALE``: a factor on it (default 1, or 2 under ``CI``).

A wait that runs out fails with what the page showed (address, run state,
dialogs, exceptions and the start of its text), so a real failure is not
mistaken for slowness, nor hidden by it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

#: A map drawn by ``st_folium`` (finding and reading maps: ``tests/browser/maps.py``).
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: The text of the dialog Streamlit shows for an address no page is served at.
PAGE_NOT_FOUND = "Page not found"


def in_ci() -> bool:
    """Whether the tests run under CI (``CI`` set to a true value)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def timeout_s() -> float:
    """The deadline of one wait, in seconds (see the module's notes)."""
    base = float(os.environ.get("ZB_BROWSER_TIMEOUT", "180"))
    scale = float(os.environ.get("ZB_BROWSER_TIMEOUT_SCALE", "2" if in_ci() else "1"))
    return base * scale


def timeout_ms() -> float:
    """:func:`timeout_s` in milliseconds, as Playwright takes it."""
    return timeout_s() * 1000


_SNAPSHOT_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const texts = sel => [...document.querySelectorAll(sel)].map(e => e.innerText.trim()).filter(Boolean);
  return {
    url: location.href,
    script: app ? app.getAttribute('data-test-script-state') : null,
    connection: app ? app.getAttribute('data-test-connection-state') : null,
    dialogs: texts('[role="dialog"]'),
    exceptions: texts('[data-testid="stException"]'),
    frames: document.querySelectorAll('iframe').length,
    text: (document.body ? document.body.innerText : '').slice(0, 800),
  };
}"""


def snapshot(page: Page) -> str:
    """What the page shows now, for a failure message."""
    try:
        seen = page.evaluate(_SNAPSHOT_JS)
    except Exception as exc:  # the page may be gone or navigating
        return f"(page not readable: {exc})"
    return "\n".join(f"  {key}: {value!r}" for key, value in seen.items())


def wait_js(page: Page | Frame, predicate: str, what: str, arg: object = None) -> None:
    """Wait for a JavaScript predicate; on timeout fail with what the page showed.

    Parameters
    ----------
    page : Page or Frame
        Where the predicate runs.
    predicate : str
        A JavaScript function (of ``arg``) returning a truthy value when done.
    what : str
        What is awaited, for the failure message.
    arg : object, optional
        Passed to the predicate.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(predicate, arg=arg, timeout=timeout_ms())
    except PlaywrightTimeout:
        top = page if hasattr(page, "context") else page.page
        raise AssertionError(
            f"gave up after {timeout_s():.0f} s waiting for {what}; the page showed:\n"
            f"{snapshot(top)}"
        ) from None


#: The script run is over, the app is connected and nothing is greyed out as stale.
APP_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSpinner"]');
}"""


def wait_for_app(page: Page, what: str = "the app's run to finish") -> None:
    """Wait until the app has connected and its script run has finished."""
    wait_js(page, APP_IDLE_JS, what)


def assert_no_page_not_found(page: Page, where: str) -> None:
    """Fail if Streamlit's “Page not found” dialog is showing."""
    text = page.evaluate("() => document.body.innerText")
    assert PAGE_NOT_FOUND not in text, f"{where}: “{PAGE_NOT_FOUND}” shown\n{snapshot(page)}"
