"""A briefing as files to send round: one self-contained HTML document, one PNG per step.

* :func:`step_map` builds the Folium map of a step (the presenter view shows
  the same map).
* :func:`export_html` writes every step — title, caption, what the map
  shows, a legend in plain sight and the map itself — into one HTML file that
  works opened from disk: each step's map is a complete page with Leaflet
  inlined (:func:`lib.maps.map_assets.inline_assets`), embedded as an
  ``<iframe srcdoc>``. Only the optional online map tiles come from the network;
  without them the layers draw on a plain background.
* :func:`render_step_png` draws a step with matplotlib, for slide decks made
  without a browser: the same layers at the overview level of detail, sites
  as group-coloured symbols with dashed rings for stand-in locations, the
  highlights, the title and caption, the measured border length and the
  attribution.

Every text from a briefing or the data is escaped (:func:`lib.maps.popups.esc`).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import folium
import shapely
from branca.element import MacroElement
from jinja2 import Template
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Patch

from lib.data.catalog import Catalog
from lib.data.curated import CATEGORY_COLOURS
from lib.maps.base_map import DATA_ATTRIBUTION
from lib.maps.main_map import (
    BORDER_COLOUR,
    DISPUTED_COLOUR,
    KRI_COLOUR,
    MAP_LAYERS,
    ROLE_SHAPES,
    UNCERTAINTY_RADIUS_M,
    MapContents,
    build_main_map,
    resolve_focus,
    ring_radius_m,
    symbol_svg,
)
from lib.maps.map_assets import inline_assets, localize_map
from lib.maps.popups import esc
from lib.model.filters import (
    UNKNOWN_GROUP_COLOUR,
    Filters,
    filter_crossings,
    filter_events,
    filter_sites,
    group_colours,
    group_label,
    group_labels,
)
from lib.model.links import Focus
from lib.story.briefing import Briefing, Step, fill, step_bounds, step_filters, step_layers

#: Legend of the symbols, shown beside every map (no meaning only on hover).
SYMBOL_LEGEND: tuple[tuple[str, str, bool, bool, str], ...] = (
    ("square", "#ffffff", False, False, "Base or HQ"),
    ("circle", "#ffffff", False, False, "Camp"),
    ("diamond", "#ffffff", False, False, "Border crossing"),
    ("triangle", "#ffffff", False, False, "Event"),
    ("square", "#ffffff", True, False, "Dashed: stand-in place"),
    ("circle", "#ffffff", False, True, "Low confidence"),
)
CONFIDENCE_WORDS = {"low": "all", "medium": "medium and high", "high": "high only"}


@dataclass(frozen=True)
class StepText:
    """What a step says, in words, with the placeholders filled.

    Attributes
    ----------
    title, caption, notes : str
        Filled with the measured figures (not escaped).
    layers : list of str
        Labels of the layers shown.
    filters : str
        The filters in one line.
    highlights : list of str
        Names of the highlighted features.
    """

    title: str
    caption: str
    notes: str
    layers: list[str]
    filters: str
    highlights: list[str]


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def describe_filters(catalog: Catalog, filters: Filters, defaults: Filters) -> str:
    """The filters of a step in one plain line."""
    names = group_labels(catalog.curated.groups)
    if filters.groups == defaults.groups:
        groups = "all groups"
    elif not filters.groups:
        groups = "no group"
    else:
        groups = ", ".join(names.get(g, g) for g in sorted(filters.groups, key=str.lower))
    dates = (
        "all dates"
        if (filters.date_from, filters.date_to) == (defaults.date_from, defaults.date_to)
        else f"{_day(filters.date_from)} – {_day(filters.date_to)}"
    )
    confidence = CONFIDENCE_WORDS.get(filters.min_confidence, filters.min_confidence)
    return f"{groups} · {dates} · confidence: {confidence}"


def highlight_label(catalog: Catalog, focus: Focus) -> str:
    """The name of a highlighted feature (its id when it has no place on the map)."""
    target = resolve_focus(catalog, focus)
    return target.label if target is not None else str(focus)


def step_text(catalog: Catalog, step: Step, facts: Mapping[str, str]) -> StepText:
    """A step's texts with the measured figures filled in, and what its map shows.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    step : Step
        The step.
    facts : mapping
        From :func:`lib.story.briefing.briefing_facts`.

    Returns
    -------
    StepText
        Plain (unescaped) text.
    """
    defaults = catalog.show_all_filters()
    shown = step_layers(step)
    return StepText(
        title=fill(step.title, facts),
        caption=fill(step.caption, facts),
        notes=fill(step.notes, facts),
        layers=[label for key, label in MAP_LAYERS.items() if key in shown],
        filters=describe_filters(catalog, step_filters(step, defaults), defaults),
        highlights=[highlight_label(catalog, h) for h in step.highlights],
    )


def step_map(
    catalog: Catalog, step: Step, tiles: bool = True, basemap: str = "online"
) -> tuple[folium.Map, MapContents]:
    """The Folium map of a step: its filters, layers, highlights and view.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    step : Step
        The step.
    tiles : bool
        Add the online tile layers.
    basemap : str
        ``online`` (tiles) or ``offline`` (the built-in basemap, no network).

    Returns
    -------
    tuple
        The map and what it contains (see :func:`lib.maps.main_map.build_main_map`).
    """
    fmap, contents = build_main_map(
        catalog,
        step_filters(step, catalog.show_all_filters()),
        tiles=tiles,
        basemap=basemap,
        layers=step_layers(step),
        highlights=step.highlights,
        bounds=step_bounds(step),
    )
    fmap.add_child(_FoldLegend())
    return fmap, contents


def legend_html(catalog: Catalog, svg: bool = True) -> str:
    """A compact legend of groups and symbols in plain HTML (escaped), for beside a map.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (the groups and their colours).
    svg : bool
        Draw the map's own SVG symbols; False uses text glyphs instead, for
        places that strip SVG (Streamlit's ``st.html``).

    Returns
    -------
    str
        HTML.
    """
    rows = []
    for group_id, name, colour in zip(
        catalog.curated.groups["group_id"],
        catalog.curated.groups["name"],
        catalog.curated.groups["colour"],
        strict=True,
    ):
        label = group_label(group_id, name)
        rows.append(
            f"<li><span class='zb-swatch' style='background:{esc(colour, 20)}'></span>"
            f"{esc(label)}</li>"
        )
    glyphs = {"square": "■", "circle": "●", "diamond": "◆", "triangle": "▲"}
    symbols = []
    for shape, fill_colour, dashed, low, label in SYMBOL_LEGEND:
        if svg:
            mark = symbol_svg(shape, fill_colour, dashed, low, 18)
        else:
            mark = "?" if low else ("◌" if dashed else glyphs[shape])
            mark = f"<span class='zb-glyph'>{mark}</span>"
        symbols.append(f"<li>{mark}<span>{esc(label)}</span></li>")
    ring = (
        "<svg width='18' height='18' viewBox='0 0 18 18'><circle cx='9' cy='9' r='7' "
        "fill='none' stroke='#111' stroke-width='3'/></svg>"
        if svg
        else "<span class='zb-glyph'>◯</span>"
    )
    symbols.append(f"<li>{ring}<span>Ringed or outlined: highlighted</span></li>")
    return (
        "<div class='zb-plain-legend'><ul class='zb-groups'>"
        + "".join(rows)
        + "</ul><ul class='zb-symbols'>"
        + "".join(symbols)
        + "</ul></div>"
    )


class _FoldLegend(MacroElement):
    """Folds the map's own legend: the page beside the map shows it in plain sight."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(){ var d = document.getElementById('zb-legend'); if (d) { d.open = false; } })();"
        "{% endmacro %}"
    )


