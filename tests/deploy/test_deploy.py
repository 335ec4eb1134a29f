"""Two app replicas behind nginx on one PostgreSQL: sticky sessions, live changes, failover, load.

Real components only: a throwaway PostgreSQL 15 + PostGIS cluster, two
``streamlit run app.py`` processes, Debian's nginx rendered from
``deploy/nginx/`` (``tests/deploy/conftest.py``), Debian's Chromium. The tests run
in file order; the last one stops a replica.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from lib.data.paths import PROJECT_ROOT, STATIC_DIR
from lib.store import Store
from lib.tools.deploy_local import COOKIE_NAME
from tests.browser import waits
from tests.browser.test_store_browser import PROPAGATION_S, SITE, open_map, wait_sites
from tests.deploy.conftest import Deployed, upstream_for

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

#: The load run in the suite: the issue's 20 concurrent sessions through nginx on two
#: replicas, started over LOAD_RAMP_S seconds, each given until LOAD_TIMEOUT_S after
#: the run's start to draw its map. On a quiet 2-core machine that also runs the 20
#: browsers they all drew in about 90 s (the browsers used ~90 % of the CPU).
LOAD_SESSIONS = 20
LOAD_RAMP_S = 10
LOAD_TIMEOUT_S = 240.0 * float(
    os.environ.get("ZB_BROWSER_TIMEOUT_SCALE", "2" if waits.in_ci() else "1")
)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Up to three fresh browser contexts (own cookies each), closed afterwards."""
    made = [browser.new_context(viewport={"width": 1280, "height": 800}) for _ in range(3)]
    for context in made:
        context.set_default_timeout(waits.timeout_ms())
    try:
        yield made
    finally:
        for context in made:
            context.close()


def pinned_page(context: BrowserContext, deployed: Deployed, replica: str) -> Page:
    """A page whose context carries the sticky cookie nginx routes to ``replica``."""
    context.add_cookies(
        [{"name": COOKIE_NAME, "value": deployed.pins[replica], "url": deployed.url}]
    )
    return context.new_page()


def open_through_nginx(page: Page, deployed: Deployed) -> tuple[str, dict[str, int]]:
    """Open the map through nginx; return the replica that served the page and its sites."""
    with page.expect_response(lambda r: r.url.rstrip("/") == deployed.url) as answer:
        found = open_map(page, deployed.url)
    # After a failed try, $upstream_addr lists each replica tried: the last one answered.
    return answer.value.headers.get("x-upstream", "").split(", ")[-1], found


