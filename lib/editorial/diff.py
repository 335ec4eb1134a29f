"""A revision's before and after, as the History view reads it: only what changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

#: Texts longer than this (characters) are shown as a word diff rather than whole.
LONG_TEXT = 80


@dataclass(frozen=True)
class FieldChange:
    """One field that changed: its name and its text before and after ("" when absent)."""

    field: str
    before: str
    after: str


def as_text(value: Any) -> str:
    """A payload value as one line of text: lists joined with “; ”, None as ""."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    return str(value)


def word_diff(before: str, after: str) -> str:
    """``before`` → ``after`` as words, removed ones ``[-so-]``, added ones ``{+so+}``."""
    old, new = re.findall(r"\S+|\s+", before), re.findall(r"\S+|\s+", after)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(old[i1:i2]))
            continue
        if op in ("replace", "delete"):
            out.append(f"[-{''.join(old[i1:i2])}-]")
        if op in ("replace", "insert"):
            out.append(f"{{+{''.join(new[j1:j2])}+}}")
    return "".join(out)


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The fields a change altered, in the record's field order.

    Parameters
    ----------
    before, after : dict or None
        The payloads (None: the record did not exist yet / any more).

    Returns
    -------
    list of FieldChange
        Changed fields only. Lists are joined; when both sides are long texts
        (over :data:`LONG_TEXT` characters) ``after`` is a word diff
        ``[-old-]{+new+}`` and ``before`` the old text.
    """
    before, after = before or {}, after or {}
    names = [*before, *(k for k in after if k not in before)]
    changes: list[FieldChange] = []
    for name in names:
        old, new = as_text(before.get(name)), as_text(after.get(name))
        if old == new:
            continue
        if len(old) > LONG_TEXT and len(new) > LONG_TEXT:
            new = word_diff(old, new)
        changes.append(FieldChange(name, old, new))
    return changes
