"""A bounded load run: N concurrent browser sessions open the map and wait until it is drawn.

Each session is a fresh headless Chromium context (Debian's ``/usr/bin/chromium``,
driven by Playwright) — its own cookies, so nginx pins it to a replica of its own —
that opens the app and waits until the map's frame has drawn Leaflet paths (the
border, the sites). All sessions start together and stay open until the last one
is drawn, as a team's open pages would::

    python -m lib.tools.loadrun --sessions 20 --url http://127.0.0.1:8080

prints sessions served, the median and 95th-percentile time to a drawn map, the
sessions each replica served (nginx's ``X-Upstream`` header, when it sends one) and
the errors. Bounded: at most :data:`MAX_SESSIONS` sessions and :data:`MAX_SECONDS`
seconds, and only loopback addresses (it is a test of one's own machine, never a
way to load somebody else's server); every request to another host is aborted.
Exit status 0 when every session drew its map without an error, else 1.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page, Response, Route

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip
MAX_SESSIONS = 100
MAX_SECONDS = 600.0

#: The map frame (``st_folium``) has drawn Leaflet vectors; Streamlit is connected.
DRAWN_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const d = f && f.contentDocument;
  return !!d && d.querySelectorAll('.leaflet-overlay-pane path').length > 0;
}"""
#: Exceptions the app showed (a failed script run is an error even if a map drew).
#: What a session that did not draw showed, for its error line.
STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  return 'connection ' + (app && app.getAttribute('data-test-connection-state'))
    + ', script ' + (app && app.getAttribute('data-test-script-state'))
    + ', map frame ' + (f ? 'present' : 'absent');
}"""
EXCEPTIONS_JS = """() => [...document.querySelectorAll('[data-testid="stException"]')]
  .map(e => e.innerText.trim().slice(0, 200))"""


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` is http(s) on this machine (localhost or a loopback address)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


@dataclass
class SessionResult:
    """One session: how long until its map was drawn, which replica, what went wrong."""

    index: int
    seconds: float | None = None
    upstream: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def served(self) -> bool:
        """Drawn, with no error."""
        return self.seconds is not None and not self.errors


@dataclass
class LoadReport:
    """The run's figures (the printed summary and ``--json``)."""

    url: str
    sessions: int
    served: int
    median_s: float | None
    p95_s: float | None
    max_s: float | None
    wall_s: float
    per_upstream: dict[str, int]
    errors: list[str]

    def lines(self) -> list[str]:
        """The human-readable summary."""

        def fmt(value: float | None) -> str:
            return "-" if value is None else f"{value:.1f} s"

        out = [
            f"load run on {self.url}: {self.sessions} concurrent sessions, {self.wall_s:.1f} s",
            f"sessions served: {self.served}/{self.sessions}",
            f"time to a drawn map: median {fmt(self.median_s)}, p95 {fmt(self.p95_s)}, "
            f"max {fmt(self.max_s)}",
        ]
        if self.per_upstream:
            shares = ", ".join(f"{k}: {v}" for k, v in sorted(self.per_upstream.items()))
            out.append(f"sessions per replica: {shares}")
        out.append(f"errors: {len(self.errors)}")
        out += [f"  {e}" for e in self.errors[:20]]
        return out


