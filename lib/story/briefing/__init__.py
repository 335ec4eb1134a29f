"""Briefings as data: ordered steps through the story, stored as TOML under ``geodata/briefings/``.

A briefing is a title and an ordered list of steps. Each step says what the
audience reads (``title``, ``caption``), what only the presenter sees
(``notes``), and what the map shows: the view (``bounds``), the layers
(keys of :data:`lib.maps.styles.MAP_LAYERS`), the filters (``groups``, ``from``,
``to``, ``conf`` — the names the page address uses, see
:mod:`lib.model.url_state`) and the features ringed or outlined (``highlights``,
focus strings such as ``group:Komala``, see :mod:`lib.model.links`).

A file looks like this::

    id = "border-security-2025"
    title = "Iraq, Iran and the Kurdish opposition groups"

    [[steps]]
    title = "The border"
    caption = "The line is {border_km} long, measured along the OpenStreetMap line."
    notes = "Published figures range over {published_km_range}."
    bounds = [[29.6, 42.6], [37.6, 49.2]]   # [[south, west], [north, east]]
    layers = ["countries", "border"]
    highlights = ["boundary:iraq-iran-border"]

Captions, titles and notes may carry placeholders (``{border_km}``...) that
:func:`fill` replaces with figures measured from the data
(:func:`briefing_facts`), so no length is ever typed in.

Files are validated on load like every other data file: a problem is a
:class:`lib.data.validation.DataIssue` naming the file, the step (number and
title), the field and what is wrong. A bad step is reported and left out;
the rest of the briefing still works; nothing here raises for bad content.
Briefing ids from a page address are only ever looked up in the loaded
dictionary, never turned into paths.

The package, by concern:

- :mod:`~lib.story.briefing.model`: ``Step``, ``Briefing``, ``Vocabulary``, limits, what
  a step shows;
- :mod:`~lib.story.briefing.facts`: figures measured from the data, placeholders;
- :mod:`~lib.story.briefing.schema`: the file as pydantic models (``StepFile``,
  ``BriefingFile``);
- :mod:`~lib.story.briefing.validate`: their errors as ``DataIssue``, ``parse_*``,
  ``make_step``;
- :mod:`~lib.story.briefing.load` and :mod:`~lib.story.briefing.write`: files in and out;
- :mod:`~lib.story.briefing.links`: the briefing and step a page address asks for.

Views and bounds (Web Mercator) are :mod:`lib.model.map_view`'s.
"""

from __future__ import annotations

from lib.story.briefing.facts import (
    FACT_NAMES,
    briefing_facts,
    fill,
    placeholders,
    published_list,
)
from lib.story.briefing.links import resolve_step
from lib.story.briefing.load import load_briefing_text, load_briefings
from lib.story.briefing.model import (
    BRIEFING_KEYS,
    DRAFT_ID,
    MAX_CAPTION,
    MAX_FILE_BYTES,
    MAX_LIST,
    MAX_NOTES,
    MAX_STEPS,
    MAX_TITLE,
    STEP_KEYS,
    Briefing,
    Step,
    Vocabulary,
    draft_briefing,
    step_bounds,
    step_filters,
    step_layers,
    vocabulary,
)
from lib.story.briefing.schema import BriefingFile, StepFile
from lib.story.briefing.validate import make_step, parse_briefing, parse_step
from lib.story.briefing.write import dump_briefing, file_name, step_to_dict

__all__ = [
    "BRIEFING_KEYS",
    "DRAFT_ID",
    "FACT_NAMES",
    "MAX_CAPTION",
    "MAX_FILE_BYTES",
    "MAX_LIST",
    "MAX_NOTES",
    "MAX_STEPS",
    "MAX_TITLE",
    "STEP_KEYS",
    "Briefing",
    "BriefingFile",
    "Step",
    "StepFile",
    "Vocabulary",
    "briefing_facts",
    "draft_briefing",
    "dump_briefing",
    "file_name",
    "fill",
    "load_briefing_text",
    "load_briefings",
    "make_step",
    "parse_briefing",
    "parse_step",
    "placeholders",
    "published_list",
    "resolve_step",
    "step_bounds",
    "step_filters",
    "step_layers",
    "step_to_dict",
    "vocabulary",
]
