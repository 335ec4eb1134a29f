"""The live store: curated records with their whole history, on SQLite or PostgreSQL + PostGIS.

>>> store = Store()                      # the URL from the one setting (lib.store.config)
>>> store.init()                         # migrate; seed from geodata/ if empty
>>> rec = store.get("event", "amini-death-protests")
>>> store.update("event", rec.record_id, {**rec.payload, "confidence": "medium"},
...              base_version=rec.version, who="alice", why="second source disagrees")
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlalchemy.exc as sa_exc

from lib.data.paths import GEODATA_DIR, PROJECT_ROOT
from lib.store import migrate, writes
from lib.store.batch import Batch, HasIdentity, current_actor
from lib.store.check import folder_problems
from lib.store.config import describe_url, make_engine, normalise_url, resolve_url
from lib.store.drafts import DraftMethods
from lib.store.errors import (
    RecordNotFound,
    SchemaNewer,
    SchemaOutdated,
    StoreNotInitialised,
    translate,
)
from lib.store.files import RecordData
from lib.store.kinds import PRIVATE_KINDS, known_kinds
from lib.store.query import BBox, select_records
from lib.store.records import Record, Revision

__all__ = ["Batch", "Store"]
from lib.store.schema import RECORD_COLUMNS, records, revisions, store_meta
from lib.store.transfer import export_folder, import_items, validated_items


class Store(DraftMethods):
    """The store behind one SQLAlchemy URL.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy URL; default from :func:`lib.store.config.resolve_url`.
    project_root : pathlib.Path
        Where ``.streamlit/secrets.toml`` and ``var/`` are looked for.
    """

    def __init__(self, url: str | None = None, project_root: Path = PROJECT_ROOT) -> None:
        self.url = normalise_url(url or resolve_url(project_root))
        self.description = describe_url(self.url)
        self.engine = make_engine(self.url)
        self.dialect = self.engine.dialect.name
        self._ready = False

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    # -- connections and the schema ---------------------------------------------------

    @contextlib.contextmanager
    def _connect(self, write: bool = False, check: bool = True) -> Iterator[sa.Connection]:
        """A connection in a transaction (committed on success), driver errors translated."""
        if check and not self._ready:
            self.ensure_schema()
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa_exc.DBAPIError as exc:
            raise translate(exc, self.description, during_write=write) from exc

    def schema_status(self) -> tuple[str | None, str]:
        """(the database's migration, the code's newest); the first is None before ``init``."""
        with self._connect(check=False) as conn:
            return migrate.current_revision(conn), migrate.head_revision()

    def ensure_schema(self) -> None:
        """Refuse to work on a database whose schema is missing, older or newer than the code.

        Raises
        ------
        StoreNotInitialised, SchemaOutdated, SchemaNewer, StoreUnreachable, StoreCorrupt
        """
        current, head = self.schema_status()
        if current is None:
            raise StoreNotInitialised(
                f"The store ({self.description}) has no tables yet: run `python -m lib.store init`."
            )
        if current != head:
            if current in migrate.known_revisions():
                raise SchemaOutdated(
                    f"The store's schema ({self.description}) is at migration {current}, older "
                    f"than the code's {head}: run `python -m lib.store upgrade` (back it up first: "
                    "docs/store.md)."
                )
            raise SchemaNewer(
                f"The store's schema ({self.description}) is at migration {current}, which this "
                "code does not know: it is newer than the app. Update the app."
            )
        self._ready = True

    def upgrade(self, target: str = "head") -> None:
        """Migrate the schema (``alembic upgrade head``), in one transaction."""
        try:
            migrate.upgrade(self.engine, target)
        except sa_exc.DBAPIError as exc:
            raise translate(exc, self.description, during_write=True) from exc
        self._ready = False

    def init(self, geodata_dir: Path = GEODATA_DIR, who: str = "seed", why: str = "") -> int:
        """Migrate, then seed from ``geodata_dir`` if the store is empty.

        Parameters
        ----------
        geodata_dir : pathlib.Path
            The seed folder; validated first (nothing is imported if it has problems).
        who, why : str
            Recorded on the seed revisions.

        Returns
        -------
        int
            Records imported (0: the store already had records).

        Raises
        ------
        ValidationFailed
            With the seed's problems, file by file.
        """
        self.upgrade()
        if not self.is_empty():
            return 0
        return self.import_(geodata_dir, who=who, why=why or f"seeded from {geodata_dir}")

    # -- reading --------------------------------------------------------------------

    def kinds(self, conn: sa.Connection | None = None) -> set[str]:
        """The record kinds the store accepts (documents, curated tables, tables in CATALOG)."""
        query = sa.select(records.c.record_id).where(records.c.kind == "layer")
        if conn is not None:
            return known_kinds(list(conn.execute(query).scalars()))
        with self._connect() as c:
            return known_kinds(list(c.execute(query).scalars()))

    def is_empty(self) -> bool:
        """Whether the store holds no record at all."""
        with self._connect() as conn:
            return conn.execute(sa.select(records.c.id).limit(1)).first() is None

    def latest_revision(self) -> int:
        """The number of the newest revision (0: none). One primary-key read: poll it freely."""
        with self._connect() as conn:
            return conn.execute(
                sa.select(store_meta.c.head).where(store_meta.c.id == 1)
            ).scalar_one()

    def snapshot(self) -> tuple[int, list[RecordData]]:
        """The latest revision number and every record as of it, read in one transaction.

        On PostgreSQL the transaction is ``REPEATABLE READ`` (one snapshot for both
        reads); SQLite in WAL mode reads one snapshot per transaction anyway.

        Returns
        -------
        tuple
            ``(revision, records)``; records as :meth:`all_records` gives them.
        """
        if not self._ready:
            self.ensure_schema()
        head = sa.select(store_meta.c.head).where(store_meta.c.id == 1)
        # Role records never leave the store as data (exports, materialised folders).
        rows_q = (
            sa.select(*RECORD_COLUMNS)
            .where(records.c.kind.not_in(PRIVATE_KINDS))
            .order_by(records.c.kind, records.c.ord)
        )
        try:
            with self.engine.connect() as conn:
                if self.dialect == "postgresql":
                    conn = conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    revision = conn.execute(head).scalar_one()
                    rows = conn.execute(rows_q).all()
        except sa_exc.DBAPIError as exc:
            raise translate(exc, self.description) from exc
        return revision, [
            RecordData(r.kind, r.record_id, r.payload, r.ord, r.parent, r.source_text, r.retired)
            for r in rows
        ]

    def get(self, kind: str, record_id: str) -> Record:
        """One record, retired or not.

        Raises
        ------
        RecordNotFound
        """
        query = sa.select(*RECORD_COLUMNS).where(
            records.c.kind == kind, records.c.record_id == record_id
        )
        with self._connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise RecordNotFound(f"No record {kind}:{record_id} in the store.")
        return writes.row_record(row)

    def query(
        self,
        kind: str | list[str] | None = None,
        groups: list[str] | set[str] | frozenset[str] | None = None,
        date_from: Any = None,
        date_to: Any = None,
        min_confidence: str | None = None,
        bbox: BBox | None = None,
        include_retired: bool = False,
    ) -> list[Record]:
        """Records filtered in SQL (see :func:`lib.store.query.select_records`)."""
        stmt = select_records(
            self.dialect, kind, groups, date_from, date_to, min_confidence, bbox, include_retired
        )
        with self._connect() as conn:
            return [writes.row_record(r) for r in conn.execute(stmt)]

    def all_records(self) -> list[RecordData]:
        """Every record with its seed text, retired ones included (for exports)."""
        return self.snapshot()[1]

    def history(self, kind: str, record_id: str) -> list[Revision]:
        """Every revision of one record, oldest first."""
        query = (
            sa.select(revisions)
            .where(revisions.c.kind == kind, revisions.c.record_id == record_id)
            .order_by(revisions.c.revision)
        )
        with self._connect() as conn:
            return [writes.row_revision(r) for r in conn.execute(query)]

    def recent(
        self, n: int = 20, include_private: bool = False, kind: str | None = None
    ) -> list[Revision]:
        """The ``n`` newest revisions, newest first.

        Role changes are left out unless ``include_private`` (or ``kind="role"``):
        the History page's recent changes are data, who may edit is the Admin page's.
        """
        query = sa.select(revisions).order_by(revisions.c.revision.desc()).limit(n)
        if kind is not None:
            query = query.where(revisions.c.kind == kind)
        elif not include_private:
            query = query.where(revisions.c.kind.not_in(PRIVATE_KINDS))
        with self._connect() as conn:
            return [writes.row_revision(r) for r in conn.execute(query)]

    # -- writing --------------------------------------------------------------------

    @contextlib.contextmanager
    def batch(
        self, who: str, why: str, actor: HasIdentity | None = None, *, roles: bool = False
    ) -> Iterator[Batch]:
        """Changes made in one transaction: all committed at the end of the block, or none.

        Parameters
        ----------
        who, why : str
            Recorded on every revision of the batch (each call may override them).
        actor : lib.store.access.Actor, optional
            The signed-in account making the changes: its subject and e-mail are
            recorded on every revision (``who_subject``, ``who_email``). Default:
            the one :func:`lib.store.batch.acting_as` set, else none.
        roles : bool
            Allow changes to role records (only :mod:`lib.store.access` passes it,
            after its gate).
        """
        with self._connect(write=True) as conn:
            yield Batch(self, conn, who, why, actor or current_actor(), roles)

    def create(
        self, kind: str, record_id: str, payload: dict[str, Any], *, who: str, why: str,
        parent: str | None = None,
    ) -> Revision:  # fmt: skip
        """Create a record (version 1). Raises RecordExists if the id is taken, even retired."""
        with self.batch(who, why) as b:
            return b.create(kind, record_id, payload, parent=parent)

    def update(
        self, kind: str, record_id: str, payload: dict[str, Any], *, base_version: int,
        who: str, why: str,
    ) -> Revision:  # fmt: skip
        """Replace a record's content, if it is still at ``base_version``.

        Raises
        ------
        StaleEdit
            The record has moved on: the message names the newer revision, who and when.
        """
        with self.batch(who, why) as b:
            return b.update(kind, record_id, payload, base_version=base_version)

    def retire(
        self, kind: str, record_id: str, *, who: str, why: str, base_version: int | None = None
    ) -> Revision:
        """Retire a record ("delete"): it leaves the files and queries, never the history."""
        with self.batch(who, why) as b:
            return b.retire(kind, record_id, base_version=base_version)

    def restore(
        self, kind: str, record_id: str, revision: int | None = None, *, who: str, why: str,
        base_version: int | None = None,
    ) -> Revision:  # fmt: skip
        """A new revision bringing back the state a revision left (default: un-retire as is)."""
        with self.batch(who, why) as b:
            return b.restore(kind, record_id, revision, base_version=base_version)

    # -- files ----------------------------------------------------------------------

    def export(self, folder: Path, overwrite: bool = False) -> list[Path]:
        """Write the store as files laid out like ``geodata/`` (see :mod:`lib.store.transfer`)."""
        return export_folder(self.all_records(), folder, overwrite)

    def import_(
        self, folder: Path, *, who: str = "import", why: str = "", replace: bool = False,
        geodata_dir: Path = GEODATA_DIR,
    ) -> int:  # fmt: skip
        """Validate a folder, then import it in one transaction.

        Parameters
        ----------
        folder : pathlib.Path
            Laid out like ``geodata/``.
        who, why : str
            Recorded on every revision (``why`` defaults to "imported from <folder>").
        replace : bool
            Allow a non-empty store: bring it to the folder's content, each change a
            revision (see :func:`lib.store.transfer.import_items`).
        geodata_dir : pathlib.Path
            Boundary layers and raw sources for validation, if ``folder`` has none.

        Returns
        -------
        int
            Records created or changed.

        Raises
        ------
        ValidationFailed, StoreNotEmpty
        """
        items = validated_items(folder, geodata_dir)
        why = why or f"imported from {folder}"
        with self.batch(who, why) as batch:
            return import_items(batch._conn, items, who=who, why=why, replace=replace,
                                where=self.description)  # fmt: skip

    def check(self, geodata_dir: Path = GEODATA_DIR) -> list[str]:
        """Export to a temporary folder and list its problems (empty: the store is sound).

        The export is loaded by the app's own loader (schemas, unique ids, every
        annotation anchored in its article, every reference known), plus the
        cross-file checks of :func:`lib.store.check.folder_problems`.
        """
        with tempfile.TemporaryDirectory(prefix="zb-check-") as tmp:
            self.export(Path(tmp))
            return folder_problems(Path(tmp), geodata_dir)
