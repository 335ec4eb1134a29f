"""Quotes anchored in an article's text: exactly once when made, carefully after an edit.

Hypothesis's rule: a quote that cannot be placed with confidence after the text
changed becomes an *orphan*, listed for the analyst, never attached to a passage
that merely looks alike. The matching itself (exact search, context scores, the
fuzzy window) is :mod:`lib.data.annotations`'s, the same the catalog anchors with.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from lib.data.annotations import Annotation, anchor_approximately, context_score
from lib.data.catalog import Catalog
from lib.data.validation import DataIssue
from lib.editorial.errors import AnchorError

#: Characters of context kept on each side of a quote (as the seed annotations do).
CONTEXT_CHARS = 32
#: A repeated quote is placed by its context only if the best occurrence beats the
#: next by this much (context scores run 0–2).
CLEAR_WIN = 0.5
#: After an edit, a fuzzy match counts only if its prefix and suffix are this alike.
CONTEXT_AGREEMENT = 0.8


@dataclass(frozen=True)
class QuoteAnchor:
    """Where a quote sits: block (0 = title), offsets, and the context to store with it."""

    block: int
    start: int
    end: int
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Moved:
    """An annotation re-attached after an edit, with its new selector."""

    annotation: Annotation
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Orphan:
    """An annotation that could not be placed with confidence, and why."""

    annotation: Annotation
    reason: str


@dataclass(frozen=True)
class ReanchorResult:
    """What re-anchoring did: moved (new selector), kept (as they were), orphans."""

    moved: list[Moved] = field(default_factory=list)
    kept: list[Annotation] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)


def context_at(block: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of ``block[start:end]`` (up to :data:`CONTEXT_CHARS` each)."""
    return block[max(0, start - CONTEXT_CHARS) : start], block[end : end + CONTEXT_CHARS]


def _occurrences(blocks: Sequence[str], exact: str) -> list[tuple[int, int]]:
    found = []
    for index, block in enumerate(blocks):
        start = block.find(exact)
        while start >= 0:
            found.append((index, start))
            start = block.find(exact, start + 1)
    return found


def anchor_once(blocks: Sequence[str], quote: str) -> QuoteAnchor:
    """Anchor a new quote: it must occur exactly once in the text.

    Parameters
    ----------
    blocks : sequence of str
        Title and paragraphs.
    quote : str
        The passage, word for word (surrounding spaces are ignored).

    Returns
    -------
    QuoteAnchor
        Its place, with prefix and suffix filled from the text.

    Raises
    ------
    AnchorError
        The quote is empty, not in the text, or there more than once.
    """
    exact = quote.strip()
    if not exact:
        raise AnchorError("The quote is empty: select or paste the passage to annotate.")
    found = _occurrences(blocks, exact)
    if not found:
        raise AnchorError(
            f"“{exact[:60]}” is not in the text: quote it word for word, as the article has it."
        )
    if len(found) > 1:
        raise AnchorError(f"“{exact[:60]}” appears {len(found)} times: quote a longer passage.")
    block, start = found[0]
    prefix, suffix = context_at(blocks[block], start, start + len(exact))
    return QuoteAnchor(block, start, start + len(exact), prefix, suffix)


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_agrees(block: str, start: int, end: int, ann: Annotation) -> bool:
    before, after = context_at(block, start, end)
    # Compare only as much context as the annotation kept (old ones may keep less).
    ok_prefix = (
        not ann.prefix or _likeness(before[-len(ann.prefix) :], ann.prefix) >= CONTEXT_AGREEMENT
    )
    ok_suffix = (
        not ann.suffix or _likeness(after[: len(ann.suffix)], ann.suffix) >= CONTEXT_AGREEMENT
    )
    return ok_prefix and ok_suffix and bool(ann.prefix or ann.suffix)


