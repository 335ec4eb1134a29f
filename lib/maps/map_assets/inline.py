"""Turn a rendered map page that points at the local copies into one self-contained file."""

from __future__ import annotations

import base64
import json
import mimetypes
import posixpath
import re
from importlib import resources
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from lib.data.paths import VENDOR_DIR
from lib.maps.map_assets.install import install_assets
from lib.maps.map_assets.registry import VENDOR_URL

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
_ICON_FIX = Environment(autoescape=True).from_string(
    resources.files(__package__)
    .joinpath("templates", "leaflet_icon_fix.html.j2")
    .read_text("utf-8")
)


def vendor_file(rel: str, vendor_dir: Path) -> Path:
    """The installed file at ``rel`` inside ``vendor_dir`` (query and fragment ignored).

    Raises
    ------
    ValueError
        If ``rel`` leads out of the vendor folder (``..``, an absolute path).
    FileNotFoundError
        If the file is not installed.
    """
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
        path = vendor_file(posixpath.join(css_dir, target), vendor_dir)
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
    # json.dumps, not Jinja's tojson: that one sorts the keys and escapes differently.
    return _ICON_FIX.render(options=Markup(json.dumps(options)))


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
        js = vendor_file(rel, vendor_dir).read_text("utf-8")
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
            vendor_file(rel, vendor_dir).read_text("utf-8"), rel, vendor_dir, embed_fonts
        )
        css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
        return f"<style>{css}</style>"

    return _LINK_RE.sub(link, _SCRIPT_RE.sub(script, html))
