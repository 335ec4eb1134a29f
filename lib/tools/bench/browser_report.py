"""The browser part's Markdown: time to a drawn map, its stages, the load run.

Pure functions of the measurements (:mod:`lib.tools.bench.browser`), so they are
tested without a browser.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from lib.tools.bench.browser import LoadRun, TargetRun, Visit
from lib.tools.bench.browser_profile import STAGES, Breakdown
from lib.tools.bench.budgets import Budget
from lib.tools.loadrun import percentile

#: Column titles of the stages (see :mod:`lib.tools.bench.browser_profile`).
STAGE_TITLES: dict[str, str] = {
    "boot": "nav → socket",
    "session": "socket → script start",
    "script_to_map": "script start → map delta",
    "delta_to_frame": "delta → frame",
    "frame_to_args": "frame → args",
    "args_to_drawn": "args → drawn",
}


def median_or_none(values: Sequence[float | None]) -> float | None:
    """The median of the values that are there, or None when none is."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _times(visits: Sequence[Visit]) -> list[float]:
    return [v.seconds for v in visits if v.seconds is not None]


def _floor(runs: Sequence[TargetRun]) -> TargetRun | None:
    return next((r for r in runs if r.target.label == "minimal"), None)


def _ratio(mine: float | None, base: float | None) -> str:
    return "–" if mine is None or not base else f"{mine / base:.2f}"


def _span(times: Sequence[float]) -> str:
    return f"{min(times):.2f}–{max(times):.2f}" if times else "–"


def _missing(visits: Sequence[Visit]) -> int:
    return sum(v.seconds is None for v in visits)


