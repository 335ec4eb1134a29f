"""A briefing as files to send round: one self-contained HTML document, one PNG per step.

The work is split by concern; this module keeps the names pages, ``lib.ui``
and tests import from here:

* :mod:`lib.story.export_text` — what a step says (:class:`StepText`,
  :func:`step_text`, :func:`describe_filters`, :func:`highlight_label`);
* :mod:`lib.story.export_map` — the Folium map of a step (:func:`step_map`)
  and the map as a self-contained page (:func:`map_document`);
* :mod:`lib.story.export_html` — the whole briefing as one HTML file
  (:func:`export_html`, template ``templates/export.html.j2``);
* :mod:`lib.story.export_png` — a step as a PNG (:func:`render_step_png`);
* :mod:`lib.story.export_legend` — the legend as HTML (:func:`legend_html`)
  and as matplotlib handles;
* :mod:`lib.story.export_keys` — the step keys (:func:`keyboard_script`,
  ``static/keyboard.js``).

Every text from a briefing or the data is escaped (:func:`lib.maps.popups.esc`).
"""

from __future__ import annotations

# Re-exported for the modules that import them from here (pages/briefing.py,
# pages/notes.py, lib/ui/core.py and tests); new code imports the export_* modules.
# _point_features and _ring: tests/unit/test_rings.py (it patches _ring).
from lib.maps.popups import esc
from lib.story.export_html import export_file_name, export_html
from lib.story.export_keys import keyboard_script
from lib.story.export_legend import legend_html
from lib.story.export_map import step_map
from lib.story.export_png import _point_features, _ring, png_file_name, render_step_png
from lib.story.export_text import highlight_label, step_text

__all__ = [
    "_point_features",
    "_ring",
    "esc",
    "export_file_name",
    "export_html",
    "highlight_label",
    "keyboard_script",
    "legend_html",
    "png_file_name",
    "render_step_png",
    "step_map",
    "step_text",
]
