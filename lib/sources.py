"""A summary of every layer's provenance, for the sources page."""

from __future__ import annotations

import pandas as pd

from lib.boundaries import BOUNDARY_LAYERS, LEVELS_OF_DETAIL
from lib.catalog import Catalog


def layer_summary(catalog: Catalog) -> pd.DataFrame:
    """One row per layer (and level of detail) with its count, source and licence.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.

    Returns
    -------
    pandas.DataFrame
        Columns ``layer``, ``features``, ``source``, ``licence``.
    """
    rows = []
    curated = catalog.curated
    for layer in (
        "groups",
        "sites",
        "crossings",
        "events",
        "camp_counts",
        "published_border_lengths",
    ):
        frame = getattr(curated, layer)
        rows.append(
            {
                "layer": curated.titles.get(layer, layer),
                "features": len(frame),
                "source": "Cited reports, row by row (see the sources column of each row)",
                "licence": curated.licences.get(layer, ""),
            }
        )
    for layer in BOUNDARY_LAYERS:
        for lod in LEVELS_OF_DETAIL:
            frame = catalog.boundaries.get(layer, lod)
            rows.append(
                {
                    "layer": f"{layer.replace('_', ' ')} ({lod})",
                    "features": len(frame),
                    "source": "; ".join(sorted(set(frame["source"]))) if len(frame) else "",
                    "licence": "; ".join(sorted(set(frame["licence"]))) if len(frame) else "",
                }
            )
    return pd.DataFrame(rows)
