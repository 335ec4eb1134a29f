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
* **Budgets** — checked and printed as PASS / FAIL / SKIP; the exit code is
  1 when one fails (everything is still printed).

Small measurements are repeated and the median reported; times come from
:func:`time.perf_counter`. This is the one ``lib`` module that drives
Streamlit, and only through AppTest in child processes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from lib.data import raw_sources
from lib.data.paths import PROJECT_ROOT, RAW_DIR

APP = PROJECT_ROOT / "app.py"
DEFAULT_SIZES: tuple[int, ...] = (100, 1_000, 10_000, 100_000)
QUICK_SIZES: tuple[int, ...] = (100, 1_000)
#: The page a session opens on (``default=True`` in ``app.py``).
DEFAULT_PAGE = "pages/map.py"
#: Group selections the warm reruns switch between (each run is a real change).
WARM_SELECTIONS: tuple[tuple[str, ...], ...] = (("Komala",), ("KDPI", "PAK"), ("PJAK",))
#: Raw layers the alternative draws at full resolution, as read from ``geodata/raw``.
ALTERNATIVE_LAYERS: tuple[tuple[str, str], ...] = (
    (raw_sources.OSM_COUNTRIES, "OSM countries"),
    (raw_sources.OCHA_GOVERNORATES, "OCHA governorates"),
    (raw_sources.OSM_IRAN_PROVINCES, "Iran provinces"),
    (raw_sources.OSM_BOUNDARY, "OSM border"),
)
PACKAGES: tuple[str, ...] = (
    "streamlit",
    "streamlit-folium",
    "folium",
    "branca",
    "geopandas",
    "shapely",
    "pandas",
    "numpy",
    "pyogrio",
)
_MARK = "@@ZB-BENCH@@"
#: Give up repeating a measurement once its samples took this long (at least one is taken).
_REPEAT_BUDGET_S = 60.0
# Budget limits (see :func:`check_budgets`).
BYTES_VS_ALTERNATIVE_MAX = 0.25
WARM_VS_COLD_MAX = 0.2
BYTES_GROWTH_MAX = 2.0
PER_EVENT_GROWTH_MAX = 1.5

# --- child process: one cold start and warm reruns under AppTest -----------------
# Runs with ``python -c``; the clock starts before Streamlit is imported.
_APPTEST_SNIPPET = r"""
import time
_t0 = time.perf_counter()
import json, sys
from streamlit.testing.v1 import AppTest

spec = json.loads(sys.argv[1])


def map_bytes(at):
    total, count = 0, 0
    for c in at.get("component_instance"):
        if "st_folium" in c.proto.component_name:
            args = json.loads(c.proto.json_args)
            total += sum(len((args.get(k) or "").encode("utf-8")) for k in ("script", "html", "header"))
            count += 1
    return total, count


def errors(at):
    return [str(e.value)[:300] for e in at.exception]


at = AppTest.from_file(spec["script"], default_timeout=spec["timeout"])
page_hash = None
if spec["page"]:
    at.switch_page(spec["page"])
    page_hash = at._page_hash
at.run()
cold = time.perf_counter() - _t0
nbytes, nmaps = map_bytes(at)
result = {"cold_s": cold, "bytes": nbytes, "maps": nmaps, "errors": errors(at), "warm_s": [],
          "applied": []}
for selection in spec["warm"]:
    try:
        at.multiselect(key=spec["widget"]).set_value(list(selection))
    except KeyError:
        pass
    if spec["default_route"]:
        # tests/apptest_utils.rerun: ask for the default page again, as the browser does.
        at._page_hash = ""
        at._finished_page_script_hash = ""
    elif page_hash is not None:
        at._page_hash = page_hash
    t = time.perf_counter()
    at.run()
    result["warm_s"].append(time.perf_counter() - t)
    result["errors"] += errors(at)
    try:
        got = at.session_state[spec["state"]]
        got = sorted(getattr(got, "groups", got))
    except KeyError:
        got = None
    result["applied"].append(got == sorted(selection))
print(spec["mark"] + json.dumps(result))
"""


