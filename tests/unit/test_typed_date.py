"""A date the analyst types (lib.editorial.validate.typed_date)."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.editorial.validate import typed_date

TODAY = dt.date(2025, 9, 1)


@pytest.mark.parametrize(
    "text",
    ["2025-08-16", "16 Aug 2025", "August 16, 2025", "16/08/2025", "  16   Aug  2025 "],
)
def test_iso_and_written_dates_are_read(text: str) -> None:
    assert typed_date(text, "Published", TODAY) == (dt.date(2025, 8, 16), [])


def test_slashed_dates_are_read_day_first() -> None:
    day, problems = typed_date("05/08/2025", "Published", TODAY)
    assert (day, problems) == (dt.date(2025, 8, 5), [])


def test_today_itself_is_not_the_future() -> None:
    assert typed_date(TODAY.isoformat(), "Published", TODAY) == (TODAY, [])


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_date_is_required(text: str | None) -> None:
    day, problems = typed_date(text, "Published", TODAY)  # type: ignore[arg-type]
    assert day is None
    [problem] = problems
    assert problem.field == "Published"
    assert problem.message.startswith("required")


@pytest.mark.parametrize("text", ["nonsense", "banana 2025", "32/13/2025", "2025-02-30"])
def test_nonsense_is_refused_with_the_text_and_a_format_to_use(text: str) -> None:
    day, problems = typed_date(text, "Published", TODAY)
    assert day is None
    [problem] = problems
    assert problem.field == "Published"
    assert f"“{text}” is not a date" in problem.message
    assert "2025-08-16" in problem.message


def test_very_long_text_is_named_only_in_part() -> None:
    day, [problem] = typed_date("x" * 500, "Published", TODAY)
    assert day is None and len(problem.message) < 150


@pytest.mark.parametrize("text", ["2025-09-02", "2 Sep 2025", "1 Jan 2030"])
def test_a_future_date_is_refused_saying_what_today_is(text: str) -> None:
    day, problems = typed_date(text, "Date", TODAY)
    assert day is None
    [problem] = problems
    assert problem.field == "Date"
    assert "is in the future" in problem.message and "2025-09-01" in problem.message