def _place(blocks: Sequence[str], ann: Annotation) -> tuple[int, int, int] | str:
    """(block, start, end) for the annotation in the new text, or the reason it is an orphan."""
    found = _occurrences(blocks, ann.exact)
    if len(found) == 1:
        block, start = found[0]
        return block, start, start + len(ann.exact)
    if len(found) > 1:
        scored = sorted(
            ((context_score(blocks[b], s, s + len(ann.exact), ann.prefix, ann.suffix), b, s)
             for b, s in found),
            reverse=True,
        )  # fmt: skip
        if scored[0][0] - scored[1][0] >= CLEAR_WIN:
            _, block, start = scored[0]
            return block, start, start + len(ann.exact)
        return (
            f"the quote now appears {len(found)} times and its context does not tell which: "
            "not re-attached"
        )
    anchor = anchor_approximately(blocks, ann.exact, ann.prefix, ann.suffix)
    if anchor is None:
        return "the quote is no longer in the text (nothing similar enough either)"
    start, end = _refine(blocks[anchor.block], anchor.start, anchor.end, ann)
    if not _context_agrees(blocks[anchor.block], start, end, ann):
        return "a similar passage exists but its context differs: not re-attached"
    return anchor.block, start, end


def _refine(block: str, start: int, end: int, ann: Annotation, slack: int = 3) -> tuple[int, int]:
    """Nudge a fuzzy match's edges (± a few characters) to fit the quote and its context best.

    The shared fuzzy window finds the passage, but its edges may be off by a
    character or two; the context decides between nearly equal windows.
    """

    def fit(s: int, e: int) -> float:
        return _likeness(block[s:e], ann.exact) * 2 + context_score(
            block, s, e, ann.prefix, ann.suffix
        )

    spans = [
        (s, e)
        for s in range(max(0, start - slack), min(len(block), start + slack) + 1)
        for e in range(max(s + 1, end - slack), min(len(block), end + slack) + 1)
    ]
    return max(spans, key=lambda span: fit(*span), default=(start, end))


def reanchor(blocks_new: Sequence[str], annotations: Sequence[Annotation]) -> ReanchorResult:
    """Place annotations again in an edited text.

    An exact quote found once is kept (moved, with fresh context, if its context
    changed); a repeated one is placed only when its prefix/suffix clearly pick one
    occurrence; an approximate match (:data:`lib.data.annotations.FUZZY_THRESHOLD`)
    only when prefix and suffix agree too. Everything else is an orphan with its
    reason.

    Parameters
    ----------
    blocks_new : sequence of str
        The edited title and paragraphs.
    annotations : sequence of Annotation
        The article's annotations, as stored.

    Returns
    -------
    ReanchorResult
    """
    result = ReanchorResult()
    for ann in annotations:
        placed = _place(blocks_new, ann)
        if isinstance(placed, str):
            result.orphans.append(Orphan(ann, placed))
            continue
        block, start, end = placed
        exact = blocks_new[block][start:end]
        prefix, suffix = context_at(blocks_new[block], start, end)
        same_context = ann.prefix == prefix[-len(ann.prefix) :] if ann.prefix else True
        same_context = same_context and (
            ann.suffix == suffix[: len(ann.suffix)] if ann.suffix else True
        )
        if exact == ann.exact and same_context:
            result.kept.append(ann)
        else:
            result.moved.append(Moved(ann, exact, prefix, suffix))
    return result


def orphans_of(catalog: Catalog, article_id: str) -> list[DataIssue]:
    """The catalog's annotations of an article that it could not anchor (its data issues).

    The catalog leaves such annotations out and reports each as a ``DataIssue``
    (“quote … is no longer found in <article>”); this lists those of one article.
    To get the annotations themselves from the store, see
    :func:`lib.editorial.save.store_annotations`, then :func:`reanchor`.
    """
    return [
        issue
        for issue in catalog.text_issues
        if issue.field == "target.selector.exact" and issue.problem.endswith(f" in {article_id}")
    ]
