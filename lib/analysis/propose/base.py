"""Pieces every proposal rule shares: the quote selector of a span, and overlaps."""

from __future__ import annotations

from collections.abc import Sequence

from lib.analysis.propose.model import Proposal

#: Characters of context kept on each side of a quote (as the W3C selectors here do).
CONTEXT = 32


def make(kind: str, blocks: Sequence[str], block: int, start: int, end: int, **fields) -> Proposal:
    """A proposal of the span ``blocks[block][start:end]`` with its prefix and suffix."""
    text = blocks[block]
    return Proposal(
        proposal_id=f"{kind}-{block}-{start}",
        kind=kind,  # type: ignore[arg-type]
        block=block,
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        **fields,
    )


def without_overlaps(proposals: list[Proposal]) -> list[Proposal]:
    """Keep, per kind, the longer (then better-scored) of overlapping proposals."""
    kept: list[Proposal] = []
    for p in sorted(proposals, key=lambda p: (-(p.end - p.start), -p.score, p.block, p.start)):
        if not any(
            k.kind == p.kind and k.block == p.block and k.start < p.end and p.start < k.end
            for k in kept
        ):
            kept.append(p)
    return sorted(kept, key=lambda p: (p.block, p.start, p.kind))
