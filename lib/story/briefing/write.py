"""Writing a briefing as a TOML file that reads well and loads back to the same briefing.

Written with tomlkit rather than tomli-w: tomlkit writes comments (the file's header
says what the fields mean), keeps short lists on one line (``bounds = [[s, w], [n, e]]``,
one field per line, so a diff shows what changed) and lets a caption or notes with line
breaks be a multi-line string whose quotes stay unescaped. tomli-w can write multi-line
strings too, but it escapes every quote in them, cannot write comments and spreads every
list over one line per item (a bounds field becomes twelve lines).
"""

from __future__ import annotations

from typing import Any

import tomlkit
from tomlkit.items import String, StringType, Trivia

from lib.story.briefing.model import Briefing, Step

_HEADER = (
    "Zagros Brief briefing: one [[steps]] table per step, in order.",
    "bounds = [[south, west], [north, east]]; layers, groups, from/to, conf and",
    "highlights (kind:id) as in the app's links. Leave a field out for the default.",
)


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
    if step.play is not None:
        out["play"] = step.play
    if step.then is not None and step.now is not None:
        out["then"] = step.then.isoformat()
        out["now"] = step.now.isoformat()
        for key in ("then_label", "now_label"):
            if getattr(step, key):
                out[key] = getattr(step, key)
    return out


def _text(value: str) -> String:
    """A TOML string; multi-line, starting on its own line, when the text has line breaks."""
    # A carriage return would be read back as a plain line break inside a multi-line
    # string (TOML normalises CRLF), and a leading line break would be dropped by the
    # reader (see below): such text stays on one line, escaped. Loaded texts are
    # stripped, so this only happens to steps built in code.
    if "\n" not in value or "\r" in value or value.startswith("\n"):
        return tomlkit.string(value)
    body = tomlkit.string(value, multiline=True).as_string()[3:-3]
    # TOML drops a line break right after the opening quotes, so adding one changes
    # nothing but the layout: the text starts on its own line, as in the shipped files.
    return String(StringType.MLB, value, "\n" + body, Trivia())


def _value(key: str, value: Any) -> Any:
    if key == "bounds":
        return [[float(x) for x in corner] for corner in value]
    if isinstance(value, list):
        return [tomlkit.string(v) for v in value]
    return _text(str(value))


def dump_briefing(briefing: Briefing) -> str:
    """Write a briefing as TOML, deterministically (same briefing, same bytes).

    One field per line, in :data:`~lib.story.briefing.model.STEP_KEYS` order, so a diff
    shows what changed; :func:`~lib.story.briefing.load_briefing_text` reads it back to
    an equal briefing.

    Parameters
    ----------
    briefing : Briefing
        What to write.

    Returns
    -------
    str
        The file's content.
    """
    doc = tomlkit.document()
    for line in _HEADER:
        doc.add(tomlkit.comment(line))
    doc.add("id", _text(briefing.briefing_id))
    doc.add("title", _text(briefing.title))
    if briefing.subtitle:
        doc.add("subtitle", _text(briefing.subtitle))
    steps = tomlkit.aot()
    for step in briefing.steps:
        table = tomlkit.table()
        for key, value in step_to_dict(step).items():
            table.add(key, _value(key, value))
        steps.append(table)
    doc.add("steps", steps)
    return tomlkit.dumps(doc)


def file_name(briefing: Briefing) -> str:
    """A download name for a briefing file."""
    return f"{briefing.briefing_id}.briefing.toml"
