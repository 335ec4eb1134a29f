"""Where each kind of feature lives in the data: its table, id column and name column.

This is the data half of the registry of feature kinds; :mod:`lib.model.kinds`
adds what the reader sees (the kind's label, whether a link may focus it). A kind
is named in annotations (``zagros:site/camp-a``), in links (``focus=site:camp-a``)
and in search results; its ids are found in one of three stores:

- ``curated``: a curated CSV layer (:class:`lib.data.curated.CuratedData`), by its id column;
- ``boundaries``: any boundary layer (border, governorates, disputed districts...), by ``id``;
- ``gazetteer``: the GeoNames towns, by ``geonameid``.

Adding a kind means one :class:`FeatureSource` here and one
:class:`lib.model.kinds.Kind` there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Store = Literal["curated", "boundaries", "gazetteer"]


@dataclass(frozen=True)
class FeatureSource:
    """Where the features of one kind are found.

    Attributes
    ----------
    kind : str
        The kind's key, as written in annotations and links (``event``).
    store : str
        ``curated``, ``boundaries`` or ``gazetteer``.
    layer : str
        For ``curated``, the field of ``CuratedData`` holding the table (``events``);
        for the other stores, the store's name.
    id_column, name_column : str
        The column holding a feature's id, and the one naming it.
    annotatable : bool
        Whether an annotation body may name the kind (its ids are known when
        annotations load, before the gazetteer).
    """

    kind: str
    store: Store
    layer: str
    id_column: str
    name_column: str
    annotatable: bool = True


#: Every kind of feature, in the order kinds are listed to readers and editors.
FEATURE_SOURCES: tuple[FeatureSource, ...] = (
    FeatureSource("event", "curated", "events", "event_id", "title"),
    FeatureSource("site", "curated", "sites", "site_id", "name"),
    FeatureSource("crossing", "curated", "crossings", "crossing_id", "name"),
    FeatureSource("place", "curated", "places", "place_id", "name"),
    FeatureSource("group", "curated", "groups", "group_id", "name"),
    FeatureSource("boundary", "boundaries", "boundaries", "id", "name"),
    FeatureSource("claim", "curated", "claims", "claim_id", "statement"),
    FeatureSource("town", "gazetteer", "gazetteer", "geonameid", "name", annotatable=False),
)
#: The same, by kind.
FEATURES: dict[str, FeatureSource] = {source.kind: source for source in FEATURE_SOURCES}
#: Kinds an annotation body may name (``zagros:<kind>/<id>``).
BODY_KINDS: tuple[str, ...] = tuple(s.kind for s in FEATURE_SOURCES if s.annotatable)
