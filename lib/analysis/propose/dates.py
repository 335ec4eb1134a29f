"""Dates a text mentions, absolute or relative to the article's date.

Own rules, in order (a span taken by one is not looked at again):

- "March 19, 2023", "19 March 2023", "Sept. 16, 2022" (day);
- "March 19" / "19 March" without a year (day, the latest such date not after the
  article's, as reporting speaks of the past);
- "in March 2023", "March 2023" (month);
- "2023" alone only with context: after in/since/during/until/by/from/of/the/early/
  late/mid-, or before a noun ("the 2022 protests") — never inside a number;
- "today", "earlier today", "yesterday", "on Monday", "last week", "this week", "last
  month": resolved against the article's date, and ``why`` says so.

Month names and numbers are read by ``dateparser`` (offline); its own free-text search
is not used because it finds dates in words like "may" and "now".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

import dateparser

from lib.analysis.propose.base import make
from lib.analysis.propose.model import Proposal

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PATTERNS: tuple[tuple[str, str], ...] = (
    ("mdy", rf"\b{_MONTHS} {_DAY},? {_YEAR}\b"),
    ("dmy", rf"\b{_DAY} {_MONTHS},? {_YEAR}\b"),
    ("my", rf"\b{_MONTHS},? {_YEAR}\b"),
    ("md", rf"\b{_MONTHS} {_DAY}\b(?!,? ?\d)"),
    ("dm", rf"\b{_DAY} {_MONTHS}(?!\w)"),
    (
        "relative",
        r"\b(?:earlier |later )?today\b|\byesterday\b|\b(?:last|this|next) (?:week|month)\b"
        r"|\b(?:on|last|this|since|until|by) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (?:morning|evening|night)\b",
    ),
    ("year", rf"(?<![\d,.\-]){_YEAR}(?![\d,.]\d)"),
)
_COMPILED = tuple(
    (name, re.compile(rx, re.IGNORECASE if name == "relative" else 0)) for name, rx in PATTERNS
)


def _parse(text: str) -> dt.date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.replace("Sept.", "Sep.")).strip()
    parsed = dateparser.parse(cleaned, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


_YEAR_BEFORE = frozenset(
    [
        "in",
        "since",
        "during",
        "until",
        "by",
        "from",
        "of",
        "the",
        "early",
        "late",
        "mid",
        "its",
        "this",
        "that",
    ]
)
_NOT_AFTER_YEAR = frozenset(
    ["km", "kilometres", "kilometers", "people", "members", "troops", "dollars", "metres"]
)


def _year_context(block: str, start: int, end: int) -> bool:
    """A year alone counts after "in", "since", "the"…, or between two lower-case words."""
    before = re.findall(r"([A-Za-z]+)\W*$", block[:start])
    after = re.match(r"\W*([A-Za-z]+)", block[end:])
    word_before = before[0] if before else ""
    if word_before.casefold() in _YEAR_BEFORE:
        return True
    return bool(
        word_before.islower() and after and after.group(1).islower()
        and after.group(1) not in _NOT_AFTER_YEAR
    )  # fmt: skip


def _relative(text: str, published: dt.date) -> tuple[dt.date, str] | None:
    t = text.casefold()
    monday = published - dt.timedelta(days=published.weekday())
    if "today" in t:
        return published, "day"
    if "yesterday" in t:
        return published - dt.timedelta(days=1), "day"
    if "week" in t:
        shift = {"last": -7, "this": 0, "next": 7}[t.split()[0]]
        return monday + dt.timedelta(days=shift), "week"
    if "month" in t:
        first = published.replace(day=1)
        if t.startswith("last"):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        elif t.startswith("next"):
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return first, "month"
    for number, name in enumerate(_WEEKDAYS):
        if name in t:
            back = (published.weekday() - number) % 7
            if t.startswith("last") and back == 0:
                back = 7
            return published - dt.timedelta(days=back), "day"
    return None


def _span(match: re.Match[str], rule: str) -> tuple[int, int]:
    """The date itself: "on Monday" → "Monday" (the preposition is not the date)."""
    start, end = match.span()
    if rule == "relative":
        head = re.match(r"(?:on|since|until|by) ", match.group(), re.IGNORECASE)
        if head:
            start += head.end()
    return start, end


def find_dates(blocks: Sequence[str], published: dt.date, language: str = "en") -> list[Proposal]:
    """Every date the rules find.

    Parameters
    ----------
    blocks : sequence of str
        Title, then paragraphs.
    published : datetime.date
        The article's date (relative dates are resolved against it).
    language : str
        Only English rules exist; other languages get none (said here, not guessed).

    Returns
    -------
    list of Proposal
        Kind ``date``, target None, ``date`` and ``date_precision`` set.
    """
    if language != "en":
        return []
    said = published.strftime("%-d %b %Y")
    out: list[Proposal] = []
    for b, block in enumerate(blocks):
        taken: list[tuple[int, int]] = []
        for rule, rx in _COMPILED:
            for m in rx.finditer(block):
                start, end = _span(m, rule)
                if any(s < end and start < e for s, e in taken):
                    continue
                text = block[start:end]
                value: dt.date | None
                if rule == "relative":
                    resolved = _relative(text, published)
                    if resolved is None:
                        continue
                    value, precision = resolved
                    why = f"relative: ‘{text}’ resolved against the article's date {said}"
                    score = 0.8
                elif rule == "year" and not _year_context(block, start, end):
                    continue
                elif rule == "year":
                    value, precision = dt.date(int(text), 1, 1), "year"
                    why = f"a year with context (‘{block[max(0, start - 12) : end].strip()}’)"
                    score = 0.6
                else:
                    value = _parse(text)
                    if value is None:
                        continue
                    precision = "month" if rule == "my" else "day"
                    if rule == "my":
                        value = value.replace(day=1)
                    if rule in ("md", "dm"):
                        # No year: the latest such day not after the article's date.
                        value = value.replace(year=published.year)
                        if value > published:
                            value = value.replace(year=published.year - 1)
                        why = f"day without a year: taken as {value:%-d %b %Y}, not after the article's date"
                    else:
                        why = f"absolute date ({precision})"
                    score = 0.95 if rule in ("mdy", "dmy") else 0.8
                taken.append((start, end))
                label = {
                    "day": f"{value:%-d %B %Y}",
                    "week": f"week of {value:%-d %B %Y}",
                    "month": f"{calendar.month_name[value.month]} {value.year}",
                    "year": str(value.year),
                }[precision]
                out.append(
                    make(
                        "date", blocks, b, start, end, label=label, why=why, score=score,
                        date=value, date_precision=precision,
                    )
                )  # fmt: skip
    return out
