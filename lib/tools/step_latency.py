"""Step latency of the presenter view: key press to the new step fully drawn, per step.

A benchmark, not a test::

    python -m lib.tools.step_latency [--rounds 3] [--url http://127.0.0.1:8501]

starts the app (its own port and a fresh store seeded from ``geodata/``, unless
``--url`` names a running one on this machine), opens the presenter view of the
default briefing (``geodata/briefings/border-security-2025.toml``) in headless
Chromium (``/usr/bin/chromium``; every request off this machine is aborted, so the
map draws on its plain background) and walks every step by keyboard: → to the
last step, ← back to the first, ``--rounds`` times. Each step change is timed from
the key press to the first frame painted after the deck shows the step whole —
counter, title, the map's step, and exactly the step's features on the map
(``lib/tools/bench/step_probe.js``). Side by side, the old path: a full load of
``?step=n`` (a new script run and a new map), timed from navigation start the same
way. Prints the median and worst per step and PASS/FAIL against
:data:`BUDGET_MS` for the new path; exit status 1 when a step's worst misses it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lib.data.catalog import Catalog, load_catalog
from lib.data.paths import GEODATA_DIR, PROJECT_ROOT
from lib.story import briefing as bf
from lib.story.deck_map import deck_map
from lib.story.export_text import step_text
from lib.tools.deploy_local import Process, free_port, streamlit_command, wait_healthy
from lib.tools.loadrun import CHROMIUM, CHROMIUM_ARGS, is_loopback_url

#: The target: key press to the new step drawn.
BUDGET_MS = 300.0
DEFAULT_BRIEFING = "border-security-2025"
PROBE = Path(__file__).parent / "bench" / "step_probe.js"
#: Give up on one step after this long (a broken deck, not a slow one).
LIMIT_MS = 60_000


@dataclass(frozen=True)
class Expected:
    """What step ``number`` shows when it is drawn: its title and its features by kind."""

    number: int
    title: str
    drawn: dict[str, int]


@dataclass
class StepTimes:
    """Times of one step, in milliseconds: by key press (new) and by full load (old)."""

    number: int
    title: str
    new: list[float] = field(default_factory=list)
    old: list[float] = field(default_factory=list)

    def worst(self) -> float | None:
        """The slowest key press to this step (None before any)."""
        return max(self.new) if self.new else None


def expected_steps(catalog: Catalog, briefing: bf.Briefing) -> list[Expected]:
    """Every step's title and features, from the same data and drawing as the deck."""
    facts = bf.briefing_facts(catalog)
    deck = deck_map(catalog, briefing.steps, tiles=False)
    return [
        Expected(number, step_text(catalog, step, facts).title, deck_step.drawn)
        for number, (step, deck_step) in enumerate(
            zip(briefing.steps, deck.steps, strict=True), start=1
        )
    ]


def _start_app(runtime: Path) -> Process:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ZAGROS_BRIEF_DB"}
    env.update(
        PYTHONPATH=str(PROJECT_ROOT),
        PYTHONUNBUFFERED="1",
        HOME=str(runtime),  # no user ~/.streamlit config
        # A store of its own, seeded from geodata/: the data the expectations are made from.
        ZAGROS_BRIEF_DB=f"sqlite:///{runtime / 'bench.sqlite'}",
    )
    cmd = streamlit_command(PROJECT_ROOT / "app.py", port)
    log = runtime / "app.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    return Process("app", port, proc, log)


def _probe(page, expected: Expected, total: int, from_load: bool) -> float:
    """Arm the probe in ``page`` (after a key press or a navigation); its time in ms."""
    page.evaluate(
        PROBE.read_text("utf-8"),
        [expected.number, total, expected.title, expected.drawn, LIMIT_MS, from_load],
    )
    return page.evaluate("() => window.__zbProbe")


def _result(outcome: dict, expected: Expected, how: str) -> float:
    if outcome.get("timeout"):
        raise RuntimeError(
            f"step {expected.number} never showed whole after {how} "
            f"(expected {expected.drawn}, “{expected.title}”); last seen: {outcome.get('seen')}"
        )
    return float(outcome["ms"])


