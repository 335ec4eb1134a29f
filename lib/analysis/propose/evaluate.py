"""Measuring the proposer against gold sets (``geodata/gold/``).

A proposal matches a gold entry of the same kind whose span overlaps it. Per text and
kind: true positives (proposals matching a gold entry), false positives (proposals
matching none), false negatives (gold entries no proposal overlaps); precision =
TP / (TP + FP), recall = found gold / all gold (1.0 when there is nothing to count).
Whether the matched proposal names the gold target is reported apart, as target
accuracy.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lib.analysis.propose.core import propose
from lib.analysis.propose.model import PROPOSAL_KINDS, Proposal
from lib.data.annotations import anchor_quote
from lib.data.catalog import Catalog
from lib.data.paths import GEODATA_DIR

GOLD_DIR = GEODATA_DIR / "gold"
#: The targets the issue sets, for places and groups on every gold text.
TARGET_KINDS = ("place", "group")
MIN_RECALL = 0.9
MIN_PRECISION = 0.8
_PLACE_KINDS = {"place", "site", "crossing", "boundary", "town"}


@dataclass(frozen=True)
class GoldEntry:
    """One hand-made (or curated) annotation, anchored in its text."""

    kind: str
    block: int
    start: int
    end: int
    exact: str
    target: str | None
    date: dt.date | None = None


@dataclass(frozen=True)
class GoldText:
    """A text with its gold annotations."""

    text_id: str
    published: dt.date
    blocks: tuple[str, ...]
    gold: tuple[GoldEntry, ...]
    licence: str = ""
    url: str = ""


@dataclass
class Score:
    """Counts of one kind on one text."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    found: int = 0
    gold: int = 0
    target_right: int = 0
    target_checked: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def target_accuracy(self) -> float | None:
        return self.target_right / self.target_checked if self.target_checked else None


class GoldError(ValueError):
    """A gold file that cannot be read or whose quote is not in its text."""


def _anchor(blocks: Sequence[str], entry: dict, label: str) -> tuple[int, int, int]:
    # ``block`` pins a quote whose context repeats (a heading quoted again as a paragraph).
    only = entry.get("block")
    searched = [b if only is None or i == only else "" for i, b in enumerate(blocks)]
    anchor = anchor_quote(
        searched, entry["exact"], entry.get("prefix", ""), entry.get("suffix", "")
    )
    if anchor is None or not anchor.exact_match:
        raise GoldError(f"{label}: quote ‘{entry['exact']}’ is not in the text")
    return anchor.block, anchor.start, anchor.end


def _entry(blocks: Sequence[str], raw: dict, label: str) -> GoldEntry:
    block, start, end = _anchor(blocks, raw, label)
    date = dt.date.fromisoformat(raw["date"]) if raw.get("date") else None
    return GoldEntry(raw["kind"], block, start, end, raw["exact"], raw.get("target"), date)


def _seed_gold(catalog: Catalog, article_id: str, label: str) -> tuple[dict, list[dict]]:
    """The text and curated annotations of an article of ``geodata/``."""
    article = catalog.articles.get(article_id)
    if article is None:
        raise GoldError(f"{label}: article {article_id!r} is not in geodata/articles")
    path = GEODATA_DIR / "annotations" / f"{article_id}.jsonld"
    items = json.loads(path.read_text(encoding="utf-8"))["items"]
    gold = []
    for item in items:
        kind, ref = item["body"]["source"].removeprefix("zagros:").split("/", 1)
        if kind == "claim":
            continue
        selector = item["target"]["selector"]
        gold.append({
            "kind": "place" if kind in _PLACE_KINDS else kind,
            "exact": selector["exact"], "prefix": selector.get("prefix", ""),
            "suffix": selector.get("suffix", ""), "target": f"{kind}:{ref}",
        })  # fmt: skip
    meta = {"id": article.article_id, "published": article.published,
            "blocks": [b.strip() for b in article.blocks()], "licence": article.licence,
            "url": article.url}  # fmt: skip
    return meta, gold


