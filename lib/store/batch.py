"""Several changes in one transaction, and who makes them (:meth:`lib.store.store.Store.batch`).

A batch records its ``who`` and ``why`` on every revision, and the signed-in
account behind it (``actor``: OIDC subject and e-mail, migration 0004). The
account comes from the ``actor`` argument of ``Store.batch`` or, when the code
between the page and the store does not pass one (the editorial saves take only
``who`` and ``why``), from :func:`acting_as`, which the app's one write path
(``lib.ui.editing.write``) opens around a write once the gate has let it through.
Role records (:data:`lib.store.kinds.PRIVATE_KINDS`) are changed only by a batch
opened for them (``roles=True``: :mod:`lib.store.access`), so no editorial save or
restore can touch who may edit.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any, Protocol

import sqlalchemy as sa

from lib.store import writes
from lib.store.errors import InvalidChange, StoreError
from lib.store.kinds import PRIVATE_KINDS
from lib.store.records import Record, Revision


class KindSource(Protocol):
    """What a batch needs of its store (``lib.store.store.Store``): the kinds it accepts."""

    def kinds(self, conn: sa.Connection | None = None) -> set[str]: ...


class HasIdentity(Protocol):
    """What a batch reads of an actor (``lib.store.access.Actor``)."""

    subject: str
    email: str


#: The account writing in this thread (a Streamlit session runs its script in one).
_ACTING: contextvars.ContextVar[HasIdentity | None] = contextvars.ContextVar(
    "zagros_acting", default=None
)


@contextlib.contextmanager
def acting_as(actor: HasIdentity | None) -> Iterator[None]:
    """Batches opened inside the block record ``actor`` unless given another."""
    token = _ACTING.set(actor)
    try:
        yield
    finally:
        _ACTING.reset(token)


def identity_of(actor: HasIdentity | None) -> writes.Identity:
    """(subject, e-mail) for the revision columns, empty ones as None."""
    if actor is None:
        return writes.NO_IDENTITY
    return (actor.subject or None, (actor.email or "").lower() or None)


def current_actor() -> HasIdentity | None:
    """The actor :func:`acting_as` set for this thread, if any."""
    return _ACTING.get()


class Batch:
    """Several changes in one transaction (all saved, or none): see :meth:`Store.batch`."""

    def __init__(
        self, store: KindSource, conn: sa.Connection, who: str, why: str,
        actor: HasIdentity | None = None, roles: bool = False,
    ) -> None:  # fmt: skip
        self._store, self._conn, self.who, self.why = store, conn, who, why
        self.actor = actor
        self.identity = identity_of(actor)
        self._roles = roles
        self.revisions: list[Revision] = []

    @property
    def change_set(self) -> int | None:
        """The batch's change set: its first revision's number (None before any change)."""
        return self.revisions[0].revision if self.revisions else None

    def _do(self, action: str, kind: str, record_id: str, **kw: Any) -> Revision:
        if kind in PRIVATE_KINDS and not self._roles:
            raise InvalidChange(
                f"{kind}:{record_id}: roles are granted and removed only on the Admin page "
                "(lib.store.access), by an admin."
            )
        kw.setdefault("who", self.who)
        kw.setdefault("why", self.why)
        known = self._store.kinds(self._conn) if action == "create" else ()
        rev = writes.change(
            self._conn, action, kind, record_id, known=known, change_set=self.change_set,
            identity=self.identity, **kw,
        )  # fmt: skip
        self.revisions.append(rev)
        return rev

    def current(self, kind: str, record_id: str) -> Record | None:
        """A record as this transaction sees it (retired ones included), or None."""
        row = writes.current_row(self._conn, kind, record_id)
        return None if row is None else writes.row_record(row)

    def create(self, kind: str, record_id: str, payload: dict[str, Any], **kw: Any) -> Revision:
        """Create a record (see :meth:`Store.create`)."""
        return self._do("create", kind, record_id, payload=payload, **kw)

    def update(
        self, kind: str, record_id: str, payload: dict[str, Any], *, base_version: int, **kw: Any
    ) -> Revision:
        """Replace a record's content (see :meth:`Store.update`)."""
        return self._do("update", kind, record_id, payload=payload, base_version=base_version, **kw)

    def retire(self, kind: str, record_id: str, **kw: Any) -> Revision:
        """Retire a record (see :meth:`Store.retire`)."""
        return self._do("retire", kind, record_id, **kw)

    def restore(
        self, kind: str, record_id: str, revision: int | None = None, **kw: Any
    ) -> Revision:
        """Bring a record back (see :meth:`Store.restore`)."""
        if revision is not None:
            state = writes.state_at(self._conn, revision)
            if (state.kind, state.record_id) != (kind, record_id):
                raise StoreError(f"Revision {revision} is not a change of {kind}:{record_id}.")
            kw["payload"] = state.after
        return self._do("restore", kind, record_id, **kw)
