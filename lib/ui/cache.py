"""Cached loaders: the data, and the values derived from it once per data version.

The catalog is shared between sessions (``st.cache_resource``) and reloaded when
a data file changes on disk; derived values are kept on the catalog itself
(``Catalog.derived``), so they go when it goes.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lib.analysis.search import SearchEntry, build_index
from lib.data import paths
from lib.data.catalog import Catalog, load_catalog
from lib.data.catalog import data_stamp as catalog_data_stamp
from lib.model.filters import Filters
from lib.story.briefing import Vocabulary, vocabulary
from lib.story.briefing import briefing_facts as measure_briefing_facts


def data_stamp() -> tuple[tuple[str, int, int], ...]:
    """The cache key of the current data files (see ``lib.data.catalog.data_stamp``)."""
    return catalog_data_stamp(paths.GEODATA_DIR)


@st.cache_resource(show_spinner="Loading map data…")
def _cached_catalog(geodata_dir: str, stamp: tuple) -> Catalog:
    # cache_resource shares one Catalog between sessions; callers must not
    # mutate its frames (every lib function copies before changing).
    return load_catalog(Path(geodata_dir))


def get_catalog() -> Catalog:
    """The loaded data, reloaded when a data file changes on disk."""
    # Looked up on each call so tests can point the app at a doctored copy.
    geodata_dir = paths.GEODATA_DIR
    return _cached_catalog(str(geodata_dir), catalog_data_stamp(geodata_dir))


def catalog_defaults(catalog: Catalog) -> Filters:
    """The show-everything filters for this data."""
    return catalog.show_all_filters()


def search_index(catalog: Catalog) -> list[SearchEntry]:
    """The search index of the loaded data, built once per data version."""
    return catalog.derived("search_index", lambda: build_index(catalog))


def briefing_facts(catalog: Catalog) -> dict[str, str]:
    """The figures briefing captions quote, measured once per data version."""
    return catalog.derived("briefing_facts", lambda: measure_briefing_facts(catalog))


def briefing_vocabulary(catalog: Catalog) -> Vocabulary:
    """The names a briefing file may use (layers, groups, dates, ids), once per data version."""
    return catalog.derived("briefing_vocabulary", lambda: vocabulary(catalog))
