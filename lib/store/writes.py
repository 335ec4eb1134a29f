"""Changes to records, on an open transaction: each one a revision, nothing ever deleted.

Every change first takes the next revision number from ``store_meta.head``
(``UPDATE … RETURNING``): that row lock (PostgreSQL) or write lock (SQLite) makes
writers wait for each other, so the version check that follows cannot race.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from lib.store.errors import InvalidChange, RecordExists, RecordNotFound, StaleEdit
from lib.store.files import RecordData
from lib.store.kinds import derived_columns
from lib.store.records import Record, Revision
from lib.store.schema import RECORD_COLUMNS, records, revisions, store_meta


def utc(value: dt.datetime) -> dt.datetime:
    """A timestamp from the database as aware UTC (SQLite hands back naive ones)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def row_record(row: sa.Row) -> Record:
    """A ``records`` row as a :class:`Record`."""
    m = row._mapping
    return Record(
        m["kind"], m["record_id"], m["version"], bool(m["retired"]), m["revision"],
        m["payload"], m["parent"], m["ord"],
    )  # fmt: skip


def row_revision(row: sa.Row) -> Revision:
    """A ``revisions`` row as a :class:`Revision`."""
    m = row._mapping
    return Revision(
        m["revision"], utc(m["at"]), m["who"], m["why"], m["kind"], m["record_id"],
        m["action"], m["before"], m["after"], bool(m["retired"]), m["version"],
        m.get("change_set"), m.get("who_subject"), m.get("who_email"),
    )  # fmt: skip


def _require_reason(who: str, why: str) -> None:
    if not isinstance(who, str) or not who.strip():
        raise InvalidChange("Say who makes the change (who=…): the history records it.")
    if not isinstance(why, str) or not why.strip():
        raise InvalidChange("Say why (why=…): every change in the store records its reason.")


def next_revisions(conn: sa.Connection, count: int = 1) -> int:
    """Reserve ``count`` revision numbers and return the last (locks out other writers)."""
    head = store_meta.c.head
    stmt = sa.update(store_meta).where(store_meta.c.id == 1).values(head=head + count)
    return conn.execute(stmt.returning(head)).scalar_one()


def current_row(conn: sa.Connection, kind: str, record_id: str) -> sa.Row | None:
    """The current row of one record (retired or not), or None."""
    query = sa.select(*RECORD_COLUMNS).where(
        records.c.kind == kind, records.c.record_id == record_id
    )
    return conn.execute(query).first()


def latest_of(conn: sa.Connection, kind: str, record_id: str) -> Revision | None:
    """The newest revision of one record."""
    query = (
        sa.select(revisions)
        .where(revisions.c.kind == kind, revisions.c.record_id == record_id)
        .order_by(revisions.c.revision.desc())
        .limit(1)
    )
    row = conn.execute(query).first()
    return row_revision(row) if row else None


def _stale(conn: sa.Connection, current: Record, base_version: int) -> StaleEdit:
    newer = latest_of(conn, current.kind, current.record_id)
    assert newer is not None
    when = newer.at.strftime("%Y-%m-%d %H:%M:%S UTC")
    return StaleEdit(
        f"Not saved: {current.ref} has changed since the version {base_version} you edited. "
        f"Revision {newer.revision} by {newer.who} at {when} ({newer.action}: “{newer.why}”) "
        f"made it version {current.version}. Reload it, then make your change again."
    )


#: Who made a change as the sign-in names them: (OIDC subject, e-mail), or Nones.
Identity = tuple[str | None, str | None]
NO_IDENTITY: Identity = (None, None)


def _revision_row(
    number: int, who: str, why: str, record: Record, action: str, before: Any,
    change_set: int | None = None, identity: Identity = NO_IDENTITY,
) -> dict[str, Any]:  # fmt: skip
    return {
        "revision": number,
        "at": dt.datetime.now(dt.UTC),
        "who": who.strip(),
        "why": why.strip(),
        "kind": record.kind,
        "record_id": record.record_id,
        "action": action,
        "before": before,
        "after": record.payload,
        "retired": record.retired,
        "version": record.version,
        "change_set": number if change_set is None else change_set,
        "who_subject": identity[0],
        "who_email": identity[1],
    }


def _next_ord(conn: sa.Connection, kind: str, parent: str | None) -> int:
    query = sa.select(sa.func.max(records.c.ord)).where(records.c.kind == kind)
    if parent is not None:
        query = query.where(records.c.parent == parent)
    return (conn.execute(query).scalar() or 0) + 1