@dataclass
class AppRun:
    """Cold start and warm reruns of one page (or the alternative).

    Attributes
    ----------
    label : str
        Page file or ``alternative``.
    cold_s : list of float
        Cold starts, seconds (one fresh process each).
    warm_s : list of float
        Warm reruns after a filter change, seconds.
    bytes : int
        Map HTML bytes at the default view (all maps of the page).
    maps : int
        Number of ``st_folium`` maps on the page.
    filter_applied : bool
        Whether every warm rerun drew the new filter (AppTest can only
        deliver a widget change on the default page; see the README).
    errors : list of str
        Exceptions the page raised (should be empty).
    """

    label: str
    cold_s: list[float] = field(default_factory=list)
    warm_s: list[float] = field(default_factory=list)
    bytes: int = 0
    maps: int = 0
    filter_applied: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def cold(self) -> float:
        """Median cold start, seconds."""
        return statistics.median(self.cold_s)

    @property
    def warm(self) -> float:
        """Median warm rerun, seconds."""
        return statistics.median(self.warm_s)


def run_apptest(
    script: Path,
    page: str | None,
    *,
    cold_repeats: int = 3,
    warm_selections: Sequence[tuple[str, ...]] = WARM_SELECTIONS,
    widget: str = "zb_groups",
    state: str = "zb_filters",
    default_route: bool = False,
    label: str | None = None,
    timeout: float = 300.0,
) -> AppRun:
    """Time cold starts (fresh processes) and warm reruns of a Streamlit script.

    Parameters
    ----------
    script : pathlib.Path
        The entry script (``app.py`` or the generated alternative).
    page : str or None
        Page to open, relative to the script (``pages/map.py``); None for a
        single-page script.
    cold_repeats : int
        Fresh processes to start; the warm reruns are taken in the first.
    warm_selections : sequence of tuple of str
        Values given to the filter widget before each warm rerun.
    widget : str
        Key of the multiselect that filters by group.
    state : str
        Session-state key read back to tell whether the filter took effect.
    default_route : bool
        Rerun by asking for the default page (``tests/apptest_utils.rerun``).
    label : str, optional
        Name in the report (default: ``page``).
    timeout : float
        AppTest's timeout per run, seconds.

    Returns
    -------
    AppRun
        The samples.

    Raises
    ------
    RuntimeError
        If a child process fails or prints no result.
    """
    run = AppRun(label or page or script.name)
    for i in range(max(1, cold_repeats)):
        spec = {
            "script": str(script),
            "page": page,
            "warm": [list(s) for s in warm_selections] if i == 0 else [],
            "widget": widget,
            "state": state,
            "default_route": default_route,
            "timeout": timeout,
            "mark": _MARK,
        }
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
        proc = subprocess.run(
            [sys.executable, "-c", _APPTEST_SNIPPET, json.dumps(spec)],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout * (2 + len(warm_selections)),
            check=False,
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith(_MARK)]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(
                f"benchmark child for {run.label} failed (exit {proc.returncode}):\n"
                + proc.stderr[-3000:]
            )
        result = json.loads(lines[-1][len(_MARK) :])
        run.cold_s.append(result["cold_s"])
        run.errors += result["errors"]
        if i == 0:
            run.warm_s = result["warm_s"]
            run.bytes, run.maps = result["bytes"], result["maps"]
            run.filter_applied = bool(result["applied"]) and all(result["applied"])
    return run


def app_pages(app: Path = APP) -> list[str]:
    """The page files ``app.py`` registers with ``st.Page``, in menu order."""
    return re.findall(r"st\.Page\(\s*\"(pages/[^\"]+\.py)\"", app.read_text(encoding="utf-8"))


# --- the obvious alternative -------------------------------------------------------
_ALTERNATIVE_TEMPLATE = '''\
"""The obvious alternative: raw layers via GeoDataFrame.explore(), one Marker per point."""

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

RAW = {raw!r}
CURATED = {curated!r}
LAYERS = {layers!r}

groups = st.sidebar.multiselect(
    "Groups", ["KDPI", "Komala", "PJAK", "PAK", "unclear", "none"],
    default=["KDPI", "Komala", "PJAK", "PAK", "unclear", "none"], key="groups",
)
st.session_state["selected_groups"] = list(groups)
m = None
for file, name in LAYERS:
    frame = gpd.read_file(RAW + "/" + file)
    m = frame.explore(m=m, name=name, style_kwds={{"fillOpacity": 0.1}})
sites = pd.read_csv(CURATED + "/sites.csv")
sites = sites[sites["group"].isin(groups)]
crossings = pd.read_csv(CURATED + "/crossings.csv").dropna(subset=["lat", "lon"])
events = pd.read_csv(CURATED + "/events.csv", keep_default_na=False)
events = events[events["lat"].astype(str) != ""]  # events no source places
events = events[
    events["groups"].map(
        lambda g: any(x in groups for x in g.split(";")) if g else "none" in groups
    )
]
for frame, title in ((sites, "name"), (crossings, "name"), (events, "title")):
    for row in frame.to_dict("records"):
        popup = "<br>".join(f"<b>{{k}}</b>: {{v}}" for k, v in row.items())
        folium.Marker([row["lat"], row["lon"]], tooltip=row[title], popup=popup).add_to(m)
folium.LayerControl().add_to(m)
st.title("Iraq-Iran border")
st_folium(m, height=560, use_container_width=True)
'''


