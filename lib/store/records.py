"""A record and a revision as the store hands them out (plain frozen dataclasses)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

#: What a revision did to its record.
ACTIONS = ("create", "update", "retire", "restore")


@dataclass(frozen=True)
class Record:
    """The current state of one record.

    Attributes
    ----------
    kind, record_id : str
        What it is (``event``, ``site``, ``article``…) and its id; ``kind:record_id``
        names it in links and on the command line.
    version : int
        1 when created, +1 at every change: an update names the version it was based on.
    retired : bool
        Retired records stay in the store (and its history) but leave the files.
    revision : int
        The revision that made this version.
    payload : dict
        The row or document as in its file (CSV cells as strings).
    parent : str or None
        The annotation collection an annotation belongs to.
    ord : int
        Its position in its file.
    """

    kind: str
    record_id: str
    version: int
    retired: bool
    revision: int
    payload: dict[str, Any]
    parent: str | None = None
    ord: int = 0

    @property
    def ref(self) -> str:
        """``kind:record_id``."""
        return f"{self.kind}:{self.record_id}"


@dataclass(frozen=True)
class Revision:
    """One change, as the history keeps it forever.

    Attributes
    ----------
    revision : int
        Global number: each change takes the next one, on every record.
    at : datetime.datetime
        When, in UTC.
    who, why : str
        Who made the change and why (both required).
    kind, record_id : str
        The record changed.
    action : str
        ``create``, ``update``, ``retire`` or ``restore``.
    before, after : dict or None
        The payload before and after (``before`` is None for a create).
    retired : bool
        Whether the record is retired after this change.
    version : int
        The record's version after this change.
    change_set : int or None
        The first revision of the batch that made it: every revision saved together
        shares it (None for revisions older than change sets).
    who_subject, who_email : str or None
        The signed-in account that made it: its OIDC subject and e-mail (None for
        the seed, the command line, the local editor, and revisions older than
        migration 0004).
    """

    revision: int
    at: dt.datetime
    who: str
    why: str
    kind: str
    record_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    retired: bool
    version: int
    change_set: int | None = None
    who_subject: str | None = None
    who_email: str | None = None

    def summary(self) -> str:
        """One line: ``#12 2026-11-29 10:00:00 UTC alice update event:x v3 — why``."""
        when = self.at.strftime("%Y-%m-%d %H:%M:%S UTC")
        return (
            f"#{self.revision} {when} {self.who} {self.action} "
            f"{self.kind}:{self.record_id} v{self.version} — {self.why}"
        )


@dataclass(frozen=True)
class DraftRow:
    """An unsaved editorial draft as the store keeps it (not a record: no history).

    Attributes
    ----------
    draft_id : str
        Its id (made by the store when it was first saved).
    owner : str
        Who is working on it.
    title : str
        What the draft lists show.
    created_at, updated_at : datetime.datetime
        UTC.
    payload : dict
        The draft itself, JSON (``lib.editorial.draft.Draft.model_dump(mode="json")``).
    """

    draft_id: str
    owner: str
    title: str
    created_at: dt.datetime
    updated_at: dt.datetime
    payload: dict[str, Any]
