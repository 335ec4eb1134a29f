"""The map of a briefing step: in the presenter view, and as a self-contained page to export."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from lib.data.catalog import Catalog
from lib.maps.main_map import MapContents, draw_main_map
from lib.maps.map_assets import (
    bundle_page_scripts,
    inline_assets,
    install_assets,
    localize_map,
)
from lib.maps.playback import add_playback
from lib.maps.text_alternative import map_text_html
from lib.maps.then_now import moment_label, side_by_side
from lib.model.filters import show_all
from lib.model.playback import PlaybackError, make_playback, select_on_day
from lib.model.select import select
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
    filters = step_filters(step, show_all(catalog))
    if step.kind == "then_now":
        return _then_now_map(catalog, step, tiles, basemap)
    selection = select(catalog, filters, highlights=step.highlights)
    fmap, contents = draw_main_map(
        catalog,
        selection,
        tiles=tiles,
        basemap=basemap,
        layers=step_layers(step),
        bounds=step_bounds(step),
    )
    if step.play is not None:
        try:
            playback = make_playback(selection.events_on_map, selection.sites, filters, step.play)
        except PlaybackError:
            pass  # nothing dated in the step's filters: the map stays still, as drawn
        else:
            add_playback(fmap, playback)
    fmap.add_child(_FoldLegend())
    return fmap, contents


def step_map_text(catalog: Catalog, step: Step) -> str:
    """A step's map as text (:mod:`lib.maps.text_alternative`): what a screen reader reads.

    One folded table per map: an ordinary or playback step's features, or, for a
    then-and-now step, each side's.
    """
    filters = step_filters(step, show_all(catalog))
    if step.kind == "then_now":
        assert step.then is not None and step.now is not None
        titles = moment_titles(step)
        return "".join(
            map_text_html(
                select_on_day(catalog, filters, day),
                f"the map “{title}” ({when})",
            )
            for day, (title, when) in zip((step.then, step.now), titles, strict=True)
        )
    selection = select(catalog, filters, highlights=step.highlights)
    return map_text_html(selection, "this step's map")


def moment_titles(step: Step) -> tuple[tuple[str, str], tuple[str, str]]:
    """The two sides' names and days of a then-and-now step (``("Then", "18 Mar 2023")``…)."""
    assert step.then is not None and step.now is not None
    return (
        (step.then_label or "Then", f"{step.then.day} {step.then:%b %Y}"),
        (step.now_label or "Now", f"{step.now.day} {step.now:%b %Y}"),
    )


def _then_now_map(
    catalog: Catalog, step: Step, tiles: bool, basemap: str
) -> tuple[folium.Map, MapContents]:
    filters = step_filters(step, show_all(catalog))
    assert step.then is not None and step.now is not None
    sides = [
        draw_main_map(
            catalog,
            select_on_day(catalog, filters, day),
            tiles=tiles,
            basemap=basemap,
            layers=step_layers(step),
            bounds=step_bounds(step),
            legend=legend,  # one legend, on the left
        )
        for day, legend in ((step.then, True), (step.now, False))
    ]
    (then_map, _), (now_map, now_contents) = sides
    then_map.add_child(_FoldLegend())
    then_title, now_title = moment_titles(step)
    fmap = side_by_side(then_map, now_map, moment_label(*then_title), moment_label(*now_title))
    return fmap, now_contents


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
    # The whole page is localised, not only this map: a then-and-now page holds two.
    return inline_assets(localize_map(fmap.get_root()).render(), embed_fonts=False)


def served_map_document(fmap: folium.Map) -> str:
    """A map as an HTML page for a frame inside the app: its files loaded from the app.

    The briefing deck's maps. :func:`map_document` inlines Leaflet and the plugins
    (~0.39 MB a map) so that an exported file opens from disk; a frame inside the app
    loads them from the app's own vendor folder instead: the stylesheets by their links,
    the scripts joined into one file per set
    (:func:`lib.maps.map_assets.bundle_page_scripts`; the then-and-now page's set adds
    the map synchronisation plugin, so it has a bundle of its own).

    Parameters
    ----------
    fmap : folium.Map
        The map (localized here).

    Returns
    -------
    str
        A complete HTML page whose scripts and stylesheets are the app's URLs.
    """
    # Made before the app first installed its files (the launcher draws the decks before
    # the server listens): install them, cheap when they are there.
    install_assets()
    return bundle_page_scripts(localize_map(fmap.get_root()).render())
