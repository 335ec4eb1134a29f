"""Two app processes on one PostgreSQL store: a change made elsewhere is drawn without a reload.

A throwaway PostgreSQL 15 + PostGIS cluster (``tests/store/pg_cluster.py``) holds the
store; two ``streamlit run app.py`` processes point at it. The first page opened
creates and seeds it. With the map open in both, a change made through the Store API
(as another process, a command or a colleague's session would make it) must be drawn
by both pages within ``PROPAGATION_S`` seconds, with no reload and no click. Skipped
when the PostgreSQL binaries are missing, except under ``CI`` (a failure there).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

from lib.store import Store
from tests.browser import waits
from tests.store.pg_cluster import Cluster, find_bin

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

SITE = "pjak-qandil"
#: The issue's promise: a change shows on every open page within 5 s (times the
#: browser tests' load factor, ``ZB_BROWSER_TIMEOUT_SCALE``: 1 locally, 2 under CI).
PROPAGATION_S = 5.0 * float(
    os.environ.get("ZB_BROWSER_TIMEOUT_SCALE", "2" if waits.in_ci() else "1")
)

#: Sites drawn in the map frame, counted from the page (the frame is same-origin).
_SITES_JS = """() => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const d = f && f.contentDocument;
  if (!d || !d.querySelector('path.zb-border')) return null;
  return {all: d.querySelectorAll('.zb-site').length,
          site: d.querySelectorAll('.zb-site-' + %r).length};
}"""


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """An empty database on a throwaway cluster (the app seeds it on first start)."""
    bin_dir = find_bin()
    if bin_dir is None:
        message = (
            "PostgreSQL server binaries not found "
            "(apt-get install postgresql-15 postgresql-15-postgis-3)"
        )
        if waits.in_ci():
            pytest.fail(message)
        pytest.skip(message)
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
        yield cluster.create_database("zb_browser")
    finally:
        cluster.stop()


def sites(page: Page) -> dict[str, int] | None:
    return page.evaluate(_SITES_JS % SITE)


def wait_sites(page: Page, want: dict[str, int], what: str) -> None:
    predicate = f"() => {{ const s = ({_SITES_JS % SITE})(); return s && s.all === {want['all']}"
    predicate += f" && s.site === {want['site']}; }}"
    waits.wait_js(page, predicate, what)


def open_map(page: Page, base: str) -> dict[str, int]:
    page.goto(base + "/", wait_until="domcontentloaded")
    # Looked up from the page each time: a new revision draws the map in a new frame.
    waits.wait_js(page, f"() => ({_SITES_JS % SITE})() !== null", "the map's sites")
    waits.wait_for_app(page)
    page.evaluate("() => { window.zbNotReloaded = true; }")
    found = sites(page)
    assert found is not None
    return found


def footer(page: Page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def test_a_change_in_the_store_is_drawn_by_every_app_process_without_reload(
    pg_url: str, app_server: Callable[..., str], offline_page: OfflinePage
) -> None:
    env = {"ZAGROS_BRIEF_DB": pg_url}
    base_a = app_server("app.py", env={**env, "ZB_TEST_INSTANCE": "a"})
    base_b = app_server("app.py", env={**env, "ZB_TEST_INSTANCE": "b"})
    page_a = offline_page.page
    page_b = page_a.context.new_page()

    before = open_map(page_a, base_a)  # the first start: process A seeds the store
    assert open_map(page_b, base_b) == before
    assert before["site"] == 1
    store = Store(pg_url)
    try:
        revision = store.latest_revision()
        assert revision > 100 and store.history("site", SITE)[0].who == "zagros-brief"
        for page in (page_a, page_b):
            assert f"Store: PostgreSQL · zb_browser on local socket · revision {revision}" in (
                footer(page)
            )
            assert "password" not in footer(page).lower()

        # Retire a site through the Store API: both open pages drop it by themselves.
        start = time.monotonic()
        store.retire("site", SITE, who="alice", why="browser test: the camp was vacated")
        gone = {"all": before["all"] - 1, "site": 0}
        wait_sites(page_b, gone, "process B to drop the retired site")
        elapsed_b = time.monotonic() - start
        wait_sites(page_a, gone, "process A to drop the retired site")
        elapsed_a = time.monotonic() - start

        # And bring it back: drawn again, still without a reload.
        start = time.monotonic()
        store.restore("site", SITE, who="alice", why="browser test: it was not vacated")
        wait_sites(page_b, before, "process B to draw the restored site")
        elapsed_back = time.monotonic() - start
        wait_sites(page_a, before, "process A to draw the restored site")
        latest = store.latest_revision()
    finally:
        store.close()

    print(
        f"\nchange drawn after: B {elapsed_b:.1f} s, A {elapsed_a:.1f} s; "
        f"restore drawn by B after {elapsed_back:.1f} s (budget {PROPAGATION_S:.0f} s)"
    )
    for page in (page_a, page_b):
        assert page.evaluate("() => window.zbNotReloaded === true"), "the page was reloaded"
        waits.wait_for_app(page)
        assert f"revision {latest}" in footer(page)
    assert max(elapsed_a, elapsed_b, elapsed_back) <= PROPAGATION_S
    assert offline_page.page_errors == []
