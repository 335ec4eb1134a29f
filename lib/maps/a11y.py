"""What makes every map frame accessible (WCAG 2.1 AA), whoever renders it.

Folium's page says nothing about its language or title and turns pinch zoom off
(``maximum-scale=1.0, user-scalable=no`` in ``folium.Map``'s header); its markers
are focusable buttons without a name. This module holds our answers, wired in by
:mod:`lib.maps.base_map` for every map:

* :data:`FIGURE_TEMPLATE`: the page of a map rendered on its own (the briefing
  export's frames) with ``lang`` and a ``<title>``;
* :func:`allow_zoom`: the map's header with a viewport that lets the reader zoom;
* :func:`keyboard_script`: the map's frame named for the map; the markers as
  the keyboard's stops (Enter or Space opens the popup and moves focus into it,
  Escape closes it and gives focus back to the marker; a cluster is named and
  opens on Enter); upstream markup mended (leaflet-measure's list); and, when
  the reader asks for reduced motion, no animated zoom, fade or inertia;
* :func:`feature_name`: what a marker says it is, to a screen reader (kind,
  name, location precision, confidence).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import jinja2
from markupsafe import Markup

from lib.maps.templating import MAP_PLACEHOLDER, TEMPLATES_DIR, render

#: Folium's viewport meta (any spacing): the one tag of its header this module rewrites.
_VIEWPORT_RE = re.compile(r"<meta\s+name=\"viewport\"[^>]*>", re.IGNORECASE)

#: The page of a map rendered on its own: branca's figure, with a language and a title.
FIGURE_TEMPLATE = jinja2.Template(
    (TEMPLATES_DIR / "figure.html.j2").read_text("utf-8"), autoescape=False
)

#: Precision codes in a marker's name: short, since a screen reader reads it on every stop.
_PRECISION_NAMES: dict[str, str] = {
    "site": "exact location",
    "town": "stand-in location, nearest town",
    "area": "stand-in location, wider area",
    "region": "stand-in location, region only",
}


def allow_zoom(header_text: str) -> str:
    """A map's header with a viewport meta that leaves zooming to the reader.

    Parameters
    ----------
    header_text : str
        Rendered header markup (folium's ``Map`` header).

    Returns
    -------
    str
        The same markup, its viewport meta replaced by one without
        ``maximum-scale`` or ``user-scalable=no`` (WCAG 1.4.4, resize text).
    """
    return _VIEWPORT_RE.sub(render("viewport.html.j2").strip(), header_text)


class ZoomableTemplate:
    """A folium template whose ``header`` macro gives a viewport that allows zooming.

    branca renders an element's header through ``template.module.header``; this
    wraps that one macro in :func:`allow_zoom` and hands everything else to the
    template it wraps, so the map renders exactly as folium's otherwise.

    Parameters
    ----------
    template : jinja2.Template
        The template wrapped (``folium.Map._template``).
    """

    def __init__(self, template: jinja2.Template) -> None:
        self._wrapped = template
        macros = dict(template.module.__dict__)
        header = macros.get("header")
        if header is not None:
            macros["header"] = lambda this, kwargs: Markup(allow_zoom(str(header(this, kwargs))))
        self.module = SimpleNamespace(**macros)

    def __getattr__(self, name: str) -> object:
        return getattr(self._wrapped, name)


def keyboard_script(title: str) -> str:
    """The script every map runs once it exists (``{{map}}``: the Leaflet map).

    Parameters
    ----------
    title : str
        What the map is (plain text): the name of its frame in the app.

    Returns
    -------
    str
        ``templates/a11y.js.j2`` rendered, without its final newline.
    """
    return render("a11y.js.j2", map=MAP_PLACEHOLDER, title=title).removesuffix("\n")


def feature_name(
    kind: str,
    name: object,
    precision: str | None = None,
    confidence: str | None = None,
    detail: object | None = None,
) -> str:
    """What a map feature is, in one line of plain text (a marker's accessible name).

    Parameters
    ----------
    kind : str
        What it is: ``Base``, ``Border crossing``, ``Event (clash)``...
    name : object
        Its name or title.
    precision : str, optional
        Location precision code (``site``, ``town``, ``area``, ``region``).
    confidence : str, optional
        ``high``, ``medium`` or ``low``.
    detail : object, optional
        A short extra (a group, a date), put after the name.

    Returns
    -------
    str
        E.g. ``"Base: Koya headquarters (KDPI) — stand-in location, nearest
        town; low confidence"``. Plain text: escape it where it meets HTML.
    """
    text = f"{kind}: {name}"
    if detail:
        text += f" ({detail})"
    words = [_PRECISION_NAMES.get(precision, str(precision))] if precision else []
    if confidence:
        words.append(f"{confidence} confidence")
    return text + (" — " + "; ".join(words) if words else "")
