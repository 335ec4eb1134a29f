"""Then and now: two maps of the same place at two moments, side by side, moving together.

Each side is an ordinary map of the app (:func:`lib.maps.main_map.draw_main_map`)
drawn from its own selection — the sites in use on that day and the events up to it —
so every symbol, popup and source is as everywhere else. The two are put in one page,
half the width each, and locked together with Leaflet.Sync (served from the app,
inlined in an export): panning or zooming one moves the other. One legend, on the
left; each side named in large type.
"""

from __future__ import annotations

from typing import ClassVar

import folium
from folium.elements import JSCSSMixin
from jinja2 import Template

from lib.maps.base_map import Snippet, style_element
from lib.maps.map_assets.registry import URL_LEAFLET_SYNC
from lib.maps.templating import MAP_PLACEHOLDER, render


class _LeafletSync(JSCSSMixin, folium.MacroElement):
    """Loads Leaflet.Sync into the page (its URL is localised like every other asset)."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet_sync", URL_LEAFLET_SYNC)]
    _template = Template("")


def moment_label(title: str, day: str) -> str:
    """A side's label markup: its name, and the day it shows (both escaped)."""
    return render("moment_label.html.j2", title=title, day=day).strip()


def side_by_side(
    then_map: folium.Map, now_map: folium.Map, then_label: str, now_label: str
) -> folium.Map:
    """Put two maps in one page, side by side, locked together.

    Parameters
    ----------
    then_map, now_map : folium.Map
        Two maps drawn by the app, of the same bounds, the legend on ``then_map`` only
        (``draw_main_map(..., legend=False)`` for ``now_map``, which moves into
        ``then_map``'s page).
    then_label, now_label : str
        Each side's label, as markup from :func:`moment_label`.

    Returns
    -------
    folium.Map
        ``then_map``: render its page (``get_root()``) for both maps.
    """
    figure = then_map.get_root()
    figure.add_child(now_map)
    for side, left in ((then_map, 0.0), (now_map, 50.0)):
        side.position = "absolute"
        side.width = (50.0, "%")
        side.left = (left, "%")
        side.top = (0.0, "%")
    figure.header.add_child(style_element("then_now.css"))
    now_map.add_child(_LeafletSync())
    script = render(
        "then_now.js.j2",
        map=MAP_PLACEHOLDER,
        then=then_map.get_name(),
        then_label=then_label,
        now_label=now_label,
    )
    # On the "now" map: its script runs after both maps exist.
    now_map.add_child(Snippet(script))
    return then_map
