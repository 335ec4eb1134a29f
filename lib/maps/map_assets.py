"""Serve the maps' scripts, styles, fonts and images from the app itself.

Folium and streamlit-folium load Leaflet, jQuery, Font Awesome and the Leaflet
plugins from public CDNs, so on a machine without internet access the map is
blank. This module

* copies those files out of installed registry packages (``xstatic-*`` and
  ``folium-offline``) into :data:`lib.data.paths.VENDOR_DIR` (``static/vendor``,
  git-ignored), which Streamlit serves at :data:`VENDOR_URL` when
  ``server.enableStaticServing`` is on (:func:`install_assets`);
* rewrites every resource link of a folium map to those local copies and
  refuses, loudly, a map that needs a file we have no copy of
  (:func:`localize_map`);
* turns a rendered map page that points at the local copies into a single
  self-contained HTML file (:func:`inline_assets`).

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

import base64
import hashlib
import importlib
import json
import mimetypes
import os
import posixpath
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import branca.colormap
import folium
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from lib.data.paths import VENDOR_DIR

__all__ = [
    "ASSETS",
    "CDN_ASSETS",
    "VENDOR_URL",
    "Asset",
    "BundledResource",
    "MissingAssetError",
    "XStaticFile",
    "inline_assets",
    "install_assets",
    "local_url",
    "localize_map",
]

VENDOR_URL: str = "/app/static/vendor"
"""URL under which Streamlit serves :data:`lib.data.paths.VENDOR_DIR`."""

_STAMP_NAME = ".assets-stamp.json"
_SCHEMA = 1  # bump when the table or the transforms change in a way versions don't show


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
_URL_GLYPHICONS_CSS = "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css"
_AM = "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2"
_URL_AWESOME_JS = f"{_AM}/leaflet.awesome-markers.js"
_URL_AWESOME_CSS = f"{_AM}/leaflet.awesome-markers.css"
_URL_AWESOME_ROTATE_CSS = (
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css"
)
_URL_D3 = "https://d3js.org/d3.v4.min.js"

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
}
"""CDN URL a folium element asks for -> path of its local copy (relative to the vendor dir)."""

# folium.Map's own links that only folium.Icon (awesome markers) needs.
_ICON_ONLY_URLS = frozenset(
    {
        _URL_BOOTSTRAP_JS,
        _URL_BOOTSTRAP_CSS,
        _URL_AWESOME_JS,
        _URL_AWESOME_CSS,
        _URL_AWESOME_ROTATE_CSS,
    }
)
# folium.Map's own links that are never served (see module notes).
_ALWAYS_DROPPED_URLS = frozenset({_URL_GLYPHICONS_CSS})


# --- install -------------------------------------------------------------------------
_SOURCE_MAP_RE = re.compile(
    rb"(?m)^[ \t]*(?://[#@][ \t]*sourceMappingURL=\S*|/\*[#@][ \t]*sourceMappingURL=[^*]*\*/)[ \t]*$\n?"
)


def _content(asset: Asset) -> bytes:
    data = asset.source.read()
    if asset.path.endswith((".js", ".css")):
        data = _SOURCE_MAP_RE.sub(b"", data)
    return data


def _stamp_key() -> str:
    versions = sorted({a.source.version() for a in ASSETS})
    table = sorted((a.path, repr(a.source)) for a in ASSETS)
    blob = json.dumps([_SCHEMA, versions, table]).encode()
    return hashlib.sha256(blob).hexdigest()


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_stamp(vendor_dir: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads((vendor_dir / _STAMP_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def install_assets(vendor_dir: Path = VENDOR_DIR) -> list[Path]:
    """Write every file of :data:`ASSETS` into ``vendor_dir``.

    Cheap when the directory is current: a stamp file records the source
    package versions and each file's size; if they all still match, nothing is
    read or written. Each file is written to a temporary file in the same
    directory and moved into place with :func:`os.replace`, so a concurrent
    reader (another Streamlit session) never sees a half-written file. Files
    whose content is already identical are left untouched.

    Parameters
    ----------
    vendor_dir : Path, optional
        Target directory; defaults to :data:`lib.data.paths.VENDOR_DIR`.

    Returns
    -------
    list of Path
        The path of every asset file, in :data:`ASSETS` order.
    """
    vendor_dir = Path(vendor_dir)
    paths = [vendor_dir / a.path for a in ASSETS]
    key = _stamp_key()

    stamp = _read_stamp(vendor_dir)
    if stamp is not None and stamp.get("key") == key:
        recorded = stamp.get("sizes", {})
        try:
            if all(
                p.stat().st_size == recorded.get(a.path) for a, p in zip(ASSETS, paths, strict=True)
            ):
                return paths
        except OSError:
            pass

    sizes: dict[str, int] = {}
    for asset, path in zip(ASSETS, paths, strict=True):
        data = _content(asset)
        sizes[asset.path] = len(data)
        try:
            current = path.read_bytes() if path.stat().st_size == len(data) else None
        except OSError:
            current = None
        if current != data:
            _atomic_write(path, data)

    stamp_data = json.dumps({"key": key, "sizes": sizes}, indent=1, sort_keys=True)
    _atomic_write(vendor_dir / _STAMP_NAME, stamp_data.encode("utf-8"))
    return paths


# --- localize ------------------------------------------------------------------------
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
        """
        {% macro script(this, kwargs) %}
            if (typeof L.Icon.Default.imagePath !== "string") {
                L.Icon.Default.imagePath = {{ this.image_path|tojson }};
            }
        {% endmacro %}
        """
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
                _URL_D3,
                "branca ColorMap legends make streamlit-folium load d3 from a CDN; "
                "draw the legend another way",
            )
        if isinstance(el, folium.Icon):
            has_icon = True
            if el.options.get("prefix", "glyphicon") == "glyphicon":
                raise MissingAssetError(
                    _URL_GLYPHICONS_CSS,
                    "folium.Icon(prefix='glyphicon') needs Bootstrap 3 glyphicon fonts, "
                    "which no installed package ships; use prefix='fa'",
                )

    for el in elements:
        if not isinstance(el, JSCSSMixin):
            continue
        dropped = set()
        if isinstance(el, folium.Map):
            dropped |= _ALWAYS_DROPPED_URLS
            if not has_icon:
                dropped |= _ICON_ONLY_URLS
            _set_image_path(el, base_url)
        el.default_js = [
            (name, local_url(url, base_url)) for name, url in el.default_js if url not in dropped
        ]
        el.default_css = [
            (name, local_url(url, base_url)) for name, url in el.default_css if url not in dropped
        ]
    return m


# --- inline --------------------------------------------------------------------------
_SCRIPT_RE = re.compile(
    r"""<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>\s*</script\s*>""", re.IGNORECASE
)
_LINK_RE = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR_RE = re.compile(r"""\b(rel|href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_CSS_URL_RE = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
_FONT_FACE_RE = re.compile(r"@font-face\s*\{[^}]*\}")
_TTF_FALLBACK_RE = re.compile(
    r"""\s*,\s*url\(\s*["']?[^"')]+\.ttf["']?\s*\)\s*format\(\s*["']truetype["']\s*\)"""
)


def _vendor_file(rel: str, vendor_dir: Path) -> Path:
    rel = posixpath.normpath(rel.split("#", 1)[0].split("?", 1)[0])
    if rel.startswith(("..", "/")):
        raise ValueError(f"asset path escapes the vendor directory: {rel!r}")
    path = vendor_dir / rel
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing; run lib.maps.map_assets.install_assets() first"
        )
    return path


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0]
    if mime is None:
        mime = "font/woff2" if path.suffix == ".woff2" else "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(css: str, rel: str, vendor_dir: Path, embed_fonts: bool) -> str:
    if embed_fonts:
        css = _TTF_FALLBACK_RE.sub("", css)  # woff2 is enough for any browser that runs Leaflet
    else:
        css = _FONT_FACE_RE.sub(
            lambda fm: "" if _CSS_URL_RE.search(fm.group(0)) else fm.group(0), css
        )
    css_dir = posixpath.dirname(rel)

    def replace(um: re.Match[str]) -> str:
        target = um.group(2).strip()
        if target.startswith(("data:", "#", "http:", "https:", "//")):
            return um.group(0)
        path = _vendor_file(posixpath.join(css_dir, target), vendor_dir)
        return f'url("{_data_uri(path)}")'

    return _CSS_URL_RE.sub(replace, css)


