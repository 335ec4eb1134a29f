"""The article's checkable figures and dates, checked against the data.

Each claim in ``claims.csv`` names a kind of check: ``border_length`` (the
figure against the length of every border line the border analysis measures —
:func:`lib.analysis.border.measured_for`, measured once per catalog — and every
row of ``published_border_lengths.csv``, saying why they differ), ``event_date`` (the date against the timeline) and
``camp_count`` (camps on the map against the official counts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from lib.analysis.border import measured_for
from lib.data.catalog import Catalog
from lib.data.paths import RAW_DIR
from lib.data.rows import camps_after_relocation, published_when
from lib.geo.geodesy import format_km


class Evidence(NamedTuple):
    """One figure behind a verdict.

    Attributes
    ----------
    what : str
        What the figure is (a measured line, a published source...).
    figure : str
        The figure as shown.
    source : str
        Where it comes from.
    note : str
        Why it is what it is (the detail of a line, the wording of a source).
    ref : str
        What it was read from: ``line:<key>`` (a :class:`~lib.analysis.border.lines.LineSource`),
        ``published:<figure_id>`` (a row of ``published_border_lengths.csv``), or empty.
    """

    what: str
    figure: str
    source: str
    note: str = ""
    ref: str = ""


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
        What the data shows, in a sentence or two.
    evidence : list of Evidence
        The figures behind the verdict.
    why : str
        Why the figures differ, where they do (empty otherwise).
    """

    claim_id: str
    statement: str
    verdict: str
    summary: str
    evidence: list[Evidence] = field(default_factory=list)
    why: str = ""


_COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _count(n: int) -> str:
    return _COUNT_WORDS[n] if n < len(_COUNT_WORDS) else f"{n:,}"


def _range_km(values: pd.Series) -> str:
    low, high = float(values.min()), float(values.max())
    if format_km(low) == format_km(high):
        return format_km(low)
    return f"{format_km(low)[:-3]}–{format_km(high)}"


def _family(source: str) -> str:
    """The dataset a line comes from: the source's name before its licence."""
    return source.split(" (")[0].strip().removesuffix(" contributors")


def _line_note(row: dict) -> str:
    vertices = row["vertices"]
    spacing = row["km"] / (vertices - 1) if pd.notna(vertices) and vertices > 1 else None
    return f"{int(vertices):,} vertices, {row['detail']}" + (
        f"; a vertex every {spacing:,.2f} km on average" if spacing else ""
    )


def _published_what(row: dict) -> str:
    return f"{row['by']}, {published_when(row['date'])}"


def _why_lines(measured: pd.DataFrame) -> str:
    """Why the measured lines differ, from their vertex counts and sources."""
    if len(measured) < 2:
        return ""
    parts = []
    families = measured.assign(family=measured["source"].map(_family))
    for family, rows in families.groupby("family", sort=False):
        if len(rows) < 2:
            continue
        rows = rows.sort_values("vertices", ascending=False)
        steps = ", ".join(
            f"{format_km(r['km'])} with {int(r['vertices']):,} vertices ({r['detail']})"
            for r in rows.to_dict("records")
        )
        if rows["detail"].nunique() == 1:
            gap = float(rows["km"].max() - rows["km"].min())
            trend = f" — the same scale, drawn twice, {gap:,.0f} km apart"
        elif rows["km"].is_monotonic_decreasing:
            trend = " — fewer vertices, shorter line"
        else:
            trend = ""
        parts.append(f"the {family} line measures {steps}{trend}")
    others = families[families["family"].map(families["family"].value_counts()) == 1]
    if len(others):
        parts.append(
            "lines drawn by other sources also differ in where they run: "
            + "; ".join(
                f"{r['figure']} {format_km(r['km'])} ({int(r['vertices']):,} vertices, {r['detail']})"
                for r in others.to_dict("records")
            )
        )
    return (
        "A line measures longer the more of the border's bends it keeps (the coastline "
        "effect): " + "; ".join(parts) + "."
    )


