"""The border page's words and tables, assembled from the measurements.

The page (``pages/border.py``) only lays these out with Streamlit; the sentences
and the tables' columns are built here, from :mod:`lib.analysis.border` results,
so they can be tested without running the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from pandas.io.formats.style import Styler

from lib.analysis.border import BorderAnalysis
from lib.analysis.border.placement import place_on_border
from lib.analysis.border.relocation import relocation_moves, short_name
from lib.analysis.border.segments import kri_share, kri_stretch_km
from lib.geo.geodesy import format_km

NO_BORDER = "The border layer did not load, so there is nothing to measure (see the data banner)."
INTRO = (
    "Every figure on this page is measured from the map data on the WGS84 ellipsoid. "
    "Sites follow the sidebar filters; stand-in locations carry their uncertainty (±)."
)
LENGTH_LEAD = (
    "**The more detailed the line, the longer it measures** — every small bend a finer map "
    "keeps adds length (the *coastline effect*), so a 1:10m line comes out hundreds of km "
    "shorter than OpenStreetMap's, and published figures differ by the map behind them."
)
ZONE_NOTE = (
    "Dotted lines join each site to its nearest border point. Dashed rings: the stand-in "
    "location's uncertainty. Arrows: the moves of section 5."
)
RELOCATION_LEAD = (
    "Arrows on the map join each group's former base to its camp after the 2023 agreement. "
    "The locations are stand-ins (a town or an area), so each distance carries the two ends' "
    "uncertainty: **± is the sum of their radii**."
)
#: How the page's tables show their columns: a header, or (Streamlit column type, header,
#: options). Plain data here; the page turns it into Streamlit column configs.
LENGTH_COLUMNS = {
    "figure": ("TextColumn", "Line or figure", {"width": "medium"}),
    "km": ("NumberColumn", "km", {"format": "%.1f"}),
    "source": ("TextColumn", None, {"width": "large"}),
}
SEGMENT_COLUMNS = {
    "colour": ("TextColumn", "", {"width": 28}),
    "governorate": "Iraq",
    "province": "Iran",
    "length_km": ("NumberColumn", "km", {"format": "%.1f"}),
    "share": ("NumberColumn", "share", {"format": "percent"}),
}
PLACED_COLUMNS = {
    "name": ("TextColumn", None, {"width": "large"}),
    "chainage_km": ("NumberColumn", "km along the border", {"format": "%.0f"}),
    "distance_text": "to the border",
}
ZONE_SITE_COLUMNS = {
    "name": ("TextColumn", "Site in the zone", {"width": "large"}),
    "distance_text": "to the border",
}
MOVE_COLUMNS = {
    "from_name": "From",
    "to_name": "To",
    "distance_km": ("NumberColumn", "moved, km", {"format": "%.1f"}),
    "plus_minus_km": ("NumberColumn", "± km", {"format": "%.0f"}),
    "from_border_km": ("NumberColumn", "before: to border, km", {"format": "%.1f"}),
    "to_border_km": ("NumberColumn", "after: to border, km", {"format": "%.1f"}),
}
#: Headers of the relocation summary table, by column.
SUMMARY_HEADERS = {
    "group": "Group",
    "before": "Before the relocation (to the border)",
    "after": "After",
    "moved": "Moved",
}
MOVE_FIELDS = [
    "group",
    "from_name",
    "to_name",
    "distance_km",
    "plus_minus_km",
    "from_border_km",
    "to_border_km",
]


@dataclass(frozen=True)
class BorderPlaces:
    """The shown sites and crossings on the border, and the groups' moves.

    Attributes
    ----------
    sites, crossings : pandas.DataFrame
        :func:`~lib.analysis.border.placement.place_on_border` of the filtered rows.
    placed : pandas.DataFrame
        Crossings then sites (for the chainage chart and table).
    moves : pandas.DataFrame
        :func:`~lib.analysis.border.relocation.relocation_moves` of the sites.
    kri_km : float
        The Kurdistan Region's stretch of the border, km.
    kri_share : float
        Its share of the border (0–1).
    """

    sites: pd.DataFrame
    crossings: pd.DataFrame
    placed: pd.DataFrame
    moves: pd.DataFrame
    kri_km: float
    kri_share: float


def border_places(
    analysis: BorderAnalysis, sites: gpd.GeoDataFrame, crossings: gpd.GeoDataFrame
) -> BorderPlaces:
    """Place the shown sites and crossings on the measured border.

    Parameters
    ----------
    analysis : BorderAnalysis
        The measured border.
    sites, crossings : geopandas.GeoDataFrame
        The rows the sidebar filters keep.

    Returns
    -------
    BorderPlaces
        Everything sections 2–5 of the page draw besides the analysis itself.
    """
    border, segments = analysis.border, analysis.segments
    on_sites = place_on_border(border, sites, "site_id", "site")
    on_crossings = place_on_border(border, crossings, "crossing_id", "crossing")
    # The filters may leave either empty; only two non-empty frames are joined.
    if on_sites.empty:
        placed = on_crossings
    elif on_crossings.empty:
        placed = on_sites
    else:
        placed = pd.concat([on_crossings, on_sites])
    return BorderPlaces(
        sites=on_sites,
        crossings=on_crossings,
        placed=placed,
        moves=relocation_moves(on_sites),
        kri_km=kri_stretch_km(segments),
        kri_share=kri_share(segments),
    )


def lengths_table(lengths: pd.DataFrame) -> pd.DataFrame:
    """The length table as shown: vertex counts as text (blank for a published figure)."""
    shown = lengths.assign(
        vertices=lengths["vertices"].map(lambda v: "" if pd.isna(v) else f"{v:,}")
    )
    return shown[["figure", "kind", "km", "vertices", "detail", "source"]]


def segments_sentence(segments: pd.DataFrame, kri_km: float, share: float) -> str:
    """Which governorates face Iran along the Kurdistan Region's stretch, and the rest (markdown).

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`~lib.analysis.border.segments.split_border` output.
    kri_km : float
        The Kurdistan Region's stretch, km.
    share : float
        Its share of the border (0–1).

    Returns
    -------
    str
        One paragraph of markdown.
    """
    kri_names = list(dict.fromkeys(segments.loc[segments["in_kri"], "governorate"]))
    other_names = list(dict.fromkeys(segments.loc[~segments["in_kri"], "governorate"]))
    return (
        f"The Kurdistan Region's governorates ({', '.join(kri_names)}) face Iran along "
        f"**{format_km(kri_km)} — {share:.1%}** of the border; the rest runs along "
        f"{', '.join(other_names)}. A segment ends where the governorate or the province changes."
    )


def segments_table(segments: pd.DataFrame, total_km: float) -> Styler:
    """Segments with their share of the border, the colour cell painted in the segment's colour.

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`~lib.analysis.border.segments.split_border` output.
    total_km : float
        The whole line's length.

    Returns
    -------
    pandas.io.formats.style.Styler
        ``colour``, ``governorate``, ``province``, ``length_km``, ``share``.
    """
    table = segments.assign(share=segments["length_km"] / total_km)
    return table[["colour", "governorate", "province", "length_km", "share"]].style.map(
        lambda c: f"background-color: {c}; color: {c}", subset=["colour"]
    )


def segments_caption(segments: pd.DataFrame, total_km: float) -> str:
    """The segments' sum beside the whole line's length."""
    return (
        f"Segments sum to {segments['length_km'].sum():,.1f} km; the whole line measures "
        f"{total_km:,.1f} km. Hover a segment on the map for its length."
    )


def placed_table(placed: pd.DataFrame) -> pd.DataFrame:
    """Crossings and sites on the border line, as the chainage table shows them."""
    return placed[["kind", "name", "group", "chainage_km", "distance_text"]]


def zone_sentence(
    inside: pd.DataFrame, sites: pd.DataFrame, width_km: float, counts: pd.DataFrame
) -> str:
    """How many of the shown sites lie in the zone, in all and by group (markdown).

    Parameters
    ----------
    inside : pandas.DataFrame
        :func:`~lib.analysis.border.zone.sites_in_zone` output.
    sites : pandas.DataFrame
        Every shown site placed on the border.
    width_km : float
        The zone's width.
    counts : pandas.DataFrame
        :func:`~lib.analysis.border.zone.zone_counts` of ``inside``.

    Returns
    -------
    str
        One paragraph of markdown.
    """
    return (
        f"**{len(inside)} of {len(sites)} sites** lie within **{width_km} km** of the border, "
        "inside Iraq. By group: "
        + " · ".join(
            f"{g} **{n}**" for g, n in zip(counts["group"], counts["sites in zone"], strict=True)
        )
    )


def zone_sites_table(inside: pd.DataFrame) -> pd.DataFrame:
    """The sites in the zone, short names, nearest first."""
    return inside.assign(name=inside["name"].map(short_name))[["name", "group", "distance_text"]]


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The relocation summary with its headers, one row per group."""
    return summary.rename(columns=SUMMARY_HEADERS).set_index("Group")


def moves_table(moves: pd.DataFrame) -> pd.DataFrame:
    """The moves with short site names and their distances."""
    return moves.assign(
        from_name=moves["from_name"].map(short_name),
        to_name=moves["to_name"].map(short_name),
    )[MOVE_FIELDS]
