"""The story's Jinja2 templates and static files (``templates/``, ``static/``): article, exports.

Autoescape is on. Texts from a briefing or the data go through the ``esc``
filter, which is :func:`lib.maps.popups.esc` (the escaping every map text
gets, so the bytes stay those of the maps and earlier exports); anything not
passed through a filter is still escaped by Jinja. ``srcdoc`` makes a whole
page one attribute value (:func:`html.escape`, quotes included).
"""

from __future__ import annotations

import html
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from lib.maps.popups import esc

_PACKAGE = "lib.story"


def _esc(value: object, limit: int = 2000) -> Markup:
    # Markup: already escaped, so autoescape leaves it as it is.
    return Markup(esc(value, limit))


def _srcdoc(document: str) -> Markup:
    return Markup(html.escape(document, quote=True))


@cache
def environment() -> Environment:
    """The Jinja2 environment of ``lib/story/templates`` (autoescape on, ``esc``/``srcdoc``).

    Returns
    -------
    jinja2.Environment
        Shared; undefined names raise instead of rendering empty.
    """
    env = Environment(
        # Templates ship with the code: no look at the file on every use.
        auto_reload=False,
        loader=PackageLoader(_PACKAGE, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
    )
    env.filters["esc"] = _esc
    env.filters["srcdoc"] = _srcdoc
    return env


def render(name: str, **context: object) -> str:
    """Render the template ``templates/<name>`` with ``context``.

    Parameters
    ----------
    name : str
        File name, e.g. ``export.html.j2``.
    **context
        Template variables.

    Returns
    -------
    str
        The rendered text.
    """
    return environment().get_template(name).render(**context)


@cache
def static_text(name: str) -> Markup:
    """The file ``static/<name>`` (a script or stylesheet), as trusted markup to inline.

    Parameters
    ----------
    name : str
        File name, e.g. ``keyboard.js``.

    Returns
    -------
    markupsafe.Markup
        The text, unchanged.
    """
    return Markup(resources.files(_PACKAGE).joinpath("static", name).read_text("utf-8"))


def template_text(name: str) -> str:
    """The source of ``templates/<name>``, for classes that take a template string (folium)."""
    return resources.files(_PACKAGE).joinpath("templates", name).read_text("utf-8")
