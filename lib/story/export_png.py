"""A briefing step as a PNG, drawn with matplotlib, for slide decks made without a browser.

The same layers as the map at the overview level of detail, sites as
group-coloured symbols with dashed rings for stand-in locations (rings are
geodesic: :func:`lib.geo.rings.ring_points`), the highlights, the title and
caption, the legend (:func:`lib.story.export_legend.png_legend_handles`), the
measured border length and the attribution.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping
from typing import Any

import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from lib.data.catalog import Catalog
from lib.data.schemas import CATEGORY_COLOURS, CATEGORY_LETTERS
from lib.geo.rings import record_ring_km, ring_points
from lib.maps.base_map import DATA_ATTRIBUTION
from lib.maps.styles import (
    BORDER_COLOUR,
    DISPUTED_COLOUR,
    KRI_COLOUR,
    ROLE_SHAPES,
)
from lib.model.filters import (
    UNKNOWN_GROUP_COLOUR,
    UNKNOWN_GROUP_MARK,
    filter_crossings,
    filter_events,
    filter_sites,
    group_colours,
    group_marks,
    show_all,
)
from lib.model.focus import resolve_focus
from lib.story.briefing import Briefing, Step, step_bounds, step_filters, step_layers
from lib.story.export_legend import mark_marker, png_legend_handles
from lib.story.export_text import highlight_label, step_text

_BACKGROUND = "#dce8ef"
#: Matplotlib markers for the map's symbol shapes (``lib.maps.styles.ROLE_SHAPES``).
_MARKERS = {"square": "s", "circle": "o", "diamond": "D", "triangle": "^"}


def _ring(ax: Axes, lon: float, lat: float, radius_km: float, **style: Any) -> None:
    """A circle of a radius on the ground, drawn in lon/lat (geodesic points by azimuth)."""
    ax.add_patch(Polygon(ring_points(lon, lat, radius_km), closed=True, fill=False, **style))


def _stand_in_ring(ax: Axes, record: dict, geometry: shapely.Point) -> None:
    """The dashed uncertainty ring of a stand-in site or crossing, as the main map draws it."""
    radius = record_ring_km(record)
    if radius:
        _ring(ax, geometry.x, geometry.y, radius, ec="#333", lw=1.1, ls="--", zorder=5)


def _glyph(
    ax: Axes, text: str, at: shapely.Point, offset: tuple[float, float], **style: Any
) -> None:
    """Bold text on a symbol (a category's letter, the low-confidence badge), offset in points."""
    ax.annotate(
        text,
        (at.x, at.y),
        xytext=offset,
        textcoords="offset points",
        ha="center",
        va="center",
        fontweight="bold",
        **style,
    )


def _point_features(ax: Axes, catalog: Catalog, step: Step, shown: frozenset[str]) -> None:
    filters = step_filters(step, show_all(catalog))
    c = catalog.curated
    colours = group_colours(c.groups)
    marks = group_marks(c.groups)
    if "crossings" in shown:
        crossings = filter_crossings(c.crossings, filters)
        for record, geometry in zip(crossings.to_dict("records"), crossings.geometry, strict=True):
            if geometry is not None and not geometry.is_empty:
                _stand_in_ring(ax, record, geometry)
                ax.plot(
                    geometry.x, geometry.y, "D", ms=7, mfc="#ffffff", mec="#111", mew=1.4, zorder=6
                )
    if "events" in shown:
        events = filter_events(c.events, filters)
        for record, geometry in zip(events.to_dict("records"), events.geometry, strict=True):
            if geometry is None or geometry.is_empty or record.get("off_region"):
                continue
            colour = CATEGORY_COLOURS.get(record.get("category"), "#666666")
            ax.plot(
                geometry.x,
                geometry.y,
                "^",
                ms=12,
                mfc=colour,
                mec="#111",
                mew=1.2,
                zorder=7,
                alpha=0.9,
            )
            letter = CATEGORY_LETTERS.get(record.get("category"))
            if letter:
                # The category's letter, as on the map: not by colour alone.
                _glyph(
                    ax,
                    letter,
                    geometry,
                    (0, -1.5),
                    fontsize=6.5,
                    color="#fff",
                    zorder=7.5,
                    path_effects=[patheffects.withStroke(linewidth=1.6, foreground="#111")],
                )
    if "sites" in shown:
        sites = filter_sites(c.sites, filters)
        for record, geometry in zip(sites.to_dict("records"), sites.geometry, strict=True):
            if geometry is None or geometry.is_empty:
                continue
            _stand_in_ring(ax, record, geometry)
            ax.plot(
                geometry.x,
                geometry.y,
                _MARKERS[ROLE_SHAPES.get(record.get("role"), "circle")],
                ms=15,
                mfc=colours.get(record.get("group"), UNKNOWN_GROUP_COLOUR),
                mec="#111",
                mew=1.6,
                ls="none",
                zorder=8,
                alpha=0.8 if record.get("confidence") == "low" else 1.0,
            )
            mark = mark_marker(marks.get(record.get("group"), UNKNOWN_GROUP_MARK))
            if mark is not None:
                # The group's mark, as on the map: not by colour alone.
                ax.plot(
                    geometry.x,
                    geometry.y,
                    marker=mark,
                    ms=9.5,
                    mfc="#fff",
                    mec="#111",
                    mew=0.7,
                    ls="none",
                    zorder=8.5,
                )
            if record.get("confidence") == "low":
                # A badge at the top right, as on the map (the mark keeps the centre).
                _glyph(
                    ax,
                    "?",
                    geometry,
                    (6, 6),
                    fontsize=7,
                    color="#111",
                    zorder=9,
                    bbox={"boxstyle": "circle,pad=0.15", "fc": "#fff", "ec": "#111", "lw": 0.8},
                )


def _highlights(ax: Axes, catalog: Catalog, step: Step) -> None:
    c = catalog.curated
    labelled: list[tuple[float, float]] = []
    for focus in step.highlights:
        if focus.kind == "boundary":
            for layer in (
                "border",
                "kurdistan_region",
                "disputed_territories",
                "governorates",
                "iran_border_provinces",
            ):
                frame = catalog.boundaries.get(layer, "overview")
                rows = frame[frame["id"] == focus.ref]
                if not rows.empty:
                    # Areas are outlined; the border is a line already.
                    outline = rows if layer == "border" else rows.boundary
                    outline.plot(ax=ax, color="#111", lw=3.2, ls="--", zorder=10)
                    break
            continue
        if focus.kind == "group":
            points = [g for g in c.sites[c.sites["group"] == focus.ref].geometry if g is not None]
        else:
            target = resolve_focus(catalog, focus)
            points = [] if target is None else [shapely.Point(target.lon, target.lat)]
        label = textwrap.shorten(
            highlight_label(catalog, focus).split(" (")[0], 34, placeholder="…"
        )
        for number, point in enumerate(points):
            _ring(ax, point.x, point.y, 14.0, ec="#111", lw=3.0, zorder=11)
            near = any(abs(point.x - x) + abs(point.y - y) < 0.05 for x, y in labelled)
            if number == 0 and not near:
                labelled.append((point.x, point.y))
                # Named in plain sight: a PNG has no hover.
                ax.annotate(
                    label,
                    (point.x, point.y),
                    xytext=(24, 10),
                    textcoords="offset points",
                    fontsize=12,
                    fontweight="bold",
                    color="#111",
                    zorder=12,
                    annotation_clip=True,
                    clip_on=True,
                    path_effects=[patheffects.withStroke(linewidth=3.5, foreground="#ffffff")],
                )


def render_step_png(
    catalog: Catalog,
    briefing: Briefing,
    index: int,
    facts: Mapping[str, str],
    width_px: int = 1600,
    height_px: int = 900,
) -> bytes:
    """A static image of one step, for slide decks made without a browser.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    briefing : Briefing
        The briefing.
    index : int
        0-based step index.
    facts : mapping
        From :func:`lib.story.briefing.briefing_facts`.
    width_px, height_px : int
        Image size (16:9 by default).

    Returns
    -------
    bytes
        A PNG file.
    """
    step = briefing.steps[index]
    text = step_text(catalog, step, facts)
    shown = step_layers(step)
    dpi = 100
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="#ffffff")
    # The map on the left, the words on the right: the same split as the presenter view.
    ax = fig.add_axes((0.012, 0.075, 0.60, 0.80))
    ax.set_facecolor(_BACKGROUND)
    b = catalog.boundaries
    styles = {
        "neighbours": {"color": "#ecebe6", "edgecolor": "#8a8a8a", "linewidth": 0.8},
        "countries": {"color": "#fbfaf5", "edgecolor": "#6b6b6b", "linewidth": 0.9},
    }
    for key, style in styles.items():
        frame = b.get(key, "overview")
        if key in shown and not frame.empty:
            frame.plot(ax=ax, zorder=1, **style)
    if "kurdistan_region" in shown and not b.get("kurdistan_region", "overview").empty:
        kri = b.get("kurdistan_region", "overview")
        kri.plot(ax=ax, color=KRI_COLOUR, alpha=0.18, zorder=2)
        kri.boundary.plot(ax=ax, color=KRI_COLOUR, linewidth=2.2, zorder=3)
    for key, colour in (("iran_border_provinces", "#7a5c99"), ("governorates", "#5d6d7e")):
        frame = b.get(key, "overview")
        if key in shown and not frame.empty:
            frame.boundary.plot(ax=ax, color=colour, linewidth=1.0, linestyle="--", zorder=3)
    disputed = b.get("disputed_territories", "overview")
    if "disputed_territories" in shown and not disputed.empty:
        disputed.plot(
            ax=ax, facecolor="none", edgecolor=DISPUTED_COLOUR, hatch="//", lw=0, zorder=3
        )
        disputed.boundary.plot(
            ax=ax, color=DISPUTED_COLOUR, linewidth=1.4, linestyle="--", zorder=3
        )
    border = b.get("border", "overview")
    if "border" in shown and not border.empty:
        border.plot(ax=ax, color="#ffffff", linewidth=6, zorder=4)
        border.plot(ax=ax, color=BORDER_COLOUR, linewidth=2.6, zorder=4)
    _point_features(ax, catalog, step, shown)
    _highlights(ax, catalog, step)

    (south, west), (north, east) = step_bounds(step)
    mid = math.radians((south + north) / 2)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    # Equal ground distances along both axes near the centre; the box keeps its
    # size and the view grows to fill it, so the bounds always stay in view.
    ax.set_aspect(1 / math.cos(mid), adjustable="datalim")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#111")
        spine.set_linewidth(1.5)

    # Header band with the counter and the title.
    band = fig.add_axes((0, 0.885, 1, 0.115), facecolor="#111")
    band.set_xticks([])
    band.set_yticks([])
    for spine in band.spines.values():
        spine.set_visible(False)
    band.text(
        0.012,
        0.5,
        f"{index + 1} / {len(briefing.steps)}",
        color="#ffd866",
        fontsize=22,
        fontweight="bold",
        va="center",
        transform=band.transAxes,
    )
    title = textwrap.shorten(text.title, 80, placeholder="…")
    band.text(
        0.09,
        0.5,
        title,
        color="#ffffff",
        fontsize=25,
        fontweight="bold",
        va="center",
        transform=band.transAxes,
    )

    x = 0.635
    caption = textwrap.fill(text.caption, 44)
    fig.text(x, 0.86, caption, fontsize=16.5, va="top", color="#111", linespacing=1.35)
    lines = caption.count("\n") + 1
    y = 0.86 - lines * 0.034 - 0.03
    meta = [("Filters", text.filters)]
    if text.highlights:
        meta.append(("Highlighted", "; ".join(text.highlights)))
    for label, value in meta:
        wrapped = textwrap.fill(value, 62)
        fig.text(x, y, label.upper(), fontsize=10.5, fontweight="bold", color="#333", va="top")
        fig.text(x, y - 0.022, wrapped, fontsize=12, color="#111", va="top")
        y -= 0.022 + (wrapped.count("\n") + 1) * 0.024 + 0.018

    handles, labels = zip(*png_legend_handles(catalog, facts), strict=True)
    legend_box = fig.add_axes((x, 0.075, 0.36, max(min(y - 0.09, 0.40), 0.2)))
    legend_box.set_axis_off()
    legend_box.legend(
        handles,
        labels,
        loc="upper left",
        ncols=2,
        fontsize=11.5,
        frameon=False,
        handletextpad=0.4,
        columnspacing=1.0,
        borderaxespad=0,
    )

    fig.text(
        0.012,
        0.03,
        textwrap.shorten(
            f"Zagros Brief · {DATA_ATTRIBUTION}. Stand-ins are drawn at the nearest "
            "town or area, not as exact sites.",
            240,
            placeholder="…",
        ),
        fontsize=10,
        color="#333",
        va="center",
    )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    return buffer.getvalue()


def png_file_name(briefing: Briefing, index: int) -> str:
    """A download name for a step's image."""
    return f"{briefing.briefing_id}-step-{index + 1}.png"