def percentile(values: list[float], share: float) -> float | None:
    """The ``share`` (0–1) percentile, nearest-rank (p95 of 20 values: the 19th)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-len(ordered) * share // 1)))
    return ordered[int(rank) - 1]


def summarise(url: str, results: list[SessionResult], wall_s: float) -> LoadReport:
    """Figures of a run from its sessions."""
    times = [r.seconds for r in results if r.served and r.seconds is not None]
    errors = [f"session {r.index + 1}: {e}" for r in results for e in r.errors]
    return LoadReport(
        url=url,
        sessions=len(results),
        served=sum(r.served for r in results),
        median_s=statistics.median(times) if times else None,
        p95_s=percentile(times, 0.95),
        max_s=max(times) if times else None,
        wall_s=wall_s,
        per_upstream=dict(Counter(r.upstream for r in results if r.upstream)),
        errors=errors,
    )


class _Gate:
    """Opens when every session has drawn its map or failed: until then all stay open."""

    def __init__(self, sessions: int) -> None:
        self.left = sessions
        self.open = asyncio.Event()

    def arrive(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.open.set()


async def _session(
    browser: Browser, url: str, index: int, deadline: float, gate: _Gate, delay: float = 0.0
) -> SessionResult:
    result = SessionResult(index)
    await asyncio.sleep(delay)  # the ramp: sessions start spread over a few seconds
    context = await browser.new_context(viewport={"width": 1280, "height": 800})

    async def route(r: Route) -> None:  # only this machine: tiles and the like are aborted
        if is_loopback_url(r.request.url) or not r.request.url.startswith("http"):
            await r.continue_()
        else:
            await r.abort("blockedbyclient")

    def on_response(resp: Response) -> None:
        if resp.status >= 500:
            result.errors.append(f"HTTP {resp.status} {resp.url}")

    arrived = False
    page = None
    try:
        await context.route("**/*", route)
        page = await context.new_page()
        page.on("pageerror", lambda exc: result.errors.append(f"page error: {exc}"))
        page.on("response", on_response)
        start = time.monotonic()
        response = await page.goto(url, wait_until="domcontentloaded", timeout=_left_ms(deadline))
        if response is not None:
            result.upstream = response.headers.get("x-upstream", "")
        await page.wait_for_function(DRAWN_JS, timeout=_left_ms(deadline), polling=100)
        result.seconds = time.monotonic() - start
        result.errors += [f"app exception: {t}" for t in await page.evaluate(EXCEPTIONS_JS)]
        gate.arrive()
        arrived = True
        # Concurrent sessions: this one stays connected until every other has drawn too.
        await asyncio.wait_for(gate.open.wait(), max(0.0, deadline - time.monotonic()))
    except Exception as exc:  # a timeout, a refused connection, a crashed page
        if result.seconds is None:
            text = str(exc).strip()
            first = text.splitlines()[0] if text else ""
            result.errors.append(f"{type(exc).__name__}: {first}{await _state(page)}")
    finally:
        if not arrived:
            gate.arrive()
        await context.close()
    return result


async def _state(page: Page | None) -> str:
    """`` (the page showed: …)`` or nothing when the page cannot say."""
    if page is None:
        return ""
    try:
        return f" (the page showed: {await page.evaluate(STATE_JS)})"
    except Exception:  # closed or crashed: nothing to add
        return ""


def _left_ms(deadline: float) -> float:
    return max(1.0, (deadline - time.monotonic()) * 1000)


async def run_load(url: str, sessions: int, seconds: float, ramp: float = 0.0) -> LoadReport:
    """Open ``sessions`` concurrent sessions on ``url``; give up on each after ``seconds``.

    ``ramp``: seconds over which the sessions' starts are spread (0: all at once). All
    stay open until the last has drawn, so they are concurrent either way.
    """
    from playwright.async_api import async_playwright

    deadline = time.monotonic() + seconds
    start = time.monotonic()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            gate = _Gate(sessions)
            results = await asyncio.gather(
                *(
                    _session(browser, url, i, deadline, gate, ramp * i / sessions)
                    for i in range(sessions)
                )
            )
        finally:
            await browser.close()
    return summarise(url, list(results), time.monotonic() - start)


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module's notes)."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.tools.loadrun", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--url", required=True, help="the app (through nginx), loopback only")
    parser.add_argument("--sessions", type=int, default=20, help=f"1 to {MAX_SESSIONS}")
    parser.add_argument(
        "--timeout", type=float, default=300.0, help=f"seconds, ≤ {MAX_SECONDS:.0f}"
    )
    parser.add_argument(
        "--ramp", type=float, default=0.0, help="spread the starts over this many seconds"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not is_loopback_url(args.url):
        parser.error(f"--url must be a loopback address (127.0.0.1, ::1, localhost): {args.url}")
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions: 1 to {MAX_SESSIONS}")
    if not 0 < args.timeout <= MAX_SECONDS:
        parser.error(f"--timeout: more than 0 and at most {MAX_SECONDS:.0f} s")
    if not 0 <= args.ramp < args.timeout:
        parser.error("--ramp: at least 0 and less than --timeout")
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} not found: apt-get install chromium")
    report = asyncio.run(run_load(args.url, args.sessions, args.timeout, args.ramp))
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print("\n".join(report.lines()))
    ok = report.served == report.sessions and not report.errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
