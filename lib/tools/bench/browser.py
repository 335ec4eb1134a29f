"""Time to a drawn map in a real browser: the app's pages against a minimal Streamlit app.

Headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright) opens each
target with every request outside the app's own origin aborted (tiles included: the
maps draw on their plain background) and times navigation start → the first Leaflet
path or marker drawn in the map's frame (for the briefing, the deck's map inside the
deck's frame). The stamp is taken in the page by ``browser_probe.js`` (an init script
in every frame, the animation frame that first shows a feature), not by polling from
Python.

Targets (:data:`TARGETS`): the minimal app (``minimal_app.py.tmpl``: the same Streamlit,
streamlit-folium and local Leaflet files, one polyline), the map page, the border page
and the briefing page. Figures:

* **warm** — one server per app kept running; after one unmeasured visit per target,
  ``warm`` rounds each visit every target once, in turn (side by side: the load of the
  machine falls on all alike), each visit a new browser context (no cache, no
  cookies, a new Streamlit session); the median.
* **cold** — a fresh server process per sample, started and healthy, then the first
  navigation; ``cold`` samples per target, the median. The app's store is a SQLite
  file made and seeded once before (a restart, not a first install).
* **returning** (optional) — in each warm round, every target again as a returning
  visitor: one browser context per target kept from its warm-up, so the browser's cache
  holds Streamlit's code and the map's scripts; each visit a new page (a new Streamlit
  session). No budget: the budgets are a first visit's.
* **profile** — every warm visit's stages (:mod:`lib.tools.bench.browser_profile`).

The load part (:func:`measure_load`) reuses :func:`lib.tools.loadrun.run_load`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lib.data.paths import PROJECT_ROOT, STATIC_DIR
from lib.tools.bench.browser_profile import Breakdown, breakdown, decode_messages
from lib.tools.deploy_local import Process, free_port, streamlit_command, wait_healthy
from lib.tools.loadrun import CHROMIUM, CHROMIUM_ARGS, is_loopback_url

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

MINIMAL_TEMPLATE = Path(__file__).with_name("minimal_app.py.tmpl")
PROBE = Path(__file__).with_name("browser_probe.js")
DEFAULT_BRIEFING = "border-security-2025"
#: Give up on one navigation after this long (a broken page, not a slow one).
NAVIGATION_LIMIT_S = 120.0
VIEWPORT = {"width": 1280, "height": 800}

_COLLECT_JS = """() => {
  const b64 = data => {
    const bytes = new Uint8Array(data); let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(s);
  };
  const frames = (window.__zbFrames || []).map(f => {
    const {win, ...rest} = f;
    let resources = [], dcl = null, load = null;
    try {  // the frame's own timings; nothing when the frame is gone
      const t0 = win.performance.timeOrigin;
      resources = win.performance.getEntriesByType('resource').map(r => ({
        name: r.name.slice(-120), start: t0 + r.startTime, end: t0 + r.responseEnd,
        bytes: r.transferSize || r.encodedBodySize || 0}));
      const nav = win.performance.getEntriesByType('navigation')[0];
      if (nav) { dcl = t0 + nav.domContentLoadedEventEnd; load = t0 + nav.loadEventEnd; }
    } catch (e) { /* gone */ }
    return {...rest, resources, dcl, load};
  });
  const messages = (window.__zbMessages || [])
    .filter(([t, d]) => d instanceof ArrayBuffer).map(([t, d]) => [t, b64(d)]);
  return {origin: performance.timeOrigin, opened: (window.__zbSocket || {}).opened,
          drawn: window.__zbFirstDrawn, frames, messages};
}"""
_SCRIPT_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning';
}"""
_EXCEPTIONS_JS = """() => [...document.querySelectorAll('[data-testid="stException"]')]
  .map(e => e.innerText.trim().slice(0, 200))"""