def insert_many(conn: sa.Connection, items: list[RecordData], who: str, why: str) -> int:
    """Create many records at once (the seed import): one ``create`` revision each.

    Returns
    -------
    int
        The last revision number used.
    """
    _require_reason(who, why)
    if not items:
        return next_revisions(conn, 0)
    last = next_revisions(conn, len(items))
    first = last - len(items) + 1
    rows, revs = [], []
    for number, item in enumerate(items, start=first):
        record = Record(item.kind, item.record_id, 1, item.retired, number, item.payload,
                        item.parent, item.ord)  # fmt: skip
        rows.append({
            "kind": item.kind, "record_id": item.record_id, "parent": item.parent,
            "ord": item.ord, "version": 1, "retired": item.retired, "revision": number,
            "payload": item.payload, "source_text": item.source_text,
            **derived_columns(item.kind, item.payload),
        })  # fmt: skip
        revs.append(_revision_row(number, who, why, record, "create", None, first))
    conn.execute(sa.insert(records), rows)
    conn.execute(sa.insert(revisions), revs)
    return last


def change(
    conn: sa.Connection,
    action: str,
    kind: str,
    record_id: str,
    *,
    who: str,
    why: str,
    payload: dict[str, Any] | None = None,
    base_version: int | None = None,
    parent: str | None = None,
    source_text: str | None = None,
    ord: int | None = None,
    known: Iterable[str] = (),
    change_set: int | None = None,
    identity: Identity = NO_IDENTITY,
) -> Revision:
    """Make one change on an open transaction and record its revision.

    Parameters
    ----------
    conn : sqlalchemy.Connection
        Inside a transaction (the caller commits).
    action : str
        ``create``, ``update``, ``retire`` or ``restore``.
    kind, record_id : str
        The record.
    who, why : str
        Required, non-empty.
    payload : dict, optional
        The new content (create, update; restore: the state to bring back,
        default the current one).
    base_version : int, optional
        The version the change was based on (required for ``update``).
    parent : str, optional
        An annotation's collection (create only).
    source_text : str, optional
        The record's text in a file it was imported from.
    ord : int, optional
        Its position in its file (create only; default: after the others).
    known : iterable of str
        The record kinds the store accepts (create only).
    change_set : int, optional
        The first revision of the batch this change belongs to (default: this
        change's own number, i.e. it starts a change set).
    identity : tuple
        (OIDC subject, e-mail) of the signed-in account making it, or Nones.

    Returns
    -------
    Revision
        The revision recorded.

    Raises
    ------
    InvalidChange, RecordNotFound, RecordExists, StaleEdit
    """
    _require_reason(who, why)
    if action == "update" and base_version is None:
        raise InvalidChange("An update must say which version it was based on (base_version=…).")
    if action in ("create", "update") and not isinstance(payload, dict):
        raise InvalidChange(f"{kind}:{record_id}: the record's content must be a dict.")
    number = next_revisions(conn)
    row = current_row(conn, kind, record_id)
    if action == "create":
        if row is not None:
            state = "retired; restore it" if row.retired else "use update"
            raise RecordExists(f"{kind}:{record_id} already exists ({state}).")
        if kind not in set(known):
            raise InvalidChange(f"Unknown kind “{kind}” (known: {', '.join(sorted(known))}).")
        assert payload is not None
        record = Record(kind, record_id, 1, False, number, payload, parent,
                        ord if ord is not None else _next_ord(conn, kind, parent))  # fmt: skip
        conn.execute(sa.insert(records).values(
            kind=kind, record_id=record_id, parent=parent, ord=record.ord, version=1,
            retired=False, revision=number, payload=payload, source_text=source_text,
            **derived_columns(kind, payload),
        ))  # fmt: skip
        return _log(conn, number, who, why, record, action, None, change_set, identity)
    if row is None:
        raise RecordNotFound(f"No record {kind}:{record_id} in the store.")
    current = row_record(row)
    if base_version is not None and base_version != current.version:
        raise _stale(conn, current, base_version)
    if action == "retire" and current.retired:
        raise InvalidChange(f"{current.ref} is already retired.")
    if action == "update" and current.retired:
        raise InvalidChange(f"{current.ref} is retired: restore it before editing.")
    new_payload = current.payload if payload is None else payload
    record = Record(kind, record_id, current.version + 1, action == "retire", number,
                    new_payload, current.parent, current.ord)  # fmt: skip
    values: dict[str, Any] = {
        "version": record.version,
        "retired": record.retired,
        "revision": number,
        "payload": new_payload,
        **derived_columns(kind, new_payload),
    }
    if source_text is not None:
        values["source_text"] = source_text
    conn.execute(
        sa.update(records)
        .where(records.c.kind == kind, records.c.record_id == record_id)
        .values(**values)
    )
    return _log(conn, number, who, why, record, action, current.payload, change_set, identity)


def _log(
    conn: sa.Connection, number: int, who: str, why: str, record: Record, action: str, before: Any,
    change_set: int | None, identity: Identity = NO_IDENTITY,
) -> Revision:  # fmt: skip
    values = _revision_row(number, who, why, record, action, before, change_set, identity)
    conn.execute(sa.insert(revisions).values(**values))
    return Revision(**values)


def state_at(conn: sa.Connection, revision: int) -> Revision:
    """The revision numbered ``revision`` (to restore the state it left)."""
    row = conn.execute(sa.select(revisions).where(revisions.c.revision == revision)).first()
    if row is None:
        raise RecordNotFound(f"No revision {revision} in the store.")
    return row_revision(row)
