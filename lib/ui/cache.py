"""Cached loaders: the data — from the store, else the files — and what is derived from it once.

Every run of ``app.py`` asks where the data comes from (:func:`refresh`):

- **the store** (``lib.store``, the one setting: ``ZAGROS_BRIEF_DB``, secrets, else
  ``var/zagros-brief.sqlite``), opened once per process and created and seeded from
  ``geodata/`` on first start. Its latest revision number (one primary-key read) is
  read on every run; the catalog is cached on (store, revision), so a change made by
  anyone, in any process, is drawn on the next run. The sidebar polls the revision
  (``sidebar.store_footer``) and reruns the page when it moves.
- **the files** of ``geodata/``, cached on their stamp, when ``ZAGROS_GEODATA_DIR``
  points at another data folder (tests, a doctored copy) and no store is named —
  or, with a banner saying why and what to do, when the store cannot be used.

The catalog is shared between sessions (``st.cache_resource``); derived values are
kept on the catalog itself (``Catalog.derived``), so they go when it goes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import streamlit as st

from lib.analysis.search import SearchEntry, build_index
from lib.data import paths
from lib.data.catalog import Catalog, load_catalog
from lib.data.catalog import data_stamp as catalog_data_stamp
from lib.model.filters import Filters, show_all
from lib.model.links import Focus
from lib.model.select import Selection, select
from lib.store import StoreError, describe_store, resolve_url
from lib.store.catalog_source import (
    LINKED,
    FileLayers,
    load_file_layers,
    load_store_catalog,
    materialise,
    open_for_app,
    store_identity,
)
from lib.store.config import ENV_VAR
from lib.store.store import Store
from lib.story.briefing import Vocabulary, vocabulary
from lib.story.briefing import briefing_facts as measure_briefing_facts

T = TypeVar("T")

#: Session key of this run's :class:`DataSource` (set by :func:`refresh`).
SOURCE_STATE_KEY = "zb_data_source"
#: Seconds between two tries at a store that could not be opened (a server that is
#: down would otherwise cost its connect timeout on every run).
RETRY_S = 10.0

_failed: dict[str, tuple[float, StoreError]] = {}
_last_good: dict[str, DataSource] = {}


@dataclass
class DataSource:
    """Where this run's data comes from, and the catalog loaded from it.

    Attributes
    ----------
    catalog : Catalog
        The loaded data.
    folder : pathlib.Path
        The geodata-style folder it was loaded from (the store's: materialised
        for its revision, ``layers/`` and ``raw/`` linked to ``geodata/``'s).
    key : tuple
        Changes whenever the data does: what per-data caches are keyed on.
    store : str or None
        The store in a few words (``describe_store``); None when no store is set up.
    url : str or None
        The store's URL (never shown: it may carry a password).
    revision : int or None
        The store revision the catalog holds; None when it comes from the files.
    problem : str or None
        Why the store is not in use, or not up to date, and what to do (the banner).
    polled : tuple
        The store's state as this run found it (``poll_state``); the sidebar reruns
        the app when it changes.
    """

    catalog: Catalog = field(repr=False)
    folder: Path
    key: tuple = field(repr=False)
    store: str | None = None
    url: str | None = None
    revision: int | None = None
    problem: str | None = None
    polled: tuple = ("files",)


def store_url() -> str | None:
    """The store the app reads, or None to read the data files directly.

    ``ZAGROS_BRIEF_DB`` always names a store. Without it, a data folder other than
    the project's own (``ZAGROS_GEODATA_DIR``: tests, a doctored copy) is read as
    files, so no store is seeded from it nor shared between such runs; the
    project's own data goes through the default store (secrets, else
    ``var/zagros-brief.sqlite``).
    """
    if os.environ.get(ENV_VAR, "").strip():
        return os.environ[ENV_VAR].strip()
    if paths.GEODATA_DIR.resolve() != (paths.PROJECT_ROOT / "geodata").resolve():
        return None
    return resolve_url(paths.PROJECT_ROOT)


@st.cache_resource(show_spinner="Opening the store…")
def _open_store(url: str, seed_dir: str) -> Store:
    # One Store (engine and connection pool) per process; a failure is not cached.
    return open_for_app(url, Path(seed_dir))


def _opened(url: str) -> Store:
    """The store, opened once per process; a failure is retried after ``RETRY_S``."""
    failed = _failed.get(url)
    if failed and time.monotonic() - failed[0] < RETRY_S:
        raise failed[1]
    try:
        store = _open_store(url, str(paths.GEODATA_DIR))
    except StoreError as exc:
        _failed[url] = (time.monotonic(), exc)
        raise
    _failed.pop(url, None)
    return store


def current_store() -> Store | None:
    """The store this run reads (opened once per process), or None: the data comes from files.

    Raises
    ------
    StoreError
        The store is configured but cannot be opened just now.
    """
    source = current_source()
    if source.url is None or source.revision is None:
        return None
    return _opened(source.url)


def _linked_stamp(seed_dir: Path) -> tuple:
    """The stamp of the folders that stay files (boundary layers, raw sources)."""
    return tuple((sub, catalog_data_stamp(seed_dir / sub)) for sub in LINKED)


@st.cache_resource(show_spinner="Loading map data…", max_entries=8)
def _cached_catalog(geodata_dir: str, stamp: tuple) -> Catalog:
    # cache_resource shares one Catalog between sessions; callers must not
    # mutate its frames (every lib function copies before changing).
    return load_catalog(Path(geodata_dir))


@st.cache_resource(show_spinner="Loading map data…", max_entries=2)
def _file_layers(seed_dir: str, stamp: tuple) -> FileLayers:
    # Boundary layers and gazetteer: files, shared by the catalogs of every revision.
    return load_file_layers(Path(seed_dir))


@st.cache_resource(show_spinner="Loading the store's data…", max_entries=4)
def _store_catalog(key: tuple, _store: Store, seed_dir: str) -> tuple[int, Path, Catalog]:
    # Keyed on (store, revision, file layers' stamp); the store itself is not hashed.
    # A write landing between the key's revision and the read gives a newer folder:
    # its own revision is returned, so the footer names what is shown.
    revision, folder = materialise(_store, Path(seed_dir))
    return revision, folder, load_store_catalog(folder, _file_layers(seed_dir, key[-1]))


def _from_files(
    problem: str | None = None, url: str | None = None, label: str | None = None
) -> DataSource:
    folder = paths.GEODATA_DIR
    stamp = catalog_data_stamp(folder)
    catalog = _cached_catalog(str(folder), stamp)
    store = label if url else None
    polled = ("down",) if url else ("files",)
    key = ("files", str(folder), stamp)
    return DataSource(catalog, folder, key, store, url, None, problem, polled)


def _resolve() -> DataSource:
    url = store_url()
    if url is None:
        return _from_files()
    polled: tuple = ("down",)
    label = "the configured store"
    try:
        label = describe_store(url)
        store = _opened(url)
        revision = store.latest_revision()
        polled = ("ok", revision)
        key = ("store", store_identity(store.url), revision, _linked_stamp(paths.GEODATA_DIR))
        revision, folder, catalog = _store_catalog(key, store, str(paths.GEODATA_DIR))
    except (StoreError, OSError, ValueError) as exc:
        # ValueError: a URL SQLAlchemy cannot parse (its message never holds the password).
        last = _last_good.get(url)
        if last is not None:
            problem = (
                f"The store ({label}) cannot be read just now. {exc} The pages show its "
                f"data as of revision {last.revision}, the last read, and update by "
                "themselves when it answers again. Every change committed to the store is kept."
            )
            return replace(last, problem=problem, polled=polled)
        problem = (
            f"The store ({label}) cannot be used. {exc} Until then the pages show the data "
            "files of geodata/ (the seed): changes made in the store are not shown."
        )
        return _from_files(problem, url, label)
    source = DataSource(catalog, folder, key, label, url, revision, None, polled)
    _last_good[url] = source
    return source


def warm_source() -> DataSource:
    """Find and load the data outside any session: before the server listens.

    The store's catalog of its latest revision (or the files') is then in the caches
    the first run's :func:`refresh` reads (:mod:`lib.ui.serve`).

    Returns
    -------
    DataSource
        As :func:`refresh`, without keeping it in a session. A store that could not be
        opened is tried again by the first run, not only after ``RETRY_S``.
    """
    source = _resolve()
    if source.url is not None:
        _failed.pop(source.url, None)
    return source


def refresh() -> DataSource:
    """Find this run's data (store or files), load it if it changed, keep it for the pages.

    Called once per run by ``app.py``, before the sidebar and the page.

    Returns
    -------
    DataSource
        Also in ``st.session_state[SOURCE_STATE_KEY]``.
    """
    source = _resolve()
    st.session_state[SOURCE_STATE_KEY] = source
    return source


def current_source() -> DataSource:
    """This run's data source (:func:`refresh` if the router has not set it)."""
    source = st.session_state.get(SOURCE_STATE_KEY)
    return source if isinstance(source, DataSource) else refresh()


