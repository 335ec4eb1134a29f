"""Places and groups named in a text: exact names and aliases, then typo-tolerant ones.

Rules:

- the longest run of words equal to a known name (folded: no case, accents or
  punctuation) wins; its best-ranked target is proposed, the others are alternatives;
- a name the data spells with a capital must be capitalised in the text too ("may" is
  not a town, "Pak" is not PAK: an all-capitals acronym must be in capitals);
- countries are not places (see :data:`lib.analysis.propose.names.COUNTRIES`);
- "Name (ACRONYM)" naming one target is one proposal;
- a run of capitalised words that matches no name is compared with the places' names
  by ``rapidfuzz.fuzz.ratio``; at least :data:`FUZZY_CUTOFF` alike, it is proposed
  with a lower score and says how alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from lib.analysis.propose.base import make
from lib.analysis.propose.model import Proposal
from lib.analysis.propose.names import _COMMON, COUNTRIES, Entry, NameIndex, Word, runs, words

FUZZY_CUTOFF = 86.0
_SENTENCE_END = re.compile(r"[.!?;:]\s*$")


def _case_ok(entry: Entry, tokens: list[Word], i: int, j: int) -> bool:
    first = entry.name.strip()[:1]
    text = tokens[i].text
    if first.isascii() and first.isalpha() and first.isupper() and not text[:1].isupper():
        return False
    letters = re.sub(r"\W", "", entry.name)
    if 2 <= len(letters) <= 5 and letters.isupper() and letters.isascii():
        return "".join(t.text for t in tokens[i:j]).isupper()
    return True


def _why(entry: Entry, how: str) -> str:
    kind = {"name": "name", "alias": "alias", "alternate name": "alternate name"}[entry.role]
    return f"{kind} ‘{entry.name}’ of {entry.label}, {how}"


def _crosses_sentence(block: str, tokens: list[Word], i: int, j: int) -> bool:
    return any(
        _SENTENCE_END.search(block[tokens[k].end : tokens[k + 1].start]) for k in range(i, j - 1)
    )


def find_names(
    index: NameIndex, blocks: Sequence[str], kinds: tuple[str, ...] = ("place", "group")
) -> list[Proposal]:
    """Exact (folded) and typo-tolerant mentions of known places and groups.

    Parameters
    ----------
    index : NameIndex
        From :func:`lib.analysis.propose.names.names_of`.
    blocks : sequence of str
        Title, then paragraphs.
    kinds : tuple of str
        Which kinds to propose.

    Returns
    -------
    list of Proposal
        In text order; mentions of different kinds never overlap (the longer wins).
    """
    found: list[Proposal] = []
    fuzzy_spans: list[tuple[int, int, int, str]] = []
    for b, block in enumerate(blocks):
        tokens = words(block)
        i = 0
        while i < len(tokens):
            hit = None
            for j, folded in runs(tokens, i):
                entries = [e for e in index.names.get(folded, []) if e.kind in kinds]
                entries = [e for e in entries if _case_ok(e, tokens, i, j)]
                if entries and not _crosses_sentence(block, tokens, i, j):
                    hit = (j, entries)
                    break
            if hit is None:
                i += 1
                continue
            j, entries = hit
            best = entries[0]
            start, end = tokens[i].start, tokens[j - 1].end
            # "Kurdistan Democratic Party of Iran (KDPI)": one mention, not two.
            acronym = re.match(r"\s*\(([^()]{2,12})\)", block[end:])
            if acronym and any(
                e.target == best.target for e in index.names.get(acronym.group(1).casefold(), [])
            ):
                end += acronym.end()
                while j < len(tokens) and tokens[j].start < end:
                    j += 1
            exact = "exact" if block[start:end].casefold() == best.name.casefold() else "folded"
            found.append(
                make(
                    best.kind, blocks, b, start, end,
                    target=best.target, label=best.label, why=_why(best, exact),
                    score=1.0 if best.rank >= 3 else 0.8,
                    alternatives=tuple(e.target for e in entries[1:4]),
                )
            )  # fmt: skip
            i = j
        if "place" in kinds:
            fuzzy_spans += _capitalised_runs(b, block, tokens, found)
    if fuzzy_spans and index.fuzzy_names:
        found += _fuzzy(index, blocks, fuzzy_spans)
    return found


def _capitalised_runs(
    b: int, block: str, tokens: list[Word], found: list[Proposal]
) -> list[tuple[int, int, int, str]]:
    """Runs of 1–3 capitalised words not already proposed: candidates for typo matching."""
    taken = [(p.start, p.end) for p in found if p.block == b]
    out = []
    i = 0
    while i < len(tokens):
        if not tokens[i].text[:1].isupper() or tokens[i].folded in _COMMON:
            i += 1
            continue
        j = i + 1
        while (
            j < len(tokens) and j - i < 3 and tokens[j].text[:1].isupper()
            and not _crosses_sentence(block, tokens, j - 1, j + 1)
        ):  # fmt: skip
            j += 1
        start, end = tokens[i].start, tokens[j - 1].end
        folded = " ".join(t.folded for t in tokens[i:j])
        free = not any(s < end and start < e for s, e in taken)
        if free and len(folded) >= 5 and folded not in COUNTRIES and not tokens[i].text.isupper():
            out.append((b, start, end, folded))
        i = j
    return out


def _fuzzy(
    index: NameIndex, blocks: Sequence[str], spans: list[tuple[int, int, int, str]]
) -> list[Proposal]:
    queries = [s[3] for s in spans]
    scores = process.cdist(queries, index.fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    out = []
    for (b, start, end, folded), row in zip(spans, scores, strict=True):
        if row.max() <= 0:
            continue
        best = int(row.argmax())
        name = index.fuzzy_names[best]
        if name == folded:
            continue
        entries = index.names[name]
        entry = entries[0]
        likeness = float(row[best])
        why = f"‘{blocks[b][start:end]}’ ~ ‘{entry.name}’ ({entry.role} of {entry.label}), {likeness:.0f}%"
        out.append(
            make(
                "place", blocks, b, start, end, target=entry.target, label=entry.label, why=why,
                score=round(0.6 * likeness / 100 + (0.2 if entry.rank >= 3 else 0.0), 3),
                alternatives=tuple(e.target for e in entries[1:4]),
            )
        )  # fmt: skip
    return out
