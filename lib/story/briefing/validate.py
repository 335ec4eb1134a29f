"""Checking a briefing read from TOML: pydantic errors become :class:`DataIssue` messages.

Every problem names the file, the item (``(briefing)`` or ``step N “title”``), the field
and what is wrong, in the words the data editor has always read. A bad step is reported
and left out; a bad field of the briefing itself is reported and replaced by a default
(the id by the file's stem, the title by the id…); nothing here raises for bad content.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from lib.data.validation import ID_RE, DataIssue
from lib.model.filters import Filters
from lib.model.links import Focus, split_focus
from lib.model.map_view import MapView, view_bounds
from lib.model.url_state import shorten
from lib.story.briefing.model import (
    BRIEFING_KEYS,
    MAX_STEPS,
    MAX_TITLE,
    STEP_KEYS,
    Briefing,
    Step,
    Vocabulary,
)
from lib.story.briefing.schema import (
    ERROR_TYPE,
    VOCAB_CONTEXT_KEY,
    BriefingFile,
    StepFile,
    suggest,
    type_name,
)

#: (field, raw value of the field or of the whole table) -> the problem, per error type.
Wording = Mapping[str, Callable[[str, object, ErrorDetails], str]]

_STEP_WORDS: Wording = {
    "missing": lambda _f, _v, _e: "missing: every step needs one",
    "string_type": lambda _f, value, _e: f"must be text, not {type_name(value)}",
    "string_too_short": lambda _f, _v, _e: "empty: every step needs one",
    "string_too_long": lambda _f, value, e: (
        f"too long ({len(str(value).strip()):,} characters; "
        f"at most {e.get('ctx', {}).get('max_length', 0):,})"
    ),
    "too_short": lambda _f, _v, _e: "lists no layer (leave the field out to show all)",
    "model_type": lambda _f, value, _e: f"must be a table ([[steps]]), not {type_name(value)}",
    "extra_forbidden": lambda field, _v, _e: (
        f"unknown field{suggest(field, frozenset(STEP_KEYS))}; "
        f"a step may have {', '.join(STEP_KEYS)}"
    ),
}
_NO_STEPS = "no steps: add [[steps]] tables"
_BRIEFING_WORDS: Wording = {
    "missing": lambda field, _v, _e: (
        _NO_STEPS if field == "steps" else "missing or not text: the briefing is named by its id"
    ),
    "string_type": lambda _f, value, _e: f"must be text, not {type_name(value)}",
    "list_type": lambda _f, _v, _e: _NO_STEPS,
    "too_short": lambda _f, _v, _e: _NO_STEPS,
    "too_long": lambda _f, value, _e: (
        f"{len(value) if isinstance(value, list) else '?'} steps; "
        f"only the first {MAX_STEPS} are used"
    ),
    "model_type": lambda _f, _v, _e: "not a briefing: expected a TOML document",
    "extra_forbidden": lambda field, _v, _e: (
        f"unknown field{suggest(field, frozenset(BRIEFING_KEYS))}; "
        f"a briefing has {', '.join(BRIEFING_KEYS)}"
    ),
}


def _issues(
    error: ValidationError,
    raw: object,
    label: str,
    item: str,
    words: Wording,
    keys: tuple[str, ...],
    whole: str,
) -> list[DataIssue]:
    """The issues of one validation, in the order the fields are written.

    ``whole`` names the field of a problem with the table itself (``(step)``, ``(file)``).
    """
    found: list[tuple[float, DataIssue]] = []
    for details in error.errors(include_url=False):
        loc = details["loc"]
        field = str(loc[0]) if loc else whole
        value = raw.get(field) if isinstance(raw, dict) and loc else raw
        ctx = details.get("ctx") or {}
        if details["type"] == ERROR_TYPE:
            field, text = str(ctx.get("field", field)), str(ctx["problem"])
        elif details["type"] in words:
            text = words[details["type"]](field, value, details)
        else:  # not expected from these models; still worded, never raised
            text = details["msg"]
        # Unknown keys first (as read), then the fields in file order; "from/to" after "to".
        if field in ("from/to", "then/now"):
            rank = keys.index(field.split("/")[1]) + 0.5
        else:
            rank = keys.index(field) if field in keys else -1
        found.append((rank, DataIssue(label, item, field, text)))
    return [issue for _rank, issue in sorted(found, key=lambda pair: pair[0])]


def step_from_file(table: StepFile) -> Step:
    """The app's :class:`Step` from a validated step table."""
    highlights: list[Focus] = []
    for text in table.highlights:
        focus = split_focus(text)
        if focus is not None and focus not in highlights:
            highlights.append(focus)
    return Step(
        title=table.title,
        caption=table.caption,
        notes=table.notes,
        bounds=table.bounds,
        layers=tuple(dict.fromkeys(table.layers)) if table.layers is not None else None,
        groups=tuple(sorted(set(table.groups))) if table.groups is not None else None,
        date_from=table.date_from,
        date_to=table.date_to,
        min_confidence=table.conf,
        highlights=tuple(highlights),
        play=table.play,
        then=table.then,
        now=table.now,
        then_label=table.then_label,
        now_label=table.now_label,
    )


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
    if isinstance(raw, dict):
        title_value = raw.get("title")
        named = shorten(title_value.strip(), 60) if isinstance(title_value, str) else ""
        item = f"step {number} “{named}”" if named else f"step {number} (no title)"
    else:
        item = f"step {number}"
    try:
        table = StepFile.model_validate(raw, context={VOCAB_CONTEXT_KEY: vocab})
    except ValidationError as exc:
        return None, _issues(exc, raw, label, item, _STEP_WORDS, STEP_KEYS, "(step)")
    return step_from_file(table), []


def _salvage(
    fields: dict[str, Any], error: ValidationError, default_id: str
) -> BriefingFile | None:
    """The briefing's fields with a default for each bad one; None when no step is usable."""
    failed = {str(d["loc"][0]) for d in error.errors() if d["loc"]}
    patched = {key: value for key, value in fields.items() if key in BRIEFING_KEYS}
    if "id" in failed:
        patched["id"] = default_id if ID_RE.match(default_id) else "briefing"
    if "title" in failed:
        title = fields.get("title")
        usable = isinstance(title, str) and title.strip()
        patched["title"] = title.strip()[:MAX_TITLE] if usable else patched["id"]
    if "subtitle" in failed:
        patched["subtitle"] = ""
    if "steps" in failed:
        steps = fields.get("steps")
        if not (isinstance(steps, list) and len(steps) > MAX_STEPS):
            return None
        patched["steps"] = steps[:MAX_STEPS]
    return BriefingFile.model_validate(patched)


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
    # The id defaults to the file's stem; anything but a table fails as "model_type".
    fields = {"id": default_id, **data} if isinstance(data, dict) else data
    issues: list[DataIssue] = []
    try:
        header: BriefingFile | None = BriefingFile.model_validate(fields)
    except ValidationError as exc:
        issues += _issues(
            exc, fields, label, "(briefing)", _BRIEFING_WORDS, BRIEFING_KEYS, "(file)"
        )
        header = _salvage(fields, exc, default_id) if isinstance(fields, dict) else None
    if header is None:
        return None, issues
    steps: list[Step] = []
    for number, raw in enumerate(header.steps, start=1):
        step, found = parse_step(raw, number, label, vocab)
        issues.extend(found)
        if step is not None:
            steps.append(step)
    if not steps:
        issues.append(
            DataIssue(label, "(briefing)", "steps", "no usable step: see the issues above")
        )
        return None, issues
    return Briefing(header.id, header.title, tuple(steps), header.subtitle), issues


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
