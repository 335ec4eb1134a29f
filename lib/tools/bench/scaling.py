"""Filter, build and render the main map with growing numbers of synthetic events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

DEFAULT_SIZES: tuple[int, ...] = (100, 1_000, 10_000, 100_000)
QUICK_SIZES: tuple[int, ...] = (100, 1_000)

#: Give up repeating a measurement once its samples took this long (at least one is taken).
_REPEAT_BUDGET_S = 60.0


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
