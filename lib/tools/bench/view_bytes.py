"""Map bytes and render time by zoom over the Kurdistan Region: detail bounded by the view.

For each centre (:data:`CENTRES`) and zoom 5–12, the main map of the show-everything
selection is drawn at that view (:func:`lib.maps.main_map.draw_main_map`, as the map
page draws it) and rendered (``fmap.get_root().render()``, UTF-8 bytes). Three ways of
sending the boundary layers are measured side by side in one run:

* ``country`` — every feature whole, the whole country at the zoom's level of detail
  (the behaviour before issue 16);
* ``cut`` — cut to the view's window (:func:`lib.model.map_view.view_window`: a full-HD
  screen plus half a screen on every side), not simplified, 5 decimals at detail;
* ``cut+simplify`` — cut and simplified to half a pixel, decimals to match (the app's).

The budget: ``cut+simplify`` (the app) ≤ :data:`VIEW_BYTES_MAX` at every zoom and
centre with the default (online) basemap; the offline basemap is measured beside it. Run alone with
``python -m lib.tools.bench.view_bytes``.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from lib.tools.bench.budgets import Budget

#: The budget: map HTML bytes at any zoom 5–12 over the Kurdistan Region.
VIEW_BYTES_MAX = 600_000
ZOOMS: tuple[int, ...] = tuple(range(5, 13))
#: (name, lat, lon): Erbil's plain, Sulaymaniyah, the Qandil mountains on the border.
CENTRES: tuple[tuple[str, float, float], ...] = (
    ("Kurdistan Region", 36.2, 44.0),
    ("Sulaymaniyah", 35.56, 45.43),
    ("Qandil", 36.4, 45.0),
)
CANDIDATES: tuple[str, ...] = ("country", "cut", "cut+simplify")
#: The candidate the app uses.
CHOSEN = "cut+simplify"


@dataclass
class ViewBytes:
    """One view measured with one candidate.

    Attributes
    ----------
    centre : str
        Centre's name.
    zoom : int
        Leaflet zoom.
    candidate : str
        One of :data:`CANDIDATES`.
    basemap : str
        ``online`` or ``offline``.
    bytes : int
        UTF-8 bytes of the rendered map page.
    render_s : list of float
        Draw + render samples, seconds.
    """

    centre: str
    zoom: int
    candidate: str
    basemap: str
    bytes: int = 0
    render_s: list[float] = dataclasses.field(default_factory=list)

    @property
    def median_ms(self) -> float:
        """Median draw + render time, milliseconds."""
        return statistics.median(self.render_s) * 1000


def _window_for(candidate: str) -> Callable[..., object]:
    from lib.maps.base_map import COORD_DECIMALS
    from lib.model.map_view import view_window

    def window(view: object) -> object:
        if candidate == "country":
            return None
        chosen = view_window(view)  # type: ignore[arg-type]
        if candidate == "cut":
            # The decimals of the zoom's level of detail, as the whole layers have.
            decimals = COORD_DECIMALS[view.lod]  # type: ignore[attr-defined]
            return dataclasses.replace(chosen, tolerance=0.0, decimals=decimals)
        return chosen

    return window


@contextmanager
def _candidate(candidate: str) -> Iterator[None]:
    """Draw the main map with a candidate's window (the module's own lookup swapped)."""
    import lib.maps.main_map as main_map

    original = main_map.view_window
    main_map.view_window = _window_for(candidate)  # type: ignore[assignment]
    try:
        yield
    finally:
        main_map.view_window = original  # type: ignore[assignment]


def measure_view_bytes(
    repeats: int = 3,
    zooms: Sequence[int] = ZOOMS,
    candidates: Sequence[str] = CANDIDATES,
    basemaps: Sequence[str] = ("online", "offline"),
) -> list[ViewBytes]:
    """Bytes and draw + render time of the main map at every centre and zoom.

    Parameters
    ----------
    repeats : int
        Samples per view (median reported).
    zooms : sequence of int
        Zooms measured.
    candidates : sequence of str
        Candidates measured with the online basemap (the offline one: the app's only).
    basemaps : sequence of str
        Basemaps measured.

    Returns
    -------
    list of ViewBytes
        One per centre, zoom, candidate and basemap.
    """
    from lib.data.catalog import load_catalog
    from lib.maps.main_map import draw_main_map
    from lib.model.filters import show_all
    from lib.model.map_view import MapView
    from lib.model.select import select

    catalog = load_catalog()
    selection = select(catalog, show_all(catalog))
    out = []
    for basemap in basemaps:
        for candidate in candidates if basemap == "online" else (CHOSEN,):
            with _candidate(candidate):
                for name, lat, lon in CENTRES:
                    for zoom in zooms:
                        row = ViewBytes(name, zoom, candidate, basemap)
                        for _ in range(max(1, repeats)):
                            start = time.perf_counter()
                            fmap, _contents = draw_main_map(
                                catalog, selection, MapView(lat, lon, zoom), basemap=basemap
                            )
                            html = fmap.get_root().render()
                            row.render_s.append(time.perf_counter() - start)
                        row.bytes = len(html.encode("utf-8"))
                        out.append(row)
    return out


def render_view_bytes(rows: Sequence[ViewBytes]) -> list[str]:
    """The Markdown section: one table per basemap, kB and ms by zoom, candidate and centre."""
    out = [
        "## Map bytes by zoom over the Kurdistan Region",
        "",
        "Main map, every feature selected, drawn and rendered at each centre and zoom "
        "(`draw_main_map` + `get_root().render()`, UTF-8 kB; median ms of draw + render). "
        f"`country`: whole layers (before); `cut`: cut to the view's window; `{CHOSEN}`: "
        f"cut and simplified to half a pixel (the app). Budget: ≤ {VIEW_BYTES_MAX / 1000:g} kB.",
        "",
    ]
    zooms = sorted({r.zoom for r in rows})
    for basemap in dict.fromkeys(r.basemap for r in rows):
        out += [
            f"Basemap: {basemap}",
            "",
            "| centre | candidate | " + " | ".join(f"z{z}" for z in zooms) + " |",
            "|---|---|" + "---:|" * len(zooms),
        ]
        for name, _lat, _lon in CENTRES:
            for candidate in CANDIDATES:
                by_zoom = {
                    r.zoom: r
                    for r in rows
                    if (r.centre, r.candidate, r.basemap) == (name, candidate, basemap)
                }
                if not by_zoom:
                    continue
                cells = [
                    f"{by_zoom[z].bytes / 1000:.0f} kB · {by_zoom[z].median_ms:.0f} ms"
                    if z in by_zoom
                    else "—"
                    for z in zooms
                ]
                out.append(f"| {name} | {candidate} | " + " | ".join(cells) + " |")
        out.append("")
    return out


def view_bytes_budgets(
    rows: Sequence[ViewBytes], basemaps: Sequence[str] = ("online", "offline")
) -> list[Budget]:
    """PASS when the app's map stays ≤ :data:`VIEW_BYTES_MAX` at every view, per basemap.

    Both basemaps: the default (``online``, tiles) and the built-in one (``offline``:
    land, water, rivers and town labels cut to the view as well).
    """
    budgets = []
    for basemap in basemaps:
        chosen = [r for r in rows if r.candidate == CHOSEN and r.basemap == basemap]
        rule = f"map HTML ≤ {VIEW_BYTES_MAX / 1000:g} kB at zoom 5–12, three centres ({basemap})"
        if not chosen:
            budgets.append(Budget("Bytes by zoom", rule, "not measured", "SKIP"))
            continue
        worst = max(chosen, key=lambda r: r.bytes)
        measured = f"largest {worst.bytes / 1000:.0f} kB ({worst.centre}, z{worst.zoom})"
        status = "PASS" if worst.bytes <= VIEW_BYTES_MAX else "FAIL"
        budgets.append(Budget("Bytes by zoom", rule, measured, status))
    return budgets


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the tables and budgets; exit 1 when a budget fails."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.tools.bench.view_bytes", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--repeats", type=int, default=3, help="samples per view")
    args = parser.parse_args(argv)
    rows = measure_view_bytes(repeats=args.repeats)
    budgets = view_bytes_budgets(rows)
    print("\n".join(render_view_bytes(rows)))
    for b in budgets:
        print(f"- **{b.status}** {b.name}: {b.rule} — {b.measured}")
    return 1 if any(b.status == "FAIL" for b in budgets) else 0


if __name__ == "__main__":
    sys.exit(main())