def keyboard_script(prev_key: str = "zb_prev", next_key: str = "zb_next") -> str:
    """A script for a same-origin component frame: arrow keys click the step buttons.

    ``ArrowLeft``/``PageUp`` click the button whose Streamlit key is
    ``prev_key``, ``ArrowRight``/``PageDown`` the one keyed ``next_key``
    (presenter clickers send Page Up/Down). Keys typed into a field are left
    alone. The handler is kept on the page's window so a rerun replaces it
    instead of adding a second one.
    """
    keys = json.dumps(
        {"ArrowLeft": prev_key, "PageUp": prev_key, "ArrowRight": next_key, "PageDown": next_key}
    )
    return (
        "<script>(function(){ var win = window.parent, doc = win.document;"
        " if (win.__zbStepKeys) { doc.removeEventListener('keydown', win.__zbStepKeys); }"
        " win.__zbStepKeys = function(e){"
        "  if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) { return; }"
        "  var t = e.target;"
        "  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }"
        f"  var key = {keys}[e.key]; if (!key) {{ return; }}"
        "  var button = doc.querySelector('.st-key-' + key + ' button');"
        "  if (button && !button.disabled) { e.preventDefault(); button.click(); } };"
        " doc.addEventListener('keydown', win.__zbStepKeys); })();</script>"
    )