def _why_published(others: pd.DataFrame) -> str:
    if others.empty:
        return ""
    undated = int((others["date"].fillna("") == "").sum())
    rounded = others[others["wording"].fillna("").str.contains("about", case=False)]
    text = (
        f"None of the {_count(len(others))} other published figures says which line or scale "
        "it measures, so none can be tied to one of the lines above"
    )
    if len(rounded):
        text += "; rounded (“about”): " + ", ".join(rounded["by"])
    if undated:
        text += f"; {_count(undated)} of them give{'s' if undated == 1 else ''} no date"
    return text + ". Each figure's note says what is known of it."


def check_border_length(
    claim: Mapping,
    measured: pd.DataFrame,
    published: pd.DataFrame,
    outlet: str | None = None,
    problems: Sequence[str] = (),
) -> ClaimCheck:
    """Check a border length against every measured line and every published figure.

    Parameters
    ----------
    claim : mapping
        A row of ``claims.csv`` (``claim_id``, ``statement``, ``claimed_value`` in km).
    measured : pandas.DataFrame
        The measured rows of :func:`lib.analysis.border.lines.length_table` (``figure``, ``km``,
        ``vertices``, ``detail``, ``source``, ``ref``): one per line the project holds.
    published : pandas.DataFrame
        ``published_border_lengths`` as loaded.
    outlet : str, optional
        The claiming article's outlet: its own figure is shown, not counted as evidence.
    problems : sequence of str
        Lines that could not be measured (shown as evidence, named in the summary).

    Returns
    -------
    ClaimCheck
        ``within range`` when the figure lies within the published figures or the
        measured lengths, ``differs`` when outside both, ``cannot check`` with neither.
    """
    claimed = float(claim["claimed_value"])
    measured = measured.sort_values("km", ascending=False)
    own_mask = (
        published["by"].str.contains(outlet, regex=False, na=False)
        if outlet
        else pd.Series(False, index=published.index)
    )
    own, others = published[own_mask], published[~own_mask].sort_values("figure_km")
    evidence = [
        Evidence(
            f"Measured: {r['figure']}", format_km(r["km"]), r["source"], _line_note(r), r["ref"]
        )
        for r in measured.to_dict("records")
    ]
    evidence += [
        Evidence(f"Not measured: {p}", "—", "", "the file could not be read") for p in problems
    ]
    for r in own.to_dict("records"):
        evidence.append(
            Evidence(
                f"The claim: {_published_what(r)}",
                format_km(r["figure_km"]),
                r["sources"],
                "the figure checked, not counted as evidence"
                + (f"; “{r['wording']}”" if r["wording"] else ""),
                f"published:{r['figure_id']}",
            )
        )
    for r in others.to_dict("records"):
        quoted = f"“{r['wording']}”. " if r["wording"] else ""
        evidence.append(
            Evidence(
                f"Published: {_published_what(r)}",
                format_km(r["figure_km"]),
                r["sources"],
                f"{quoted}{r['note'] or ''} Confidence: {r['confidence']}.".strip(),
                f"published:{r['figure_id']}",
            )
        )
    if measured.empty and others.empty:
        return ClaimCheck(
            claim["claim_id"],
            claim["statement"],
            "cannot check",
            "No border line could be measured and no other published figure is loaded.",
            evidence,
        )

    def place(values: pd.Series) -> bool:
        return float(values.min()) <= claimed <= float(values.max())

    clauses = []
    inside = []
    if not others.empty:
        inside.append(place(others["figure_km"]))
        clauses.append(
            f"{'within' if inside[-1] else 'outside'} the range of published figures "
            f"({_range_km(others['figure_km'])}, {_count(len(others))} other "
            f"source{'s' if len(others) != 1 else ''})"
        )
    if not measured.empty:
        inside.append(place(measured["km"]))
        clauses.append(
            f"{'within' if inside[-1] else 'outside'} that of the lines the project measures "
            f"({_range_km(measured['km'])} depending on detail, {_count(len(measured))} "
            f"line{'s' if len(measured) != 1 else ''})"
        )
    verdict = "within range" if any(inside) else "differs"
    summary = f"{format_km(claimed)} is " + " and ".join(clauses) + "."
    same = others[(others["figure_km"].astype(float) - claimed).abs() < 0.5]
    givers = [f"the article itself ({_published_what(r)})" for r in own.to_dict("records")]
    givers += [_published_what(r) for r in same.to_dict("records")]
    if len(givers) > 1:
        summary += (
            f" {_count(len(givers)).capitalize()} independent sources give {format_km(claimed)}: "
            + "; ".join(givers)
            + "."
        )
    elif not others.empty:
        nearest = others.iloc[(others["figure_km"].astype(float) - claimed).abs().argmin()]
        summary += (
            f" No other source gives {format_km(claimed)}; the nearest is "
            f"{_published_what(nearest)} with {format_km(nearest['figure_km'])}."
        )
    if problems:
        summary += (
            f" {_count(len(problems)).capitalize()} line{' ' if len(problems) == 1 else 's '}"
            "the project holds could not be measured."
        )
    why = " ".join(t for t in (_why_lines(measured), _why_published(others)) if t)
    return ClaimCheck(claim["claim_id"], claim["statement"], verdict, summary, evidence, why)


