"""The map page on a store of many events, on SQLite and on PostgreSQL + PostGIS.

For each engine a store is seeded (one import transaction, :meth:`Store.init`) from a
copy of ``geodata/`` whose ``events.csv`` has ``n`` synthetic events appended
(:mod:`lib.tools.synthetic`); the time a new revision takes to reach the app's catalog
(:func:`materialise` + :func:`load_store_catalog`, the file layers already loaded, as
the app keeps them) is measured, then the map page runs under AppTest in child
processes with ``ZAGROS_BRIEF_DB`` naming the store. The view a reader at zoom 9 over
the Kurdistan Region sees is selected twice: in pandas on the loaded catalog (the
app's path) and in SQL (:meth:`Store.query`; PostGIS ``ST_Intersects`` on
PostgreSQL), and the two id sets are compared.

PostgreSQL runs on a throwaway cluster (``tests/store/pg_cluster.py``), started here
and stopped at the end; without the server binaries that engine is skipped.
"""

from __future__ import annotations

import contextlib
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lib.data.paths import GEODATA_DIR
from lib.tools.bench.apptest import APP, DEFAULT_PAGE, AppRun, run_apptest

#: The bounding box (west, south, east, north) of a 1,024 × 768 px map at zoom 9
#: centred on 36.2° N 45.3° E (Qandil, between Erbil and Sulaymaniyah).
VIEW_BBOX: tuple[float, float, float, float] = (43.9, 35.4, 46.7, 37.0)


@dataclass
class ViewSelection:
    """Selecting the events of one map view: pandas on the catalog vs SQL on the store."""

    kept: int = 0
    pandas_s: list[float] = field(default_factory=list)
    sql_s: list[float] = field(default_factory=list)
    same_ids: bool = False


@dataclass
class StoreRun:
    """One engine at one event count."""

    engine: str
    n: int
    records: int = 0
    seed_s: float = 0.0
    revision_s: float = 0.0
    seed_revision_s: float = 0.0
    page: AppRun | None = None
    view: ViewSelection = field(default_factory=ViewSelection)
    skipped: str = ""


def _median_time(fn: Callable[[], object], repeats: int) -> tuple[list[float], object]:
    samples, value = [], None
    for _ in range(max(1, repeats)):
        t = time.perf_counter()
        value = fn()
        samples.append(time.perf_counter() - t)
    return samples, value


def seed_folder(n: int, dest: Path, seed: int = 7) -> Path:
    """A ``geodata/``-style folder: the seed plus ``n`` synthetic events in ``events.csv``.

    ``curated/`` is copied (``events.csv`` extended); every other folder is linked.
    """
    from lib.data.catalog import load_catalog
    from lib.tools.synthetic import events_csv, synthetic_events

    dest.mkdir(parents=True, exist_ok=True)
    for sub in GEODATA_DIR.iterdir():
        if sub.is_dir() and sub.name != "curated":
            (dest / sub.name).symlink_to(sub.resolve(), target_is_directory=True)
    shutil.copytree(GEODATA_DIR / "curated", dest / "curated")
    if n:
        events = synthetic_events(load_catalog(), n, seed=seed)
        rows = events_csv(events).split("\n", 1)[1]
        path = dest / "curated" / "events.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + rows, encoding="utf-8")
    return dest


@contextlib.contextmanager
def engines(folder: Path, skip_postgres: bool = False) -> Iterator[dict[str, str | None]]:
    """URLs of empty databases: a SQLite file under ``folder`` and, if possible, PostgreSQL.

    The PostgreSQL value is None (with the reason under ``postgresql-skipped``) when
    the server binaries are missing; the cluster is stopped on leaving.
    """
    urls: dict[str, str | None] = {"sqlite": f"sqlite:///{folder / 'store.sqlite'}"}
    cluster = None
    try:
        from tests.store.pg_cluster import Cluster, find_bin

        bin_dir = None if skip_postgres else find_bin()
        if bin_dir is None:
            urls["postgresql"] = None
            urls["postgresql-skipped"] = "PostgreSQL server binaries not found"
        else:
            cluster = Cluster(bin_dir)
            cluster.start()
            urls["postgresql"] = cluster.create_database("zb_bench")
        yield urls
    finally:
        if cluster is not None:
            cluster.stop()


def _revision_time(store, root: Path, layers) -> tuple[float, object]:
    from lib.store.catalog_source import load_store_catalog, materialise

    t = time.perf_counter()
    _, rev_folder = materialise(store, GEODATA_DIR, root)
    catalog = load_store_catalog(rev_folder, layers)
    return time.perf_counter() - t, catalog


