"""Annotations of articles, after the W3C Web Annotation model.

Each annotation targets a passage of an article with a ``TextQuoteSelector``
(the exact quote, with a little prefix and suffix) and has a body that
points to what the passage is about: ``zagros:<kind>/<id>`` where kind is
``event``, ``site``, ``crossing``, ``place``, ``group``, ``boundary`` or
``claim`` (:data:`lib.data.features.BODY_KINDS`). Quotes are anchored anew on every load, so they survive small
edits of the text; a quote that is no longer found, or a body that names
nothing the project knows, is reported by name, not silently dropped.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lib.data.articles import Article
from lib.data.features import BODY_KINDS
from lib.data.validation import DataIssue

BODY_PREFIX = "zagros:"
#: How alike a passage must be to the quote to count as the same words.
FUZZY_THRESHOLD = 0.85
#: Characters of context kept on each side of a quote (as the seed annotations do).
CONTEXT_CHARS = 32
#: A repeated quote is placed by its context only if the best occurrence beats the
#: next by this much (context scores run 0–2).
CLEAR_WIN = 0.5
#: A quote no longer found word for word is placed on a similar passage only if its
#: prefix and suffix are this alike too (else it is an orphan, never a lookalike).
CONTEXT_AGREEMENT = 0.8


@dataclass(frozen=True)
class Annotation:
    """One annotation as stored.

    Attributes
    ----------
    annotation_id : str
        Unique id.
    article_id : str
        The article it targets.
    exact, prefix, suffix : str
        The text-quote selector.
    kind, ref : str
        What the body points to: ``kind`` in :data:`BODY_KINDS`, ``ref`` an id.
    motivation : str
        W3C motivation (``linking``, ``assessing``...).
    """

    annotation_id: str
    article_id: str
    exact: str
    prefix: str
    suffix: str
    kind: str
    ref: str
    motivation: str = "linking"

    @property
    def target_key(self) -> tuple[str, str]:
        """``(kind, ref)``: the key the map and timeline look annotations up by."""
        return (self.kind, self.ref)


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in an article.

    Attributes
    ----------
    block : int
        0 is the title, 1… the paragraphs.
    start, end : int
        Character offsets in that block.
    exact_match : bool
        False when the quote was found only approximately (the text changed).
    """

    block: int
    start: int
    end: int
    exact_match: bool


@dataclass(frozen=True)
class ResolvedAnnotation:
    """An annotation with its anchor in the article text."""

    annotation: Annotation
    anchor: Anchor

    @property
    def quote(self) -> str:
        """The annotation's quote as written."""
        return self.annotation.exact


def _context_score(block: str, start: int, end: int, prefix: str, suffix: str) -> float:
    before = block[max(0, start - len(prefix)) : start]
    after = block[end : end + len(suffix)]
    score = 0.0
    if prefix:
        score += difflib.SequenceMatcher(None, before, prefix).ratio()
    if suffix:
        score += difflib.SequenceMatcher(None, after, suffix).ratio()
    return score


def anchor_quote(
    blocks: Iterable[str], exact: str, prefix: str = "", suffix: str = ""
) -> Anchor | None:
    """Find a quote in a text, exactly if possible, else approximately.

    Parameters
    ----------
    blocks : iterable of str
        The texts to search (title and paragraphs).
    exact : str
        The quote.
    prefix, suffix : str
        Text just before and after it, to choose between repeats and to
        find the place again after an edit.

    Returns
    -------
    Anchor or None
        The best match; None when no passage is at least
        :data:`FUZZY_THRESHOLD` alike.
    """
    texts = list(blocks)
    if not exact.strip():
        return None
    candidates: list[tuple[float, Anchor]] = []
    for index, block in enumerate(texts):
        start = block.find(exact)
        while start >= 0:
            end = start + len(exact)
            score = _context_score(block, start, end, prefix, suffix)
            candidates.append((score, Anchor(index, start, end, True)))
            start = block.find(exact, start + 1)
    if candidates:
        return max(candidates, key=lambda c: c[0])[1]
    return _anchor_approximately(texts, exact, prefix, suffix)


