"""Collects how each bad-input case was handled, for the table printed after the run."""

from __future__ import annotations

from pathlib import Path

ROWS: list[tuple[str, str, str]] = []
REPORT = Path(__file__).resolve().parent.parent / "artifacts" / "bad-input-cases.md"


def record(file: str, case: str, handled: str) -> None:
    """Remember one case and the message the app gave for it."""
    ROWS.append((file, case, handled))


def table() -> str:
    """The cases as a Markdown table (also written to ``artifacts/``)."""
    lines = ["| file | corruption | how it was handled |", "|---|---|---|"]
    lines += [f"| {f} | {c} | {h.replace('|', '/')} |" for f, c, h in ROWS]
    return "\n".join(lines)
