"""Widgets the pages share: a Folium map on the page, scrolling to a passage."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import branca
import folium
import streamlit as st
import streamlit.components.v1 as components
import streamlit_folium
from folium.elements import JSCSSMixin
from streamlit_folium import st_folium

from lib.maps.map_assets import bundle_scripts, localize_map
from lib.ui.markup import static_text


def show_map(fmap: folium.Map, key: str, height: int, *, use_container_width: bool = True) -> None:
    """Draw a Folium map, served with the app's own Leaflet files, that never reruns the app.

    Every page shows its maps through here, so they all load Leaflet from the
    app (``localize_map``: no CDN) and send nothing back.

    Parameters
    ----------
    fmap : folium.Map
        The map to draw.
    key : str
        Streamlit widget key (a stable key keeps the map across reruns).
    height : int
        Height in pixels.
    use_container_width : bool
        Fill the column's width.
    """
    st_folium(
        localize_map(fmap),
        key=key,
        height=height,
        use_container_width=use_container_width,
        # Nothing comes back: panning and clicking never rerun the app.
        returned_objects=[],
    )


@dataclass(frozen=True)
class FoliumArgs:
    """What streamlit-folium's component is given for a map that sends nothing back.

    Computed from a map once (:func:`folium_args`); a cached copy draws the same
    map again without rendering it (each render of the main map is ~0.3 s of the
    ~0.5 s ``st_folium`` spends per run: ``lib/tools/bench/browser``).
    """

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def _scripted(element: branca.element.Element) -> Iterator[JSCSSMixin]:
    if isinstance(element, JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _scripted(child)


def folium_args(fmap: folium.Map) -> FoliumArgs:
    """The component arguments ``st_folium(fmap, returned_objects=[])`` sends, computed once.

    The same steps as ``streamlit_folium.st_folium`` (renders, then its own
    helpers for the HTML, header and script, then the scripts and stylesheets of
    every element); ``tests/unit/test_components.py`` checks the result against
    ``st_folium`` itself, so an upgrade that changes them is noticed.

    Parameters
    ----------
    fmap : folium.Map
        The map, already localised (:func:`lib.maps.map_assets.localize_map`). It
        is rendered (and its element ids renamed, as ``st_folium`` does).

    Returns
    -------
    FoliumArgs
        The arguments that do not depend on the widget key or size.
    """
    fmap.get_root().render()
    fmap.render()
    # Before the script: making it renames the map's elements.
    html = streamlit_folium._get_html(fmap)
    header = streamlit_folium._get_header(fmap)
    script = streamlit_folium._get_map_string(fmap)
    css: list[str] = []
    js: list[str] = []
    for element in _scripted(fmap):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return FoliumArgs(
        script=script,
        header=header,
        html=html,
        map_id=streamlit_folium.get_full_id(fmap),
        css_links=tuple(dict.fromkeys(css)),
        js_links=tuple(dict.fromkeys(js)),
    )


@st.cache_resource(max_entries=16, show_spinner=False)
def _cached_args(
    signature: str, key: str, _build: Callable[[], folium.Map]
) -> tuple[FoliumArgs, str]:
    args = folium_args(localize_map(_build()))
    # One request for the map's scripts, not a chain of five (lib.maps.map_assets.bundle).
    args = replace(args, js_links=bundle_scripts(args.js_links))
    # streamlit-folium's widget id (a hash of the script without its element ids),
    # computed once with the rest: a regex over the whole script.
    return args, streamlit_folium.generate_js_hash(args.script, key, False)


def show_cached_map(
    build: Callable[[], folium.Map],
    signature: str,
    key: str,
    height: int,
    *,
    use_container_width: bool = True,
) -> None:
    """Draw a map built and rendered once per ``signature`` (across sessions), sending nothing back.

    The map page opened again with the same data, filters, view and focus — a
    new reader, a reload, a filter put back — sends the map of the first time
    without building or rendering it again.

    Parameters
    ----------
    build : callable
        Makes the map (only on a cache miss; it must not call Streamlit).
        Everything it draws must be named in ``signature``.
    signature : str
        Names the map completely: data stamp, filters, view, focus, basemap…
    key : str
        Streamlit widget key.
    height : int
        Height in pixels.
    use_container_width : bool
        Fill the column's width.
    """
    args, hash_key = _cached_args(signature, key, build)

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    streamlit_folium._component_func(
        script=args.script,
        header=args.header,
        html=args.html,
        id=args.map_id,
        key=hash_key,
        height=height,
        width=None if use_container_width else 500,
        returned_objects=[],
        default={},
        zoom=None,
        center=None,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(args.css_links),
        js_links=list(args.js_links),
        on_change=on_change,
        wrap_longitude=False,
    )


def pick_point(fmap: folium.Map, key: str, height: int = 360) -> tuple[float, float] | None:
    """Draw a map whose click is read back: the point the analyst chose.

    Parameters
    ----------
    fmap : folium.Map
        The map (``lib.maps.pick_map``).
    key : str
        Widget key.
    height : int
        Height in pixels.

    Returns
    -------
    (lat, lon) or None
        The last point clicked on this map, rounded to 5 decimals (about a metre);
        None before any click.
    """
    result = st_folium(
        localize_map(fmap),
        key=key,
        height=height,
        use_container_width=True,
        # Only the click comes back: panning and zooming never rerun the app.
        returned_objects=["last_clicked"],
    )
    clicked = (result or {}).get("last_clicked") or {}
    try:
        return round(float(clicked["lat"]), 5), round(float(clicked["lng"]), 5)
    except (KeyError, TypeError, ValueError):
        return None


def scroll_to(element_id: str) -> None:
    """Scroll the page to an element once it is drawn (the passage a link opened)."""
    # The component frame is same-origin: it may reach the page it sits in.
    script = static_text("scroll_to.js").strip()
    components.html(f"<script>{script}({json.dumps(element_id)});</script>", height=0)
