"""The maps' markup: Jinja templates (``templates/``) and static CSS/JS (``static/``).

Templates render without autoescape: every data text goes through the ``esc``
filter (:func:`lib.maps.popups.esc`), which also escapes the characters that
would end a JavaScript template literal, where folium puts tooltips and popups.
Undefined names fail loudly (``StrictUndefined``) rather than render as nothing.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path

import jinja2

from lib.maps.marks import mark_path

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
#: Stands for the Leaflet map's variable in scripts (see :class:`lib.maps.base_map.Snippet`).
MAP_PLACEHOLDER = "{{map}}"

_JS_TEMPLATE_ESCAPES = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def esc(value: object, limit: int = 2000) -> str:
    """Escape any value for HTML inside a JavaScript template literal.

    Parameters
    ----------
    value : object
        Text (or anything with ``str``); ``None`` gives an empty string.
    limit : int
        Longer text is cut and ends with an ellipsis, so a runaway field
        cannot swamp the map.

    Returns
    -------
    str
        Safe HTML text.
    """
    text = "" if value is None else str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return html.escape(text, quote=True).translate(_JS_TEMPLATE_ESCAPES)


@cache
def environment() -> jinja2.Environment:
    """The maps' Jinja environment (filters ``esc``, ``json``, ``script_json``; ``mark_path``)."""
    env = jinja2.Environment(
        # Templates ship with the code: no look at the file on every use.
        auto_reload=False,
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["esc"] = esc
    # Plain json.dumps: the output matches what the map scripts always had.
    env.filters["json"] = json.dumps
    env.filters["script_json"] = script_json
    # The symbols' group marks, from their one geometry (lib.maps.marks).
    env.globals["mark_path"] = mark_path
    return env


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as escapes.

    Data in a map script (an id from the store, a label) can then never close the
    script element or open a comment, whatever it holds.
    """
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(name: str, **context: object) -> str:
    """Render the template ``templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)


def macro(template: str, name: str):
    """A macro of a template, as a Python callable returning text."""
    return getattr(environment().get_template(template).module, name)


@cache
def static_text(name: str) -> str:
    """The text of the static file ``static/<name>`` (CSS or JavaScript)."""
    return (STATIC_DIR / name).read_text(encoding="utf-8")
