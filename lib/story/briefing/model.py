"""The briefing as the app uses it: steps, briefings, what a file may name, and what a
step shows (filters, layers, view).

These are plain frozen dataclasses, built by code (the map page, the tests) as well as
from files; what a *file* may hold is checked by :mod:`lib.story.briefing.schema`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from lib.data.catalog import Catalog
from lib.maps.styles import MAP_LAYERS
from lib.model.filters import Filters, default_filters, group_options
from lib.model.links import Focus
from lib.model.map_view import BORDER_BOUNDS, Bounds
from lib.story.briefing.facts import FACT_NAMES

#: Keys a step may have, in the order :func:`lib.story.briefing.dump_briefing` writes them.
STEP_KEYS: tuple[str, ...] = (
    "title",
    "caption",
    "notes",
    "bounds",
    "layers",
    "groups",
    "from",
    "to",
    "conf",
    "highlights",
    "play",
    "then",
    "now",
    "then_label",
    "now_label",
)
BRIEFING_KEYS: tuple[str, ...] = ("id", "title", "subtitle", "steps")
# Limits keep a runaway or hostile file from swamping the page or the export.
MAX_FILE_BYTES = 512_000
MAX_STEPS = 60
MAX_TITLE = 120
MAX_CAPTION = 900
MAX_NOTES = 8_000
MAX_LIST = 40
DRAFT_ID = "my-briefing"


@dataclass(frozen=True)
class Step:
    """One step of a briefing.

    Attributes
    ----------
    title : str
        Heading the audience sees.
    caption : str
        Short text the audience reads (may carry ``{placeholders}``).
    notes : str
        Speaker notes: what only the presenter sees.
    bounds : ((south, west), (north, east)) or None
        The view; None is the whole border.
    layers : tuple of str or None
        Keys of :data:`lib.maps.styles.MAP_LAYERS` shown; None is all.
    groups : tuple of str or None
        Group ids shown (sorted); None is all, ``()`` none.
    date_from, date_to : datetime.date or None
        Date range; None is the start/end of the data's span.
    min_confidence : str or None
        ``low``, ``medium`` or ``high``; None is ``low``.
    highlights : tuple of Focus
        Features ringed (points) or outlined (areas).
    play : str or None
        A playback step: the events played through time by ``month`` or ``week``
        (``lib.model.playback``) over the step's date range.
    then, now : datetime.date or None
        A then-and-now step: two maps side by side, synchronised, each showing the
        sites in use on its day and the events up to it. Both or neither.
    then_label, now_label : str
        What the two maps are called (default: "Then" and "Now" with their days).
    """

    title: str
    caption: str = ""
    notes: str = ""
    bounds: Bounds | None = None
    layers: tuple[str, ...] | None = None
    groups: tuple[str, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_confidence: str | None = None
    highlights: tuple[Focus, ...] = ()
    play: str | None = None
    then: dt.date | None = None
    now: dt.date | None = None
    then_label: str = ""
    now_label: str = ""

    @property
    def kind(self) -> str:
        """``playback``, ``then_now`` or ``map`` (an ordinary step)."""
        if self.play is not None:
            return "playback"
        if self.then is not None and self.now is not None:
            return "then_now"
        return "map"


@dataclass(frozen=True)
class Briefing:
    """A named, ordered list of steps.

    Attributes
    ----------
    briefing_id : str
        Short id used in links (``?b=<id>``).
    title : str
        Name of the briefing.
    steps : tuple of Step
        The steps that passed validation, in file order.
    subtitle : str
        One line under the title.
    """

    briefing_id: str
    title: str
    steps: tuple[Step, ...]
    subtitle: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """What a briefing may name: checked on load.

    Attributes
    ----------
    layers : frozenset of str
        Map layer keys.
    groups : frozenset of str
        Group ids (with the "not tied to a group" pseudo-group).
    date_from, date_to : datetime.date
        The span of the date filter.
    focus_ids : mapping of str to set of str
        Ids per focus kind (``catalog.focus_ids()``).
    facts : frozenset of str
        Placeholder names.
    """

    layers: frozenset[str]
    groups: frozenset[str]
    date_from: dt.date
    date_to: dt.date
    focus_ids: Mapping[str, set[str]] = field(default_factory=dict)
    facts: frozenset[str] = frozenset(FACT_NAMES)


def vocabulary(catalog: Catalog) -> Vocabulary:
    """The layers, groups, dates and feature ids the loaded data offers.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.

    Returns
    -------
    Vocabulary
        What a briefing file may name.
    """
    defaults = default_filters(catalog.curated.groups, catalog.curated.events)
    return Vocabulary(
        layers=frozenset(MAP_LAYERS),
        groups=frozenset(group_options(catalog.curated.groups)),
        date_from=defaults.date_from,
        date_to=defaults.date_to,
        focus_ids=catalog.focus_ids(),
    )


def step_filters(step: Step, defaults: Filters) -> Filters:
    """The filters a step asks for, with the defaults where it says nothing."""
    return Filters(
        frozenset(step.groups) if step.groups is not None else defaults.groups,
        step.date_from or defaults.date_from,
        step.date_to or defaults.date_to,
        step.min_confidence or defaults.min_confidence,
    )


def step_layers(step: Step) -> frozenset[str]:
    """The layer keys a step shows (all when it names none)."""
    return frozenset(step.layers) if step.layers is not None else frozenset(MAP_LAYERS)


def step_bounds(step: Step) -> Bounds:
    """The view of a step: its bounds, else the whole border."""
    return step.bounds or BORDER_BOUNDS


def draft_briefing(steps: list[Step] | tuple[Step, ...], title: str = "My briefing") -> Briefing:
    """The briefing being built on the map page."""
    return Briefing(DRAFT_ID, title, tuple(steps), "Made with “Add this view as a step”")
