"""Serve the maps' scripts, styles, fonts and images from the app itself.

Folium and streamlit-folium load Leaflet, jQuery, Font Awesome and the Leaflet
plugins from public CDNs, so on a machine without internet access the map is
blank. This package

* copies those files out of installed registry packages (``xstatic-*`` and
  ``folium-offline``) into :data:`lib.data.paths.VENDOR_DIR` (``static/vendor``,
  git-ignored), which Streamlit serves at :data:`VENDOR_URL` when
  ``server.enableStaticServing`` is on (:func:`install_assets`, module
  ``install``; the table of files and CDN URLs is module ``registry``);
* rewrites every resource link of a folium map to those local copies and
  refuses, loudly, a map that needs a file we have no copy of
  (:func:`localize_map`, in ``localize``);
* turns a rendered map page that points at the local copies into a single
  self-contained HTML file (:func:`inline_assets`, in ``inline``);
* joins a map's local scripts, in order, into one file under ``bundles/``, so
  streamlit-folium's frame makes one request rather than a chain of five
  (:func:`bundle_scripts`, in ``bundle``; used for the cached maps).

streamlit-folium collects ``default_js`` / ``default_css`` from every
``JSCSSMixin`` element of the map and its frontend loads those URLs, so
rewriting them at the instance level is all the component needs.

Notes
-----
* folium asks for Leaflet.markercluster 1.1.0; we serve the 1.4.1 files
  shipped by ``xstatic-leaflet-markercluster`` (same API).
* folium asks for Font Awesome 6.2.0; we serve 6.2.1 from
  ``xstatic-font-awesome`` (``css/all.min.css`` plus ``webfonts/``, the layout
  the CSS's ``../webfonts/`` references expect).
* leaflet-measure's upstream ``dist`` CSS already carries its icons as
  ``data:`` URIs (no ``assets/*.png`` requests), so the copy from
  ``folium-offline`` needs nothing else.
* Bootstrap 3 glyphicons CSS is never served: its font fallbacks point at
  ``../fonts/`` files no installed package ships. A ``folium.Icon`` using the
  ``glyphicon`` prefix is therefore rejected; use ``prefix="fa"``.
* Leaflet finds its default marker images through ``leaflet.css``; when a
  marker is added before that stylesheet has applied (as happens in
  streamlit-folium's component) it falls back to a wrong path
  (``.../leafletmarker-icon.png``, a 404). :func:`localize_map` therefore sets
  ``L.Icon.Default.imagePath`` explicitly, unless something set it earlier.
* ``//# sourceMappingURL=`` comments are stripped from the copies: the maps
  they name are not shipped and would 404 whenever developer tools are open.
"""

from __future__ import annotations

from lib.maps.map_assets.bundle import bundle_page_scripts, bundle_scripts
from lib.maps.map_assets.inline import inline_assets
from lib.maps.map_assets.install import install_assets
from lib.maps.map_assets.localize import local_url, localize_map
from lib.maps.map_assets.registry import (
    ASSETS,
    CDN_ASSETS,
    VENDOR_URL,
    Asset,
    BundledResource,
    MissingAssetError,
    XStaticFile,
)

__all__ = [
    "ASSETS",
    "CDN_ASSETS",
    "VENDOR_URL",
    "Asset",
    "BundledResource",
    "MissingAssetError",
    "XStaticFile",
    "bundle_page_scripts",
    "bundle_scripts",
    "inline_assets",
    "install_assets",
    "local_url",
    "localize_map",
]