def write_alternative(folder: Path, raw_dir: Path = RAW_DIR) -> Path:
    """Write the alternative Streamlit script into ``folder``.

    Parameters
    ----------
    folder : pathlib.Path
        Where to write ``alternative_app.py``.
    raw_dir : pathlib.Path
        The ``geodata/raw`` folder (its ``curated`` sibling holds the CSVs).

    Returns
    -------
    pathlib.Path
        The script.
    """
    script = folder / "alternative_app.py"
    script.write_text(
        _ALTERNATIVE_TEMPLATE.format(
            raw=str(raw_dir),
            curated=str(raw_dir.parent / "curated"),
            layers=ALTERNATIVE_LAYERS,
        ),
        encoding="utf-8",
    )
    return script


# --- scaling ---------------------------------------------------------------------
@dataclass
class ScalePoint:
    """Filter, build and render figures at one synthetic event count.

    Attributes
    ----------
    n : int
        Synthetic events in the catalog.
    kept : int
        Events the filter keeps.
    filter_s, build_s, render_s : list of float
        Samples, seconds.
    bytes : int
        Map HTML bytes (``len(fmap.get_root().render())``, characters).
    drawn : int
        Events the map reports as drawn.
    """

    n: int
    kept: int = 0
    filter_s: list[float] = field(default_factory=list)
    build_s: list[float] = field(default_factory=list)
    render_s: list[float] = field(default_factory=list)
    bytes: int = 0
    drawn: int = 0

    @property
    def filter_build(self) -> float:
        """Median filter time plus median build time, seconds."""
        return statistics.median(self.filter_s) + statistics.median(self.build_s)


def _repeat(fn: Callable[[], object], repeats: int) -> tuple[list[float], object]:
    """Time ``fn`` up to ``repeats`` times (fewer once the samples pass the budget)."""
    samples: list[float] = []
    value: object = None
    while len(samples) < repeats:
        t = time.perf_counter()
        value = fn()
        samples.append(time.perf_counter() - t)
        if sum(samples) > _REPEAT_BUDGET_S:
            break
    return samples, value


def realistic_filters(defaults: object) -> object:
    """A filter a reader would set: four groups, 2023–2025, medium confidence and up.

    Parameters
    ----------
    defaults : lib.model.filters.Filters
        The show-everything filters (their groups are kept, PJAK dropped).

    Returns
    -------
    lib.model.filters.Filters
        The selection.
    """
    return dataclasses.replace(
        defaults,
        groups=frozenset(defaults.groups) - {"PJAK"},
        date_from=dt.date(2023, 1, 1),
        date_to=dt.date(2025, 12, 31),
        min_confidence="medium",
    )


def measure_scaling(
    sizes: Sequence[int], repeats: int = 3, seed: int = 7
) -> tuple[list[ScalePoint], float]:
    """Filter, build and render the main map with synthetic events at each size.

    Parameters
    ----------
    sizes : sequence of int
        Event counts.
    repeats : int
        Samples per measurement (median reported).
    seed : int
        Seed of the synthetic events.

    Returns
    -------
    tuple
        One :class:`ScalePoint` per size, and the catalog load time (s).
    """
    from lib.data.catalog import load_catalog
    from lib.maps.main_map import build_main_map
    from lib.model.filters import default_filters, filter_events
    from lib.tools.synthetic import synthetic_events

    t = time.perf_counter()
    catalog = load_catalog()
    load_s = time.perf_counter() - t
    points = []
    for n in sizes:
        events = synthetic_events(catalog, n, seed=seed)
        cat = dataclasses.replace(
            catalog, curated=dataclasses.replace(catalog.curated, events=events)
        )
        filters = realistic_filters(default_filters(cat.curated.groups, cat.curated.events))
        point = ScalePoint(n)
        point.filter_s, kept = _repeat(lambda e=events, f=filters: filter_events(e, f), repeats)
        point.kept = len(kept)  # type: ignore[arg-type]
        point.build_s, built = _repeat(lambda c=cat, f=filters: build_main_map(c, f), repeats)
        fmap, contents = built  # type: ignore[misc]
        point.drawn = int(contents.counts["events"])
        point.render_s, html = _repeat(lambda m=fmap: m.get_root().render(), repeats)
        point.bytes = len(html)  # type: ignore[arg-type]
        points.append(point)
    return points, load_s