def select_view(catalog, store, repeats: int = 3) -> ViewSelection:
    """The events of :data:`VIEW_BBOX` under the benchmark's filters, in pandas and in SQL."""
    from lib.model.filters import default_filters, filter_events
    from lib.tools.bench.scaling import realistic_filters

    events = catalog.curated.events
    filters = realistic_filters(default_filters(catalog.curated.groups, events))
    west, south, east, north = VIEW_BBOX

    def pandas_path():
        kept = filter_events(events, filters)
        inside = kept["lat"].between(south, north) & kept["lon"].between(west, east)
        return set(kept.loc[inside, "event_id"])

    def sql_path():
        found = store.query(
            "event",
            groups=filters.groups,
            date_from=filters.date_from,
            date_to=filters.date_to,
            min_confidence=filters.min_confidence,
            bbox=VIEW_BBOX,
        )
        return {r.record_id for r in found}

    view = ViewSelection()
    view.pandas_s, by_pandas = _median_time(pandas_path, repeats)
    view.sql_s, by_sql = _median_time(sql_path, repeats)
    view.kept = len(by_pandas)  # type: ignore[arg-type]
    view.same_ids = by_pandas == by_sql
    return view


def measure_store_scale(
    n: int,
    *,
    cold_repeats: int = 3,
    repeats: int = 3,
    skip_postgres: bool = False,
    page: bool = True,
    log: Callable[[str], None] = lambda _m: None,
) -> list[StoreRun]:
    """Seed a store per engine with the seed plus ``n`` synthetic events and measure it.

    Parameters
    ----------
    n : int
        Synthetic events added to the seed's.
    cold_repeats : int
        Cold starts of the map page per engine.
    repeats : int
        Samples of each view selection (median reported).
    skip_postgres : bool
        Measure SQLite only.
    page : bool
        Run the map page under AppTest (False: seeding, revision and selection only).
    log : callable
        Progress messages.

    Returns
    -------
    list of StoreRun
        SQLite first, then PostgreSQL (``skipped`` says why when it was not measured).
    """
    from lib.store import Store
    from lib.store.catalog_source import CACHE_ENV_VAR, load_file_layers
    from lib.store.config import ENV_VAR

    layers = load_file_layers(GEODATA_DIR)
    runs = []
    with tempfile.TemporaryDirectory(prefix="zb-store-scale-") as tmp:
        work = Path(tmp)
        folder = seed_folder(n, work / "geodata")
        with engines(work, skip_postgres) as urls:
            for engine in ("sqlite", "postgresql"):
                run = StoreRun(engine, n)
                runs.append(run)
                url = urls.get(engine)
                if url is None:
                    run.skipped = str(urls.get(f"{engine}-skipped") or "skipped")
                    continue
                log(f"store {engine}: seeding with {n:,} synthetic events")
                store = Store(url)
                try:
                    t = time.perf_counter()
                    run.records = store.init(folder, who="benchmark", why="store-scale seed")
                    run.seed_s = time.perf_counter() - t
                    cache = work / f"cache-{engine}"
                    run.revision_s, catalog = _revision_time(store, cache, layers)
                    log(f"store {engine}: view selection")
                    run.view = select_view(catalog, store, repeats)
                    if page:
                        log(f"store {engine}: map page")
                        env = {ENV_VAR: url, CACHE_ENV_VAR: str(cache)}
                        label = f"{DEFAULT_PAGE} · {engine}"
                        run.page = run_apptest(
                            APP,
                            DEFAULT_PAGE,
                            cold_repeats=cold_repeats,
                            default_route=True,
                            label=label,
                            env=env,
                        )
                finally:
                    store.close()
        if runs and not runs[0].skipped:
            runs[0].seed_revision_s = seed_revision_time(work, layers)
    return runs


def seed_revision_time(work: Path, layers) -> float:
    """Materialise + load of a SQLite store holding only the seed (the 5 s promise's size)."""
    from lib.store import Store

    store = Store(f"sqlite:///{work / 'seed-only.sqlite'}")
    try:
        store.init(GEODATA_DIR, who="benchmark", why="seed-size revision")
        seconds, _ = _revision_time(store, work / "cache-seed", layers)
    finally:
        store.close()
    return seconds


def median(samples: list[float]) -> float:
    """Median of samples (0 when there are none)."""
    return statistics.median(samples) if samples else 0.0


