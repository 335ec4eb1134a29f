"""The UI's markup files: static CSS and JavaScript, and Jinja2 templates.

Every piece of HTML, CSS and JavaScript the pages inject lives in
``lib/ui/static/`` (``*.css``, ``*.js``) or ``lib/ui/templates/`` (``*.html.j2``),
never in Python strings. Text from the data reaches a template only through its
``esc`` filter (``lib.maps.popups.esc``, the escaping of every map text).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import streamlit as st
from markupsafe import Markup

from lib.maps.popups import esc

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"


@cache
def static_text(name: str) -> str:
    """The text of a file in ``lib/ui/static/`` (read once per process)."""
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def style_tag(name: str) -> str:
    """A static stylesheet as a ``<style>`` element, ready for ``st.html``."""
    return f"\n<style>\n{static_text(name)}</style>\n"


def inject_css(*names: str) -> None:
    """Add static stylesheets to the page, in the order given.

    Parameters
    ----------
    *names : str
        File names in ``lib/ui/static/`` (e.g. ``"page.css"``).
    """
    st.html("".join(style_tag(name) for name in names))


def apply_page_style() -> None:
    """Tighten Streamlit's default spacing so the map fits a shared screen."""
    inject_css("page.css", "map_text.css")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        # Templates ship with the code: no look at the file on every use.
        auto_reload=False,
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        # Autoescape is a safety net; templates escape data with ``esc`` (the
        # escaping the maps use) so the output matches the rest of the app.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["esc"] = lambda value, limit=2000: Markup(esc(value, limit))
    return env


def render(template: str, **values: Any) -> str:
    """A template of ``lib/ui/templates/`` filled in.

    Parameters
    ----------
    template : str
        File name, e.g. ``"step_bar.html.j2"``.
    **values
        The template's variables; trusted markup must be passed as ``Markup``.

    Returns
    -------
    str
        The HTML.
    """
    return str(_environment().get_template(template).render(**values))


def fragment(template: str, macro: str, *args: Any) -> str:
    """One macro of a template (a page's small HTML pieces share one file)."""
    module = _environment().get_template(template).module
    return str(getattr(module, macro)(*args))