def load_gold(path: Path, catalog: Catalog) -> GoldText:
    """Read one gold file (see ``geodata/gold/README.md``).

    Raises
    ------
    GoldError
        Unreadable file, or a quote not found in the text.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GoldError(f"{path.name}: unreadable ({exc})") from exc
    raw = list(data.get("gold", []))
    if "article" in data:
        meta, curated = _seed_gold(catalog, data["article"], path.name)
        raw = curated + raw
    else:
        published = data["published"]
        meta = {"id": data["id"], "licence": data.get("licence", ""), "url": data.get("url", ""),
                "published": published if isinstance(published, dt.date)
                else dt.date.fromisoformat(str(published)[:10]),
                "blocks": [data["title"], *data["paragraphs"]]}  # fmt: skip
    blocks = [b.strip() for b in meta["blocks"]]
    entries = [_entry(blocks, r, path.name) for r in raw]
    # The curated and the added entries may quote the same mention: count it once.
    unique = list({(e.kind, e.block, e.start, e.end): e for e in entries}.values())
    return GoldText(
        meta["id"], meta["published"], tuple(blocks), tuple(unique), meta["licence"], meta["url"]
    )


def load_gold_dir(catalog: Catalog, gold_dir: Path = GOLD_DIR) -> list[GoldText]:
    """Every gold text of a folder, by file name."""
    return [load_gold(p, catalog) for p in sorted(gold_dir.glob("*.toml"))]


def _overlaps(p: Proposal, g: GoldEntry) -> bool:
    return p.kind == g.kind and p.block == g.block and p.start < g.end and g.start < p.end


def score_text(text: GoldText, proposals: Sequence[Proposal]) -> dict[str, Score]:
    """Counts per kind for one text's proposals."""
    scores = {kind: Score() for kind in PROPOSAL_KINDS}
    for p in proposals:
        s = scores[p.kind]
        matches = [g for g in text.gold if _overlaps(p, g)]
        if not matches:
            s.fp += 1
            s.misses.append(f"FP block {p.block} ‘{p.exact[:60]}’ → {p.target} ({p.why})")
            continue
        s.tp += 1
        s.target_checked += 1
        right = any(
            (g.target == p.target) if g.kind != "date" else (g.date == p.date) for g in matches
        )
        s.target_right += right
        if not right:
            want = matches[0].target if matches[0].kind != "date" else matches[0].date
            s.misses.append(
                f"TARGET block {p.block} ‘{p.exact[:60]}’: {p.target or p.date}, gold {want}"
            )
    for g in text.gold:
        s = scores[g.kind]
        s.gold += 1
        if any(_overlaps(p, g) for p in proposals):
            s.found += 1
        else:
            s.fn += 1
            s.misses.append(f"FN block {g.block} ‘{g.exact[:60]}’ ({g.target or g.date})")
    return scores


def evaluate(catalog: Catalog, texts: Sequence[GoldText]) -> dict[str, dict[str, Score]]:
    """Propose for every gold text and score it: ``{text id: {kind: Score}}``."""
    return {t.text_id: score_text(t, propose(catalog, t.blocks, t.published)) for t in texts}


def failures(results: dict[str, dict[str, Score]]) -> list[str]:
    """Where the targets (recall ≥ 0.9, precision ≥ 0.8 for places and groups) are missed."""
    out = []
    for text_id, kinds in results.items():
        for kind in TARGET_KINDS:
            s = kinds[kind]
            if s.recall < MIN_RECALL:
                out.append(f"{text_id} {kind}: recall {s.recall:.2f} < {MIN_RECALL}")
            if s.precision < MIN_PRECISION:
                out.append(f"{text_id} {kind}: precision {s.precision:.2f} < {MIN_PRECISION}")
    return out
