"""Time to a drawn map with a store of many events, beside the seed data, in one run.

The map page is opened in headless Chromium (:func:`lib.tools.bench.browser.visit`:
every request outside the app blocked, navigation → first drawn feature) on three app
servers running side by side: the seed data (the bench's default store), a SQLite
store and a PostgreSQL + PostGIS store, each holding the seed plus ``n`` synthetic
events (:func:`lib.tools.bench.store_scale.seed_folder`, one import transaction).
Measured as any other target (:func:`lib.tools.bench.browser.measure_browser`, warm
only): each server's first visit is unmeasured (it materialises the store's revision
and fills the caches); then ``warm`` rounds visit the three in turn, so the machine's
noise falls on all alike. Budget: each large store's warm median ≤ 1.5 × the seed
data's.

PostgreSQL runs on a throwaway cluster (:func:`lib.tools.bench.store_scale.engines`);
without its server binaries that row is skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from lib.tools.bench.browser import Target, TargetRun, measure_browser
from lib.tools.bench.budgets import Budget, ratio_budget

#: A large store's warm time to a drawn map ≤ this × the seed data's.
SCALE_VS_SEED_MAX = 1.5
SEED_LABEL = "map · seed data"


def measure_browser_scale(
    n: int,
    *,
    warm: int = 5,
    runtime: Path,
    skip_postgres: bool = False,
    log: Callable[[str], None] = lambda _: None,
) -> tuple[list[TargetRun], dict[str, str]]:
    """Warm time to a drawn map page on the seed data and on stores of ``n`` more events.

    Parameters
    ----------
    n : int
        Synthetic events added to the seed's in each large store.
    warm : int
        Measured rounds (each visits every server once).
    runtime : pathlib.Path
        A scratch folder (stores, caches, logs).
    skip_postgres : bool
        SQLite only.
    log : callable
        Progress lines.

    Returns
    -------
    tuple of (list of TargetRun, dict)
        The seed row first, then SQLite and PostgreSQL; and, per engine left out,
        why (e.g. no PostgreSQL server binaries).
    """
    from lib.store import Store
    from lib.store.catalog_source import CACHE_ENV_VAR
    from lib.store.config import ENV_VAR
    from lib.tools.bench.store_scale import engines, seed_folder

    runtime.mkdir(parents=True, exist_ok=True)
    folder = seed_folder(n, runtime / "geodata")
    skipped: dict[str, str] = {}
    # The seed data: the bench's own store (measure_browser seeds it).
    targets = [Target(SEED_LABEL, "app", "/")]
    with engines(runtime, skip_postgres) as urls:
        for engine in ("sqlite", "postgresql"):
            url = urls.get(engine)
            if url is None:
                skipped[engine] = str(urls.get(f"{engine}-skipped") or "skipped")
                continue
            log(f"store at scale (browser): seeding {engine} with {n:,} synthetic events")
            t = time.perf_counter()
            store = Store(url)
            try:
                store.init(folder, who="benchmark", why="browser store-scale seed")
            finally:
                store.close()
            log(f"  seeded in {time.perf_counter() - t:.1f} s")
            env = ((ENV_VAR, url), (CACHE_ENV_VAR, str(runtime / f"cache-{engine}")))
            targets.append(Target(f"map · {engine}, seed + {n:,}", "app", "/", env))
        runs = measure_browser(targets, warm=warm, cold=0, runtime=runtime / "servers", log=log)
    return runs, skipped


def scale_budgets(runs: Sequence[TargetRun], skipped: dict[str, str]) -> list[Budget]:
    """Each large store's warm time to a drawn map ≤ 1.5 × the seed data's, and no error.

    Parameters
    ----------
    runs : sequence of TargetRun
        From :func:`measure_browser_scale` (the seed row first).
    skipped : dict
        Engines left out, and why.

    Returns
    -------
    list of Budget
        One per large store (FAIL also when a visit showed an error), one SKIP per
        engine left out.
    """
    seed = next((r for r in runs if r.target.label == SEED_LABEL), None)
    budgets = []
    for run in runs:
        if run is seed:
            continue
        budget = ratio_budget(
            f"drawn warm {run.target.label}",
            f"warm time to a drawn map ≤ {SCALE_VS_SEED_MAX:g} × the seed data's",
            run.warm_s,
            seed.warm_s if seed else None,
            SCALE_VS_SEED_MAX,
        )
        if run.errors:
            budget.status = "FAIL"
            budget.measured += f"; {len(run.errors)} error(s): {run.errors[0][:120]}"
        budgets.append(budget)
    for engine, why in skipped.items():
        budgets.append(Budget(f"drawn warm map · {engine} at scale", "measured", why, "SKIP"))
    return budgets


def render_browser_scale(
    runs: Sequence[TargetRun], skipped: dict[str, str], warm: int
) -> list[str]:
    """The report's section: warm median, each visit, and the ratio to the seed data's.

    Parameters
    ----------
    runs : sequence of TargetRun
        From :func:`measure_browser_scale`.
    skipped : dict
        Engines left out, and why.
    warm : int
        Rounds measured.

    Returns
    -------
    list of str
        Markdown lines.
    """
    seed = next((r for r in runs if r.target.label == SEED_LABEL), None)
    out = [
        "",
        "## Store at scale in the browser: time to a drawn map page",
        "",
        "Three app servers side by side (seed data; SQLite and PostgreSQL + PostGIS "
        "stores holding the seed plus synthetic events); one unmeasured visit each, then "
        f"{warm} rounds visiting each in turn; warm medians. Budget: ≤ "
        f"{SCALE_VS_SEED_MAX:g} × the seed data's.",
        "",
        "| store | warm s (median) | visits s | × seed data | errors |",
        "|---|---:|---|---:|---:|",
    ]
    for run in runs:
        visits = ", ".join(f"{v.seconds:.2f}" if v.seconds else "—" for v in run.warm)
        ratio = (
            f"{run.warm_s / seed.warm_s:.2f}"
            if run.warm_s and seed is not None and seed.warm_s
            else "—"
        )
        median = f"{run.warm_s:.2f}" if run.warm_s else "—"
        out.append(f"| {run.target.label} | {median} | {visits} | {ratio} | {len(run.errors)} |")
    for engine, why in skipped.items():
        out.append(f"| {engine} at scale | {why} | | | |")
    return out
