"""axe-core (shipped by ``axe-playwright-python``) run in a page or a map frame.

The scan keeps the WCAG 2.1 A and AA rules only (issue 15): what the app must
pass, not axe's best-practice advice. A violation is reported as its rule, its
impact and the elements it found, so a failing test says what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

#: The rule sets of WCAG 2.1 level AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class Violation:
    """One rule axe found broken, and where."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:4]) + (" …" if len(self.targets) > 4 else "")
        return f"{self.rule} ({self.impact}, {len(self.targets)}×): {self.help} — {shown}"


def scan(where: Page | Frame) -> list[Violation]:
    """Run axe-core's WCAG 2.1 AA rules in a page or frame; the violations found.

    Parameters
    ----------
    where : Page or Frame
        The document to scan (a map's iframe is scanned on its own: axe is
        injected into it, so its contents are checked, not just the frame).

    Returns
    -------
    list of Violation
        Empty when the document passes.
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(where, options=options)
    return [
        Violation(
            rule=v["id"],
            impact=v.get("impact") or "",
            help=v.get("help", ""),
            targets=tuple(" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])),
        )
        for v in results.response.get("violations", [])
    ]