def store_budgets(runs: list[StoreRun]) -> list:
    """Warm rerun ≤ 0.2 × cold start per engine; SQL and pandas select the same events."""
    from lib.tools.bench.budgets import WARM_VS_COLD_MAX, Budget

    budgets = []
    for run in runs:
        name = f"{run.engine}, {run.n:,} events"
        if run.skipped:
            budgets.append(Budget(f"store {name}", "measured", run.skipped, "SKIP"))
            continue
        if run.page is not None:
            ratio = run.page.warm / run.page.cold
            budgets.append(
                Budget(
                    f"warm/cold map page, {name}",
                    f"warm rerun ≤ {WARM_VS_COLD_MAX:g} × cold start",
                    f"{run.page.warm:.3f} / {run.page.cold:.3f} s = {ratio:.3f}",
                    "PASS" if ratio <= WARM_VS_COLD_MAX else "FAIL",
                )
            )
        budgets.append(
            Budget(
                f"SQL = pandas view, {name}",
                "the SQL query selects exactly the event ids pandas does",
                f"{run.view.kept:,} events; " + ("same ids" if run.view.same_ids else "ids differ"),
                "PASS" if run.view.same_ids else "FAIL",
            )
        )
    return budgets


def render_store_scale(runs: list[StoreRun], seed_page: AppRun | None) -> list[str]:
    """The report's store section: one row per engine beside the seed-data row."""
    if not runs:
        return []
    n = runs[0].n
    out = [
        "",
        f"## Store at scale: the map page with {n:,} synthetic events",
        "",
        "Seeded from `geodata/` plus the synthetic events in one import transaction "
        "(`Store.init`). New revision: `materialise` + `load_store_catalog` (file layers "
        "already loaded, as the app keeps them). The page runs with `ZAGROS_BRIEF_DB` naming "
        "the store, its revision folder already materialised; cold and warm as above. The "
        "seed-data row is the map page of this run on the default store.",
        "",
        "| store | records | seed s | new revision s | cold s (n) | warm s | warm/cold | "
        "map HTML bytes | filter change drawn |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    if seed_page is not None:
        out.append(
            f"| seed data (default store) | — | — | {runs[0].seed_revision_s:.3f} | "
            f"{seed_page.cold:.3f} ({len(seed_page.cold_s)}) | {seed_page.warm:.3f} | "
            f"{seed_page.warm / seed_page.cold:.3f} | {seed_page.bytes:,} | "
            f"{'yes' if seed_page.filter_applied else 'no'} |"
        )
    for r in runs:
        if r.skipped:
            out.append(f"| {r.engine} | {r.skipped} | | | | | | | |")
            continue
        p = r.page
        page_cells = (
            f"{p.cold:.3f} ({len(p.cold_s)}) | {p.warm:.3f} | {p.warm / p.cold:.3f} | "
            f"{p.bytes:,} | {'yes' if p.filter_applied else 'no'}"
            if p is not None
            else "— | — | — | — | —"
        )
        out.append(
            f"| {r.engine}, seed + {r.n:,} | {r.records:,} | {r.seed_s:.3f} | "
            f"{r.revision_s:.3f} | {page_cells} |"
        )
    west, south, east, north = VIEW_BBOX
    out += [
        "",
        "Seed-size new revision (SQLite, the seed only): "
        f"{runs[0].seed_revision_s:.3f} s — the 5 s promise is made at the seed size; at "
        f"{n:,} events the figure above is reported, not budgeted.",
        "",
        f"Selecting one view's events (groups minus PJAK, 2023–2025, medium and up, box "
        f"{west}…{east} E, {south}…{north} N — zoom 9 over the Kurdistan Region): pandas on "
        "the loaded catalog (`filter_events` + box mask) vs `Store.query` in SQL (PostGIS "
        f"`ST_Intersects` on PostgreSQL). Medians of {len(runs[0].view.pandas_s)}.",
        "",
        "| store | events in view | pandas ms | SQL ms | SQL / pandas | same ids |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        if r.skipped:
            continue
        pandas_ms, sql_ms = median(r.view.pandas_s) * 1e3, median(r.view.sql_s) * 1e3
        out.append(
            f"| {r.engine}, seed + {r.n:,} | {r.view.kept:,} | {pandas_ms:,.1f} | "
            f"{sql_ms:,.1f} | {sql_ms / pandas_ms:.2f} | "
            f"{'yes' if r.view.same_ids else 'NO'} |"
        )
    return out