# --- HTML export ----------------------------------------------------------------------

_EXPORT_CSS = """
* { box-sizing: border-box; }
html { scroll-behavior: smooth; }
body { margin: 0; background: #fff; color: #111; font: 18px/1.45 system-ui, -apple-system,
  "Segoe UI", Roboto, sans-serif; }
.cover { padding: 32px 40px 18px; background: #111; color: #fff; }
.cover h1 { margin: 0 0 6px; font-size: 34px; }
.cover p { margin: 4px 0; color: #ddd; }
.cover ol { margin: 10px 0 0; padding-left: 22px; }
.cover a { color: #ffd866; }
section.step { min-height: 100vh; padding: 0 0 18px; border-top: 4px solid #111; }
.bar { display: flex; align-items: baseline; gap: 18px; padding: 14px 40px; background: #111;
  color: #fff; }
.bar .counter { font-weight: 700; font-size: 22px; color: #ffd866; white-space: nowrap; }
.bar h2 { margin: 0; font-size: 30px; line-height: 1.2; }
.body { display: grid; grid-template-columns: minmax(0, 62fr) minmax(0, 38fr); gap: 22px;
  padding: 18px 40px 0; }
iframe.map { width: 100%; height: 72vh; min-height: 420px; border: 2px solid #111; }
.caption { font-size: 23px; line-height: 1.4; margin: 0 0 14px; }
.meta { font-size: 16px; color: #222; }
.meta h3 { margin: 12px 0 4px; font-size: 14px; text-transform: uppercase; letter-spacing: .05em; }
.meta ul { margin: 0; padding-left: 18px; }
.zb-plain-legend ul { list-style: none; padding: 0; margin: 6px 0; display: grid;
  grid-template-columns: 1fr 1fr; column-gap: 10px; }
.zb-plain-legend li { display: flex; align-items: center; gap: 8px; font-size: 15px; margin: 2px 0; }
.zb-swatch { display: inline-block; width: 16px; height: 16px; border: 1px solid #111; }
details.notes { margin: 14px 40px 0; padding: 10px 14px; background: #f3f3f0; border-left: 4px solid #111; }
details.notes summary { font-weight: 700; cursor: pointer; }
.notes-body { white-space: pre-wrap; font-size: 16px; }
nav.steps { display: flex; justify-content: space-between; padding: 12px 40px 0; }
nav.steps a { color: #111; font-weight: 700; }
footer { padding: 16px 40px 30px; font-size: 13px; color: #333; border-top: 1px solid #ccc; }
@media (max-width: 900px) { .body { grid-template-columns: 1fr; } }
@media print { section.step { page-break-after: always; min-height: auto; }
  iframe.map { height: 520px; } nav.steps { display: none; } }
"""

# Arrow keys and presenter clickers (PageUp/PageDown) move between steps.
_EXPORT_SCRIPT = """
(function(){
  var steps = Array.prototype.slice.call(document.querySelectorAll('section.step'));
  function current(){
    var best = 0, y = window.scrollY + 10;
    steps.forEach(function(s, i){ if (s.offsetTop <= y) { best = i; } });
    return best;
  }
  document.addEventListener('keydown', function(e){
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var d = {ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1}[e.key];
    if (!d) { return; }
    var i = Math.max(0, Math.min(steps.length - 1, current() + d));
    steps[i].scrollIntoView(); history.replaceState(null, '', '#' + steps[i].id);
    e.preventDefault();
  });
})();
"""


