"""The budgets the measurements must keep, each PASS, FAIL or SKIP."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lib.tools.bench.apptest import DEFAULT_PAGE, AppRun
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
