"""The article's checkable figures and dates, checked against the data.

Each claim in ``claims.csv`` names a kind of check: ``border_length`` (the
figure against the lengths measured from every border line the project holds
and the published figures), ``event_date`` (the date against the timeline) and
``camp_count`` (camps on the map against the official counts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lib.boundaries import LEVELS_OF_DETAIL
from lib.catalog import Catalog
from lib.curated import camps_after_relocation
from lib.geodesy import format_km


@dataclass(frozen=True)
class ClaimCheck:
    """The outcome of checking one claim.

    Attributes
    ----------
    claim_id, statement : str
        The claim.
    verdict : str
        One of ``matches``, ``within range``, ``differs``, ``partly shown``,
        ``cannot check``.
    summary : str
        One sentence saying what the data shows.
    evidence : list of (label, value, source)
        The figures behind the verdict.
    """

    claim_id: str
    statement: str
    verdict: str
    summary: str
    evidence: list[tuple[str, str, str]] = field(default_factory=list)


def _border_length(catalog: Catalog, claim: dict) -> ClaimCheck:
    claimed = float(claim["claimed_value"])
    evidence: list[tuple[str, str, str]] = []
    measured: list[float] = []
    for lod in LEVELS_OF_DETAIL:
        border = catalog.boundaries.get("border", lod)
        if border.empty:
            continue
        km = catalog.border_km(lod)
        vertices = sum(len(g.coords) for g in border.geometry)
        measured.append(km)
        evidence.append(
            (
                f"Measured: OSM line, {lod} ({vertices:,} vertices)",
                format_km(km),
                str(border["source"].iloc[0]),
            )
        )
    published = catalog.curated.published_border_lengths
    # The article's own figure is the claim, not evidence for it.
    article = catalog.articles.get(claim["article_id"])
    outlet = article.outlet if article else "\0"
    others = published[~published["by"].str.contains(outlet, regex=False, na=False)]
    for row in others.to_dict("records"):
        evidence.append((f"Published: {row['by']}", format_km(row["figure_km"]), row["sources"]))
    figures = [*measured, *others["figure_km"].astype(float)]
    if not figures:
        return ClaimCheck(
            claim["claim_id"], claim["statement"], "cannot check", "No border data loaded."
        )
    low, high = min(figures), max(figures)
    verdict = "within range" if low <= claimed <= high else "differs"
    parts = []
    if len(others):
        parts.append(
            f"other published figures give {format_km(others['figure_km'].min())}–"
            f"{format_km(others['figure_km'].max())}"
        )
    if measured:
        parts.append(
            f"the OpenStreetMap line measures {format_km(min(measured))} simplified and "
            f"{format_km(max(measured))} in detail"
        )
    summary = (
        f"{format_km(claimed)} is {'within' if verdict == 'within range' else 'outside'} the range: "
        + "; ".join(parts)
        + ". The more detailed the line, the longer it measures."
    )
    return ClaimCheck(claim["claim_id"], claim["statement"], verdict, summary, evidence)


def _event_date(catalog: Catalog, claim: dict) -> ClaimCheck:
    events = catalog.curated.events
    rows = events[events["event_id"] == claim["subject"]]
    if rows.empty:
        return ClaimCheck(
            claim["claim_id"],
            claim["statement"],
            "cannot check",
            "The event is not in the timeline.",
        )
    event = rows.iloc[0]
    claimed = dt.date.fromisoformat(str(claim["claimed_value"]))
    verdict = "matches" if event["date"] == claimed else "differs"
    summary = f"The timeline dates “{event['title']}” to {event['date']:%d %B %Y}" + (
        " — the same day." if verdict == "matches" else f", not {claimed:%d %B %Y}."
    )
    evidence = [("Timeline", f"{event['date']:%d %B %Y}", str(event["sources"]))]
    return ClaimCheck(claim["claim_id"], claim["statement"], verdict, summary, evidence)


def _camp_count(catalog: Catalog, claim: dict) -> ClaimCheck:
    sites = catalog.curated.sites
    camps = camps_after_relocation(sites)
    evidence = [
        (
            f"On the map: {row['name']}",
            f"{row['group']}, {row['confidence']} confidence",
            row["sources"],
        )
        for row in camps.to_dict("records")
    ]
    counts = catalog.curated.camp_counts
    for row in counts.to_dict("records"):
        evidence.append(
            (f"Official ({row['date']:%d %b %Y}): {row['by']}", row["claim"], row["sources"])
        )
    summary = (
        f"The map shows {len(camps)} camps in use after the agreement; officials spoke of "
        + " and ".join(f"“{c}”" for c in counts["claim"].str.split(";").str[-1].str.strip())
        + ". No full list of the camps is public, so the map cannot show them all."
    )
    return ClaimCheck(claim["claim_id"], claim["statement"], "partly shown", summary, evidence)


_CHECKS = {"border_length": _border_length, "event_date": _event_date, "camp_count": _camp_count}


def check_claims(catalog: Catalog, article_id: str | None = None) -> list[ClaimCheck]:
    """Check every claim (of one article, if given) against the data.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    article_id : str, optional
        Only this article's claims.

    Returns
    -------
    list of ClaimCheck
        In the order of ``claims.csv``.
    """
    claims = catalog.curated.claims
    if article_id is not None:
        claims = claims[claims["article_id"] == article_id]
    results = []
    for claim in claims.to_dict("records"):
        try:
            results.append(_CHECKS[claim["kind"]](catalog, claim))
        except (ValueError, TypeError) as exc:
            results.append(
                ClaimCheck(
                    claim["claim_id"], claim["statement"], "cannot check", f"Bad claim data: {exc}"
                )
            )
    return results
