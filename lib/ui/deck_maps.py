"""The briefing deck's map pages and maps as text, made once per data, briefing and basemap.

Kept apart from :mod:`lib.ui.deck`, which declares the deck's component: a module that
declares a component cannot be imported before the server starts (the component
would never be served), and :mod:`lib.ui.serve` draws the file briefings' decks here
before the server listens, for a fresh server's first presenter.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from lib.data.catalog import Catalog
from lib.story.briefing import Briefing
from lib.story.deck_map import deck_map
from lib.story.export_map import served_map_document, step_map_text

#: Decks (data version × briefing × basemap) kept; the launcher draws no more.
DECKS_KEPT = 6


@st.cache_resource(max_entries=DECKS_KEPT, show_spinner="Drawing the briefing's map…")
def _deck_documents(
    _catalog: Catalog, key: tuple, _briefing: Briefing, basemap: str
) -> tuple[str, dict[int, str]]:
    # Nine step maps take about a second: once per data version, briefing and basemap
    # (key), not once per step or per run. Their scripts are the app's files, not
    # inlined: three maps' copies were 1.2 MB of the deck's 3.3 MB arguments.
    deck = deck_map(_catalog, _briefing.steps, basemap=basemap)
    own = {index: served_map_document(fmap) for index, fmap in deck.own_maps.items()}
    return served_map_document(deck.fmap), own


@st.cache_resource(max_entries=DECKS_KEPT, show_spinner=False)
def _map_texts(_catalog: Catalog, key: tuple, _briefing: Briefing) -> list[str]:
    # Every step's map as text, once per data version and briefing (not per report
    # of a step, which reruns the page).
    return [step_map_text(_catalog, step) for step in _briefing.steps]


def briefing_key(data_key: tuple, briefing: Briefing) -> tuple:
    """The cache key of what is drawn from a briefing: the data version and its content.

    Uploads and the draft count too, so the key is the briefing's content, not its id.

    Parameters
    ----------
    data_key : tuple
        The data version (:func:`lib.ui.cache.data_stamp`).
    briefing : Briefing
        The briefing.

    Returns
    -------
    tuple
        ``data_key`` and a hash of the briefing's content.
    """
    return data_key, hashlib.sha256(repr(briefing).encode("utf-8")).hexdigest()


def deck_documents(
    catalog: Catalog, data_key: tuple, briefing: Briefing, basemap: str
) -> tuple[str, dict[int, str]]:
    """The deck map's page and, by step index, the pages of steps with a map of their own.

    A then-and-now step (two synchronised maps) or a playback step is drawn on its
    own map, loaded by the deck after its map and shown in place of it at its step.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    data_key : tuple
        The data version (:func:`lib.ui.cache.data_stamp`).
    briefing : Briefing
        The briefing (uploads and the draft included: keyed by its content).
    basemap : str
        ``online`` or ``offline``.

    Returns
    -------
    tuple of (str, dict of int to str)
        The deck map's page and the own maps' pages (:func:`served_map_document`),
        made once per data version, briefing content and basemap.
    """
    return _deck_documents(catalog, (*briefing_key(data_key, briefing), basemap), briefing, basemap)


def map_texts(catalog: Catalog, data_key: tuple, briefing: Briefing) -> list[str]:
    """Every step's map as text (:func:`lib.story.export_map.step_map_text`), made once.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    data_key : tuple
        The data version.
    briefing : Briefing
        The briefing.

    Returns
    -------
    list of str
        One escaped fragment per step, in order.
    """
    return _map_texts(catalog, briefing_key(data_key, briefing), briefing)