def _leaflet_icon_fix(vendor_dir: Path) -> str:
    # Leaflet derives its default marker URL from leaflet.css's marker-icon.png
    # path, which a data: URI defeats: hand it the images explicitly.
    images = vendor_dir / "leaflet" / "images"
    options = {
        "iconUrl": _data_uri(images / "marker-icon.png"),
        "iconRetinaUrl": _data_uri(images / "marker-icon-2x.png"),
        "shadowUrl": _data_uri(images / "marker-shadow.png"),
    }
    return (
        "<script>L.Icon.Default.imagePath='';"
        f"L.Icon.Default.mergeOptions({json.dumps(options)});</script>"
    )


def inline_assets(
    html: str,
    base_url: str = VENDOR_URL,
    vendor_dir: Path = VENDOR_DIR,
    *,
    embed_fonts: bool = True,
) -> str:
    """Make a rendered map page self-contained.

    Every ``<script src=...>`` and ``<link rel="stylesheet" href=...>`` whose
    URL lies under ``base_url`` is replaced by an inline ``<script>`` /
    ``<style>`` holding the file from ``vendor_dir``; images referenced by the
    inlined CSS become ``data:`` URIs. Other tags (e.g. CDN links of a map that
    was not localized) are left as they are.

    Parameters
    ----------
    html : str
        A page such as ``localize_map(m).get_root().render()``.
    base_url : str, optional
        URL under which the vendor directory is served.
    vendor_dir : Path, optional
        Directory filled by :func:`install_assets`.
    embed_fonts : bool, optional
        If True (default), Font Awesome's woff2 fonts are embedded as
        ``data:`` URIs (about 390 kB of base64; the ``.ttf`` fallbacks are
        dropped). If False, ``@font-face`` rules that reference font files are
        removed: the page is ~400 kB smaller and makes no font requests, but
        Font Awesome glyphs render as blanks.

    Returns
    -------
    str
        The page with the local assets inlined.

    Raises
    ------
    FileNotFoundError
        If a referenced local file is not in ``vendor_dir`` after installing.
    """
    # An export may be made before the app ever started (a script, a test):
    # make sure the files are there; this is cheap when they already are.
    install_assets(vendor_dir)
    vendor_dir = Path(vendor_dir)
    prefix = base_url.rstrip("/") + "/"

    def script(sm: re.Match[str]) -> str:
        url = sm.group(1)
        if not url.startswith(prefix):
            return sm.group(0)
        rel = url[len(prefix) :]
        js = _vendor_file(rel, vendor_dir).read_text("utf-8")
        js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
        tag = f"<script>{js}</script>"
        if posixpath.normpath(rel) == "leaflet/leaflet.js":
            tag += _leaflet_icon_fix(vendor_dir)
        return tag

    def link(lm: re.Match[str]) -> str:
        attrs = {k.lower(): v for k, v in _ATTR_RE.findall(lm.group(0))}
        url = attrs.get("href", "")
        if attrs.get("rel", "").lower() != "stylesheet" or not url.startswith(prefix):
            return lm.group(0)
        rel = url[len(prefix) :]
        css = _inline_css(
            _vendor_file(rel, vendor_dir).read_text("utf-8"), rel, vendor_dir, embed_fonts
        )
        css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
        return f"<style>{css}</style>"

    return _LINK_RE.sub(link, _SCRIPT_RE.sub(script, html))
