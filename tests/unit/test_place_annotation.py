"""After an edit, an annotation is placed with confidence or reported as an orphan.

``lib.data.annotations.place_annotation`` as ``resolve_annotations`` (the catalog) uses it:
never re-attached to a lookalike passage whose context differs.
"""

from __future__ import annotations

import datetime as dt

from lib.data.annotations import Annotation, context_at, resolve_annotations
from lib.data.articles import Article

ORIGINAL = (
    "On Monday morning the guards shelled the village of Zargali near the border, "
    "officials in Erbil said on Tuesday."
)
QUOTE = "shelled the village of Zargali"
KNOWN = {"place": {"p-zargali"}}


def annotation() -> Annotation:
    """The quote with the context it had in :data:`ORIGINAL`."""
    start = ORIGINAL.index(QUOTE)
    prefix, suffix = context_at(ORIGINAL, start, start + len(QUOTE))
    return Annotation("ann-1", "a-one", QUOTE, prefix, suffix, "place", "p-zargali")


def resolve(*paragraphs: str):
    article = Article(
        "a-one", "Outlet", dt.date(2025, 8, 16), "A title", "en", "", "", "CC0", paragraphs
    )
    return resolve_annotations([annotation()], {"a-one": article}, KNOWN, "annotations/test")


def test_the_unedited_text_resolves_exactly() -> None:
    [item], issues = resolve(ORIGINAL)
    assert issues == []
    assert (item.anchor.block, item.anchor.start) == (1, ORIGINAL.index(QUOTE))
    assert item.anchor.exact_match


def test_a_lookalike_in_another_context_is_not_resolved_and_the_issue_says_why() -> None:
    rewritten = (
        "A statement from Tehran, read out late in the evening, denied that anyone "
        "shelled the villages of Zargal at all; reporters were told nothing more."
    )
    resolved, [issue] = resolve(rewritten)
    assert resolved == []
    assert (issue.file, issue.item, issue.field) == (
        "annotations/test",
        "ann-1",
        "target.selector.exact",
    )
    assert "context differs" in issue.problem
    assert "not re-attached" in issue.problem
    assert QUOTE in issue.problem and "a-one" in issue.problem


def test_a_quote_rewritten_away_is_not_resolved_and_the_issue_says_why() -> None:
    resolved, [issue] = resolve("Nothing of the sort happened; the talks went on in Baghdad.")
    assert resolved == []
    assert "no longer in the text" in issue.problem


def test_a_quote_now_repeated_without_a_telling_context_is_not_resolved() -> None:
    twice = f"Reports: {QUOTE}. Denials: {QUOTE}."
    resolved, [issue] = resolve(twice)
    assert resolved == []
    assert "appears 2 times" in issue.problem


def test_a_small_edit_inside_the_quote_with_the_same_context_still_resolves() -> None:
    edited = ORIGINAL.replace("village", "vilage")
    [item], issues = resolve(edited)
    assert issues == []
    assert not item.anchor.exact_match
    passage = edited[item.anchor.start : item.anchor.end]
    assert passage == "shelled the vilage of Zargali"


def test_an_edit_that_moves_the_sentence_to_another_paragraph_still_resolves() -> None:
    [item], issues = resolve("A new opening paragraph.", ORIGINAL)
    assert issues == []
    assert item.anchor.block == 2 and item.anchor.exact_match


def test_an_edit_of_the_last_letter_keeps_the_whole_word() -> None:
    edited = ORIGINAL.replace("Zargali", "Zargaly")
    [item], issues = resolve(edited)
    assert issues == []
    assert edited[item.anchor.start : item.anchor.end] == "shelled the village of Zargaly"
