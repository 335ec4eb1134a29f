"""The registry of feature kinds: what each kind is called and where its features are.

A feature is named ``<kind>:<id>`` in links and ``zagros:<kind>/<id>`` in
annotations; search finds features of every kind. Each kind's label is the one
word or phrase the reader sees for it everywhere (search results, the article's
highlights and their key, tables). Where a kind's features are stored (table, id
column, name column) is :mod:`lib.data.features`, the data half of this registry,
which the data layer uses on its own when it loads annotations.

Disputed districts are not a kind of their own: their outlines are features of the
``disputed_territories`` boundary layer, found as ``boundary``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.data.catalog import Catalog
from lib.data.features import FEATURES, FeatureSource


@dataclass(frozen=True)
class Kind:
    """One kind of feature.

    Attributes
    ----------
    key : str
        As written in links and annotations (``crossing``).
    label : str
        What the reader is shown (``Border crossing``).
    source : lib.data.features.FeatureSource
        Where its features are: store, table, id column, name column.
    """

    key: str
    label: str
    source: FeatureSource

    @property
    def id_column(self) -> str:
        """The column holding a feature's id."""
        return self.source.id_column

    @property
    def name_column(self) -> str:
        """The column naming a feature."""
        return self.source.name_column


_LABELS: dict[str, str] = {
    "event": "Event",
    "site": "Site",
    "crossing": "Border crossing",
    "place": "Place",
    "group": "Group",
    "boundary": "Border or region",
    "claim": "Checkable claim",
    "town": "Town (GeoNames)",
}
#: Every kind, by key, in the order kinds are listed to readers (the article's key).
KINDS: dict[str, Kind] = {key: Kind(key, _LABELS[key], source) for key, source in FEATURES.items()}
#: Kinds a link may focus the map on: all of them (``town`` is a GeoNames place found by search).
FOCUS_KINDS: tuple[str, ...] = tuple(KINDS)


def kind_label(kind: str) -> str:
    """What the reader is shown for a kind (the key itself for an unknown kind).

    Parameters
    ----------
    kind : str
        A kind's key (``boundary``).

    Returns
    -------
    str
        Its label (``Border or region``).
    """
    entry = KINDS.get(kind)
    return entry.label if entry else kind


def find_feature(catalog: Catalog, kind: str, ref: str) -> pd.Series | None:
    """The row of one feature: a curated row, a boundary feature or a GeoNames town.

    Parameters
    ----------
    catalog : lib.data.catalog.Catalog
        Loaded data.
    kind, ref : str
        The feature's kind and id.

    Returns
    -------
    pandas.Series or None
        Its row (the kind's ``name_column`` names it), or None when nothing has that id.
    """
    entry = KINDS.get(kind)
    if entry is None:
        return None
    if entry.source.store == "boundaries":
        return catalog.boundaries.find(ref)
    table = catalog.feature_table(kind)
    if table is None:
        return None
    frame, key, _ = table
    rows = frame[frame[key] == ref]
    return None if rows.empty else rows.iloc[0]


def feature_name(catalog: Catalog, kind: str, ref: str) -> str | None:
    """The name of one feature, or None when nothing of that kind has the id."""
    row = find_feature(catalog, kind, ref)
    return None if row is None else str(row[KINDS[kind].name_column])
