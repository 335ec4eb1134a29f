"""The draft of a new article under review, as pydantic models that round-trip through JSON.

A draft is what the *Add reporting* page keeps in the store (``Store.save_draft``)
between reruns and crashes: ``Draft.model_dump(mode="json")`` is stored,
``Draft.model_validate(payload)`` reads it back.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from lib.analysis.propose.model import Proposal

DecisionStatus = Literal["pending", "accepted", "rejected"]
EventDatePrecision = Literal["day", "week", "month"]
LocationPrecision = Literal["site", "town", "area", "region"]
ConfidenceLevel = Literal["low", "medium", "high"]


class ArticleMeta(BaseModel):
    """What is known about the article besides its text.

    ``article_id`` may be empty for a new article: saving makes one from outlet,
    date and title (:func:`lib.editorial.save.new_article_id`).
    """

    article_id: str = ""
    title: str
    outlet: str
    published: dt.date
    url: str = ""
    language: str = "en"
    licence: str = ""
    source: str = ""


class Decision(BaseModel):
    """The analyst's decision on one proposal.

    ``target`` is what the annotation will point to: the proposal's own target, or
    the one the analyst relinked it to (``kind:id`` or ``geonames:<id>``).
    """

    proposal: Proposal
    status: DecisionStatus = "pending"
    target: str | None = None

    @property
    def final_target(self) -> str | None:
        """The relinked target if any, else the proposal's."""
        return self.target if self.target is not None else self.proposal.target


class QuoteAnnotation(BaseModel):
    """An annotation the analyst made by quoting a passage (anchored exactly once)."""

    annotation_id: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    target: str


class EventDraft(BaseModel):
    """A new event coded from a passage (ACLED-like: date and location precision).

    ``event_id`` may be empty: saving makes one from date and title. ``sources``
    are sources besides the article itself (saving puts the article first).
    ``off_region`` declares a place outside the map region on purpose.
    """

    event_id: str = ""
    title: str
    date: dt.date
    date_precision: EventDatePrecision = "day"
    category: str
    groups: list[str] = Field(default_factory=list)
    actors: str = ""
    place: str
    lat: float
    lon: float
    precision: LocationPrecision
    confidence: ConfidenceLevel
    coord_basis: str
    sources: list[str] = Field(default_factory=list)
    quote: str
    notes: str = ""
    off_region: bool = False


class Draft(BaseModel):
    """A new article under review: its text, the decisions, quotes and events made on it."""

    draft_id: str | None = None
    meta: ArticleMeta
    paragraphs: list[str]
    intake_notes: list[str] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    quotes: list[QuoteAnnotation] = Field(default_factory=list)
    events: list[EventDraft] = Field(default_factory=list)

    def blocks(self) -> list[str]:
        """The title, then the paragraphs (block 0 is the title, as in articles)."""
        return [self.meta.title, *self.paragraphs]
