"""A new article's text with the proposed annotations marked, for the analyst's review.

Each proposal is one ``<mark>`` with its number and kind; an event proposal (a
sentence) holds the place, group and date marks inside it. Accepted marks are
solid, pending ones outlined, rejected ones struck through; every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lib.story.article_view import KIND_COLOURS
from lib.story.markup import render, static_text

#: Highlight colours by proposal kind (the article page's, dates added).
PROPOSAL_COLOURS: dict[str, str] = {
    "place": KIND_COLOURS["place"],
    "group": KIND_COLOURS["group"],
    "date": "#cfe3f7",
    "event": KIND_COLOURS["event"],
}
#: How each kind is named on its mark and in the key.
PROPOSAL_LABELS: dict[str, str] = {
    "place": "place",
    "group": "group",
    "date": "date",
    "event": "event",
}
#: The review's styles, inlined before it (``static/review.css``).
REVIEW_CSS = f"<style>\n{static_text('article.css')}\n{static_text('review.css')}</style>\n"


@dataclass(frozen=True)
class ReviewMark:
    """One marked passage of the text under review.

    Attributes
    ----------
    number : int
        Its number in the review list.
    kind : str
        ``place``, ``group``, ``date``, ``event`` (or ``quote`` for one the analyst added).
    block, start, end : int
        Where it is (block 0 is the title).
    status : str
        ``pending``, ``accepted`` or ``rejected``.
    label : str
        What it names (its tooltip).
    """

    number: int
    kind: str
    block: int
    start: int
    end: int
    status: str
    label: str


def _nest(text: str, marks: list[ReviewMark]) -> list[dict[str, object]]:
    """Pieces of one block: plain text and marks, a mark holding the marks inside it."""
    out: list[dict[str, object]] = []
    cursor = 0
    remaining = sorted(marks, key=lambda m: (m.start, -m.end))
    while remaining:
        mark = remaining.pop(0)
        if mark.start < cursor or mark.end > len(text) or mark.end <= mark.start:
            continue  # crosses an outer mark's edge, or stale offsets: listed, not marked
        inside = [m for m in remaining if m.start >= mark.start and m.end <= mark.end]
        remaining = [m for m in remaining if m not in inside]
        out.append({"mark": None, "text": text[cursor : mark.start]})
        out.append(
            {
                "mark": mark,
                "colour": PROPOSAL_COLOURS.get(mark.kind, "#eeeeee"),
                "tag": PROPOSAL_LABELS.get(mark.kind, mark.kind),
                "children": _shifted(text[mark.start : mark.end], inside, mark.start),
            }
        )
        cursor = mark.end
    out.append({"mark": None, "text": text[cursor:]})
    return out


def _shifted(text: str, marks: list[ReviewMark], offset: int) -> list[dict[str, object]]:
    moved = [
        ReviewMark(m.number, m.kind, m.block, m.start - offset, m.end - offset, m.status, m.label)
        for m in marks
    ]
    return _nest(text, moved)


def review_html(blocks: Sequence[str], marks: Sequence[ReviewMark]) -> str:
    """The text (title, paragraphs) with every proposal marked, nested where they nest.

    Parameters
    ----------
    blocks : sequence of str
        The title, then the paragraphs.
    marks : sequence of ReviewMark
        The proposals and added quotes.

    Returns
    -------
    str
        Escaped HTML (``REVIEW_CSS`` styles it).
    """
    by_block: dict[int, list[ReviewMark]] = {}
    for mark in marks:
        by_block.setdefault(mark.block, []).append(mark)
    pieces = [_nest(text, by_block.get(i, [])) for i, text in enumerate(blocks)]
    key = [(PROPOSAL_COLOURS[k], PROPOSAL_LABELS[k]) for k in PROPOSAL_COLOURS]
    return render("review.html.j2", blocks=pieces, key=key)
