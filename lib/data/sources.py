"""A summary of every layer's provenance, for the sources page."""

from __future__ import annotations

import pandas as pd

from lib.data.boundaries import BASEMAP_LAYERS, BOUNDARY_LAYERS, LEVELS_OF_DETAIL
from lib.data.catalog import Catalog
from lib.data.gazetteer import GAZETTEER_LICENCE, GAZETTEER_SOURCE

CURATED_LAYERS: tuple[str, ...] = (
    "groups",
    "sites",
    "crossings",
    "source_positions",
    "events",
    "places",
    "claims",
    "camp_counts",
    "published_border_lengths",
    "disputed_districts",
)


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
    for layer in CURATED_LAYERS:
        rows.append(
            {
                "layer": curated.titles.get(layer, layer),
                "features": len(getattr(curated, layer)),
                "source": "Cited reports, row by row (see the sources column of each row)",
                "licence": curated.licences.get(layer, ""),
            }
        )
    for layer in (*BOUNDARY_LAYERS, *BASEMAP_LAYERS):
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
    for article in catalog.articles.values():
        passages = sum(
            1 for a in catalog.annotations if a.annotation.article_id == article.article_id
        )
        rows.append(
            {
                "layer": f"Article: {article.outlet}, {article.published:%d %b %Y}",
                "features": passages,
                "source": article.source or article.url,
                "licence": f"{article.licence}; annotations CC BY 4.0 — Zagros Brief",
            }
        )
    towns = catalog.gazetteer
    rows.append(
        {
            "layer": "Gazetteer (search)",
            "features": 0 if towns is None else len(towns),
            "source": GAZETTEER_SOURCE,
            "licence": GAZETTEER_LICENCE,
        }
    )
    return pd.DataFrame(rows)