def time_table(runs: Sequence[TargetRun]) -> list[str]:
    """Warm and cold time to a drawn map per target, and the ratio to the minimal app."""
    floor = _floor(runs)
    out = [
        "| target | warm median s (n) | warm p95 s | warm range s | × minimal | "
        "cold median s (n) | × minimal | not drawn |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        warm, cold = _times(run.warm), _times(run.cold)
        out.append(
            f"| {run.target.label} | {_s(run.warm_s)} ({len(warm)}) | "
            f"{_s(percentile(warm, 0.95))} | {_span(warm)} | "
            f"{_ratio(run.warm_s, floor and floor.warm_s)} | {_s(run.cold_s)} ({len(cold)}) | "
            f"{_ratio(run.cold_s, floor and floor.cold_s)} | {_missing([*run.warm, *run.cold])} |"
        )
    return out


def returning_table(runs: Sequence[TargetRun]) -> list[str]:
    """A returning visitor's warm time to a drawn map per target, beside a first visit's."""
    floor = _floor(runs)
    out = [
        "| target | first visit s | returning s (n) | returning range s | × minimal (returning) "
        "| not drawn |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        times = _times(run.returning)
        out.append(
            f"| {run.target.label} | {_s(run.warm_s)} | {_s(run.returning_s)} ({len(times)}) | "
            f"{_span(times)} | {_ratio(run.returning_s, floor and floor.returning_s)} | "
            f"{_missing(run.returning)} |"
        )
    return out


def profile_rows(label: str, profiles: Sequence[Breakdown]) -> str:
    """One row of the breakdown: the median of each stage and figure over the visits."""

    def med(get) -> float | None:
        return median_or_none([get(p) for p in profiles])

    stages = " | ".join(_ms(med(lambda p, s=s: p.stages.get(s))) for s in STAGES)
    return (
        f"| {label} ({len(profiles)}) | {stages} | {_ms(med(lambda p: p.total_ms))} | "
        f"{_ms(med(lambda p: p.script_ms))} | {_ms(med(lambda p: p.runs_before_map))} | "
        f"{_ms(med(lambda p: p.map_delta_bytes))} | {_ms(med(lambda p: p.bytes_before_draw))} | "
        f"{_ms(med(lambda p: p.components))} | {_ms(med(lambda p: p.map_scripts_ms))} ({_ms(med(lambda p: p.map_scripts))}) | "
        f"{_ms(med(lambda p: p.longtask_page_ms))} | {_ms(med(lambda p: p.longtask_map_ms))} |"
    )


def profile_table(runs: Sequence[TargetRun], cold: bool = False) -> list[str]:
    """Where the time goes (ms, medians of the warm visits — or of the cold ones)."""
    head = " | ".join(STAGE_TITLES[s] for s in STAGES)
    out = [
        f"| target (n) | {head} | total | script run | runs before map | map delta B | "
        "B before draw | components | map scripts ms (files) | long tasks page | long tasks map |",
        "|---|" + "---:|" * (len(STAGES) + 10),
    ]
    for run in runs:
        profiles = [v.profile for v in (run.cold if cold else run.warm) if v.profile]
        if profiles:
            out.append(profile_rows(run.target.label, profiles))
    return out


def _load_row(label: str, load: LoadRun) -> str:
    ratio = (
        "–"
        if not load.single_s or load.median_s is None
        else f"{load.median_s / load.single_s:.2f}"
    )
    return (
        f"| {label} | {load.sessions} | {load.served} | {_s(load.single_s)} | "
        f"{_s(load.median_s)} | {_s(load.p95_s)} | {ratio} | {len(load.errors)} | "
        f"{load.wall_s:.1f} |"
    )


def load_table(load: LoadRun, reference: LoadRun | None = None) -> list[str]:
    """The load run's figures, and the minimal app's under the same load (if run)."""
    rows = [
        "| app | sessions | served | one session alone s | median s | p95 s | median / alone | "
        "errors | wall s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        _load_row("map page", load),
    ]
    if reference is not None:
        rows.append(_load_row("minimal (reference)", reference))
    return rows


def render_browser(
    runs: Sequence[TargetRun],
    load: LoadRun | None,
    warm: int,
    cold: int,
    reference: LoadRun | None = None,
) -> list[str]:
    """The browser section: times, the breakdown, the load run (and the minimal app's), errors."""
    out = [
        "",
        "## Time to a drawn map in Chromium",
        "",
        "Headless Chromium, every request outside the app's origin aborted (no tiles). "
        "Navigation start → the first Leaflet path or marker drawn in the map's frame "
        "(stamped in the page by `lib/tools/bench/browser_probe.js`). Warm: one server per "
        f"app, {warm} rounds visiting every target in turn, a new browser context each, "
        f"after one unmeasured visit. Cold: a fresh server per sample ({cold} per target), "
        "its first navigation. Minimal: `lib/tools/bench/minimal_app.py.tmpl` (one "
        "`st_folium` map, one polyline, the same local Leaflet files).",
        "",
        *time_table(runs),
        "",
        "### Where the time goes (warm, ms, medians)",
        "",
        "Stages add up to the total. Script start/end and the map delta are the server's "
        "`new_session`, component `delta` and `script_finished` messages as they arrive "
        "(decoded with Streamlit's `ForwardMsg`); *script run*: the run that sent the map; "
        "*frame*: the component frame's `timeOrigin`; *args*: its first `streamlit:render` "
        "message; *map scripts*: first request → last response of the map frame's scripts "
        "(Leaflet and plugins, or their one bundle) and how many; *long tasks*: main-thread tasks > 50 ms before the draw.",
        "",
        *profile_table(runs),
    ]
    if any(v.profile for r in runs for v in r.cold):
        out += ["", "### Where the time goes (cold, ms, medians)", "", *profile_table(runs, True)]
    if any(r.returning for r in runs):
        out += [
            "",
            "### A returning visitor (warm, no budget)",
            "",
            "The same warm rounds, each target visited again in a browser context kept "
            "since its warm-up: the browser's cache holds Streamlit's code and the map's "
            "scripts, as it does for a reader who has opened the app before; each visit a "
            "new page and a new Streamlit session.",
            "",
            *returning_table(runs),
        ]
    if load is not None:
        out += [
            "",
            "### Under load",
            "",
            "`lib.tools.loadrun.run_load` on one app process (the map page): Chromium "
            "contexts in one browser, all started together and kept open until the last "
            "map is drawn; *alone*: the same measurement with one session (median of 3). "
            "The browser runs on the same cores as the server: the minimal app under the "
            "same load shows how much of the slowdown is the machine's, not the app's.",
            "",
            *load_table(load, reference),
        ]
    errors = [f"{r.target.label}: {e}" for r in runs for e in r.errors]
    errors += [f"load: {e}" for e in (load.errors if load else [])]
    if errors:
        out += ["", "### Errors seen", "", *[f"- {e}" for e in errors[:30]]]
    return out


def render_budgets(budgets: Sequence[Budget]) -> list[str]:
    """The budgets table."""
    return [
        "",
        "## Budgets",
        "",
        "| budget | rule | measured | result |",
        "|---|---|---|---|",
        *[f"| {b.name} | {b.rule} | {b.measured} | **{b.status}** |" for b in budgets],
    ]