@dataclass(frozen=True)
class Target:
    """One thing measured: a label, the server it runs on (``minimal``/``app``), its path.

    ``env`` overrides the server's environment (e.g. ``ZAGROS_BRIEF_DB`` naming another
    store): targets with the same server and ``env`` share a warm server.
    """

    label: str
    server: str
    path: str
    env: tuple[tuple[str, str], ...] = ()


TARGETS: tuple[Target, ...] = (
    Target("minimal", "minimal", "/"),
    Target("map", "app", "/"),
    Target("border", "app", "/border"),
    Target("briefing", "app", f"/briefing?b={DEFAULT_BRIEFING}&step=1"),
)
#: Reference rows (``--browser-floor``): the minimal app with one more kind of element
#: each — what a page pays, in a fresh browser, for the first element of a kind
#: (Streamlit loads each kind's code on demand). No budget.
FLOOR_TARGETS: tuple[Target, ...] = tuple(
    Target(f"minimal + {part}", "minimal", "/", (("ZB_MINIMAL_PARTS", part),))
    for part in ("sidebar", "table", "chart")
)


@dataclass
class Visit:
    """One navigation: seconds to the first drawn feature (None: never), its stages."""

    seconds: float | None
    profile: Breakdown | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class TargetRun:
    """Every visit of one target, warm and cold."""

    target: Target
    warm: list[Visit] = field(default_factory=list)
    cold: list[Visit] = field(default_factory=list)
    #: Warm visits by a returning visitor: one browser context kept, so its HTTP cache
    #: (Streamlit's code, the map scripts) is kept too; each visit a new page and session.
    returning: list[Visit] = field(default_factory=list)

    @staticmethod
    def _median(visits: list[Visit]) -> float | None:
        times = [v.seconds for v in visits if v.seconds is not None]
        return statistics.median(times) if times else None

    @property
    def warm_s(self) -> float | None:
        """Median warm time to a drawn map (s)."""
        return self._median(self.warm)

    @property
    def cold_s(self) -> float | None:
        """Median cold time to a drawn map (s)."""
        return self._median(self.cold)

    @property
    def returning_s(self) -> float | None:
        """Median warm time to a drawn map of a returning visitor (s)."""
        return self._median(self.returning)

    @property
    def errors(self) -> list[str]:
        """Every visit's errors."""
        return [e for v in [*self.warm, *self.cold, *self.returning] for e in v.errors]


