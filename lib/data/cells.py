"""Cell types of the row models: how the text of a CSV cell is read.

Each type is an ``Annotated`` pydantic type for a :class:`~lib.data.validation.RowModel`
field. Its validator receives the cell's text (stripped; empty cells never reach it)
and raises ``ValueError`` with the words a data editor sees in the issue banner, so
the messages are written here, once, not taken from pydantic.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from lib.data.validation import ID_RE, IdColumn, parse_partial_date


def _id(value: str) -> str:
    if not ID_RE.match(value):
        raise ValueError(f"“{value[:40]}” is not an id (letters, digits, - _ . only)")
    return value


def _partial_date(value: str) -> str:
    parse_partial_date(value)
    return value


def _iso_date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"“{str(value)[:40]}” is not a real date (YYYY-MM-DD)") from None


def _flag(value: Any) -> bool:
    text = str(value).lower()
    if text not in ("yes", "no"):
        raise ValueError(f"“{str(value)[:40]}” must be yes, no or empty")
    return text == "yes"


def _hex_colour(value: str) -> str:
    if not (
        len(value) == 7
        and value[0] == "#"
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    ):
        raise ValueError(f"“{value[:20]}” is not a #RRGGBB colour")
    return value


#: A row's id: a slug that reaches addresses and HTML ids; it names the row in issues.
Id = Annotated[str, AfterValidator(_id), IdColumn()]
#: Free text (kept as written, stripped).
Text = str
#: A date of known precision: ``YYYY``, ``YYYYs``, ``YYYY-MM`` or ``YYYY-MM-DD`` (kept as text).
PartialDate = Annotated[str, AfterValidator(_partial_date)]
#: A day, ``YYYY-MM-DD``, read as :class:`datetime.date`.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
#: ``yes`` or ``no`` (any case), read as bool; an empty cell is ``False``.
Flag = Annotated[bool, BeforeValidator(_flag)]
#: A ``#RRGGBB`` colour.
HexColour = Annotated[str, AfterValidator(_hex_colour)]


def one_of(choices: tuple[str, ...]) -> Any:
    """The type of a cell holding one of ``choices``.

    Parameters
    ----------
    choices : tuple of str
        The allowed values, in the order the message lists them.

    Returns
    -------
    typing.Annotated
        ``str`` validated against the choices.
    """

    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"“{value[:40]}” is not one of {', '.join(choices)}")
        return value

    return Annotated[str, AfterValidator(check)]


def list_of(choices: tuple[str, ...] = ()) -> Any:
    """The type of a ``;``-separated cell, read as a tuple of its non-empty items.

    Parameters
    ----------
    choices : tuple of str
        The values each item must be one of; empty for any text.

    Returns
    -------
    typing.Annotated
        ``tuple[str, ...]``; an empty cell is ``()``.
    """

    allowed = frozenset(choices)

    def split(value: Any) -> tuple[str, ...]:
        items = tuple(part for part in map(str.strip, str(value).split(";")) if part)
        unknown = [item for item in items if allowed and item not in allowed]
        if unknown:
            raise ValueError(
                f"unknown value(s) {', '.join(repr(u[:40]) for u in unknown)}; "
                f"known: {', '.join(choices)}"
            )
        return items

    return Annotated[tuple[str, ...], BeforeValidator(split)]


def number(low: float, high: float) -> Any:
    """The type of a number cell within ``low``…``high`` (inclusive).

    Parameters
    ----------
    low, high : float
        The bounds, shown as given in the message (``-90.0…90.0``).

    Returns
    -------
    typing.Annotated
        ``float``; NaN and infinities are refused as outside the bounds.
    """

    def read(value: Any) -> float:
        try:
            figure = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"“{str(value)[:40]}” is not a number") from None
        if figure != figure or not low <= figure <= high:
            raise ValueError(f"{value} is outside {low}…{high}")
        return figure

    return Annotated[float, BeforeValidator(read)]
