"""Editorial drafts in the store: an analyst's unsaved review, kept until saved or discarded.

A draft is not a record: writing one takes no revision number, leaves no history,
and never reaches the catalog, an export or ``check``. It lives in the ``drafts``
table (migration 0003) so that a review survives a page reload, a browser crash or
a restart of the app, and is shared by every app process on the store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from lib.store.errors import InvalidChange
from lib.store.records import DraftRow
from lib.store.schema import drafts
from lib.store.writes import utc

#: Longest owner and title kept (the columns' sizes; titles are cut, not refused).
OWNER_MAX = 200
TITLE_MAX = 500


def new_draft_id(now: dt.datetime) -> str:
    """A fresh draft id: ``draft-<UTC time>-<random>`` (sortable, unguessable enough)."""
    return f"draft-{now:%Y%m%d%H%M%S}-{secrets.token_hex(4)}"


def _row(row: sa.Row) -> DraftRow:
    m = row._mapping
    return DraftRow(
        m["draft_id"], m["owner"], m["title"], utc(m["created_at"]), utc(m["updated_at"]),
        m["payload"],
    )  # fmt: skip


class DraftMethods:
    """The draft methods of :class:`lib.store.Store` (kept here to keep that module short)."""

    #: Store's transaction (a connection, committed on success, errors translated).
    _connect: Callable[..., contextlib.AbstractContextManager[sa.Connection]]

    def save_draft(
        self, draft_id: str | None, owner: str, title: str, payload: dict[str, Any]
    ) -> str:
        """Create a draft, or replace one's content.

        Parameters
        ----------
        draft_id : str or None
            None: a new draft (the store makes its id). An id: replace that draft
            (a draft discarded meanwhile is created again under the same id, so a
            review open in a tab is never lost).
        owner : str
            Who works on it (required).
        title : str
            Shown in the drafts list.
        payload : dict
            JSON-safe content.

        Returns
        -------
        str
            The draft's id.

        Raises
        ------
        InvalidChange
            No owner, or a payload that is not a dict.
        """
        if not isinstance(owner, str) or not owner.strip():
            raise InvalidChange("Say whose draft it is (owner=…).")
        if not isinstance(payload, dict):
            raise InvalidChange("A draft's content must be a dict.")
        now = dt.datetime.now(dt.UTC)
        values = {
            "owner": owner.strip()[:OWNER_MAX],
            "title": (title or "").strip()[:TITLE_MAX],
            "updated_at": now,
            "payload": payload,
        }
        with self._connect(write=True) as conn:
            if draft_id is not None:
                done = conn.execute(
                    sa.update(drafts).where(drafts.c.draft_id == draft_id).values(**values)
                )
                if done.rowcount:
                    return draft_id
            draft_id = draft_id or new_draft_id(now)
            conn.execute(sa.insert(drafts).values(draft_id=draft_id, created_at=now, **values))
        return draft_id

    def load_draft(self, draft_id: str) -> DraftRow | None:
        """One draft (None: no such draft, e.g. saved or discarded)."""
        with self._connect() as conn:
            row = conn.execute(sa.select(drafts).where(drafts.c.draft_id == draft_id)).first()
        return _row(row) if row is not None else None

    def list_drafts(self, owner: str | None = None) -> list[DraftRow]:
        """Drafts, newest change first (``owner``: only theirs)."""
        query = sa.select(drafts).order_by(drafts.c.updated_at.desc(), drafts.c.draft_id)
        if owner is not None:
            query = query.where(drafts.c.owner == owner.strip())
        with self._connect() as conn:
            return [_row(r) for r in conn.execute(query)]

    def discard_draft(self, draft_id: str) -> None:
        """Delete a draft (drafts have no history; a missing one is no error)."""
        with self._connect(write=True) as conn:
            conn.execute(sa.delete(drafts).where(drafts.c.draft_id == draft_id))


__all__ = ["DraftMethods", "DraftRow", "new_draft_id"]
