"""Which web files the maps need, where folium asks for them, and where our copies come from.

:data:`ASSETS` lists every file written into the vendor directory and the
installed package it is copied from; :data:`CDN_ASSETS` maps each CDN URL a
folium element asks for to its local copy. See :mod:`lib.maps.map_assets` for
the version notes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

VENDOR_URL: str = "/app/static/vendor"
"""URL under which Streamlit serves :data:`lib.data.paths.VENDOR_DIR`."""


class MissingAssetError(LookupError):
    """A map element needs a web resource that has no local copy.

    Parameters
    ----------
    url : str
        The CDN URL that would have been loaded.
    reason : str, optional
        Why it cannot be served locally, or what to do instead.

    Attributes
    ----------
    url : str
        The CDN URL that would have been loaded.
    """

    def __init__(self, url: str, reason: str | None = None) -> None:
        self.url = url
        message = f"no local copy of map asset {url!r}"
        if reason:
            message += f": {reason}"
        else:
            message += " (add it to lib.maps.map_assets.ASSETS / CDN_ASSETS, from a package)"
        super().__init__(message)


@dataclass(frozen=True)
class XStaticFile:
    """A file inside an installed ``xstatic-*`` package.

    Attributes
    ----------
    package : str
        Module name under ``xstatic.pkg`` (e.g. ``"leaflet"``).
    file : str
        Path relative to the package's ``BASE_DIR``.
    """

    package: str
    file: str

    def read(self) -> bytes:
        """Return the file's bytes."""
        module = importlib.import_module(f"xstatic.pkg.{self.package}")
        return (Path(module.BASE_DIR) / self.file).read_bytes()

    def version(self) -> str:
        """Return the package's version, for the install stamp."""
        module = importlib.import_module(f"xstatic.pkg.{self.package}")
        return f"{module.PACKAGE_NAME} {module.VERSION}.{module.BUILD}"


@dataclass(frozen=True)
class BundledResource:
    """A CDN file bundled as text in ``folium-offline``.

    Attributes
    ----------
    url : str
        Key of ``offlinefolium.elements._res`` (the CDN URL folium uses).
    """

    url: str

    def read(self) -> bytes:
        """Return the file's bytes (imports ``offlinefolium``, ~0.5 s once)."""
        from offlinefolium.elements import _res

        return _res[self.url].encode("utf-8")

    def version(self) -> str:
        """Return the package's version, for the install stamp."""
        return f"folium-offline {metadata.version('folium-offline')}"


Source = XStaticFile | BundledResource


@dataclass(frozen=True)
class Asset:
    """One file written into the vendor directory.

    Attributes
    ----------
    path : str
        POSIX path relative to the vendor directory (and to the vendor URL).
    source : XStaticFile or BundledResource
        Where its content comes from.
    """

    path: str
    source: Source


_LEAFLET_IMAGES = (
    "layers.png",
    "layers-2x.png",
    "marker-icon.png",
    "marker-icon-2x.png",
    "marker-shadow.png",
)
_FA_WEBFONTS = tuple(
    f"{stem}.{ext}"
    for stem in ("fa-brands-400", "fa-regular-400", "fa-solid-900", "fa-v4compatibility")
    for ext in ("woff2", "ttf")
)

# --- CDN URLs folium uses ------------------------------------------------------------
_URL_LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
_URL_LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
_URL_JQUERY = "https://code.jquery.com/jquery-3.7.1.min.js"
_URL_JQUERY_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js"
_URL_FA_CSS = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css"
_MC = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0"
_URL_FULLSCREEN_JS = (
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js"
)
_URL_FULLSCREEN_CSS = "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css"
_URL_MEASURE_JS = (
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.js"
)
_URL_MEASURE_CSS = (
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css"
)
_URL_BOOTSTRAP_JS = "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js"
_URL_BOOTSTRAP_CSS = "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css"
URL_GLYPHICONS_CSS = "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css"
_AM = "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2"
_URL_AWESOME_JS = f"{_AM}/leaflet.awesome-markers.js"
_URL_AWESOME_CSS = f"{_AM}/leaflet.awesome-markers.css"
_URL_AWESOME_ROTATE_CSS = (
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css"
)
URL_D3 = "https://d3js.org/d3.v4.min.js"
#: Leaflet.Sync (folium's DualMap uses it): two maps that move together.
URL_LEAFLET_SYNC = "https://cdn.jsdelivr.net/gh/jieter/Leaflet.Sync/L.Map.Sync.min.js"