# --- report ----------------------------------------------------------------------
@dataclass
class Budget:
    """One budget: what is compared, the figure, the limit and the verdict."""

    name: str
    rule: str
    measured: str
    status: str  # PASS, FAIL or SKIP


def check_budgets(
    pages: Sequence[AppRun], alternative: AppRun | None, scaling: Sequence[ScalePoint]
) -> list[Budget]:
    """Check the budgets against the measurements.

    Rules
    -----
    * Default-view map HTML of the map page ≤ 1/4 of the alternative's.
    * Warm rerun ≤ 1/5 of the cold start, for every page measured.
    * Map bytes at 100,000 events ≤ 2 × map bytes at 1,000 events (overview view).
    * Filter + build time grows no faster than linearly: time per event at the
      largest size ≤ 1.5 × time per event at the next size down (so
      ``t(100k) / t(10k) ≤ 15``). The log-log slope is printed as well.

    Parameters
    ----------
    pages : sequence of AppRun
        Page measurements.
    alternative : AppRun or None
        The alternative, if measured.
    scaling : sequence of ScalePoint
        Scaling measurements, by increasing size.

    Returns
    -------
    list of Budget
        One entry per budget; SKIP when the run did not measure what it needs.
    """
    budgets = []
    ours = next((p for p in pages if p.label == DEFAULT_PAGE), None)
    rule = f"map page's map HTML ≤ {BYTES_VS_ALTERNATIVE_MAX:g} × the alternative's"
    if ours and alternative and alternative.bytes:
        ratio = ours.bytes / alternative.bytes
        budgets.append(
            Budget(
                "map HTML vs alternative",
                rule,
                f"{ours.bytes:,} / {alternative.bytes:,} B = {ratio:.3f}",
                "PASS" if ratio <= BYTES_VS_ALTERNATIVE_MAX else "FAIL",
            )
        )
    else:
        budgets.append(Budget("map HTML vs alternative", rule, "not measured", "SKIP"))
    for page in pages:
        ratio = page.warm / page.cold
        budgets.append(
            Budget(
                f"warm/cold {page.label}",
                f"warm rerun ≤ {WARM_VS_COLD_MAX:g} × cold start",
                f"{page.warm:.3f} / {page.cold:.3f} s = {ratio:.3f}",
                "PASS" if ratio <= WARM_VS_COLD_MAX else "FAIL",
            )
        )
    by_n = {p.n: p for p in scaling}
    rule = f"map bytes at 100,000 events ≤ {BYTES_GROWTH_MAX:g} × at 1,000"
    if 100_000 in by_n and 1_000 in by_n:
        ratio = by_n[100_000].bytes / by_n[1_000].bytes
        budgets.append(
            Budget(
                "map bytes at 100k",
                rule,
                f"{by_n[100_000].bytes:,} / {by_n[1_000].bytes:,} = {ratio:.2f}",
                "PASS" if ratio <= BYTES_GROWTH_MAX else "FAIL",
            )
        )
    else:
        budgets.append(Budget("map bytes at 100k", rule, "100k or 1k not measured", "SKIP"))
    rule = (
        f"(filter+build)/event at the largest size ≤ {PER_EVENT_GROWTH_MAX:g} × "
        "at the next size down"
    )
    if len(scaling) >= 2:
        small, large = scaling[-2], scaling[-1]
        per_small = small.filter_build / small.n
        per_large = large.filter_build / large.n
        ratio = per_large / per_small
        slope = _slope(small, large)
        budgets.append(
            Budget(
                "linear growth",
                rule,
                f"{per_large * 1e6:.1f} vs {per_small * 1e6:.1f} µs/event "
                f"({large.n:,} vs {small.n:,}) = {ratio:.2f}; log-log slope {slope:.2f}",
                "PASS" if ratio <= PER_EVENT_GROWTH_MAX else "FAIL",
            )
        )
    else:
        budgets.append(Budget("linear growth", rule, "fewer than two sizes", "SKIP"))
    return budgets


def _slope(small: ScalePoint, large: ScalePoint) -> float:
    import math

    return math.log(large.filter_build / small.filter_build) / math.log(large.n / small.n)


