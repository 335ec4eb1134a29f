"""Existing events a passage likely reports: same date window, shared place or group.

A sentence is a candidate passage. An event of the record is proposed for it when a
date proposed in the same sentence (or, with a shared place or group, in the same or
a neighbouring paragraph) falls within :data:`WINDOW_DAYS` of the event's date (a
week-, month- or year-precise mention counts when the event falls in that week, month
or year). Evidence adds up: the date 0.5, a shared place 0.25, a shared group 0.25;
``why`` lists it. The best event per sentence is proposed, the others are alternatives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from lib.analysis.propose.base import make
from lib.analysis.propose.model import Proposal
from lib.analysis.propose.names import _split
from lib.analysis.search import normalize
from lib.data.catalog import Catalog

WINDOW_DAYS = 3
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")


def _events(catalog: Catalog) -> list[dict]:
    def compute() -> list[dict]:
        rows = []
        for r in catalog.curated.events.to_dict("records"):
            try:
                day = dt.date.fromisoformat(str(r["date"])[:10])
            except ValueError:
                continue
            places = {normalize(p) for p in _split(r.get("place"))}
            groups = {f"group:{g}" for g in _split(r.get("groups"))}
            rows.append({"id": r["event_id"], "title": r["title"], "date": day,
                         "places": places, "groups": groups})  # fmt: skip
        return rows

    return catalog.derived("propose_events", compute)


def _in_window(mention: Proposal, day: dt.date) -> bool:
    value, precision = mention.date, mention.date_precision
    if value is None:
        return False
    if precision == "year":
        return value.year == day.year
    if precision == "month":
        return (value.year, value.month) == (day.year, day.month)
    if precision == "week":
        return (
            value - dt.timedelta(days=WINDOW_DAYS)
            <= day
            <= value + dt.timedelta(days=6 + WINDOW_DAYS)
        )
    return abs((value - day).days) <= WINDOW_DAYS


def find_events(
    catalog: Catalog, blocks: Sequence[str], mentions: Sequence[Proposal]
) -> list[Proposal]:
    """Events of the record the sentences likely report.

    Parameters
    ----------
    catalog : Catalog
        Its events are the candidates.
    blocks : sequence of str
        Title, then paragraphs.
    mentions : sequence of Proposal
        The places, groups and dates already proposed for the text.

    Returns
    -------
    list of Proposal
        Kind ``event``, one per sentence at most, the sentence as the passage.
    """
    events = _events(catalog)
    if not events:
        return []
    out = []
    for b, block in enumerate(blocks):
        for m in _SENTENCE.finditer(block):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            end = m.end()
            if end - start < 3:
                continue
            inside = [p for p in mentions if p.block == b and start <= p.start < end]
            near = [p for p in mentions if abs(p.block - b) <= 1]
            names = {normalize(p.exact) for p in inside if p.kind == "place"}
            names |= {normalize(p.label) for p in inside if p.kind == "place"}
            groups = {p.target for p in inside if p.kind == "group"}
            own_dates = [p for p in inside if p.kind == "date"]
            if len(m.group().split()) < 5 or (
                own_dates and all(p.start == start and p.end >= end - 1 for p in own_dates)
            ):
                continue  # a bare dateline is not a report of an event
            scored = []
            for e in events:
                dates_here = [p for p in inside if p.kind == "date" and _in_window(p, e["date"])]
                # A sentence with its own date reports that date's events; a neighbour's
                # date counts only when precise (a day or a week).
                dates_near = [
                    p for p in near if p.kind == "date" and p.date_precision in ("day", "week")
                    and _in_window(p, e["date"])
                ] if not own_dates else []  # fmt: skip
                place = sorted(n for n in names if any(n in q or q in n for q in e["places"]))
                group = sorted(g.split(":", 1)[1] for g in groups & e["groups"])
                if not dates_here and not (dates_near and (place or group)):
                    continue
                date = (dates_here or dates_near)[0]
                score = 0.5 + (0.25 if place else 0) + (0.25 if group else 0)
                why = [
                    f"date ‘{date.exact}’ within {WINDOW_DAYS} days of the event ({e['date']:%-d %b %Y})"
                ]
                if place:
                    why.append(f"place {', '.join(place)}")
                if group:
                    why.append(f"group {', '.join(group)}")
                scored.append((score, abs((date.date - e["date"]).days), e, "; ".join(why)))
            if not scored:
                continue
            scored.sort(key=lambda s: (-s[0], s[1], s[2]["id"]))
            score, _, best, why = scored[0]
            out.append(
                make(
                    "event", blocks, b, start, end, target=f"event:{best['id']}",
                    label=best["title"], why=why, score=score,
                    alternatives=tuple(f"event:{s[2]['id']}" for s in scored[1:4]),
                )
            )  # fmt: skip
    return out
