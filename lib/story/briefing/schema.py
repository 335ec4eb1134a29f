"""What a briefing file may hold, as pydantic models checked against the loaded data.

:class:`StepFile` is one ``[[steps]]`` table, :class:`BriefingFile` the file around
them. Both forbid unknown keys and bound every text and list. What a step may *name*
(layers, groups, dates, highlights, placeholders) depends on the data, so the checks
read a :class:`~lib.story.briefing.model.Vocabulary` from the validation context::

    StepFile.model_validate(table, context={"vocab": vocab})

A check that fails raises a :class:`pydantic_core.PydanticCustomError` of type
``"briefing"`` whose ``problem`` is the sentence the data editor reads (and, where the
fault is not the field's own, the ``field`` to name); pydantic's own errors (missing,
wrong type, too long, unknown key) are worded in :mod:`lib.story.briefing.validate`.
The steps of a file are validated one by one there, so a bad step is left out and the
rest still works.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from lib.data.validation import CONFIDENCE_LEVELS, ID_RE, REGION_BOUNDS
from lib.model.links import FOCUS_KINDS, split_focus
from lib.model.map_view import Bounds
from lib.model.playback import PERIODS
from lib.model.url_state import shorten
from lib.story.briefing.facts import placeholders
from lib.story.briefing.model import (
    MAX_CAPTION,
    MAX_LIST,
    MAX_NOTES,
    MAX_STEPS,
    MAX_TITLE,
    Vocabulary,
)

#: Key of the :class:`Vocabulary` in the validation context.
VOCAB_CONTEXT_KEY = "vocab"
#: Error type of the checks below (their ``ctx`` holds ``problem``, maybe ``field``).
ERROR_TYPE = "briefing"


def problem(message: str, field: str | None = None) -> PydanticCustomError:
    """A validation error that carries the user-facing sentence as it is.

    Parameters
    ----------
    message : str
        What is wrong, worded for a data editor (may hold braces: it is not a template).
    field : str, optional
        The field to name when it is not the one validated (``"from/to"``).
    """
    ctx: dict[str, Any] = {"problem": message}
    if field is not None:
        ctx["field"] = field
    # The template only substitutes {problem}, so braces inside the message are kept.
    return PydanticCustomError(ERROR_TYPE, "{problem}", ctx)


def type_name(value: object) -> str:
    """How a message names the type of a TOML value (``text``, ``a number``…)."""
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


def suggest(value: str, known: frozenset[str] | set[str]) -> str:
    """`` (did you mean “x”?)`` for the closest known value, or nothing."""
    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f" (did you mean “{close[0]}”?)" if close else ""


def _vocab(info: ValidationInfo) -> Vocabulary:
    vocab = (info.context or {}).get(VOCAB_CONTEXT_KEY)
    if not isinstance(vocab, Vocabulary):
        # A programming error, not bad content: it must not read as a data problem.
        raise TypeError(f"validate with context={{{VOCAB_CONTEXT_KEY!r}: Vocabulary}}")
    return vocab


# --- texts ------------------------------------------------------------------------------


def _known_placeholders(text: str, info: ValidationInfo) -> str:
    vocab = _vocab(info)
    unknown = sorted({name for name in placeholders(text) if name not in vocab.facts})
    if unknown:
        raise problem(
            f"unknown placeholder(s) {', '.join('{' + shorten(n) + '}' for n in unknown)}; "
            f"known: {', '.join('{' + n + '}' for n in sorted(vocab.facts))}"
        )
    return text


def _text(limit: int, min_length: int = 0) -> Any:
    """A stripped text of at most ``limit`` characters whose placeholders are known."""
    return Annotated[
        str,
        StringConstraints(
            strict=True, strip_whitespace=True, min_length=min_length, max_length=limit
        ),
        AfterValidator(_known_placeholders),
    ]


# --- lists of names -----------------------------------------------------------------


def _list_of_texts(value: object) -> object:
    # Checked before the items (pydantic checks a list's length after them): a list
    # holding a number is "not a list of texts", and a list too long is refused whole
    # rather than reported item by item.
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise problem(f'must be a list of texts, e.g. ["a", "b"], not {type_name(value)}')
    if len(value) > MAX_LIST:
        raise problem(f"too many entries ({len(value)}; at most {MAX_LIST})")
    return value


def _known_layer(value: str, info: ValidationInfo) -> str:
    known = _vocab(info).layers
    if value not in known:
        raise problem(
            f"unknown layer “{shorten(value)}”{suggest(value, known)}; "
            f"known: {', '.join(sorted(known))}"
        )
    return value


def _known_group(value: str, info: ValidationInfo) -> str:
    known = _vocab(info).groups
    if value not in known:
        raise problem(
            f"unknown group “{shorten(value)}”{suggest(value, known)}; "
            f"known: {', '.join(sorted(known))}"
        )
    return value


def _known_highlight(value: str, info: ValidationInfo) -> str:
    focus = split_focus(value)
    if focus is None:
        raise problem(f"“{shorten(value)}” is not kind:id (kinds: {', '.join(FOCUS_KINDS)})")
    known = _vocab(info).focus_ids.get(focus.kind, set())
    if focus.ref not in known:
        # Town ids are GeoNames numbers: a "close" number would be a random town.
        hint = suggest(focus.ref, known) if focus.kind != "town" else ""
        raise problem(f"unknown highlight “{shorten(value)}”: no {focus.kind} “{focus.ref}”{hint}")
    return value


def _names(check: Any, min_length: int = 0) -> Any:
    """A list of at most :data:`MAX_LIST` stripped texts (``min_length`` at least), each
    passed to ``check``."""
    item = Annotated[
        str, StringConstraints(strict=True, strip_whitespace=True), AfterValidator(check)
    ]
    return Annotated[
        list[item],  # type: ignore[valid-type]
        BeforeValidator(_list_of_texts),
        Field(min_length=min_length),
    ]


# --- bounds, dates, confidence ------------------------------------------------------


def _bounds(value: object) -> Bounds:
    def number(v: object) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool)

    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(p, list) and len(p) == 2 and all(number(x) for x in p) for p in value)
    ):
        raise problem("must be [[south, west], [north, east]] in degrees")
    (south, west), (north, east) = ((float(a), float(b)) for a, b in value)
    if not all(math.isfinite(x) for x in (south, west, north, east)):
        raise problem("must be finite numbers")
    if not (
        -90 <= south <= 90 and -90 <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180
    ):
        raise problem(
            f"[[{south:g}, {west:g}], [{north:g}, {east:g}]] is out of range "
            "(latitude −90…90, longitude −180…180; the order is [[south, west], [north, east]])"
        )
    if south >= north or west >= east:
        which = "south is not below north" if south >= north else "west is not left of east"
        raise problem(f"swapped or empty: {which} (the order is [[south, west], [north, east]])")
    r_west, r_south, r_east, r_north = REGION_BOUNDS
    if east < r_west or west > r_east or north < r_south or south > r_north:
        raise problem(
            f"[[{south:g}, {west:g}], [{north:g}, {east:g}]] lies outside the map region "
            f"(lat {r_south:g}–{r_north:g}, lon {r_west:g}–{r_east:g}) — latitude and "
            "longitude swapped?"
        )
    return ((south, west), (north, east))


def _date(value: object, info: ValidationInfo) -> dt.date:
    # TOML has dates of its own; text "YYYY-MM-DD" is accepted too. A date and time
    # is refused rather than cut (datetime is a subclass of date).
    if isinstance(value, dt.datetime) or not isinstance(value, str | dt.date):
        raise problem(f'must be a date "YYYY-MM-DD", not {type_name(value)}')
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise problem(f"“{shorten(value)}” is not a real date (YYYY-MM-DD)") from None
    else:
        day = value
    vocab = _vocab(info)
    if not vocab.date_from <= day <= vocab.date_to:
        raise problem(f"{day} is outside the data's span {vocab.date_from} – {vocab.date_to}")
    return day


def _confidence(value: object) -> str:
    if value not in CONFIDENCE_LEVELS:
        raise problem(f"“{shorten(value)}” is not one of {', '.join(CONFIDENCE_LEVELS)}")
    return str(value)


def _period(value: object) -> str:
    if value not in PERIODS:
        raise problem(f"“{shorten(value)}” is not one of {', '.join(PERIODS)}")
    return str(value)


Title = _text(MAX_TITLE, min_length=1)
Caption = _text(MAX_CAPTION)
Notes = _text(MAX_NOTES)
BoundsField = Annotated[Bounds, PlainValidator(_bounds)]
DateField = Annotated[dt.date, PlainValidator(_date)]
Confidence = Annotated[str, PlainValidator(_confidence)]
Period = Annotated[str, PlainValidator(_period)]
Label = _text(60)


class StepFile(BaseModel):
    """One ``[[steps]]`` table of a briefing file, as written (keys as in the file).

    Attributes
    ----------
    title, caption, notes : str
        Stripped; at most :data:`MAX_TITLE`, :data:`MAX_CAPTION`, :data:`MAX_NOTES`
        characters; only known ``{placeholders}``. The title is required.
    bounds : ((south, west), (north, east)) or None
        Within the map region, south below north, west left of east.
    layers, groups : list of str or None
        Known map layers (at least one) and group ids; at most :data:`MAX_LIST`.
    date_from, date_to : datetime.date or None
        Keys ``from`` and ``to``: within the data's span, ``from`` not after ``to``.
    conf : str or None
        ``low``, ``medium`` or ``high``.
    highlights : list of str
        ``kind:id`` of known features.
    play : str or None
        ``month`` or ``week``: a playback step.
    then, now : datetime.date or None
        Both (``then`` before ``now``): a then-and-now step. Not with ``play``.
    then_label, now_label : str
        The two maps' names (at most 60 characters).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Title  # type: ignore[valid-type]
    caption: Caption = ""  # type: ignore[valid-type]
    notes: Notes = ""  # type: ignore[valid-type]
    bounds: BoundsField | None = None
    layers: _names(_known_layer, min_length=1) | None = None  # type: ignore[valid-type]
    groups: _names(_known_group) | None = None  # type: ignore[valid-type]
    date_from: DateField | None = Field(default=None, alias="from")
    date_to: DateField | None = Field(default=None, alias="to")
    conf: Confidence | None = None
    highlights: _names(_known_highlight) = []  # type: ignore[valid-type]
    play: Period | None = None
    then: DateField | None = None
    now: DateField | None = None
    then_label: Label = ""  # type: ignore[valid-type]
    now_label: Label = ""  # type: ignore[valid-type]

    @field_validator("now")
    @classmethod
    def _then_before_now(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        then = info.data.get("then")
        if value is not None and then is not None and then >= value:
            raise problem(f"“then” {then} is not before “now” {value}", field="then/now")
        return value

    @model_validator(mode="after")
    def _one_step_kind(self) -> StepFile:
        if (self.then is None) != (self.now is None):
            raise problem("a then-and-now step needs both “then” and “now”", field="then/now")
        if self.play is not None and self.then is not None:
            raise problem(
                "a step either plays (“play”) or compares two days (“then”, “now”), not both",
                field="play",
            )
        return self

    @field_validator("date_to")
    @classmethod
    def _from_not_after_to(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        # info.data holds "from" only when it validated, so a bad "from" is reported once.
        start = info.data.get("date_from")
        if start is not None and value is not None and start > value:
            raise problem(f"“from” {start} is after “to” {value}", field="from/to")
        return value


# --- the file around the steps ------------------------------------------------------


def _briefing_id(value: object) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise problem(f"“{shorten(value)}” is not an id (letters, digits, - _ . only)")
    return value


def _briefing_title(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise problem("missing or not text: the briefing is named by its id")
    if len(value.strip()) > MAX_TITLE:
        raise problem(f"too long (at most {MAX_TITLE} characters); cut")
    return value.strip()


class BriefingFile(BaseModel):
    """A briefing file's own fields; its steps stay raw tables for :class:`StepFile`.

    Attributes
    ----------
    id : str
        Letters, digits, ``- _ .`` (the loader puts in the file's stem when missing).
    title : str
        At most :data:`MAX_TITLE` characters.
    subtitle : str
        Cut to :data:`MAX_CAPTION` characters.
    steps : list
        One to :data:`MAX_STEPS` tables, each checked on its own.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, PlainValidator(_briefing_id)]
    title: Annotated[str, PlainValidator(_briefing_title)]
    subtitle: Annotated[
        str,
        StringConstraints(strict=True, strip_whitespace=True),
        AfterValidator(lambda text: text[:MAX_CAPTION]),
    ] = ""
    steps: Annotated[list[Any], Field(strict=True, min_length=1, max_length=MAX_STEPS)]