def environment() -> dict[str, str]:
    """The machine and software the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": ", ".join(versions),
        "commit": commit or "unknown",
    }


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f}"


def _s(seconds: float) -> str:
    return f"{seconds:.3f}"


def render_report(
    env: dict[str, str],
    pages: Sequence[AppRun],
    alternative: AppRun | None,
    scaling: Sequence[ScalePoint],
    load_s: float,
    budgets: Sequence[Budget],
    command: str,
) -> str:
    """The Markdown report: environment, pages, alternative, scaling, budgets."""
    out = ["# Zagros Brief benchmark", "", f"`{command}`", "", "## Environment", ""]
    out += [f"- **{k}**: {v}" for k, v in env.items()]
    out += [
        "",
        "## Pages: cold start, warm rerun, map HTML",
        "",
        "Cold: fresh process, `AppTest.from_file(app.py)`, `switch_page`, first `run()` "
        "(imports, data loading, empty Streamlit caches); median of the processes. "
        "Warm: same session, group filter changed, `run()`; median of "
        f"{len(WARM_SELECTIONS)} changes. Bytes: script + html + header of every st_folium map.",
        "",
        "| page | cold s (n) | warm s | warm/cold | maps | map HTML bytes | filter change drawn |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for p in pages:
        out.append(
            f"| {p.label} | {_s(p.cold)} ({len(p.cold_s)}) | {_s(p.warm)} | "
            f"{p.warm / p.cold:.3f} | {p.maps} | {p.bytes:,} | "
            f"{'yes' if p.filter_applied else 'no (AppTest: same-page rerun)'} |"
        )
    out += ["", "## Against the obvious alternative", ""]
    ours = next((p for p in pages if p.label == DEFAULT_PAGE), None)
    if alternative and ours:
        out += [
            "The alternative: the raw OSM border, OSM countries, OCHA governorates and Iran "
            "provinces at full resolution via `GeoDataFrame.explore()`, one `folium.Marker` "
            "with a popup per site, crossing and event, rebuilt on every rerun.",
            "",
            "| figure | ours (map page) | alternative | ours / alternative |",
            "|---|---:|---:|---:|",
            f"| cold start s | {_s(ours.cold)} | {_s(alternative.cold)} | "
            f"{ours.cold / alternative.cold:.3f} |",
            f"| warm rerun s | {_s(ours.warm)} | {_s(alternative.warm)} | "
            f"{ours.warm / alternative.warm:.3f} |",
            f"| warm/cold | {ours.warm / ours.cold:.3f} | "
            f"{alternative.warm / alternative.cold:.3f} | — |",
            f"| map HTML bytes | {ours.bytes:,} | {alternative.bytes:,} | "
            f"{ours.bytes / alternative.bytes:.3f} |",
        ]
    else:
        out.append("Not measured.")
    out += [
        "",
        "## Scaling with synthetic events (overview zoom, default view)",
        "",
        f"Catalog load {_s(load_s)} s. Filter: groups minus PJAK, 2023-01-01…2025-12-31, "
        "medium confidence and up. Build: `build_main_map` (filters again inside). "
        "Medians of up to 3 samples.",
        "",
        "| events | kept by filter | drawn | filter ms | build ms | render ms | map bytes | "
        "(filter+build) µs/event |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in scaling:
        out.append(
            f"| {p.n:,} | {p.kept:,} | {p.drawn:,} | {_ms(statistics.median(p.filter_s))} | "
            f"{_ms(statistics.median(p.build_s))} | {_ms(statistics.median(p.render_s))} | "
            f"{p.bytes:,} | {p.filter_build / p.n * 1e6:,.1f} |"
        )
    out += ["", "## Budgets", "", "| budget | rule | measured | result |", "|---|---|---|---|"]
    out += [f"| {b.name} | {b.rule} | {b.measured} | **{b.status}** |" for b in budgets]
    errors = [
        f"{p.label}: {e}"
        for p in [*pages, *([alternative] if alternative else [])]
        for e in p.errors
    ]
    if errors:
        out += ["", "## Page errors", "", *[f"- {e}" for e in errors]]
    return "\n".join(out) + "\n"


def _parse_sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()}))
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 100,1000")
    return sizes


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
    report = render_report(env, runs, alternative, scaling, load_s, budgets, command.strip())
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
    return 1 if any(b.status == "FAIL" for b in budgets) else 0


if __name__ == "__main__":
    sys.exit(main())