def measure(
    base: str, briefing_id: str, expected: list[Expected], rounds: int, pause_s: float
) -> list[StepTimes]:
    """Walk the deck by keyboard ``rounds`` times, and load each step afresh as many times.

    Parameters
    ----------
    base : str
        The app's address (loopback only).
    briefing_id : str
        The briefing walked.
    expected : list of Expected
        Each step's title and features (:func:`expected_steps`).
    rounds : int
        Walks (→ to the end, ← back) and full loads per step.
    pause_s : float
        Time left between two key presses (the server hears of each step meanwhile).

    Returns
    -------
    list of StepTimes
        Per step.
    """
    from playwright.sync_api import sync_playwright

    total = len(expected)
    times = [StepTimes(e.number, e.title) for e in expected]
    url = f"{base}/briefing?b={briefing_id}&step="
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            # Only this machine: the online tiles are aborted, the map draws without them.
            context.route(
                "**/*",
                lambda r: r.continue_() if is_local(r.request.url) else r.abort("blockedbyclient"),
            )
            page = context.new_page()
            for _ in range(rounds):
                page.goto(url + "1", wait_until="commit")
                _result(_probe(page, expected[0], total, True), expected[0], "loading step 1")
                page.wait_for_timeout(pause_s * 1000)
                walk = [*range(1, total), *range(total - 2, -1, -1)]
                keys = ["ArrowRight"] * (total - 1) + ["ArrowLeft"] * (total - 1)
                for target, key in zip(walk, keys, strict=True):
                    # Nothing focused: the key reaches the page, as a clicker's would.
                    page.evaluate("() => document.activeElement && document.activeElement.blur()")
                    page.evaluate(
                        PROBE.read_text("utf-8"),
                        [target + 1, total, expected[target].title, expected[target].drawn,
                         LIMIT_MS, False],
                    )  # fmt: skip
                    page.keyboard.press(key)
                    outcome = page.evaluate("() => window.__zbProbe")
                    times[target].new.append(_result(outcome, expected[target], key))
                    page.wait_for_timeout(pause_s * 1000)
                for step in expected:
                    page.goto(url + str(step.number), wait_until="commit")
                    ms = _result(_probe(page, step, total, True), step, "a full load")
                    times[step.number - 1].old.append(ms)
                    page.wait_for_timeout(pause_s * 1000)
        finally:
            browser.close()
    return times


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (data: and about: included)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or is_loopback_url(url)


def _fmt(values: list[float], how) -> str:
    return f"{how(values):7.0f}" if values else "      –"


def report(times: list[StepTimes], budget_ms: float = BUDGET_MS) -> tuple[str, bool]:
    """The table printed, and whether every step's worst key press is within the budget."""
    lines = [
        f"Step change to the new step drawn (ms); budget {budget_ms:.0f} ms for the new path.",
        "new: a key press in the presenter view; old: a full load of ?step=n (run + new map)",
        "step  new median  new worst | old median  old worst | verdict",
    ]
    ok = True
    for t in times:
        worst = t.worst()
        passed = worst is not None and worst <= budget_ms
        ok = ok and passed
        lines.append(
            f"{t.number:>4}  {_fmt(t.new, statistics.median):>10}  {_fmt(t.new, max):>9} |"
            f" {_fmt(t.old, statistics.median):>10}  {_fmt(t.old, max):>9} |"
            f" {'PASS' if passed else 'FAIL'}  {t.title[:40]}"
        )
    every_new = [v for t in times for v in t.new]
    every_old = [v for t in times for v in t.old]
    if every_new:
        lines.append(
            f" all  {_fmt(every_new, statistics.median):>10}  {_fmt(every_new, max):>9} |"
            f" {_fmt(every_old, statistics.median):>10}  {_fmt(every_old, max):>9} |"
            f" {'PASS' if ok else 'FAIL'}"
        )
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module's notes)."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.tools.step_latency", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--url", help="a running app on this machine (default: start one)")
    parser.add_argument("--briefing", default=DEFAULT_BRIEFING)
    parser.add_argument("--rounds", type=int, default=3, help="walks and loads per step")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between key presses")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} not found: apt-get install chromium")
    if args.url and not is_loopback_url(args.url):
        parser.error("--url must be on this machine (127.0.0.1, localhost, ::1)")
    catalog = load_catalog(GEODATA_DIR)
    briefings, _ = bf.load_briefings(GEODATA_DIR / "briefings", bf.vocabulary(catalog))
    if args.briefing not in briefings:
        parser.error(f"no briefing {args.briefing!r} in {GEODATA_DIR / 'briefings'}")
    expected = expected_steps(catalog, briefings[args.briefing])
    with tempfile.TemporaryDirectory(prefix="zb-step-latency-") as folder:
        app = None
        base = args.url.rstrip("/") if args.url else None
        try:
            if base is None:
                app = _start_app(Path(folder))
                base = f"http://127.0.0.1:{app.port}"
                wait_healthy(f"{base}/_stcore/health", app, 180)
            started = time.monotonic()
            times = measure(base, args.briefing, expected, max(1, args.rounds), args.pause)
        finally:
            if app is not None:
                app.stop()
    text, ok = report(times)
    print(text)
    print(f"({len(expected)} steps, {args.rounds} rounds, {time.monotonic() - started:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
