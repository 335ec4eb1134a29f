"""The store and files: a geodata-style folder validated and imported, records exported as files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from lib.data.paths import GEODATA_DIR
from lib.store import writes
from lib.store.check import folder_problems
from lib.store.errors import StoreError, StoreNotEmpty, ValidationFailed
from lib.store.files import RecordData, managed_files, read_folder, write_folder
from lib.store.kinds import PRIVATE_KINDS, known_kinds
from lib.store.records import Record, Revision
from lib.store.schema import RECORD_COLUMNS, records


def export_folder(records: list[RecordData], folder: Path, overwrite: bool = False) -> list[Path]:
    """Write every current (non-retired) record as files laid out like ``geodata/``.

    Parameters
    ----------
    records : list of RecordData
        The store's records (``Store.all_records``), retired ones included.
    folder : pathlib.Path
        Receives ``curated/`` (with ``CATALOG.toml``), ``articles/``,
        ``annotations/`` and ``briefings/``.
    overwrite : bool
        Replace the data files already there (else refuse, listing them).

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    existing = managed_files(folder)
    if existing and not overwrite:
        names = ", ".join(str(p.relative_to(folder)) for p in existing[:5])
        raise StoreError(
            f"{folder} already holds data files ({names}…); export into an empty folder, "
            "or pass --overwrite to replace them."
        )
    for path in existing:
        path.unlink()
    return write_folder(records, folder)


def validated_items(folder: Path, geodata_dir: Path = GEODATA_DIR) -> list[RecordData]:
    """The records of a folder, once it validates.

    Parameters
    ----------
    folder : pathlib.Path
        Laid out like ``geodata/`` (its ``layers/``, ``raw/`` may be missing:
        the project's are used for validation).
    geodata_dir : pathlib.Path
        The project's geodata (boundary layers for validation).

    Raises
    ------
    ValidationFailed
        The folder has problems (the app loader's messages).
    """
    problems = folder_problems(folder, geodata_dir)
    if problems:
        raise ValidationFailed(problems)
    return read_folder(folder)


def import_items(
    conn: sa.Connection,
    items: list[RecordData],
    *,
    who: str,
    why: str,
    replace: bool,
    where: str,
) -> int:
    """Import records on an open write transaction.

    Parameters
    ----------
    conn : sqlalchemy.Connection
        In a transaction (all of the import, or nothing).
    items : list of RecordData
        From :func:`validated_items`.
    who, why : str
        Recorded on every revision.
    replace : bool
        Into a store that already has records: bring it to the items
        (create, update, restore, retire), each change a revision. Without
        it, a non-empty store is refused.
    where : str
        The store's description, for messages.

    Returns
    -------
    int
        The number of records created or changed.

    Raises
    ------
    StoreNotEmpty
        The store has records and ``replace`` is False.
    """
    writes.next_revisions(conn, 0)  # takes the write lock before looking
    # Role records are not data: a folder never holds them, so a sync must not retire them.
    rows = conn.execute(sa.select(*RECORD_COLUMNS).where(records.c.kind.not_in(PRIVATE_KINDS)))
    current = {(r.kind, r.record_id): writes.row_record(r) for r in rows}
    if not current:
        writes.insert_many(conn, items, who, why)
        return len(items)
    if not replace:
        raise StoreNotEmpty(
            f"The store ({where}) already holds {len(current)} records; "
            "import only into an empty store, or pass --replace to bring it to the "
            "folder's content (every change recorded as a revision)."
        )
    return _sync(conn, items, current, who, why)


def _sync(
    conn: sa.Connection,
    items: list[RecordData],
    current: dict[tuple[str, str], Record],
    who: str,
    why: str,
) -> int:
    known = known_kinds([i.record_id for i in items if i.kind == "layer"])
    made: list[Revision] = []

    def change(action: str, key: tuple[str, str], **kw: Any) -> None:
        # The whole sync is one change set: the first revision's number names it.
        first = made[0].revision if made else None
        made.append(writes.change(conn, action, *key, change_set=first, **kw))

    seen = set()
    for item in items:
        key = (item.kind, item.record_id)
        seen.add(key)
        now = current.get(key)
        common = {"who": who, "why": why, "payload": item.payload, "source_text": item.source_text}
        if now is None:
            change("create", key, parent=item.parent, ord=item.ord, known=known, **common)
        elif now.retired:
            change("restore", key, base_version=now.version, **common)
        elif now.payload != item.payload:
            change("update", key, base_version=now.version, **common)
    for key, now in current.items():
        if key not in seen and not now.retired:
            change("retire", key, who=who, why=why, base_version=now.version)
    return len(made)
