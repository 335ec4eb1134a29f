"""What the proposer proposes: one passage of a new article and what it likely names."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

#: The kinds of proposal, as the gold sets and the evaluation count them.
PROPOSAL_KINDS: tuple[str, ...] = ("place", "group", "date", "event")
ProposalKind = Literal["place", "group", "date", "event"]
DatePrecision = Literal["day", "week", "month", "year"]


class Proposal(BaseModel):
    """One proposed annotation of a passage.

    Attributes
    ----------
    proposal_id : str
        Stable within one text: ``<kind>-<block>-<start>``.
    kind : str
        ``place``, ``group``, ``date`` or ``event``.
    block, start, end : int
        Where the passage is: block 0 is the title, 1… the paragraphs; character
        offsets in that block.
    exact, prefix, suffix : str
        The W3C text-quote selector of the passage (prefix/suffix up to 32 characters).
    target : str or None
        What it names, ``kind:id`` as page links write it (``place:baghdad``,
        ``site:kdpi-koya-hq``, ``crossing:…``, ``boundary:kurdistan-region``,
        ``group:KDPI``, ``event:…``), or ``geonames:<geonameid>`` for a gazetteer
        place not in the curated data; None for a date.
    label : str
        A readable name of the target (or the resolved date).
    why : str
        Why it was proposed, in words an analyst reads.
    score : float
        Confidence, 0–1.
    date, date_precision
        For dates: the resolved date and its precision.
    alternatives : tuple of str
        Other plausible targets (``kind:id``), best first, for relinking.
    """

    model_config = ConfigDict(frozen=True)

    proposal_id: str
    kind: ProposalKind
    block: int
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    target: str | None = None
    label: str = ""
    why: str = ""
    score: float = 0.0
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    alternatives: tuple[str, ...] = ()