def map_document(fmap: folium.Map) -> str:
    """A map as one self-contained HTML page (Leaflet and plugins inlined)."""
    # Font Awesome's fonts (400 kB per map) are left out: the maps draw
    # their symbols as SVG and use no icon font.
    return inline_assets(localize_map(fmap).get_root().render(), embed_fonts=False)


def export_html(
    catalog: Catalog,
    briefing: Briefing,
    facts: Mapping[str, str],
    include_notes: bool = False,
    tiles: bool = True,
    generated: dt.date | None = None,
    basemap: str = "online",
) -> str:
    """The whole briefing as one HTML file that works opened from disk.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    briefing : Briefing
        What to export.
    facts : mapping
        From :func:`lib.story.briefing.briefing_facts`.
    include_notes : bool
        Add each step's speaker notes (folded) — for the presenter's copy.
    tiles : bool
        Offer the online tile layers in the maps (the only network use).
    generated : datetime.date, optional
        Date printed on the cover (default: today).
    basemap : str
        ``offline`` draws the built-in basemap into every map: the file then
        needs no network at all.

    Returns
    -------
    str
        The document (about 1 MB per step: each map carries its own Leaflet).
    """
    generated = generated or dt.date.today()
    total = len(briefing.steps)
    texts = [step_text(catalog, step, facts) for step in briefing.steps]
    legend = legend_html(catalog)
    toc = "".join(
        f"<li><a href='#step-{n}'>{esc(text.title)}</a></li>" for n, text in enumerate(texts, 1)
    )
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{esc(briefing.title)}</title><style>{_EXPORT_CSS}</style></head><body>",
        f"<header class='cover'><h1>{esc(briefing.title)}</h1>",
        f"<p>{esc(fill(briefing.subtitle, facts))}</p>" if briefing.subtitle else "",
        f"<p>{total} steps · Zagros Brief · exported {_day(generated)} · "
        "keys ← → or Page Up / Page Down move between steps</p>",
        f"<ol>{toc}</ol></header>",
    ]
    for number, (step, text) in enumerate(zip(briefing.steps, texts, strict=True), start=1):
        fmap, _ = step_map(catalog, step, tiles=tiles, basemap=basemap)
        document = map_document(fmap)
        highlights = (
            "<h3>Highlighted</h3><ul>"
            + "".join(f"<li>{esc(h)}</li>" for h in text.highlights)
            + "</ul>"
            if text.highlights
            else ""
        )
        notes = (
            "<details class='notes'><summary>Speaker notes</summary>"
            f"<div class='notes-body'>{esc(text.notes, 20_000)}</div></details>"
            if include_notes and text.notes
            else ""
        )
        previous = (
            f"<a href='#step-{number - 1}'>← {esc(texts[number - 2].title)}</a>"
            if number > 1
            else "<span></span>"
        )
        following = (
            f"<a href='#step-{number + 1}'>{esc(texts[number].title)} →</a>"
            if number < total
            else "<span></span>"
        )
        parts.append(
            f"<section class='step' id='step-{number}'>"
            f"<div class='bar'><span class='counter'>{number} / {total}</span>"
            f"<h2>{esc(text.title)}</h2></div>"
            "<div class='body'>"
            # srcdoc holds a whole page: html.escape makes it one safe attribute value.
            f"<iframe class='map' title='Map: {esc(text.title)}' "
            f'srcdoc="{html.escape(document, quote=True)}"></iframe>'
            f"<div class='text'><p class='caption'>{esc(text.caption)}</p>"
            "<div class='meta'><h3>On the map</h3>"
            f"<ul>{''.join(f'<li>{esc(label)}</li>' for label in text.layers)}</ul>"
            f"<h3>Filters</h3><p>{esc(text.filters)}</p>{highlights}"
            f"<h3>Legend</h3>{legend}</div></div></div>"
            f"{notes}<nav class='steps'>{previous}{following}</nav></section>"
        )
    parts.append(
        f"<footer>Border length {esc(facts.get('border_km', 'n/a'))}, measured geodesically "
        f"along the OpenStreetMap line. {esc(DATA_ATTRIBUTION)}. Map tiles (when online): "
        "© OpenStreetMap contributors, © CARTO.</footer>"
        f"<script>{_EXPORT_SCRIPT}</script></body></html>"
    )
    return "".join(parts)