def poll_state() -> tuple:
    """The store's state now: ``("ok", revision)``, ``("down",)``, or ``("files",)`` (no store)."""
    url = current_source().url  # resolved once per run, not re-read from secrets each tick
    if url is None:
        return ("files",)
    try:
        return ("ok", _opened(url).latest_revision())
    except StoreError:
        return ("down",)


def data_stamp() -> tuple:
    """The cache key of the current data: store and revision, or the files' stamp."""
    return current_source().key


def data_dir() -> Path:
    """The geodata-style folder of the current data (briefings, raw sources are read from it)."""
    return current_source().folder


def get_catalog() -> Catalog:
    """The loaded data: the store as of its latest revision (else the data files)."""
    return current_source().catalog


def catalog_defaults(catalog: Catalog) -> Filters:
    """The show-everything filters for this data, worked out once per data version."""
    # Its date range scans every event: 0.06 s a run with 100,000 of them.
    return catalog.derived("show_all", lambda: show_all(catalog))


@st.cache_resource(max_entries=64, show_spinner=False)
def _shared(name: str, key: str, _compute: Callable[[], T]) -> T:
    return _compute()


def shared(name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """``compute()`` once per data version and ``parts``, then read by every session.

    For what a page derives from the data and the filters that costs tenths of a
    second a run (selecting 100,000 events, placing sites on the border, building
    charts): the same data and the same ``parts`` give the same value, so it is
    worked out once (the last 64 kept across names) and shared. The value is read,
    never changed, by the pages that show it.

    Parameters
    ----------
    name : str
        What is computed (part of the key: two values never share an entry).
    parts : tuple
        Everything else the value depends on (filters, focus…), by its ``repr``.
    compute : callable
        Makes the value.

    Returns
    -------
    object
        The shared value.
    """
    return _shared(name, repr((data_stamp(), parts)), compute)


def cached_select(catalog: Catalog, filters: Filters, focus: Focus | None = None) -> Selection:
    """:func:`lib.model.select.select`, shared by every session on the same data and filters.

    Filtering 100,000 events takes ~0.5 s a run (:func:`shared`).

    Parameters
    ----------
    catalog : Catalog
        The loaded data.
    filters : Filters
        Groups, dates and minimum confidence.
    focus : Focus, optional
        The feature the map opens on.

    Returns
    -------
    Selection
        The shared selection.
    """
    return shared("select", (filters, focus), lambda: select(catalog, filters, focus))


def search_index(catalog: Catalog) -> list[SearchEntry]:
    """The search index of the loaded data, built once per data version."""
    return catalog.derived("search_index", lambda: build_index(catalog))


def briefing_facts(catalog: Catalog) -> dict[str, str]:
    """The figures briefing captions quote, measured once per data version."""
    return catalog.derived("briefing_facts", lambda: measure_briefing_facts(catalog))


def briefing_vocabulary(catalog: Catalog) -> Vocabulary:
    """The names a briefing file may use (layers, groups, dates, ids), once per data version."""
    return catalog.derived("briefing_vocabulary", lambda: vocabulary(catalog))
