"""Figures measured from the data, and the ``{placeholders}`` of briefing texts they fill."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from lib.data import paths
from lib.data.catalog import Catalog
from lib.data.rows import published_when
from lib.geo.geodesy import format_km

#: Placeholders a text may carry; :func:`briefing_facts` gives their values.
FACT_NAMES: tuple[str, ...] = (
    "border_km",
    "border_km_overview",
    "article_km",
    "published_km_range",
    "published_km_list",
    "kri_border_km",
    "kri_share",
)
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def briefing_facts(catalog: Catalog) -> dict[str, str]:
    """Figures measured from the data, for the captions' placeholders.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.

    Returns
    -------
    dict of str to str
        One formatted value per name of :data:`FACT_NAMES` (``"n/a"`` when
        the data needed is missing).
    """
    # Imported here: the border analysis pulls in pyproj transformers that
    # only this function needs.
    from lib.analysis.border import measured_for
    from lib.analysis.border.segments import kri_share, kri_stretch_km

    facts = dict.fromkeys(FACT_NAMES, "n/a")
    detail_km = catalog.border_km("detail")
    if detail_km:
        facts["border_km"] = format_km(detail_km)
        facts["border_km_overview"] = format_km(catalog.border_km("overview"))
    article_km = catalog.article_border_km()
    if article_km:
        facts["article_km"] = format_km(article_km)
    published = catalog.curated.published_border_lengths["figure_km"].astype(float)
    if not published.empty:
        facts["published_km_range"] = f"{published.min():,.0f}–{published.max():,.0f} km"
        facts["published_km_list"] = published_list(catalog.curated.published_border_lengths)
    analysis = measured_for(catalog, paths.GEODATA_DIR / "raw")
    if analysis is not None and not analysis.segments.empty:
        facts["kri_border_km"] = format_km(kri_stretch_km(analysis.segments))
        facts["kri_share"] = f"{kri_share(analysis.segments):.0%}"
    return facts


def published_list(lengths: pd.DataFrame) -> str:
    """Every published border length, smallest first: ``Peregraf 1,400 km (16 Aug 2025); …``.

    Parameters
    ----------
    lengths : pandas.DataFrame
        The published figures table (``figure_km``, ``by``, ``date``).

    Returns
    -------
    str
        One entry per row, so a new sourced figure reaches the notes by itself.
    """
    rows = lengths.sort_values("figure_km", kind="stable").to_dict("records")
    return "; ".join(
        f"{row['by']} {float(row['figure_km']):,.0f} km ({published_when(row['date'])})"
        for row in rows
    )


def placeholders(text: str) -> list[str]:
    """The ``{name}`` placeholders in a text, in order."""
    return _PLACEHOLDER_RE.findall(text)


def fill(text: str, facts: Mapping[str, str]) -> str:
    """Replace the known ``{placeholders}`` of a text with measured figures.

    Unknown names are left as they are (validation has reported them), so a
    brace in user text never raises.
    """
    return _PLACEHOLDER_RE.sub(lambda m: facts.get(m.group(1), m.group(0)), text)