def export_file_name(briefing: Briefing) -> str:
    """A download name for the HTML export."""
    return f"{briefing.briefing_id}.html"


# --- PNG ------------------------------------------------------------------------------

_BACKGROUND = "#dce8ef"
#: Matplotlib markers for the map's symbol shapes (``main_map.ROLE_SHAPES``).
_MARKERS = {"square": "s", "circle": "o", "diamond": "D", "triangle": "^"}


def _ring(ax, lon: float, lat: float, radius_km: float, **style) -> None:
    """A circle of a radius on the ground, drawn in lon/lat (an ellipse there)."""
    height = 2 * radius_km / 111.32
    width = height / max(math.cos(math.radians(lat)), 0.1)
    ax.add_patch(Ellipse((lon, lat), width, height, fill=False, **style))


def _stand_in_ring(ax, record: dict, geometry) -> None:
    """The dashed uncertainty ring of a stand-in site or crossing, as the main map draws it."""
    if record.get("precision") in UNCERTAINTY_RADIUS_M:
        radius = ring_radius_m(record) / 1000
        _ring(ax, geometry.x, geometry.y, radius, ec="#333", lw=1.1, ls="--", zorder=5)


def _point_features(ax, catalog: Catalog, step: Step, shown: frozenset[str]) -> None:
    filters = step_filters(step, catalog.show_all_filters())
    c = catalog.curated
    colours = group_colours(c.groups)
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
                ms=11,
                mfc=colour,
                mec="#111",
                mew=1.2,
                zorder=7,
                alpha=0.9,
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
                ms=13,
                mfc=colours.get(record.get("group"), UNKNOWN_GROUP_COLOUR),
                mec="#111",
                mew=1.6,
                ls="none",
                zorder=8,
                alpha=0.8 if record.get("confidence") == "low" else 1.0,
            )
            if record.get("confidence") == "low":
                ax.text(
                    geometry.x,
                    geometry.y,
                    "?",
                    ha="center",
                    va="center",
                    fontsize=10,
                    fontweight="bold",
                    color="#fff",
                    zorder=9,
                )


def _highlights(ax, catalog: Catalog, step: Step) -> None:
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

    c = catalog.curated
    handles = [
        Line2D(
            [],
            [],
            marker="s",
            ls="none",
            ms=11,
            mfc=colour,
            mec="#111",
            label=group_label(gid, name),
        )
        for gid, name, colour in zip(
            c.groups["group_id"], c.groups["name"], c.groups["colour"], strict=True
        )
    ]
    handles += [
        Line2D([], [], marker="s", ls="none", ms=11, mfc="#fff", mec="#111", label="Base / HQ"),
        Line2D([], [], marker="o", ls="none", ms=11, mfc="#fff", mec="#111", label="Camp"),
        Patch(facecolor="none", edgecolor="#333", linestyle="--", label="Dashed ring: stand-in"),
        Line2D(
            [], [], marker="D", ls="none", ms=8, mfc="#fff", mec="#111", label="Border crossing"
        ),
        Line2D([], [], marker="^", ls="none", ms=11, mfc="#CC3311", mec="#111", label="Event"),
        Line2D(
            [], [], marker="o", ls="none", ms=16, mfc="none", mec="#111", mew=3, label="Highlighted"
        ),
        Line2D(
            [],
            [],
            color=BORDER_COLOUR,
            lw=2.6,
            label=f"Border, {facts.get('border_km', 'n/a')} measured",
        ),
        Patch(
            facecolor=KRI_COLOUR,
            alpha=0.35,
            edgecolor=KRI_COLOUR,
            label="Kurdistan Region (de jure)",
        ),
    ]
    legend_box = fig.add_axes((x, 0.075, 0.36, max(min(y - 0.09, 0.40), 0.2)))
    legend_box.set_axis_off()
    legend_box.legend(
        handles=handles,
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