def _logged_websockets(deployed: Deployed) -> set[str]:
    """Replicas nginx's access log shows a WebSocket upgrade (101) of ``/_stcore/stream`` to."""
    log = deployed.site.runtime_dir / "access.log"  # type: ignore[operator]
    deadline = time.monotonic() + waits.timeout_s()
    while True:
        found = set(
            re.findall(r'"GET /_stcore/stream HTTP/1.1" 101 .*upstream=(\S+)', log.read_text())
        )
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_websocket_and_static_assets_go_through_nginx(
    deployment: Deployed, contexts: list[BrowserContext]
) -> None:
    replica = deployment.replica(0)
    page = pinned_page(contexts[0], deployment, replica)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    served_by, _ = open_through_nginx(page, deployment)
    # The page reached Streamlit's CONNECTED state over a WebSocket opened on nginx.
    waits.wait_for_app(page)
    assert served_by == replica
    port = deployment.site.port
    assert sockets and all(u.startswith(f"ws://127.0.0.1:{port}/_stcore/stream") for u in sockets)
    # nginx logs the WebSocket when it closes: close the page, then read its log.
    page.close()
    assert replica in _logged_websockets(deployment), "no WebSocket proxied to the replica"

    # The map's scripts come from nginx (files on disk), not from a replica.
    rel = "vendor/leaflet/leaflet.js"
    with urllib.request.urlopen(f"{deployment.url}/app/static/{rel}", timeout=30) as response:
        body, headers = response.read(), response.headers
    assert body == (STATIC_DIR / rel).read_bytes()
    assert headers["X-Served-By"] == "nginx" and headers.get("X-Upstream") is None
    assert headers["Server"] == "nginx" and "javascript" in headers["Content-Type"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    with urllib.request.urlopen(f"{deployment.url}/healthz", timeout=30) as response:
        assert response.status == 200 and response.read() == b"ok"


def test_an_edit_on_one_replica_is_drawn_by_a_session_on_the_other(
    deployment: Deployed, contexts: list[BrowserContext]
) -> None:
    first, second = deployment.replica(0), deployment.replica(1)
    page_a = pinned_page(contexts[0], deployment, first)
    page_b = pinned_page(contexts[1], deployment, second)
    served_a, before = open_through_nginx(page_a, deployment)
    served_b, seen_b = open_through_nginx(page_b, deployment)
    assert (served_a, served_b) == (first, second), "sticky cookie did not pin the sessions"
    assert seen_b == before and before["site"] == 1

    store = Store(deployment.db_url)
    try:
        start = time.monotonic()
        store.retire("site", SITE, who="alice", why="deploy test: the camp was vacated")
        gone = {"all": before["all"] - 1, "site": 0}
        wait_sites(page_b, gone, f"the session on {second} to drop the retired site")
        elapsed_b = time.monotonic() - start
        wait_sites(page_a, gone, f"the session on {first} to drop the retired site")
        elapsed_a = time.monotonic() - start
    finally:
        store.close()
    print(f"\nthrough nginx, change drawn after {elapsed_a:.1f} s / {elapsed_b:.1f} s")
    assert max(elapsed_a, elapsed_b) <= PROPAGATION_S
    # Still the same sessions on the same replicas: nothing was reloaded.
    for page in (page_a, page_b):
        assert page.evaluate("() => window.zbNotReloaded === true")


def test_a_load_run_through_nginx_has_no_error_and_loses_no_write(
    deployment: Deployed,
) -> None:
    cpu_before = [app.cpu_seconds() for app in deployment.site.apps]
    run = subprocess.Popen(
        [sys.executable, "-m", "lib.tools.loadrun", "--json", "--url", deployment.url,
         "--sessions", str(LOAD_SESSIONS), "--timeout", str(int(LOAD_TIMEOUT_S)),
         "--ramp", str(LOAD_RAMP_S)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # Writes while the sessions open: every one must be in the store afterwards.
    store = Store(deployment.db_url)
    made = []
    try:
        for n in range(3):  # the site is retired (the test before): bring back, retire again
            made.append(store.restore("site", SITE, who="bob", why=f"load test write {n}"))
            made.append(store.retire("site", SITE, who="bob", why=f"load test undo {n}"))
        out, err = run.communicate(timeout=LOAD_TIMEOUT_S + 60)
        history = {r.revision: r.why for r in store.history("site", SITE)}
    finally:
        if run.poll() is None:
            run.kill()
        store.close()
    cpu = sum(a.cpu_seconds() - b for a, b in zip(deployment.site.apps, cpu_before, strict=True))
    report = json.loads(out) if out.strip() else {}
    print(f"\nload run: {report}\nreplicas' CPU during the run: {cpu:.1f} s")
    assert report, f"loadrun printed nothing; stderr:\n{err[-2000:]}"
    assert report["errors"] == [] and report["served"] == LOAD_SESSIONS, report
    assert set(report["per_upstream"]) == {a.address for a in deployment.site.apps}
    assert all(history.get(r.revision) == r.why for r in made), "a write was lost"
    assert run.returncode == 0


def test_stopping_a_replica_keeps_new_sessions_working_and_loses_no_change(
    deployment: Deployed, contexts: list[BrowserContext]
) -> None:
    stopped, survivor = deployment.replica(0), deployment.replica(1)
    store = Store(deployment.db_url)
    try:
        change = store.restore("site", SITE, who="carol", why="deploy test: before a stop")
        deployment.site.stop_replica(0)
        assert not deployment.site.apps[0].running()
        # A browser pinned to the stopped replica: nginx sends it to the other one.
        assert upstream_for(deployment.url, deployment.pins[stopped]) == survivor
        page = pinned_page(contexts[2], deployment, stopped)
        served, found = open_through_nginx(page, deployment)
        assert served == survivor
        assert found["site"] == 1, "the saved change is not drawn"
        # Nothing saved was lost: the revision and the change are still there.
        assert store.latest_revision() == change.revision
        last = store.history("site", SITE)[-1]
        assert (last.revision, last.who, last.action) == (change.revision, "carol", "restore")
        assert not store.get("site", SITE).retired
    finally:
        store.close()
    with urllib.request.urlopen(f"{deployment.url}/healthz", timeout=30) as response:
        assert response.status == 200
