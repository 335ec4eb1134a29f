"""What the editorial functions refuse, and why, in words an analyst reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One reason a draft or an edit cannot be saved.

    Attributes
    ----------
    field : str
        What to fix (``title``, ``events[2].lat``, ``decisions[4].target``…).
    message : str
        Why, naming the value.
    """

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class EditorialError(ValueError):
    """Nothing was saved: the problems say what to fix first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("Not saved: " + "; ".join(str(p) for p in self.problems))


class AnchorError(ValueError):
    """A quote that cannot be anchored exactly once (empty, not found, or ambiguous)."""