ASSETS: tuple[Asset, ...] = (
    Asset("leaflet/leaflet.js", XStaticFile("leaflet", "leaflet.js")),
    Asset("leaflet/leaflet.css", XStaticFile("leaflet", "leaflet.css")),
    *(Asset(f"leaflet/images/{n}", XStaticFile("leaflet", f"images/{n}")) for n in _LEAFLET_IMAGES),
    Asset("jquery/jquery.min.js", XStaticFile("jquery", "jquery.min.js")),
    Asset("fontawesome/css/all.min.css", XStaticFile("font_awesome", "css/all.min.css")),
    *(
        Asset(f"fontawesome/webfonts/{n}", XStaticFile("font_awesome", f"webfonts/{n}"))
        for n in _FA_WEBFONTS
    ),
    Asset(
        "markercluster/leaflet.markercluster.js",
        XStaticFile("leaflet_markercluster", "leaflet.markercluster.js"),
    ),
    Asset(
        "markercluster/MarkerCluster.css",
        XStaticFile("leaflet_markercluster", "MarkerCluster.css"),
    ),
    Asset(
        "markercluster/MarkerCluster.Default.css",
        XStaticFile("leaflet_markercluster", "MarkerCluster.Default.css"),
    ),
    Asset("fullscreen/Control.FullScreen.min.js", BundledResource(_URL_FULLSCREEN_JS)),
    Asset("fullscreen/Control.FullScreen.css", BundledResource(_URL_FULLSCREEN_CSS)),
    Asset("measure/leaflet-measure.min.js", BundledResource(_URL_MEASURE_JS)),
    Asset("measure/leaflet-measure.min.css", BundledResource(_URL_MEASURE_CSS)),
    # Only loaded when a map contains a folium.Icon (see localize_map).
    Asset("awesome-markers/leaflet.awesome-markers.js", BundledResource(_URL_AWESOME_JS)),
    Asset("awesome-markers/leaflet.awesome-markers.css", BundledResource(_URL_AWESOME_CSS)),
    Asset(
        "awesome-markers/leaflet.awesome.rotate.min.css",
        BundledResource(_URL_AWESOME_ROTATE_CSS),
    ),
    Asset("bootstrap/bootstrap.bundle.min.js", BundledResource(_URL_BOOTSTRAP_JS)),
    Asset("bootstrap/bootstrap.min.css", BundledResource(_URL_BOOTSTRAP_CSS)),
    Asset("sync/L.Map.Sync.min.js", BundledResource(URL_LEAFLET_SYNC)),
)
"""Every file :func:`install_assets` writes, with where it comes from."""

CDN_ASSETS: dict[str, str] = {
    _URL_LEAFLET_JS: "leaflet/leaflet.js",
    _URL_LEAFLET_CSS: "leaflet/leaflet.css",
    _URL_JQUERY: "jquery/jquery.min.js",
    _URL_JQUERY_CDNJS: "jquery/jquery.min.js",
    _URL_FA_CSS: "fontawesome/css/all.min.css",
    f"{_MC}/leaflet.markercluster.js": "markercluster/leaflet.markercluster.js",
    f"{_MC}/MarkerCluster.css": "markercluster/MarkerCluster.css",
    f"{_MC}/MarkerCluster.Default.css": "markercluster/MarkerCluster.Default.css",
    _URL_FULLSCREEN_JS: "fullscreen/Control.FullScreen.min.js",
    _URL_FULLSCREEN_CSS: "fullscreen/Control.FullScreen.css",
    _URL_MEASURE_JS: "measure/leaflet-measure.min.js",
    _URL_MEASURE_CSS: "measure/leaflet-measure.min.css",
    _URL_AWESOME_JS: "awesome-markers/leaflet.awesome-markers.js",
    _URL_AWESOME_CSS: "awesome-markers/leaflet.awesome-markers.css",
    _URL_AWESOME_ROTATE_CSS: "awesome-markers/leaflet.awesome.rotate.min.css",
    _URL_BOOTSTRAP_JS: "bootstrap/bootstrap.bundle.min.js",
    _URL_BOOTSTRAP_CSS: "bootstrap/bootstrap.min.css",
    URL_LEAFLET_SYNC: "sync/L.Map.Sync.min.js",
}
"""CDN URL a folium element asks for -> path of its local copy (relative to the vendor dir)."""

# folium.Map's own links that only folium.Icon (awesome markers) needs; the Font Awesome
# stylesheet too (~100 kB; no markup of ours or of the plugins we use names its icons).
# jQuery stays: folium's popups build their content with $(…).
ICON_ONLY_URLS = frozenset(
    {
        _URL_FA_CSS,
        _URL_BOOTSTRAP_JS,
        _URL_BOOTSTRAP_CSS,
        _URL_AWESOME_JS,
        _URL_AWESOME_CSS,
        _URL_AWESOME_ROTATE_CSS,
    }
)
# folium.Map's own links that are never served (see module notes).
ALWAYS_DROPPED_URLS = frozenset({URL_GLYPHICONS_CSS})