def _border_length(catalog: Catalog, claim: dict, raw_dir: Path) -> ClaimCheck:
    # The border page's own measurement of every line, made once per catalog.
    analysis = measured_for(catalog, raw_dir)
    if analysis is None:
        measured = pd.DataFrame(columns=["figure", "km", "vertices", "detail", "source", "ref"])
        problems = ["the border layer did not load"]
    else:
        measured = analysis.lengths[analysis.lengths["kind"] == "measured"]
        problems = analysis.problems
    article = catalog.articles.get(claim["article_id"])
    return check_border_length(
        claim,
        measured,
        catalog.curated.published_border_lengths,
        article.outlet if article else None,
        problems,
    )


def _event_date(catalog: Catalog, claim: dict, _raw_dir: Path) -> ClaimCheck:
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
    evidence = [Evidence("Timeline", f"{event['date']:%d %B %Y}", str(event["sources"]))]
    return ClaimCheck(claim["claim_id"], claim["statement"], verdict, summary, evidence)


def _camp_count(catalog: Catalog, claim: dict, _raw_dir: Path) -> ClaimCheck:
    sites = catalog.curated.sites
    camps = camps_after_relocation(sites)
    evidence = [
        Evidence(
            f"On the map: {row['name']}",
            f"{row['group']}, {row['confidence']} confidence",
            row["sources"],
        )
        for row in camps.to_dict("records")
    ]
    counts = catalog.curated.camp_counts
    for row in counts.to_dict("records"):
        evidence.append(
            Evidence(
                f"Official ({row['date']:%d %b %Y}): {row['by']}", row["claim"], row["sources"]
            )
        )
    summary = (
        f"The map shows {len(camps)} camps in use after the agreement; officials spoke of "
        + " and ".join(f"“{c}”" for c in counts["claim"].str.split(";").str[-1].str.strip())
        + ". No full list of the camps is public, so the map cannot show them all."
    )
    return ClaimCheck(claim["claim_id"], claim["statement"], "partly shown", summary, evidence)


_CHECKS = {"border_length": _border_length, "event_date": _event_date, "camp_count": _camp_count}


def check_claims(
    catalog: Catalog,
    article_id: str | None = None,
    raw_dir: Path = RAW_DIR,
    kind: str | None = None,
) -> list[ClaimCheck]:
    """Check every claim (of one article, if given) against the data.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    article_id : str, optional
        Only this article's claims.
    raw_dir : pathlib.Path
        ``geodata/raw`` of the same data (the border lines measured for ``border_length``).
    kind : str, optional
        Only claims of this kind (``border_length``...).

    Returns
    -------
    list of ClaimCheck
        In the order of ``claims.csv``.
    """
    claims = catalog.curated.claims
    if article_id is not None:
        claims = claims[claims["article_id"] == article_id]
    if kind is not None:
        claims = claims[claims["kind"] == kind]
    results = []
    for claim in claims.to_dict("records"):
        try:
            results.append(_CHECKS[claim["kind"]](catalog, claim, raw_dir))
        except (ValueError, TypeError) as exc:
            results.append(
                ClaimCheck(
                    claim["claim_id"], claim["statement"], "cannot check", f"Bad claim data: {exc}"
                )
            )
    return results