class Servers:
    """The minimal app and the app, started as child processes on free ports.

    Parameters
    ----------
    runtime : pathlib.Path
        A folder for the minimal app's files, the store and the logs.
    """

    def __init__(self, runtime: Path) -> None:
        self.runtime = runtime
        stage = runtime / "minimal"
        stage.mkdir(parents=True, exist_ok=True)
        # Streamlit serves static/ from the main script's folder: link the project's.
        (stage / "static").symlink_to(STATIC_DIR, target_is_directory=True)
        self.minimal_script = stage / "minimal_app.py"
        shutil.copyfile(MINIMAL_TEMPLATE, self.minimal_script)
        self.db = f"sqlite:///{runtime / 'bench.sqlite'}"
        self._count = 0

    def env(self) -> dict[str, str]:
        """The servers' environment: the project importable, the bench store, no user config."""
        env = {k: v for k, v in os.environ.items() if k != "ZAGROS_BRIEF_DB"}
        env.update(PYTHONPATH=str(PROJECT_ROOT), PYTHONUNBUFFERED="1", ZAGROS_BRIEF_DB=self.db,
                   HOME=str(self.runtime))  # fmt: skip
        return env

    def seed_store(self) -> None:
        """Make and seed the store once, so a cold start is a restart, not an install."""
        subprocess.run(
            [sys.executable, "-m", "lib.store", "init"], cwd=PROJECT_ROOT, env=self.env(),
            check=True, capture_output=True,
        )  # fmt: skip

    def start(self, which: str, env: dict[str, str] | None = None) -> Process:
        """Start ``minimal`` or ``app`` and wait until it answers its health check.

        ``env`` overrides the servers' environment (e.g. another store's URL).
        """
        script = self.minimal_script if which == "minimal" else PROJECT_ROOT / "app.py"
        port = free_port()
        self._count += 1
        log = self.runtime / f"{which}-{self._count}.log"
        with log.open("wb") as out:
            # cwd: the project, so both read the same .streamlit/config.toml.
            proc = subprocess.Popen(
                streamlit_command(script, port), cwd=PROJECT_ROOT, env={**self.env(), **(env or {})},
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        process = Process(which, port, proc, log)
        try:
            wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", process, 180)
        except BaseException:
            process.stop()
            raise
        return process


def new_context(browser: Browser) -> BrowserContext:
    """A browser context as every visit has it: the probe in every frame, outside blocked."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route(
        "**/*",
        lambda r: (
            r.continue_()
            if is_loopback_url(r.request.url) or not r.request.url.startswith("http")
            else r.abort("blockedbyclient")
        ),
    )
    context.add_init_script(PROBE.read_text("utf-8"))
    return context


def visit(
    browser: Browser,
    url: str,
    limit_s: float = NAVIGATION_LIMIT_S,
    context: BrowserContext | None = None,
) -> Visit:
    """Open ``url`` in a new page and time navigation start → the first drawn feature.

    Parameters
    ----------
    browser : playwright.sync_api.Browser
        A running Chromium.
    url : str
        The page (loopback only; every other request is aborted).
    limit_s : float
        Give up after this long.
    context : playwright.sync_api.BrowserContext, optional
        A context from :func:`new_context` to open the page in (a returning visitor:
        its cache kept); default a new context of its own (no cache, no cookies).

    Returns
    -------
    Visit
        Seconds (None when nothing was drawn in time), the stages, errors (page
        errors, server errors, exceptions the app showed).
    """
    errors: list[str] = []
    own = context is None
    context = new_context(browser) if context is None else context
    page = None
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
        page.on(
            "response",
            lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 500 else None,
        )
        page.goto(url, wait_until="commit", timeout=limit_s * 1000)
        try:
            page.wait_for_function(
                "() => window.__zbFirstDrawn !== undefined", timeout=limit_s * 1000
            )
        except Exception as exc:  # a timeout: the visit counts as not drawn
            errors.append(f"nothing drawn: {type(exc).__name__}")
            return Visit(None, None, errors)
        # Let the run end (the rest of the page, script_finished) before collecting.
        try:
            page.wait_for_function(_SCRIPT_IDLE_JS, timeout=30_000, polling=100)
        except Exception:  # still running after 30 s: the profile says what arrived
            errors.append("script still running 30 s after the map was drawn")
        raw = page.evaluate(_COLLECT_JS)
        errors += [f"app exception: {t}" for t in page.evaluate(_EXCEPTIONS_JS)]
    finally:
        if own:
            context.close()
        elif page is not None:
            page.close()
    seconds = (raw["drawn"] - raw["origin"]) / 1000
    profile = breakdown(
        raw["origin"], raw["opened"], decode_messages(raw["messages"]), raw["frames"]
    )
    return Visit(seconds, profile, errors)


def measure_browser(
    targets: Sequence[Target] = TARGETS,
    *,
    warm: int = 5,
    cold: int = 2,
    runtime: Path,
    returning: bool = False,
    log: Callable[[str], None] = lambda _: None,
) -> list[TargetRun]:
    """Warm and cold time to a drawn map of every target, in one run.

    Parameters
    ----------
    targets : sequence of Target
        What to open (default: minimal app, map, border, briefing).
    warm : int
        Warm rounds (each visits every target once); 0 skips.
    cold : int
        Fresh servers per target; 0 skips.
    runtime : pathlib.Path
        A scratch folder (store, logs, the minimal app).
    returning : bool
        Each warm round also visits every target as a returning visitor
        (:attr:`TargetRun.returning`).
    log : callable
        Progress lines.

    Returns
    -------
    list of TargetRun
        In the order of ``targets``.
    """
    from playwright.sync_api import sync_playwright

    servers = Servers(runtime)
    log("seeding the bench store")
    servers.seed_store()
    runs = [TargetRun(t) for t in targets]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            for repeat in range(cold):
                for run in runs:  # round robin: the machine's noise falls on every target
                    log(f"cold {run.target.label} {repeat + 1}/{cold}")
                    process = servers.start(run.target.server, dict(run.target.env))
                    try:
                        run.cold.append(visit(browser, _url(process, run.target)))
                    finally:
                        process.stop()
            if warm:
                _warm(browser, servers, runs, warm, log, returning)
        finally:
            browser.close()
    return runs


def _url(process: Process, target: Target) -> str:
    return f"http://127.0.0.1:{process.port}{target.path}"


def _warm(
    browser: Browser,
    servers: Servers,
    runs: list[TargetRun],
    rounds: int,
    log: Callable[[str], None],
    returning: bool = False,
) -> None:
    processes: dict[tuple, Process] = {}
    # A returning visitor per target: one context each, its cache filled by its warm-up.
    contexts: dict[str, BrowserContext] = {}
    try:
        for run in runs:
            server = (run.target.server, run.target.env)
            if server not in processes:
                processes[server] = servers.start(run.target.server, dict(run.target.env))
        for run in runs:  # the unmeasured first visit: caches filled, bytecode compiled
            log(f"warm-up {run.target.label}")
            url = _url(processes[run.target.server, run.target.env], run.target)
            visit(browser, url)
            if returning:
                contexts[run.target.label] = new_context(browser)
                visit(browser, url, context=contexts[run.target.label])
        for round_ in range(rounds):
            log(f"warm round {round_ + 1}/{rounds}")
            for run in runs:
                url = _url(processes[run.target.server, run.target.env], run.target)
                run.warm.append(visit(browser, url))
                if returning:
                    run.returning.append(visit(browser, url, context=contexts[run.target.label]))
    finally:
        for context in contexts.values():
            context.close()
        for process in processes.values():
            process.stop()


def launch_app(runtime: Path, which: str = "app") -> Process:
    """A seeded store and one running server, the app or the minimal app (for the load part).

    Stop it after.
    """
    servers = Servers(runtime)
    servers.seed_store()
    return servers.start(which)


@dataclass
class LoadRun:
    """Concurrent sessions on one app process beside one session alone (seconds)."""

    sessions: int
    served: int
    single_s: float | None
    median_s: float | None
    p95_s: float | None
    wall_s: float
    errors: list[str] = field(default_factory=list)


def measure_load(url: str, sessions: int, single: int = 3, limit_s: float = 300.0) -> LoadRun:
    """``sessions`` concurrent sessions on one app process, beside one session alone.

    Both through :func:`lib.tools.loadrun.run_load`: Chromium contexts in one browser.
    Each context is a session of its own (cookies, WebSocket, script runs); one browser
    per session would measure ten Chromium start-ups on two cores rather than the app.
    The single-session figure is timed the same way as the loaded one (from ``goto``
    to the map frame's first path, polled every 100 ms), so their ratio is fair.

    Parameters
    ----------
    url : str
        The app's map page (loopback).
    sessions : int
        Concurrent sessions.
    single : int
        One-session runs for the single-session figure (median).
    limit_s : float
        Give up on a run after this long.

    Returns
    -------
    LoadRun
        The figures; ``errors`` holds both runs' errors.
    """
    import asyncio

    from lib.tools.loadrun import run_load

    asyncio.run(run_load(url, 1, limit_s))  # unmeasured: the server's caches filled
    alone = [asyncio.run(run_load(url, 1, limit_s)) for _ in range(single)]
    times = [r.median_s for r in alone if r.median_s is not None]
    report = asyncio.run(run_load(url, sessions, limit_s))
    return LoadRun(
        sessions=sessions,
        served=report.served,
        single_s=statistics.median(times) if times else None,
        median_s=report.median_s,
        p95_s=report.p95_s,
        wall_s=report.wall_s,
        errors=[f"alone: {e}" for r in alone for e in r.errors] + report.errors,
    )
