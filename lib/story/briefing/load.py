"""Reading briefing files: from bytes or text (an upload) and from the briefings folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

from lib.data.validation import DataIssue
from lib.story.briefing.model import MAX_FILE_BYTES, Briefing, Vocabulary
from lib.story.briefing.validate import parse_briefing


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

    def refused(problem: str) -> tuple[None, list[DataIssue]]:
        return None, [DataIssue(label, "(file)", "(file)", problem)]

    if len(text) > MAX_FILE_BYTES:
        return refused(f"too large ({len(text):,} bytes; at most {MAX_FILE_BYTES:,})")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return refused(f"not UTF-8 text (bad byte at offset {exc.start})")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return refused(f"not valid TOML: {exc}")
    except RecursionError:
        return refused("not valid TOML: nested too deeply")
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
