"""Measure the offline proposer against the gold sets.

Usage: ``python -m lib.tools.propose_eval [--gold DIR] [--verbose]``. Prints per text
and kind precision, recall, TP/FP/FN and target accuracy (``--verbose``: every miss).
Exits 1 when recall < 0.9 or precision < 0.8 for places or groups on any text. Also
times the proposer on a 5,000-word article made of the gold texts (budget 2 s, after
the first call builds its indexes): a benchmark line, PASS or FAIL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from lib.analysis.propose import propose
from lib.analysis.propose.evaluate import (
    GOLD_DIR,
    GoldText,
    evaluate,
    failures,
    load_gold_dir,
)
from lib.data.catalog import Catalog, load_catalog


def report(results: dict, verbose: bool = False) -> str:
    """The results as a table (and the misses when verbose)."""
    lines = [
        f"{'text':28} {'kind':6} {'P':>5} {'R':>5} {'TP':>3} {'FP':>3} {'FN':>3} {'target':>6}"
    ]
    for text_id, kinds in results.items():
        for kind, s in kinds.items():
            acc = "—" if s.target_accuracy is None else f"{s.target_accuracy:.2f}"
            lines.append(
                f"{text_id:28} {kind:6} {s.precision:5.2f} {s.recall:5.2f} "
                f"{s.tp:3d} {s.fp:3d} {s.fn:3d} {acc:>6}"
            )
            if verbose:
                lines += [f"    {m}" for m in s.misses]
    return "\n".join(lines)


#: A long article (words) and how fast it must be proposed on, after the first call.
SPEED_WORDS = 5_000
SPEED_BUDGET_S = 2.0


def speed_line(catalog: Catalog, texts: list[GoldText]) -> str:
    """Time the proposer on a 5,000-word text made of the gold texts; PASS/FAIL vs budget."""
    paragraphs = [p for text in texts for p in text.blocks[1:]] or ["Koya"]
    blocks, words = ["A long article"], 0
    while words < SPEED_WORDS:
        paragraph = paragraphs[len(blocks) % len(paragraphs)]
        blocks.append(paragraph)
        words += len(paragraph.split())
    propose(catalog, blocks[:2], texts[0].published if texts else dt.date(2025, 8, 16))
    started = time.perf_counter()
    found = propose(catalog, blocks, texts[0].published if texts else dt.date(2025, 8, 16))
    took = time.perf_counter() - started
    verdict = "PASS" if took <= SPEED_BUDGET_S else "FAIL"
    return (
        f"speed: {words:,} words, {len(found)} proposals in {took:.2f} s "
        f"(budget {SPEED_BUDGET_S:.0f} s) {verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; 0 when every target is met, 1 otherwise."""
    parser = argparse.ArgumentParser(prog="python -m lib.tools.propose_eval", description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold TOML files")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    results = evaluate(catalog, load_gold_dir(catalog, args.gold))
    print(report(results, args.verbose))
    print(speed_line(catalog, load_gold_dir(catalog, args.gold)))
    missed = failures(results)
    for line in missed:
        print(f"MISSED: {line}")
    print("targets met" if not missed else f"{len(missed)} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