def _anchor_approximately(texts: list[str], exact: str, prefix: str, suffix: str) -> Anchor | None:
    best: tuple[float, Anchor] | None = None
    length = len(exact)
    slack = max(2, length // 5)
    for index, block in enumerate(texts):
        matcher = difflib.SequenceMatcher(None, block, exact, autojunk=False)
        longest = matcher.find_longest_match(0, len(block), 0, length)
        if longest.size < min(6, length):
            continue
        # The quote's longest surviving run fixes roughly where it starts;
        # slide a window around there, then let its length vary.
        origin = longest.a - longest.b

        def ratio(start: int, size: int, block: str = block) -> float:
            return difflib.SequenceMatcher(None, block[start : start + size], exact).ratio()

        starts = range(max(0, origin - slack), max(0, origin + slack) + 1)
        start = max(starts, key=lambda s: ratio(s, length))
        size = max(range(length - slack, length + slack + 1), key=lambda n: ratio(start, n))
        score = ratio(start, size)
        if score < FUZZY_THRESHOLD:
            continue
        end = start + size
        ranked = score * 2 + _context_score(block, start, end, prefix, suffix) * 0.1
        if best is None or ranked > best[0]:
            best = (ranked, Anchor(index, start, end, False))
    return best[1] if best else None


def _parse_body(body: object) -> tuple[str, str] | None:
    source = body.get("source") if isinstance(body, dict) else body
    if not isinstance(source, str) or not source.startswith(BODY_PREFIX):
        return None
    kind, _, ref = source[len(BODY_PREFIX) :].partition("/")
    return (kind, ref) if kind in BODY_KINDS and ref else None


def read_annotations(path: Path, label: str) -> tuple[list[Annotation], list[DataIssue]]:
    """Read one W3C annotation collection (JSON-LD) and check its shape.

    Parameters
    ----------
    path : pathlib.Path
        A ``.jsonld`` file with an ``AnnotationCollection`` (``items``) or a
        list of annotations.
    label : str
        How issues name the file.

    Returns
    -------
    tuple
        Well-formed annotations and the issues found.
    """
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        return [], [DataIssue(label, "(file)", "(file)", f"not UTF-8 text (byte {exc.start})")]
    except (OSError, json.JSONDecodeError) as exc:
        return [], [DataIssue(label, "(file)", "(file)", f"not valid JSON: {exc}")]
    items = document.get("items") if isinstance(document, dict) else document
    if not isinstance(items, list):
        return [], [DataIssue(label, "(file)", "items", "no list of annotations")]
    annotations: list[Annotation] = []
    issues: list[DataIssue] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            issues.append(DataIssue(label, f"item {number}", "(item)", "not an object"))
            continue
        annotation_id = str(item.get("id") or f"item {number}")[:80]
        target = item.get("target") if isinstance(item.get("target"), dict) else {}
        selector = target.get("selector") if isinstance(target.get("selector"), dict) else {}
        article = str(target.get("source", ""))
        problems: list[tuple[str, str]] = []
        if annotation_id in seen:
            problems.append(("id", "duplicate annotation id"))
        if not article.startswith(f"{BODY_PREFIX}article/"):
            problems.append(("target.source", "must be zagros:article/<id>"))
        if (
            selector.get("type") != "TextQuoteSelector"
            or not str(selector.get("exact", "")).strip()
        ):
            problems.append(("target.selector", "needs a TextQuoteSelector with an exact quote"))
        parsed = _parse_body(item.get("body"))
        if parsed is None:
            problems.append(
                ("body.source", f"must be zagros:<kind>/<id>, kind one of {', '.join(BODY_KINDS)}")
            )
        if problems:
            issues.extend(DataIssue(label, annotation_id, f, p) for f, p in problems)
            continue
        seen.add(annotation_id)
        kind, ref = parsed  # type: ignore[misc]
        annotations.append(
            Annotation(
                annotation_id=annotation_id,
                article_id=article.split("/", 1)[1],
                exact=str(selector["exact"]),
                prefix=str(selector.get("prefix", "")),
                suffix=str(selector.get("suffix", "")),
                kind=kind,
                ref=ref,
                motivation=str(item.get("motivation", "linking")),
            )
        )
    return annotations, issues


def resolve_annotations(
    annotations: Iterable[Annotation],
    articles: dict[str, Article],
    known: dict[str, set[str]],
    label: str,
) -> tuple[list[ResolvedAnnotation], list[DataIssue]]:
    """Anchor each annotation in its article and check what its body points to.

    Parameters
    ----------
    annotations : iterable of Annotation
        As read.
    articles : dict
        Articles by id.
    known : dict of str to set of str
        For each body kind, the ids the project knows.
    label : str
        How issues name the annotation file.

    Returns
    -------
    tuple
        Resolved annotations (in article order) and an issue for each
        annotation that could not be resolved, naming it.
    """
    resolved: list[ResolvedAnnotation] = []
    issues: list[DataIssue] = []
    for annotation in annotations:
        article = articles.get(annotation.article_id)
        if article is None:
            issues.append(
                DataIssue(
                    label,
                    annotation.annotation_id,
                    "target.source",
                    f"unknown article “{annotation.article_id}”",
                )
            )
            continue
        if annotation.ref not in known.get(annotation.kind, set()):
            issues.append(
                DataIssue(
                    label,
                    annotation.annotation_id,
                    "body.source",
                    f"no {annotation.kind} with id “{annotation.ref[:60]}” in the data",
                )
            )
            continue
        # The rule re-anchoring after an edit follows too: a quote that cannot be
        # placed with confidence is an orphan, never drawn on a lookalike passage.
        placed = place_annotation(article.blocks(), annotation)
        if isinstance(placed, str):
            issues.append(
                DataIssue(
                    label,
                    annotation.annotation_id,
                    "target.selector.exact",
                    f"quote “{annotation.exact[:60]}” is no longer found in "
                    f"{annotation.article_id}: {placed}",
                )
            )
            continue
        block, start, end = placed
        exact_match = article.blocks()[block][start:end] == annotation.exact
        resolved.append(ResolvedAnnotation(annotation, Anchor(block, start, end, exact_match)))
    resolved.sort(key=lambda r: (r.annotation.article_id, r.anchor.block, r.anchor.start))
    return resolved, issues


def load_annotations(
    annotations_dir: Path, articles: dict[str, Article], known: dict[str, set[str]]
) -> tuple[list[ResolvedAnnotation], list[DataIssue]]:
    """Read, anchor and check every annotation file in a folder.

    Parameters
    ----------
    annotations_dir : pathlib.Path
        The ``geodata/annotations`` folder (``*.jsonld`` files).
    articles : dict
        Articles by id.
    known : dict of str to set of str
        Ids per body kind.

    Returns
    -------
    tuple
        Resolved annotations and issues.
    """
    resolved: list[ResolvedAnnotation] = []
    issues: list[DataIssue] = []
    for path in sorted(annotations_dir.glob("*.jsonld")):
        label = f"annotations/{path.name}"
        annotations, found = read_annotations(path, label)
        issues.extend(found)
        ok, found = resolve_annotations(annotations, articles, known, label)
        resolved.extend(ok)
        issues.extend(found)
    return resolved, issues


def index_by_target(
    resolved: Iterable[ResolvedAnnotation],
) -> dict[tuple[str, str], list[ResolvedAnnotation]]:
    """Annotations grouped by what they point to, for map popups and lists."""
    index: dict[tuple[str, str], list[ResolvedAnnotation]] = {}
    for item in resolved:
        index.setdefault(item.annotation.target_key, []).append(item)
    return index


def context_score(block: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the text around ``block[start:end]`` matches a prefix and suffix (0–2).

    Each of prefix and suffix adds its likeness (0–1) to the text just before or
    after the passage; an empty one adds nothing.
    """
    return _context_score(block, start, end, prefix, suffix)


def anchor_approximately(
    blocks: Iterable[str], exact: str, prefix: str = "", suffix: str = ""
) -> Anchor | None:
    """The passage most like a quote that is no longer found word for word.

    Parameters
    ----------
    blocks : iterable of str
        The texts to search (title and paragraphs).
    exact, prefix, suffix : str
        The quote and its context (the context breaks ties).

    Returns
    -------
    Anchor or None
        None when no passage is at least :data:`FUZZY_THRESHOLD` alike.
    """
    return _anchor_approximately(list(blocks), exact, prefix, suffix)


def annotation_from_item(item: dict, annotation_id: str) -> Annotation | None:
    """One stored W3C annotation item as an :class:`Annotation` (None: not a linking quote).

    Parameters
    ----------
    item : dict
        The item as in a collection's ``items`` (a store ``annotation`` record's payload).
    annotation_id : str
        The id to give it (the store's record id, ``<collection>#<item id>``).
    """
    target = item.get("target") if isinstance(item.get("target"), dict) else {}
    selector = target.get("selector") if isinstance(target.get("selector"), dict) else {}
    article = str(target.get("source", ""))
    parsed = _parse_body(item.get("body"))
    if parsed is None or not article.startswith(f"{BODY_PREFIX}article/"):
        return None
    if not str(selector.get("exact", "")).strip():
        return None
    return Annotation(
        annotation_id=annotation_id,
        article_id=article.split("/", 1)[1],
        exact=str(selector["exact"]),
        prefix=str(selector.get("prefix", "")),
        suffix=str(selector.get("suffix", "")),
        kind=parsed[0],
        ref=parsed[1],
        motivation=str(item.get("motivation", "linking")),
    )


def context_at(block: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of ``block[start:end]`` (up to :data:`CONTEXT_CHARS` each)."""
    return block[max(0, start - CONTEXT_CHARS) : start], block[end : end + CONTEXT_CHARS]


def occurrences(blocks: Sequence[str], exact: str) -> list[tuple[int, int]]:
    found = []
    for index, block in enumerate(blocks):
        start = block.find(exact)
        while start >= 0:
            found.append((index, start))
            start = block.find(exact, start + 1)
    return found


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


def place_annotation(blocks: Sequence[str], ann: Annotation) -> tuple[int, int, int] | str:
    """(block, start, end) for the annotation in the new text, or the reason it is an orphan."""
    found = occurrences(blocks, ann.exact)
    if len(found) == 1:
        block, start = found[0]
        return block, start, start + len(ann.exact)
    if len(found) > 1:
        scored = sorted(
            ((_context_score(blocks[b], s, s + len(ann.exact), ann.prefix, ann.suffix), b, s)
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
    anchor = _anchor_approximately(list(blocks), ann.exact, ann.prefix, ann.suffix)
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
        return _likeness(block[s:e], ann.exact) * 2 + _context_score(
            block, s, e, ann.prefix, ann.suffix
        )

    spans = [
        (s, e)
        for s in range(max(0, start - slack), min(len(block), start + slack) + 1)
        for e in range(max(s + 1, end - slack), min(len(block), end + slack) + 1)
    ]
    s, e = max(spans, key=lambda span: fit(*span), default=(start, end))
    # A quote of whole words stays whole words: an edit of its first or last letter
    # must not leave the passage cut mid-word.
    if ann.exact[-1:].isalnum():
        while e < len(block) and e < end + slack and block[e].isalnum():
            e += 1
    if ann.exact[:1].isalnum():
        while s > 0 and s > start - slack and block[s - 1].isalnum():
            s -= 1
    return s, e
