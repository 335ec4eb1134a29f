"""Briefings as data: ordered steps through the story, stored as TOML under ``geodata/briefings/``.

A briefing is a title and an ordered list of steps. Each step says what the
audience reads (``title``, ``caption``), what only the presenter sees
(``notes``), and what the map shows: the view (``bounds``), the layers
(keys of :data:`lib.maps.main_map.MAP_LAYERS`), the filters (``groups``, ``from``,
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
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from lib.data import paths
from lib.data.catalog import Catalog
from lib.data.curated import published_when
from lib.data.validation import CONFIDENCE_LEVELS, ID_RE, REGION_BOUNDS, DataIssue
from lib.geo.geodesy import format_km
from lib.maps.main_map import MAP_LAYERS
from lib.model.filters import Filters, default_filters, group_options
from lib.model.links import FOCUS_KINDS, Focus, split_focus
from lib.model.map_view import BORDER_BOUNDS, MAX_ZOOM, MIN_ZOOM, MapView
from lib.model.url_state import first_value, shorten

Bounds = tuple[tuple[float, float], tuple[float, float]]

#: Keys a step may have, in the order :func:`dump_briefing` writes them.
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
)
BRIEFING_KEYS: tuple[str, ...] = ("id", "title", "subtitle", "steps")
#: Placeholders a text may carry; :func:`briefing_facts` gives their values.
FACT_NAMES: tuple[str, ...] = (
    "border_km",
    "border_km_overview",
    "article_km",
    "published_km_range",
    "published_km_list",
    "kri_border_km",
    "kri_share",
)
# Limits keep a runaway or hostile file from swamping the page or the export.
MAX_FILE_BYTES = 512_000
MAX_STEPS = 60
MAX_TITLE = 120
MAX_CAPTION = 900
MAX_NOTES = 8_000
MAX_LIST = 40
DRAFT_ID = "my-briefing"
#: Session-state keys shared by the map page (which adds steps) and the briefing pages.
DRAFT_STATE_KEY = "zb_briefing_draft"
UPLOADS_STATE_KEY = "zb_briefing_uploads"
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


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
        Keys of :data:`lib.maps.main_map.MAP_LAYERS` shown; None is all.
    groups : tuple of str or None
        Group ids shown (sorted); None is all, ``()`` none.
    date_from, date_to : datetime.date or None
        Date range; None is the start/end of the data's span.
    min_confidence : str or None
        ``low``, ``medium`` or ``high``; None is ``low``.
    highlights : tuple of Focus
        Features ringed (points) or outlined (areas).
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
    """The layers, groups, dates and feature ids the loaded data offers."""
    defaults = default_filters(catalog.curated.groups, catalog.curated.events)
    return Vocabulary(
        layers=frozenset(MAP_LAYERS),
        groups=frozenset(group_options(catalog.curated.groups)),
        date_from=defaults.date_from,
        date_to=defaults.date_to,
        focus_ids=catalog.focus_ids(),
    )


# --- facts measured from the data -----------------------------------------------------


def briefing_facts(catalog: Catalog) -> dict[str, str]:
    """Figures measured from the data, for the captions' placeholders.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.

    Returns
    -------
    dict of str to str
        One formatted value per name of :data:`FACT_NAMES` (``"n/a"`` when
        the data needed is missing).
    """
    # Imported here: the border analysis pulls in pyproj transformers that
    # only this function needs.
    from lib.analysis import border_analysis as ba

    facts = dict.fromkeys(FACT_NAMES, "n/a")
    detail_km = catalog.border_km("detail")
    if detail_km:
        facts["border_km"] = format_km(detail_km)
        facts["border_km_overview"] = format_km(catalog.border_km("overview"))
    article_km = catalog.article_border_km()
    if article_km:
        facts["article_km"] = format_km(article_km)
    published = catalog.curated.published_border_lengths["figure_km"].astype(float)
    if not published.empty:
        facts["published_km_range"] = f"{published.min():,.0f}–{published.max():,.0f} km"
        facts["published_km_list"] = published_list(catalog.curated.published_border_lengths)
    analysis = ba.measured_for(catalog, paths.GEODATA_DIR / "raw")
    if analysis is not None and not analysis.segments.empty:
        facts["kri_border_km"] = format_km(ba.kri_stretch_km(analysis.segments))
        facts["kri_share"] = f"{ba.kri_share(analysis.segments):.0%}"
    return facts


def published_list(lengths: pd.DataFrame) -> str:
    """Every published border length, smallest first: ``Peregraf 1,400 km (16 Aug 2025); …``.

    Parameters
    ----------
    lengths : pandas.DataFrame
        The published figures table (``figure_km``, ``by``, ``date``).

    Returns
    -------
    str
        One entry per row, so a new sourced figure reaches the notes by itself.
    """
    rows = lengths.sort_values("figure_km", kind="stable").to_dict("records")
    return "; ".join(
        f"{row['by']} {float(row['figure_km']):,.0f} km ({published_when(row['date'])})"
        for row in rows
    )


def placeholders(text: str) -> list[str]:
    """The ``{name}`` placeholders in a text, in order."""
    return _PLACEHOLDER_RE.findall(text)


def fill(text: str, facts: Mapping[str, str]) -> str:
    """Replace the known ``{placeholders}`` of a text with measured figures.

    Unknown names are left as they are (validation has reported them), so a
    brace in user text never raises.
    """
    return _PLACEHOLDER_RE.sub(lambda m: facts.get(m.group(1), m.group(0)), text)


# --- views and filters ----------------------------------------------------------------


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


def _mercator_y(lat: float) -> float:
    rad = math.radians(max(min(lat, 85.0), -85.0))
    return math.log(math.tan(math.pi / 4 + rad / 2))


def _inverse_mercator_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def view_bounds(view: MapView | None, width_px: int = 900, height_px: int = 560) -> Bounds:
    """The bounds a Leaflet map of a given size shows at a centre and zoom.

    Parameters
    ----------
    view : MapView or None
        Centre and zoom (from the page address); None gives the whole border.
    width_px, height_px : int
        Size of the map on the page it was read from.

    Returns
    -------
    ((south, west), (north, east))
        Rounded to 4 decimals (about 10 m), clamped to valid coordinates.
    """
    if view is None:
        return BORDER_BOUNDS
    zoom = min(max(view.zoom, MIN_ZOOM), MAX_ZOOM)
    # Web Mercator: the world is 256 * 2**zoom pixels wide at this zoom.
    world_px = 256 * 2**zoom
    half_lon = width_px / 2 * 360 / world_px
    half_y = height_px / 2 * 2 * math.pi / world_px
    centre_y = _mercator_y(view.lat)
    south = max(_inverse_mercator_y(centre_y - half_y), -85.0)
    north = min(_inverse_mercator_y(centre_y + half_y), 85.0)
    west, east = max(view.lon - half_lon, -180.0), min(view.lon + half_lon, 180.0)
    return ((round(south, 4), round(west, 4)), (round(north, 4), round(east, 4)))


def bounds_view(bounds: Bounds, width_px: int = 900, height_px: int = 560) -> MapView:
    """The centre and the largest zoom at which a map of a given size shows the bounds.

    The inverse of :func:`view_bounds`, for links from a step to the map page.
    """
    (south, west), (north, east) = bounds
    centre_y = (_mercator_y(south) + _mercator_y(north)) / 2
    zoom = MAX_ZOOM
    while zoom > MIN_ZOOM:
        world_px = 256 * 2**zoom
        fits_x = (east - west) / 360 * world_px <= width_px
        fits_y = (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi) * world_px <= height_px
        if fits_x and fits_y:
            break
        zoom -= 1
    return MapView(round(_inverse_mercator_y(centre_y), 4), round((west + east) / 2, 4), zoom)


# --- validation -----------------------------------------------------------------------


class _Problems:
    """Issues of one step (or of the file), named the same way."""

    def __init__(self, label: str, item: str) -> None:
        self.label, self.item, self.found = label, item, []

    def add(self, field_name: str, problem: str) -> None:
        self.found.append(DataIssue(self.label, self.item, field_name, problem))


def _type_name(value: object) -> str:
    return {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
        dt.date: "a date",
        dt.datetime: "a date and time",
        dt.time: "a time",
    }.get(type(value), type(value).__name__)


def _text(
    raw: Mapping[str, Any],
    key: str,
    limit: int,
    problems: _Problems,
    vocab: Vocabulary,
    required: bool = False,
) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            problems.add(key, "missing: every step needs one")
        return ""
    if not isinstance(value, str):
        problems.add(key, f"must be text, not {_type_name(value)}")
        return ""
    text = value.strip()
    if required and not text:
        problems.add(key, "empty: every step needs one")
    if len(text) > limit:
        problems.add(key, f"too long ({len(text):,} characters; at most {limit:,})")
    unknown = sorted({name for name in placeholders(text) if name not in vocab.facts})
    if unknown:
        problems.add(
            key,
            f"unknown placeholder(s) {', '.join('{' + shorten(n) + '}' for n in unknown)}; "
            f"known: {', '.join('{' + n + '}' for n in sorted(vocab.facts))}",
        )
    return text


def _string_list(raw: Mapping[str, Any], key: str, problems: _Problems) -> list[str] | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(key, f'must be a list of texts, e.g. ["a", "b"], not {_type_name(value)}')
        return None
    if len(value) > MAX_LIST:
        problems.add(key, f"too many entries ({len(value)}; at most {MAX_LIST})")
        return None
    return [v.strip() for v in value]


def _suggest(value: str, known: frozenset[str] | set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f" (did you mean “{close[0]}”?)" if close else ""


def _parse_bounds(value: object, problems: _Problems) -> Bounds | None:
    def number(v: object) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool)

    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(p, list) and len(p) == 2 and all(number(x) for x in p) for p in value)
    ):
        problems.add("bounds", "must be [[south, west], [north, east]] in degrees")
        return None
    (south, west), (north, east) = ((float(a), float(b)) for a, b in value)
    if not all(math.isfinite(x) for x in (south, west, north, east)):
        problems.add("bounds", "must be finite numbers")
        return None
    if not (
        -90 <= south <= 90 and -90 <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180
    ):
        problems.add(
            "bounds",
            f"[[{south:g}, {west:g}], [{north:g}, {east:g}]] is out of range "
            "(latitude −90…90, longitude −180…180; the order is [[south, west], [north, east]])",
        )
        return None
    if south >= north or west >= east:
        which = "south is not below north" if south >= north else "west is not left of east"
        problems.add(
            "bounds",
            f"swapped or empty: {which} (the order is [[south, west], [north, east]])",
        )
        return None
    r_west, r_south, r_east, r_north = REGION_BOUNDS
    if east < r_west or west > r_east or north < r_south or south > r_north:
        problems.add(
            "bounds",
            f"[[{south:g}, {west:g}], [{north:g}, {east:g}]] lies outside the map region "
            f"(lat {r_south:g}–{r_north:g}, lon {r_west:g}–{r_east:g}) — latitude and "
            "longitude swapped?",
        )
        return None
    return ((south, west), (north, east))


def _parse_date(value: object, key: str, problems: _Problems, vocab: Vocabulary) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, str | dt.date):
        problems.add(key, f'must be a date "YYYY-MM-DD", not {_type_name(value)}')
        return None
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            problems.add(key, f"“{shorten(value)}” is not a real date (YYYY-MM-DD)")
            return None
    else:
        day = value
    if not vocab.date_from <= day <= vocab.date_to:
        problems.add(key, f"{day} is outside the data's span {vocab.date_from} – {vocab.date_to}")
        return None
    return day


def _parse_highlight(text: str, problems: _Problems, vocab: Vocabulary) -> Focus | None:
    focus = split_focus(text)
    if focus is None:
        problems.add(
            "highlights",
            f"“{shorten(text)}” is not kind:id (kinds: {', '.join(FOCUS_KINDS)})",
        )
        return None
    known = vocab.focus_ids.get(focus.kind, set())
    if focus.ref not in known:
        hint = _suggest(focus.ref, known) if focus.kind != "town" else ""
        problems.add(
            "highlights",
            f"unknown highlight “{shorten(text)}”: no {focus.kind} “{focus.ref}”{hint}",
        )
        return None
    return focus


def parse_step(
    raw: object, number: int, label: str, vocab: Vocabulary
) -> tuple[Step | None, list[DataIssue]]:
    """Validate one step table.

    Parameters
    ----------
    raw : object
        The ``[[steps]]`` table as read (anything: the file is untrusted).
    number : int
        1-based position in the file, for the messages.
    label : str
        How issues name the file.
    vocab : Vocabulary
        What the step may name.

    Returns
    -------
    tuple
        The step, or None when anything is wrong, and the issues found.
    """
    if not isinstance(raw, dict):
        problems = _Problems(label, f"step {number}")
        problems.add("(step)", f"must be a table ([[steps]]), not {_type_name(raw)}")
        return None, problems.found
    title_value = raw.get("title")
    named = shorten(title_value.strip(), 60) if isinstance(title_value, str) else ""
    problems = _Problems(
        label, f"step {number} “{named}”" if named else f"step {number} (no title)"
    )
    for key in raw:
        if key not in STEP_KEYS:
            hint = _suggest(str(key), frozenset(STEP_KEYS))
            problems.add(str(key), f"unknown field{hint}; a step may have {', '.join(STEP_KEYS)}")

    title = _text(raw, "title", MAX_TITLE, problems, vocab, required=True)
    caption = _text(raw, "caption", MAX_CAPTION, problems, vocab)
    notes = _text(raw, "notes", MAX_NOTES, problems, vocab)
    bounds = _parse_bounds(raw["bounds"], problems) if "bounds" in raw else None

    layers = _string_list(raw, "layers", problems)
    if layers is not None:
        unknown = [v for v in layers if v not in vocab.layers]
        for value in unknown:
            problems.add(
                "layers",
                f"unknown layer “{shorten(value)}”{_suggest(value, vocab.layers)}; "
                f"known: {', '.join(sorted(vocab.layers))}",
            )
        if not layers:
            problems.add("layers", "lists no layer (leave the field out to show all)")
        layers = None if unknown else layers

    groups = _string_list(raw, "groups", problems)
    if groups is not None:
        unknown = [v for v in groups if v not in vocab.groups]
        for value in unknown:
            problems.add(
                "groups",
                f"unknown group “{shorten(value)}”{_suggest(value, vocab.groups)}; "
                f"known: {', '.join(sorted(vocab.groups))}",
            )

    date_from = _parse_date(raw.get("from"), "from", problems, vocab)
    date_to = _parse_date(raw.get("to"), "to", problems, vocab)
    if date_from and date_to and date_from > date_to:
        problems.add("from/to", f"“from” {date_from} is after “to” {date_to}")

    conf = raw.get("conf")
    if conf is not None and conf not in CONFIDENCE_LEVELS:
        problems.add("conf", f"“{shorten(conf)}” is not one of {', '.join(CONFIDENCE_LEVELS)}")

    highlights: list[Focus] = []
    for text in _string_list(raw, "highlights", problems) or []:
        focus = _parse_highlight(text, problems, vocab)
        if focus is not None and focus not in highlights:
            highlights.append(focus)

    if problems.found:
        return None, problems.found
    return (
        Step(
            title=title,
            caption=caption,
            notes=notes,
            bounds=bounds,
            layers=tuple(dict.fromkeys(layers)) if layers is not None else None,
            groups=tuple(sorted(set(groups))) if groups is not None else None,
            date_from=date_from,
            date_to=date_to,
            min_confidence=conf,
            highlights=tuple(highlights),
        ),
        [],
    )


def parse_briefing(
    data: object, label: str, vocab: Vocabulary, default_id: str = ""
) -> tuple[Briefing | None, list[DataIssue]]:
    """Validate a briefing read from TOML (a dict); bad steps are reported and left out.

    Parameters
    ----------
    data : object
        What :func:`tomllib.loads` returned.
    label : str
        How issues name the file.
    vocab : Vocabulary
        What the steps may name.
    default_id : str
        Id when the file gives none (the file's stem).

    Returns
    -------
    tuple
        The briefing (None when no step is usable) and the issues found.
    """
    problems = _Problems(label, "(briefing)")
    if not isinstance(data, dict):
        problems.add("(file)", "not a briefing: expected a TOML document")
        return None, problems.found
    for key in data:
        if key not in BRIEFING_KEYS:
            hint = _suggest(str(key), frozenset(BRIEFING_KEYS))
            problems.add(
                str(key), f"unknown field{hint}; a briefing has {', '.join(BRIEFING_KEYS)}"
            )
    briefing_id = data.get("id", default_id)
    if not isinstance(briefing_id, str) or not ID_RE.match(briefing_id):
        problems.add("id", f"“{shorten(briefing_id)}” is not an id (letters, digits, - _ . only)")
        briefing_id = default_id if ID_RE.match(default_id) else "briefing"
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.add("title", "missing or not text: the briefing is named by its id")
        title = briefing_id
    elif len(title.strip()) > MAX_TITLE:
        problems.add("title", f"too long (at most {MAX_TITLE} characters); cut")
    subtitle = data.get("subtitle", "")
    if not isinstance(subtitle, str):
        problems.add("subtitle", f"must be text, not {_type_name(subtitle)}")
        subtitle = ""
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.add("steps", "no steps: add [[steps]] tables")
        return None, problems.found
    if len(raw_steps) > MAX_STEPS:
        problems.add("steps", f"{len(raw_steps)} steps; only the first {MAX_STEPS} are used")
    steps: list[Step] = []
    issues = problems.found
    for number, raw in enumerate(raw_steps[:MAX_STEPS], start=1):
        step, found = parse_step(raw, number, label, vocab)
        issues.extend(found)
        if step is not None:
            steps.append(step)
    if not steps:
        issues.append(
            DataIssue(label, "(briefing)", "steps", "no usable step: see the issues above")
        )
        return None, issues
    briefing = Briefing(
        briefing_id, title.strip()[:MAX_TITLE], tuple(steps), subtitle.strip()[:MAX_CAPTION]
    )
    return briefing, issues


def load_briefing_text(
    text: str | bytes, label: str, vocab: Vocabulary, default_id: str = ""
) -> tuple[Briefing | None, list[DataIssue]]:
    """Parse and validate a briefing file's content (from disk or an upload).

    Parameters
    ----------
    text : str or bytes
        The file's content (bytes must be UTF-8).
    label : str
        How issues name the file.
    vocab : Vocabulary
        What the steps may name.
    default_id : str
        Id when the file gives none.

    Returns
    -------
    tuple
        The briefing or None, and the issues; never raises for bad content.
    """
    problems = _Problems(label, "(file)")
    if len(text) > MAX_FILE_BYTES:
        problems.add("(file)", f"too large ({len(text):,} bytes; at most {MAX_FILE_BYTES:,})")
        return None, problems.found
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.add("(file)", f"not UTF-8 text (bad byte at offset {exc.start})")
            return None, problems.found
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.add("(file)", f"not valid TOML: {exc}")
        return None, problems.found
    except RecursionError:
        problems.add("(file)", "not valid TOML: nested too deeply")
        return None, problems.found
    return parse_briefing(data, label, vocab, default_id)


def load_briefings(folder: Path, vocab: Vocabulary) -> tuple[dict[str, Briefing], list[DataIssue]]:
    """Load every ``*.toml`` briefing in a folder.

    Parameters
    ----------
    folder : pathlib.Path
        ``geodata/briefings``.
    vocab : Vocabulary
        What the steps may name.

    Returns
    -------
    tuple
        Briefings by id (file name order; a repeated id is reported and
        left out) and the issues found.
    """
    briefings: dict[str, Briefing] = {}
    issues: list[DataIssue] = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        label = f"briefings/{path.name}"
        try:
            content = path.read_bytes()
        except OSError as exc:
            issues.append(DataIssue(label, "(file)", "(file)", f"cannot be read: {exc.strerror}"))
            continue
        briefing, found = load_briefing_text(content, label, vocab, default_id=path.stem)
        issues.extend(found)
        if briefing is None:
            continue
        if briefing.briefing_id in briefings:
            issues.append(
                DataIssue(label, "(briefing)", "id", f"“{briefing.briefing_id}” is used twice")
            )
            continue
        briefings[briefing.briefing_id] = briefing
    return briefings, issues


# --- writing --------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    """A TOML basic string; multi-line when the text has line breaks (diff-friendly)."""

    def escape(ch: str) -> str:
        if ch == "\\":
            return "\\\\"
        if ch == '"':
            return '\\"'
        if ch == "\n":
            return "\n"
        if ch == "\t":
            return "\\t"
        if ord(ch) < 0x20 or ord(ch) == 0x7F:
            return f"\\u{ord(ch):04X}"
        return ch

    if "\n" not in text:
        return '"' + "".join(escape(ch) for ch in text) + '"'
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            # Only a quote followed by another (or by the closing quotes) could
            # end the string early; the others stay unescaped and readable.
            out.append('\\"' if text[i + 1 : i + 2] in ('"', "") else '"')
        else:
            out.append(escape(ch))
    # The newline after the opening quotes is dropped by TOML readers.
    return '"""\n' + "".join(out) + '"""'


def _toml_float(value: float) -> str:
    text = repr(float(value))
    return text if any(c in text for c in ".en") else text + ".0"


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def step_to_dict(step: Step) -> dict[str, Any]:
    """A step as the plain values a file holds (fields left at their default are omitted)."""
    out: dict[str, Any] = {"title": step.title}
    if step.caption:
        out["caption"] = step.caption
    if step.notes:
        out["notes"] = step.notes
    if step.bounds is not None:
        out["bounds"] = [list(step.bounds[0]), list(step.bounds[1])]
    if step.layers is not None:
        out["layers"] = list(step.layers)
    if step.groups is not None:
        out["groups"] = list(step.groups)
    if step.date_from is not None:
        out["from"] = step.date_from.isoformat()
    if step.date_to is not None:
        out["to"] = step.date_to.isoformat()
    if step.min_confidence is not None:
        out["conf"] = step.min_confidence
    if step.highlights:
        out["highlights"] = [str(h) for h in step.highlights]
    return out


def dump_briefing(briefing: Briefing) -> str:
    """Write a briefing as TOML, deterministically (same briefing, same bytes).

    One field per line, in :data:`STEP_KEYS` order, so a diff shows what
    changed; :func:`load_briefing_text` reads it back to an equal briefing.

    Parameters
    ----------
    briefing : Briefing
        What to write.

    Returns
    -------
    str
        The file's content.
    """
    lines = [
        "# Zagros Brief briefing: one [[steps]] table per step, in order.",
        "# bounds = [[south, west], [north, east]]; layers, groups, from/to, conf and",
        "# highlights (kind:id) as in the app's links. Leave a field out for the default.",
        f"id = {_toml_string(briefing.briefing_id)}",
        f"title = {_toml_string(briefing.title)}",
    ]
    if briefing.subtitle:
        lines.append(f"subtitle = {_toml_string(briefing.subtitle)}")
    for step in briefing.steps:
        lines += ["", "[[steps]]"]
        for key, value in step_to_dict(step).items():
            if key == "bounds":
                (s, w), (n, e) = value
                text = (
                    f"[[{_toml_float(s)}, {_toml_float(w)}], [{_toml_float(n)}, {_toml_float(e)}]]"
                )
            elif isinstance(value, list):
                text = _toml_list(tuple(value))
            else:
                text = _toml_string(str(value))
            lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


def file_name(briefing: Briefing) -> str:
    """A download name for a briefing file."""
    return f"{briefing.briefing_id}.briefing.toml"


def make_step(
    title: str,
    caption: str,
    notes: str,
    view: MapView | None,
    filters: Filters,
    defaults: Filters,
    vocab: Vocabulary,
) -> tuple[Step | None, list[DataIssue]]:
    """A step from the map page's current view and filters, validated like a file's.

    Parameters
    ----------
    title, caption, notes : str
        What the user typed.
    view : MapView or None
        The view in the page address (None: the whole border).
    filters, defaults : Filters
        The current and the show-everything filters (only differences are kept).
    vocab : Vocabulary
        What a step may name.

    Returns
    -------
    tuple
        The step (all layers shown) or None, and the issues (named "your step").
    """
    raw: dict[str, Any] = {"title": title, "caption": caption, "notes": notes}
    (s, w), (n, e) = view_bounds(view)
    raw["bounds"] = [[s, w], [n, e]]
    if filters.groups != defaults.groups:
        raw["groups"] = sorted(filters.groups)
    if filters.date_from != defaults.date_from:
        raw["from"] = filters.date_from.isoformat()
    if filters.date_to != defaults.date_to:
        raw["to"] = filters.date_to.isoformat()
    if filters.min_confidence != defaults.min_confidence:
        raw["conf"] = filters.min_confidence
    return parse_step(raw, 1, "your step", vocab)


def draft_briefing(steps: list[Step] | tuple[Step, ...], title: str = "My briefing") -> Briefing:
    """The briefing being built on the map page."""
    return Briefing(DRAFT_ID, title, tuple(steps), "Made with “Add this view as a step”")


def resolve_step(
    briefings: Mapping[str, Briefing], params: Mapping[str, object], fallback_id: str
) -> tuple[Briefing, int, list[str]]:
    """Which briefing and step a page address asks for (both untrusted).

    Parameters
    ----------
    briefings : mapping of str to Briefing
        What may be presented; ``b`` is only ever looked up here.
    params : mapping
        Query parameters (``b``, ``step``; list values take their last item).
    fallback_id : str
        The briefing shown when ``b`` is missing or unknown (must be a key).

    Returns
    -------
    tuple
        The briefing, the 0-based step index and notices for ignored values.
    """

    notices: list[str] = []
    wanted = first_value(params, "b")
    briefing = briefings.get(wanted) if wanted is not None else None
    if wanted is not None and briefing is None:
        notices.append(
            f"No briefing called “{shorten(wanted)}”; showing “{briefings[fallback_id].title}”."
        )
    briefing = briefing or briefings[fallback_id]
    index = 0
    raw_step = first_value(params, "step")
    if raw_step is not None:
        text = raw_step.strip()
        if text.isdigit() and len(text) <= 4 and 1 <= int(text) <= len(briefing.steps):
            index = int(text) - 1
        else:
            notices.append(
                f"No step “{shorten(raw_step)}” in this briefing (it has steps 1–"
                f"{len(briefing.steps)}); showing step 1."
            )
    return briefing, index, notices
