"""Quotes anchored in an article's text: exactly once when made, carefully after an edit.

Hypothesis's rule: a quote that cannot be placed with confidence after the text
changed becomes an *orphan*, listed for the analyst, never attached to a passage
that merely looks alike. The matching itself (exact search, context scores, the
fuzzy window) is :mod:`lib.data.annotations`'s, the same the catalog anchors with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lib.data.annotations import Annotation, context_at, occurrences, place_annotation
from lib.data.catalog import Catalog
from lib.data.validation import DataIssue
from lib.editorial.errors import AnchorError


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
    found = occurrences(blocks, exact)
    if not found:
        raise AnchorError(
            f"“{exact[:60]}” is not in the text: quote it word for word, as the article has it."
        )
    if len(found) > 1:
        raise AnchorError(f"“{exact[:60]}” appears {len(found)} times: quote a longer passage.")
    block, start = found[0]
    prefix, suffix = context_at(blocks[block], start, start + len(exact))
    return QuoteAnchor(block, start, start + len(exact), prefix, suffix)


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
        placed = place_annotation(blocks_new, ann)
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
        if issue.field == "target.selector.exact" and f" in {article_id}: " in issue.problem
    ]
