"""Old import path of the border analysis, kept while other modules move to the new one.

The measurements now live in :mod:`lib.analysis.border`, the maps in
:mod:`lib.maps.border_maps`, the charts in :mod:`lib.story.border_charts`. This
module re-exports only the names other modules still import from here
(``lib.analysis.claims``, ``lib.story.briefing``, ``tests/unit/test_claims.py``,
``tests/data/test_data_claims.py``); it goes once they import the new modules.
"""

from __future__ import annotations

from lib.analysis.border import measured_for
from lib.analysis.border.geometry import vertex_count
from lib.analysis.border.lines import LineSource, length_table, read_line_sources
from lib.analysis.border.segments import kri_share, kri_stretch_km

__all__ = [
    "LineSource",
    "kri_share",
    "kri_stretch_km",
    "length_table",
    "measured_for",
    "read_line_sources",
    "vertex_count",
]
