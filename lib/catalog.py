"""Everything the app draws, loaded once: curated layers plus boundary layers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lib.boundaries import BoundaryLayers, load_boundaries
from lib.curated import CuratedData, load_curated
from lib.paths import GEODATA_DIR
from lib.validation import DataIssue


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

    @property
    def issues(self) -> list[DataIssue]:
        """Every data issue found while loading, curated first."""
        return [*self.curated.issues, *self.boundaries.issues]


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
    return Catalog(
        curated=load_curated(geodata_dir / "curated"),
        boundaries=load_boundaries(geodata_dir / "layers"),
    )
