"""Point a folium map's scripts and stylesheets at the local copies (or refuse it, loudly)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import TypeVar

import branca.colormap
import folium
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from lib.maps.map_assets.registry import (
    ALWAYS_DROPPED_URLS,
    CDN_ASSETS,
    ICON_ONLY_URLS,
    URL_D3,
    URL_GLYPHICONS_CSS,
    VENDOR_URL,
    MissingAssetError,
)

_E = TypeVar("_E", bound=Element)


def local_url(cdn_url: str, base_url: str = VENDOR_URL) -> str:
    """Return the local URL that replaces ``cdn_url``.

    Parameters
    ----------
    cdn_url : str
        A URL a folium element asks for.
    base_url : str, optional
        URL of the vendor directory.

    Returns
    -------
    str
        ``base_url`` joined with the local copy's path. URLs already under
        ``base_url`` are returned unchanged.

    Raises
    ------
    MissingAssetError
        If there is no local copy of ``cdn_url``.
    """
    base = base_url.rstrip("/")
    if cdn_url.startswith(base + "/"):
        return cdn_url
    try:
        return f"{base}/{CDN_ASSETS[cdn_url]}"
    except KeyError:
        raise MissingAssetError(cdn_url) from None


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


class _LeafletImagePath(MacroElement):
    """Set ``L.Icon.Default.imagePath`` before any marker is created."""

    _template = Template(
        resources.files(__package__)
        .joinpath("templates", "leaflet_image_path.js.j2")
        .read_text("utf-8")
    )

    def __init__(self, image_path: str) -> None:
        super().__init__()
        self._name = "LeafletImagePath"
        self.image_path = image_path


_IMAGE_PATH_CHILD = "leaflet_image_path"


def _set_image_path(m: folium.Map, base_url: str) -> None:
    image_path = f"{base_url.rstrip('/')}/leaflet/images/"
    m._children.pop(_IMAGE_PATH_CHILD, None)
    m.add_child(_LeafletImagePath(image_path), name=_IMAGE_PATH_CHILD)
    m._children.move_to_end(_IMAGE_PATH_CHILD, last=False)  # before any marker's script


def localize_map(m: _E, base_url: str = VENDOR_URL) -> _E:
    """Point every script and stylesheet of a folium map at the local copies.

    Walks ``m`` and all its descendants (plugins, children of children) and
    sets instance-level ``default_js`` / ``default_css`` on every
    ``JSCSSMixin`` element, which is what both folium's HTML rendering and
    streamlit-folium's component read. The class-level lists are not touched.

    folium.Map's Bootstrap and awesome-markers links are dropped unless the
    map contains a ``folium.Icon``; its glyphicons link is always dropped.
    A first child is added to every ``folium.Map`` that points Leaflet's
    default marker images at the local copies (see the module notes).

    Parameters
    ----------
    m : folium.Map
        The map (any branca element works, e.g. a FeatureGroup passed to
        ``st_folium(feature_group_to_add=...)``).
    base_url : str, optional
        URL under which the vendor directory is served.

    Returns
    -------
    folium.Map
        ``m`` itself, modified in place.

    Raises
    ------
    MissingAssetError
        If an element needs a URL with no local copy, if the map holds a
        branca ``ColorMap`` (streamlit-folium would load d3 from a CDN), or
        if a ``folium.Icon`` uses the ``glyphicon`` prefix.
    """
    elements = list(_walk(m))
    has_icon = False
    for el in elements:
        if isinstance(el, branca.colormap.ColorMap):
            raise MissingAssetError(
                URL_D3,
                "branca ColorMap legends make streamlit-folium load d3 from a CDN; "
                "draw the legend another way",
            )
        if isinstance(el, folium.Icon):
            has_icon = True
            if el.options.get("prefix", "glyphicon") == "glyphicon":
                raise MissingAssetError(
                    URL_GLYPHICONS_CSS,
                    "folium.Icon(prefix='glyphicon') needs Bootstrap 3 glyphicon fonts, "
                    "which no installed package ships; use prefix='fa'",
                )

    for el in elements:
        if not isinstance(el, JSCSSMixin):
            continue
        dropped = set()
        if isinstance(el, folium.Map):
            dropped |= ALWAYS_DROPPED_URLS
            if not has_icon:
                dropped |= ICON_ONLY_URLS
            _set_image_path(el, base_url)
        el.default_js = [
            (name, local_url(url, base_url)) for name, url in el.default_js if url not in dropped
        ]
        el.default_css = [
            (name, local_url(url, base_url)) for name, url in el.default_css if url not in dropped
        ]
    return m
