"""The store as the app's data folder: one geodata-style folder per store and revision.

The app loads its data with :func:`lib.data.catalog.load_catalog`, which reads a
folder laid out like ``geodata/``. :func:`materialise` writes the store's curated
tables, articles, annotations and briefings into such a folder — exported as of
one revision, read in one transaction — and links ``layers/`` and ``raw/`` (which
stay files) to the seed's. A folder is written once per (store, revision) and
shared by every app process on the machine: it is built under a temporary name
and renamed into place, so a reader never sees half a folder, and two processes
materialising the same revision at once both end up with the same complete folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import sqlalchemy.exc as sa_exc
from sqlalchemy.engine import URL

from lib.data.annotations import load_annotations
from lib.data.articles import load_articles
from lib.data.boundaries import BoundaryLayers, load_boundaries
from lib.data.catalog import Catalog, known_references
from lib.data.curated import load_curated
from lib.data.gazetteer import load_gazetteer
from lib.data.memo import remembered
from lib.data.paths import GEODATA_DIR
from lib.data.validation import DataIssue
from lib.store.errors import (
    SchemaNewer,
    StoreCorrupt,
    StoreError,
    StoreNotEmpty,
    StoreUnreachable,
    ValidationFailed,
)
from lib.store.files import write_folder
from lib.store.store import Store

#: Overrides where the materialised folders go (default: see :func:`cache_root`).
CACHE_ENV_VAR = "ZAGROS_BRIEF_CACHE"
#: The folders of ``geodata/`` that stay files, linked into every materialised folder.
LINKED = ("layers", "raw")
#: Revision folders kept per store (older ones are removed): sessions still on the
#: previous revision, or a process a little behind, keep a complete folder.
KEEP_REVISIONS = 3
_REVISION_DIR = re.compile(r"^rev-(\d+)$")


def store_identity(url: URL) -> str:
    """The store's identity for cache keys: its URL without the password.

    Parameters
    ----------
    url : sqlalchemy.engine.URL
        The store's URL (``Store.url``).

    Returns
    -------
    str
        e.g. ``sqlite:////srv/brief/var/zagros-brief.sqlite`` or
        ``postgresql+psycopg://brief:***@db:5432/zagros``.
    """
    return url.render_as_string(hide_password=True)


def cache_root(url: URL) -> Path:
    """Where the materialised folders of one store go.

    ``ZAGROS_BRIEF_CACHE`` if set (one sub-folder per store); else beside a SQLite
    file (``var/cache/zagros-brief/`` for ``var/zagros-brief.sqlite``), so a test's
    throwaway store keeps its cache in its own temporary folder; else, for a
    database server, under the system's temporary folder.

    Parameters
    ----------
    url : sqlalchemy.engine.URL
        The store's URL.

    Returns
    -------
    pathlib.Path
        The folder (not created here).
    """
    identity = store_identity(url)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:12]
    name = f"{url.get_backend_name()}-{digest}"
    if os.environ.get(CACHE_ENV_VAR, "").strip():
        return Path(os.environ[CACHE_ENV_VAR].strip()) / name
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database).resolve()
        return db.parent / "cache" / db.stem
    return Path(tempfile.gettempdir()) / "zagros-brief-cache" / name


def _link(target: Path, link: Path) -> None:
    """``link`` pointing at ``target``; a copy where symbolic links are not allowed."""
    try:
        link.symlink_to(target.resolve(), target_is_directory=True)
    except OSError:
        if target.is_dir():
            shutil.copytree(target, link)


def revision_folders(root: Path) -> dict[int, Path]:
    """The complete revision folders under ``root``, by revision number."""
    if not root.is_dir():
        return {}
    found = {}
    for path in root.iterdir():
        match = _REVISION_DIR.match(path.name)
        if match and path.is_dir():
            found[int(match.group(1))] = path
    return found


def _prune(root: Path, keep: int) -> None:
    folders = revision_folders(root)
    for revision in sorted(folders)[:-keep]:
        shutil.rmtree(folders[revision], ignore_errors=True)
    # Leftovers of a process killed while writing (an hour old: surely not in progress).
    for path in root.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < time.time() - 3600:
                shutil.rmtree(path, ignore_errors=True)


def materialise(
    store: Store,
    seed_dir: Path = GEODATA_DIR,
    root: Path | None = None,
    keep: int = KEEP_REVISIONS,
) -> tuple[int, Path]:
    """The store as of its latest revision, as a folder :func:`load_catalog` reads.

    Parameters
    ----------
    store : Store
        An initialised store.
    seed_dir : pathlib.Path
        The ``geodata/`` folder whose ``layers/`` and ``raw/`` the folder links to.
    root : pathlib.Path, optional
        Where revision folders go (default :func:`cache_root` of the store).
    keep : int
        Revision folders kept under ``root``; older ones are removed.

    Returns
    -------
    tuple
        ``(revision, folder)``: the revision the folder holds and its path,
        ``<root>/rev-<revision>`` with ``curated/``, ``articles/``, ``annotations/``,
        ``briefings/``, and ``layers/``, ``raw/`` linked to the seed's.

    Raises
    ------
    StoreError
        The store cannot be read (unreachable, corrupt, schema outdated).
    """
    root = cache_root(store.url) if root is None else root
    # A folder another process (or an earlier run) made is reused without reading
    # every record: the revision number alone names it.
    latest = store.latest_revision()
    if (root / f"rev-{latest}").is_dir():
        return latest, root / f"rev-{latest}"
    revision, records = store.snapshot()
    folder = root / f"rev-{revision}"
    if folder.is_dir():
        return revision, folder
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{revision}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        write_folder(records, tmp)
        for sub in LINKED:
            _link(seed_dir / sub, tmp / sub)
        try:
            tmp.rename(folder)
        except OSError:
            # Another process put the same revision in place first: same content.
            if not folder.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    _prune(root, keep)
    return revision, folder


@dataclass(frozen=True)
class FileLayers:
    """What stays files, loaded once and shared by the catalogs of every revision.

    Attributes
    ----------
    boundaries : BoundaryLayers
        ``layers/``: border, countries, governorates, … (the slowest part of a load).
    gazetteer : geopandas.GeoDataFrame
        ``raw/``: the GeoNames towns.
    issues : list of DataIssue
        Problems of the gazetteer file.
    """

    boundaries: BoundaryLayers
    gazetteer: gpd.GeoDataFrame
    issues: list[DataIssue]


def load_file_layers(geodata_dir: Path = GEODATA_DIR) -> FileLayers:
    """Load the boundary layers and the gazetteer of a ``geodata/`` folder.

    Kept by the files' names, sizes and times (:mod:`lib.data.memo`): loaded once per
    process, before the server listens when started by :mod:`lib.ui.serve`.
    """

    def load() -> FileLayers:
        gazetteer, issues = load_gazetteer(geodata_dir / "raw")
        return FileLayers(load_boundaries(geodata_dir / "layers"), gazetteer, issues)

    return remembered("file layers", (geodata_dir / "layers", geodata_dir / "raw"), load)


def load_store_catalog(folder: Path, layers: FileLayers) -> Catalog:
    """:func:`lib.data.catalog.load_catalog` of a materialised folder, its file layers reused.

    A new revision changes only what the store holds, so the boundary layers and
    the gazetteer (which stay files) are not read again: the catalog of a revision
    loads in a tenth of the time. The result equals ``load_catalog(folder)``
    (``tests/store/test_catalog_source.py`` holds them to it).

    Parameters
    ----------
    folder : pathlib.Path
        From :func:`materialise`.
    layers : FileLayers
        From :func:`load_file_layers` of the folder ``layers/`` and ``raw/`` link to.

    Returns
    -------
    Catalog
        Never raises for bad data; look at ``issues``.
    """
    curated = load_curated(folder / "curated")
    articles, issues = load_articles(folder / "articles")
    annotations, found = load_annotations(
        folder / "annotations", articles, known_references(curated, layers.boundaries)
    )
    return Catalog(
        curated,
        layers.boundaries,
        articles,
        annotations,
        [*issues, *found, *layers.issues],
        layers.gazetteer,
    )


def open_for_app(url: str, seed_dir: Path = GEODATA_DIR, attempts: int = 3) -> Store:
    """Open the store the app is configured with; on first start, create and seed it.

    A database without the store's tables (a new SQLite file, an empty PostgreSQL
    database), or with them but no record, is migrated and seeded from
    ``seed_dir``. A schema older (or newer) than the code is *not* migrated here:
    that is the operator's call (``python -m lib.store upgrade``, after a backup).
    Two app processes starting together may race to seed: the loser finds the
    store seeded and goes on.

    Parameters
    ----------
    url : str
        The store's SQLAlchemy URL.
    seed_dir : pathlib.Path
        The ``geodata/`` folder a fresh store is seeded from.
    attempts : int
        Tries at seeding (a concurrent first start may hold the lock or have
        created the tables a moment before).

    Returns
    -------
    Store
        Ready: its schema is the code's.

    Raises
    ------
    StoreUnreachable, StoreCorrupt, SchemaOutdated, SchemaNewer, ValidationFailed, StoreError
        Each with the message an operator can act on.
    """
    try:
        store = Store(url)
    except sa_exc.ArgumentError as exc:
        raise StoreUnreachable(
            f"The store setting is not a database URL this app can use ({exc}). Check "
            "ZAGROS_BRIEF_DB (or [connections.store] url in .streamlit/secrets.toml)."
        ) from exc
    try:
        current, head = store.schema_status()
        if current is not None and not (current == head and store.is_empty()):
            store.ensure_schema()
            return store
        for attempt in range(attempts):
            try:
                store.init(seed_dir, who="zagros-brief", why=f"first start: seeded from {seed_dir}")
                break
            except StoreNotEmpty:
                break  # another process seeded it first
            except (ValidationFailed, StoreCorrupt, SchemaNewer):
                raise
            except StoreError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.5 * (attempt + 1))
        store.ensure_schema()
    except BaseException:
        store.close()
        raise
    return store
