"""Benchmark: the app's pages, the obvious alternative, and scaling with events.

Run ``python -m lib.tools.benchmark`` from the project folder (``--help`` for the
options). It prints one Markdown report, every figure measured in the same
run on the same machine:

* **Pages** — cold start to the first complete render of each page (a fresh
  Python process per measurement: imports, data loading and Streamlit's
  empty caches all count; :class:`streamlit.testing.v1.AppTest`), a warm
  rerun in the same session after a filter change, and the bytes of map
  HTML the page sends (script + html + header of every ``st_folium``
  component).
* **Alternative** — the same figures for what a user would write without
  this app's care: the raw layers at full resolution drawn with
  ``GeoDataFrame.explore()`` plus one ``folium.Marker`` with a popup per
  site, crossing and event, rebuilt on every rerun (no caching); a small
  Streamlit script generated into a temporary folder.
* **Scaling** — synthetic events (:mod:`lib.tools.synthetic`) at growing counts:
  filter time (:func:`lib.model.filters.filter_events`), map build time
  (:func:`lib.maps.main_map.build_main_map`), render time and map bytes
  (``len(fmap.get_root().render())``) at the overview (default) view.
* **Store at scale** (``--store-events N``) — a SQLite store and a PostgreSQL +
  PostGIS store (throwaway cluster) seeded from ``geodata/`` plus N synthetic events:
  seeding time, the time a new revision takes to reach the catalog, the map page's
  cold start, warm rerun and bytes with ``ZAGROS_BRIEF_DB`` naming each store, and one
  view's events selected in pandas and in SQL (same ids; both times).
* **Bytes by zoom** — the main map's HTML at zoom 5–12 over three centres of the
  Kurdistan Region, the whole layers beside the view-bounded ones (``bench/view_bytes``).
* **Browser** (``--browser``, or ``--only-browser`` for this part alone) — time to a
  drawn map in headless Chromium, warm and cold, for the minimal app, the map, border
  and briefing pages side by side; where the time goes; N concurrent sessions on one
  app process (:mod:`lib.tools.bench.browser`); with ``--store-events N`` as well, the
  map page on SQLite and PostgreSQL stores of N more events beside the seed data
  (:mod:`lib.tools.bench.browser_scale`); with ``--browser-floor``, reference rows
  without a budget: the minimal app plus a sidebar, a table or a chart; with
  ``--browser-returning``, each target also as a returning visitor (browser cache kept).
* **Budgets** — checked and printed as PASS / FAIL / SKIP; the exit code is
  1 when one fails (everything is still printed).

Small measurements are repeated and the median reported; times come from
:func:`time.perf_counter`. The benchmark is the one part of ``lib`` outside
``lib/ui`` that drives Streamlit, and only through AppTest in child processes.

The parts live in ``lib/tools/bench``: ``apptest`` (pages under AppTest, each cold start
a fresh process running ``apptest_child.py``), ``alternative`` (the script written from
``alternative_app.py.tmpl``), ``scaling``, ``store_scale``, ``browser`` (with
``browser_probe.js``, ``browser_profile``, ``browser_report``, ``minimal_app.py.tmpl``),
``browser_scale``,
``budgets`` and ``report``. This module is the
command line.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from lib.tools.bench.alternative import write_alternative
from lib.tools.bench.apptest import APP, DEFAULT_PAGE, app_pages, run_apptest
from lib.tools.bench.browser_report import render_browser, render_budgets
from lib.tools.bench.budgets import Budget, browser_budgets, check_budgets
from lib.tools.bench.report import environment, render_report
from lib.tools.bench.scaling import DEFAULT_SIZES, QUICK_SIZES, measure_scaling
from lib.tools.bench.store_scale import measure_store_scale, render_store_scale, store_budgets
from lib.tools.bench.view_bytes import measure_view_bytes, render_view_bytes, view_bytes_budgets


def _parse_sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()}))
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 100,1000")
    return sizes


def _browser_part(
    args: argparse.Namespace, log: Callable[[str], None]
) -> tuple[list[str], list[Budget]]:
    """The browser part: its report lines and budgets (imports Playwright only now)."""
    from lib.tools.bench.browser import (
        FLOOR_TARGETS,
        TARGETS,
        launch_app,
        measure_browser,
        measure_load,
    )

    targets = (*TARGETS, *FLOOR_TARGETS) if args.browser_floor else TARGETS
    with tempfile.TemporaryDirectory(prefix="zb-browser-") as folder:
        runs = measure_browser(
            targets,
            warm=args.browser_warm,
            cold=args.browser_cold,
            runtime=Path(folder) / "b",
            returning=args.browser_returning,
            log=log,
        )
        load = reference = None
        if args.sessions > 0:
            log(f"load: {args.sessions} sessions")
            app = launch_app(Path(folder) / "load")
            try:
                load = measure_load(f"http://127.0.0.1:{app.port}/", args.sessions)
            finally:
                app.stop()
            log(f"load: {args.sessions} sessions on the minimal app (reference)")
            minimal = launch_app(Path(folder) / "load-minimal", "minimal")
            try:
                reference = measure_load(f"http://127.0.0.1:{minimal.port}/", args.sessions)
            finally:
                minimal.stop()
        lines = render_browser(runs, load, args.browser_warm, args.browser_cold, reference)
        budgets = browser_budgets(runs, load)
        if args.store_events > 0:
            from lib.tools.bench.browser_scale import (
                measure_browser_scale,
                render_browser_scale,
                scale_budgets,
            )

            log(f"store at scale in the browser, {args.store_events:,} events")
            scale, skipped = measure_browser_scale(
                args.store_events,
                warm=args.browser_warm,
                runtime=Path(folder) / "scale",
                skip_postgres=args.no_postgres,
                log=log,
            )
            lines += render_browser_scale(scale, skipped, args.browser_warm)
            budgets += scale_budgets(scale, skipped)
    return lines, budgets


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every budget passes or is skipped, 1 when one fails.
    """
    parser = argparse.ArgumentParser(
        prog="python -m lib.tools.benchmark", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes",
        type=_parse_sizes,
        default=DEFAULT_SIZES,
        help="synthetic event counts (default 100,1000,10000,100000)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smallest sizes only (100,1000), the map page only, one cold start each",
    )
    parser.add_argument("--pages", help="comma-separated page files (default: every page)")
    parser.add_argument("--cold-repeats", type=int, default=3, help="cold starts per page")
    parser.add_argument("--repeats", type=int, default=3, help="samples per scaling figure")
    parser.add_argument(
        "--store-events",
        type=lambda t: int(t.replace("_", "")),
        default=0,
        help="also run the map page on SQLite and PostgreSQL stores holding the seed plus "
        "this many synthetic events (e.g. 100000; default: off)",
    )
    parser.add_argument("--no-postgres", action="store_true", help="store part: SQLite only")
    parser.add_argument("--browser", action="store_true", help="also time drawn maps in Chromium")
    parser.add_argument(
        "--only-browser", action="store_true", help="the browser part alone (with its budgets)"
    )
    parser.add_argument("--browser-warm", type=int, default=5, help="warm rounds (default 5)")
    parser.add_argument("--browser-cold", type=int, default=2, help="cold servers per target")
    parser.add_argument(
        "--browser-floor",
        action="store_true",
        help="browser part: also the minimal app with a sidebar, a table or a chart (no budget)",
    )
    parser.add_argument(
        "--browser-returning",
        action="store_true",
        help="browser part: also each target as a returning visitor, cache kept (no budget)",
    )
    parser.add_argument(
        "--sessions", type=int, default=10, help="concurrent sessions under load (0: skip)"
    )
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)

    sizes = QUICK_SIZES if args.quick else args.sizes
    cold_repeats = 1 if args.quick else args.cold_repeats
    if args.pages:
        pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    else:
        pages = [DEFAULT_PAGE] if args.quick else app_pages()
    command = "python -m lib.tools.benchmark " + " ".join(
        sys.argv[1:] if argv is None else list(argv)
    )

    def log(message: str) -> None:
        print(f"[benchmark] {message}", file=sys.stderr, flush=True)

    env = environment()
    if args.only_browser:
        lines, budgets = _browser_part(args, log)
        report = "\n".join(
            ["# Zagros Brief benchmark", "", f"`{command.strip()}`", "", "## Environment", ""]
            + [f"- **{k}**: {v}" for k, v in env.items()]
            + lines
            + render_budgets(budgets)
        )
        print(report)
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(report + "\n", encoding="utf-8")
        return 1 if any(b.status == "FAIL" for b in budgets) else 0
    runs = []
    for page in pages:
        log(f"page {page}")
        runs.append(
            run_apptest(APP, page, cold_repeats=cold_repeats, default_route=page == DEFAULT_PAGE)
        )
    log("alternative")
    with tempfile.TemporaryDirectory(prefix="zb-alternative-") as folder:
        script = write_alternative(Path(folder))
        alternative = run_apptest(
            script,
            None,
            cold_repeats=cold_repeats,
            widget="groups",
            state="selected_groups",
            label="alternative",
        )
    log(f"scaling {', '.join(f'{n:,}' for n in sizes)}")
    scaling, load_s = measure_scaling(sizes, repeats=args.repeats)
    budgets = check_budgets(runs, alternative, scaling)
    log("bytes by zoom")
    view_rows = measure_view_bytes(repeats=1 if args.quick else args.repeats)
    extra: list[str] = render_view_bytes(view_rows)
    budgets += view_bytes_budgets(view_rows)
    if args.store_events > 0:
        log(f"store at scale, {args.store_events:,} events")
        store_runs = measure_store_scale(
            args.store_events,
            cold_repeats=cold_repeats,
            repeats=args.repeats,
            skip_postgres=args.no_postgres,
            log=log,
        )
        seed_page = next((p for p in runs if p.label == DEFAULT_PAGE), None)
        extra += render_store_scale(store_runs, seed_page)
        budgets += store_budgets(store_runs)
    if args.browser:
        log("browser")
        lines, more = _browser_part(args, log)
        extra = [*extra, *lines]
        budgets += more
    report = render_report(env, runs, alternative, scaling, load_s, budgets, command.strip(), extra)
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
    return 1 if any(b.status == "FAIL" for b in budgets) else 0


if __name__ == "__main__":
    sys.exit(main())
