"""What a briefing step says, in words: title, caption, notes, layers, filters, highlights.

The texts are plain (not escaped); each renderer escapes them for its medium
(:mod:`lib.story.export_html`, the presenter page) or draws them as they are
(:mod:`lib.story.export_png`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from lib.data.catalog import Catalog
from lib.maps.styles import MAP_LAYERS
from lib.model.filters import Filters, group_labels, show_all
from lib.model.focus import resolve_focus
from lib.model.links import Focus
from lib.story.briefing import Step, fill, step_filters, step_layers

#: The minimum confidence of a step's filters, as the reader says it.
CONFIDENCE_WORDS = {"low": "all", "medium": "medium and high", "high": "high only"}


@dataclass(frozen=True)
class StepText:
    """What a step says, in words, with the placeholders filled.

    Attributes
    ----------
    title, caption, notes : str
        Filled with the measured figures (not escaped).
    layers : list of str
        Labels of the layers shown.
    filters : str
        The filters in one line.
    highlights : list of str
        Names of the highlighted features.
    """

    title: str
    caption: str
    notes: str
    layers: list[str]
    filters: str
    highlights: list[str]


def format_day(day: dt.date) -> str:
    """A date as the briefings print it: ``2 Jan 2025`` (no leading zero)."""
    return f"{day.day} {day:%b %Y}"


def describe_filters(
    catalog: Catalog, filters: Filters, defaults: Filters, dates: str | None = None
) -> str:
    """The filters of a step in one plain line.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (the group names).
    filters : Filters
        The step's filters.
    defaults : Filters
        The "show everything" filters: what equals them is said as "all".
    dates : str, optional
        What the step shows in time, when it is not the range (two days, a playback).

    Returns
    -------
    str
        ``groups · dates · confidence: …``.
    """
    names = group_labels(catalog.curated.groups)
    if filters.groups == defaults.groups:
        groups = "all groups"
    elif not filters.groups:
        groups = "no group"
    else:
        groups = ", ".join(names.get(g, g) for g in sorted(filters.groups, key=str.lower))
    range_ = (
        "all dates"
        if (filters.date_from, filters.date_to) == (defaults.date_from, defaults.date_to)
        else f"{format_day(filters.date_from)} – {format_day(filters.date_to)}"
    )
    dates = f"{range_}, {dates}" if dates else range_
    confidence = CONFIDENCE_WORDS.get(filters.min_confidence, filters.min_confidence)
    return f"{groups} · {dates} · confidence: {confidence}"


def highlight_label(catalog: Catalog, focus: Focus) -> str:
    """The name of a highlighted feature (its id when it has no place on the map)."""
    target = resolve_focus(catalog, focus)
    return target.label if target is not None else str(focus)


def _in_time(step: Step) -> str | None:
    """What a then-and-now or playback step shows in time, in words."""
    if step.then is not None and step.now is not None:
        return (
            f"sites in use on {format_day(step.then)} and on {format_day(step.now)}, "
            "events up to each day"
        )
    if step.play is not None:
        return f"played {step.play} by {step.play}"
    return None


def step_text(catalog: Catalog, step: Step, facts: Mapping[str, str]) -> StepText:
    """A step's texts with the measured figures filled in, and what its map shows.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    step : Step
        The step.
    facts : mapping
        From :func:`lib.story.briefing.briefing_facts`.

    Returns
    -------
    StepText
        Plain (unescaped) text.
    """
    defaults = show_all(catalog)
    shown = step_layers(step)
    return StepText(
        title=fill(step.title, facts),
        caption=fill(step.caption, facts),
        notes=fill(step.notes, facts),
        layers=[label for key, label in MAP_LAYERS.items() if key in shown],
        filters=describe_filters(catalog, step_filters(step, defaults), defaults, _in_time(step)),
        highlights=[highlight_label(catalog, h) for h in step.highlights],
    )
