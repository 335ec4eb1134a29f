"""The budgets the measurements must keep, each PASS, FAIL or SKIP."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lib.tools.bench.apptest import DEFAULT_PAGE, AppRun
from lib.tools.bench.browser import LoadRun, TargetRun
from lib.tools.bench.scaling import ScalePoint

# Budget limits (see :func:`check_budgets`).
BYTES_VS_ALTERNATIVE_MAX = 0.25
WARM_VS_COLD_MAX = 0.2
BYTES_GROWTH_MAX = 2.0
PER_EVENT_GROWTH_MAX = 1.5


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


# Browser budgets (``--browser``; see :func:`browser_budgets`).
WARM_VS_MINIMAL_MAX = 1.25
COLD_VS_MINIMAL_MAX = 1.5
LOAD_VS_SINGLE_MAX = 3.0


def ratio_budget(
    name: str, rule: str, measured: float | None, floor: float | None, limit: float
) -> Budget:
    """``measured / floor ≤ limit`` as a :class:`Budget` (SKIP when either is missing).

    Parameters
    ----------
    name, rule : str
        What is compared, and the rule in words.
    measured, floor : float or None
        The figure and what it is compared with (seconds).
    limit : float
        The largest ratio that passes.

    Returns
    -------
    Budget
        PASS, FAIL, or SKIP when a figure was not measured (a page that never drew
        is a FAIL: its figure is missing while the floor's is not).
    """
    if floor is None or floor <= 0:
        return Budget(name, rule, "floor not measured", "SKIP")
    if measured is None:
        return Budget(name, rule, "never drawn", "FAIL")
    ratio = measured / floor
    return Budget(
        name,
        rule,
        f"{measured:.2f} / {floor:.2f} s = {ratio:.2f}",
        "PASS" if ratio <= limit else "FAIL",
    )


def browser_budgets(runs: Sequence[TargetRun], load: LoadRun | None) -> list[Budget]:
    """Time to a drawn map against the minimal app, and under load.

    Rules
    -----
    * Warm (median): every page ≤ 1.25 × the minimal app's warm median.
    * Cold (median of fresh servers): every page ≤ 1.5 × the minimal app's.
    * Under load: the median of N concurrent sessions ≤ 3 × one session alone, and
      no session failed or showed an error.

    Parameters
    ----------
    runs : sequence of TargetRun
        The browser part's targets; the one labelled ``minimal`` is the floor.
    load : LoadRun or None
        The load run, if measured.

    Returns
    -------
    list of Budget
        Two per page (warm, cold) and one for the load run (SKIP when not run).
    """
    floor = next((r for r in runs if r.target.label == "minimal"), None)
    budgets = []
    for run in runs:
        if run.target.server == "minimal":  # the floor, and its reference rows: no budget
            continue
        for kind, limit, measured, base in (
            ("warm", WARM_VS_MINIMAL_MAX, run.warm_s, floor.warm_s if floor else None),
            ("cold", COLD_VS_MINIMAL_MAX, run.cold_s, floor.cold_s if floor else None),
        ):
            if not (run.warm if kind == "warm" else run.cold):
                budgets.append(Budget(f"drawn {kind} {run.target.label}", "", "not run", "SKIP"))
                continue
            budgets.append(
                ratio_budget(
                    f"drawn {kind} {run.target.label}",
                    f"{kind} time to a drawn map ≤ {limit:g} × the minimal app's",
                    measured,
                    base,
                    limit,
                )
            )
    rule = f"median of N sessions ≤ {LOAD_VS_SINGLE_MAX:g} × one session; no error"
    if load is None:
        budgets.append(Budget("under load", rule, "not run", "SKIP"))
    else:
        verdict = ratio_budget("under load", rule, load.median_s, load.single_s, LOAD_VS_SINGLE_MAX)
        failed = load.sessions - load.served
        verdict.measured += (
            f"; {load.sessions} sessions, {failed} failed, {len(load.errors)} errors"
        )
        if (failed or load.errors) and verdict.status != "SKIP":
            verdict.status = "FAIL"
        budgets.append(verdict)
    return budgets
