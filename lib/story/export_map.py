"""The map of a briefing step: in the presenter view, and as a self-contained page to export."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from lib.data.catalog import Catalog
from lib.maps.main_map import MapContents, build_main_map
from lib.maps.map_assets import inline_assets, localize_map
from lib.model.filters import show_all
from lib.story.briefing import Step, step_bounds, step_filters, step_layers
from lib.story.markup import template_text


class _FoldLegend(MacroElement):
    """Folds the map's own legend: the page beside the map shows it in plain sight."""

    _template = Template(template_text("fold_legend.js.j2"))


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
        step_filters(step, show_all(catalog)),
        tiles=tiles,
        basemap=basemap,
        layers=step_layers(step),
        highlights=step.highlights,
        bounds=step_bounds(step),
    )
    fmap.add_child(_FoldLegend())
    return fmap, contents


def map_document(fmap: folium.Map) -> str:
    """A map as one self-contained HTML page (Leaflet and plugins inlined).

    Parameters
    ----------
    fmap : folium.Map
        The map (localized here: its scripts point at the local copies first).

    Returns
    -------
    str
        A complete HTML page.
    """
    # Font Awesome's fonts (400 kB per map) are left out: the maps draw
    # their symbols as SVG and use no icon font.
    return inline_assets(localize_map(fmap).get_root().render(), embed_fonts=False)
