"""Everything the app draws, loaded once: curated layers plus boundary layers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import geopandas as gpd
import pandas as pd

from lib.data.annotations import ResolvedAnnotation, index_by_target, load_annotations
from lib.data.articles import Article, load_articles
from lib.data.boundaries import BOUNDARY_LAYERS, BoundaryLayers, load_boundaries
from lib.data.curated import CuratedData, load_curated
from lib.data.features import FEATURE_SOURCES, FEATURES
from lib.data.gazetteer import load_gazetteer
from lib.data.paths import GEODATA_DIR
from lib.data.validation import DataIssue
from lib.geo.geodesy import length_km

if TYPE_CHECKING:
    pass

T = TypeVar("T")


@dataclass
class Catalog:
    """The project's data as the app uses it.

    Attributes
    ----------
    curated : CuratedData
        Groups, sites, crossings, events and published figures.
    boundaries : BoundaryLayers
        Border, countries, governorates, Kurdistan Region, Iran's provinces.
    """

    curated: CuratedData
    boundaries: BoundaryLayers
    articles: dict[str, Article] = field(default_factory=dict)
    annotations: list[ResolvedAnnotation] = field(default_factory=list)
    text_issues: list[DataIssue] = field(default_factory=list)
    gazetteer: gpd.GeoDataFrame | None = None

    @property
    def issues(self) -> list[DataIssue]:
        """Every data issue found while loading: curated, boundaries, articles."""
        return [*self.curated.issues, *self.boundaries.issues, *self.text_issues]

    def annotations_for(self, kind: str, ref: str) -> list[ResolvedAnnotation]:
        """The article passages that report on one feature."""
        return self._by_target.get((kind, ref), [])

    def __post_init__(self) -> None:
        self._by_target = index_by_target(self.annotations)
        self._derived: dict[str, object] = {}

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """A value derived from this catalog, computed on first use and kept with it.

        A loaded catalog never changes (new data means a new catalog), so what
        is derived from it — the search index, the focus ids, measured
        figures — lives exactly as long as it does, under the same cache key.
        """
        if name not in self._derived:
            self._derived[name] = compute()
        return self._derived[name]  # type: ignore[return-value]

    def border_km(self, lod: str = "detail") -> float:
        """Geodesic length of the border line at a level of detail (0 if it did not load)."""

        def measure() -> float:
            border = self.boundaries.get("border", lod)
            return sum(length_km(g) for g in border.geometry) if not border.empty else 0.0

        return self.derived(f"border_km_{lod}", measure)

    def article_border_km(self) -> float | None:
        """The border length the seed article gives, from the published figures table."""
        lengths = self.curated.published_border_lengths
        article = lengths[lengths["by"].str.contains("seed article", case=False, na=False)]
        return float(article["figure_km"].iloc[0]) if not article.empty else None

    def feature_table(self, kind: str) -> tuple[pd.DataFrame, str, str] | None:
        """The table of a kind of feature: (frame, id column, name column).

        Parameters
        ----------
        kind : str
            A kind of :data:`lib.data.features.FEATURES` (``event``, ``site``, ``town``...).

        Returns
        -------
        tuple or None
            None for boundaries (spread over several layers: ``boundaries.find``),
            for towns when the gazetteer did not load, and for unknown kinds.
        """
        source = FEATURES.get(kind)
        if source is None or source.store == "boundaries":
            return None
        if source.store == "gazetteer":
            frame = self.gazetteer
            if frame is None:
                return None
        else:
            frame = getattr(self.curated, source.layer)
        return frame, source.id_column, source.name_column

    def focus_ids(self) -> dict[str, set[str]]:
        """The ids of every kind of feature (towns: GeoNames ids), for checking links."""

        def compute() -> dict[str, set[str]]:
            known = known_references(self.curated, self.boundaries)
            for source in FEATURE_SOURCES:
                if source.store == "gazetteer":
                    towns = self.gazetteer
                    known[source.kind] = (
                        set(towns[source.id_column]) if towns is not None else set()
                    )
            return known

        return self.derived("focus_ids", compute)


def known_references(curated: CuratedData, boundaries: BoundaryLayers) -> dict[str, set[str]]:
    """The ids an annotation body may name, per kind (:data:`lib.data.features.BODY_KINDS`)."""
    known: dict[str, set[str]] = {}
    for source in FEATURE_SOURCES:
        if not source.annotatable:
            continue
        if source.store == "curated":
            known[source.kind] = set(getattr(curated, source.layer)[source.id_column])
        elif source.store == "boundaries":
            known[source.kind] = {
                ref
                for layer in BOUNDARY_LAYERS
                for ref in boundaries.get(layer, "overview")[source.id_column]
            }
    return known


def load_catalog(geodata_dir: Path = GEODATA_DIR) -> Catalog:
    """Load and validate all data under ``geodata/``.

    Parameters
    ----------
    geodata_dir : pathlib.Path
        The project's ``geodata`` folder (tests pass a broken copy).

    Returns
    -------
    Catalog
        Never raises for bad data; look at ``issues``.
    """
    curated = load_curated(geodata_dir / "curated")
    boundaries = load_boundaries(geodata_dir / "layers")
    articles, issues = load_articles(geodata_dir / "articles")
    annotations, found = load_annotations(
        geodata_dir / "annotations", articles, known_references(curated, boundaries)
    )
    gazetteer, gazetteer_issues = load_gazetteer(geodata_dir / "raw")
    return Catalog(
        curated, boundaries, articles, annotations, [*issues, *found, *gazetteer_issues], gazetteer
    )


def data_stamp(geodata_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of every data file: a cache key.

    Parameters
    ----------
    geodata_dir : pathlib.Path
        The ``geodata`` folder.

    Returns
    -------
    tuple
        ``(relative path, size, mtime_ns)`` per file, sorted; it changes
        whenever a data file does.
    """
    stamp = []
    for path in sorted(p for p in geodata_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        stamp.append((str(path.relative_to(geodata_dir)), stat.st_size, stat.st_mtime_ns))
    return tuple(stamp)
