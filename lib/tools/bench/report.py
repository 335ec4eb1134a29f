"""The Markdown report: environment, pages, alternative, scaling, budgets."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from lib.data.paths import PROJECT_ROOT
from lib.tools.bench.apptest import DEFAULT_PAGE, WARM_SELECTIONS, AppRun
from lib.tools.bench.budgets import Budget
from lib.tools.bench.scaling import ScalePoint

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
    extra: Sequence[str] = (),
) -> str:
    """The Markdown report: environment, pages, alternative, scaling, budgets.

    ``extra``: lines (a section of their own, e.g. the store at scale) put before the
    budgets.
    """
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
    out += list(extra)
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
