"""One script file for a map's local scripts, so its frame makes one request, not five.

streamlit-folium's frame loads a map's scripts one after another, each waiting for
the one before to load and run (Leaflet, jQuery, then the plugins: marker clusters,
full screen, measure). On the 2-core rig that chain was ~0.26 s of the main map's
time to a drawn map, against ~0.02 s for a map with Leaflet alone
(``python -m lib.tools.benchmark --only-browser``, stage "arguments → first path
drawn"). The same files, joined in the same order into one file under
``<vendor>/bundles/`` (named by a hash of their contents, written once, atomically),
load as one request and run in the same order.

Only local vendor files are joined; when any script is not one, or the folder cannot
be written (a read-only deployment), the links are returned as they were.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from lib.data.paths import VENDOR_DIR
from lib.maps.map_assets.inline import vendor_file
from lib.maps.map_assets.install import atomic_write
from lib.maps.map_assets.registry import VENDOR_URL

BUNDLE_DIR = "bundles"
# Between two files: a file that ends in an expression without a semicolon (or in a
# line comment) cannot run into the next one.
_JOIN = b"\n;\n"
#: A script tag that loads a file (as folium writes it), with the blank after it.
_SCRIPT_TAG = re.compile(r'<script src="([^"<>]+)"></script>[ \t]*\n?')


def bundle_scripts(
    urls: Sequence[str], vendor_dir: Path = VENDOR_DIR, base_url: str = VENDOR_URL
) -> tuple[str, ...]:
    """The URL of one file joining ``urls`` in order, or ``urls`` unchanged.

    Parameters
    ----------
    urls : sequence of str
        A map's script URLs in load order (after :func:`localize_map`).
    vendor_dir : pathlib.Path
        The vendor folder (Streamlit serves it at ``base_url``).
    base_url : str
        Where the vendor folder is served.

    Returns
    -------
    tuple of str
        One bundle URL; or the input when there are fewer than two scripts, when one
        is not a local vendor file, or when the bundle cannot be written.
    """
    prefix = base_url.rstrip("/") + "/"
    if len(urls) < 2 or not all(u.startswith(prefix) for u in urls):
        return tuple(urls)
    try:
        # Only files inside the vendor folder: a URL with ".." never reads another file.
        parts = [vendor_file(u[len(prefix) :], vendor_dir).read_bytes() for u in urls]
    except (OSError, ValueError):
        return tuple(urls)
    data = _JOIN.join(parts) + b"\n"
    name = f"{BUNDLE_DIR}/{hashlib.sha256(data).hexdigest()[:20]}.js"
    target = vendor_dir / name
    try:
        if not target.is_file() or target.stat().st_size != len(data):
            atomic_write(target, data)
    except OSError:
        return tuple(urls)
    return (prefix + name,)


def bundle_page_scripts(
    html: str, vendor_dir: Path = VENDOR_DIR, base_url: str = VENDOR_URL
) -> str:
    """A rendered map page whose local scripts load as one file (:func:`bundle_scripts`).

    For a map page shown in a frame inside the app (the briefing deck): the script tags
    of the page's head are joined, the bundle loaded where the first of them was, the
    other tags dropped. Leaflet comes first, so an inline script that follows it still
    finds it; the plugins only load earlier than before.

    Parameters
    ----------
    html : str
        A page rendered after :func:`lib.maps.map_assets.localize_map`.
    vendor_dir, base_url
        As :func:`bundle_scripts`.

    Returns
    -------
    str
        The page with one script tag for its scripts; unchanged when
        :func:`bundle_scripts` keeps the links (a script that is not local, fewer than
        two, a folder that cannot be written).
    """
    # The page's head only: folium links its files there, and the body holds the map's
    # own script, whose text is data.
    end = html.find("</head>")
    if end < 0:
        return html
    head, rest = html[:end], html[end:]
    urls = list(dict.fromkeys(m.group(1) for m in _SCRIPT_TAG.finditer(head)))
    bundled = bundle_scripts(urls, vendor_dir, base_url)
    if list(bundled) == urls:
        return html
    tags = iter([f'<script src="{bundled[0]}"></script>\n'])
    return _SCRIPT_TAG.sub(lambda _m: next(tags, ""), head) + rest
