"""Measure the offline proposer against the gold sets.

Usage: ``python -m lib.tools.propose_eval [--gold DIR] [--verbose]``. Prints per text
and kind precision, recall, TP/FP/FN and target accuracy (``--verbose``: every miss).
Exits 1 when recall < 0.9 or precision < 0.8 for places or groups on any text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib.analysis.propose.evaluate import GOLD_DIR, evaluate, failures, load_gold_dir
from lib.data.catalog import load_catalog


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


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; 0 when every target is met, 1 otherwise."""
    parser = argparse.ArgumentParser(prog="python -m lib.tools.propose_eval", description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold TOML files")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    results = evaluate(catalog, load_gold_dir(catalog, args.gold))
    print(report(results, args.verbose))
    missed = failures(results)
    for line in missed:
        print(f"MISSED: {line}")
    print("targets met" if not missed else f"{len(missed)} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
