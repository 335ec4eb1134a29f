"""Border analysis: how long the border is, whose stretch it is, how far the groups moved."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from lib.analysis import border_analysis as ba
from lib.analysis.claims import check_claims
from lib.data import paths
from lib.geo.geodesy import format_km
from lib.maps.map_assets import localize_map
from lib.model.filters import filter_crossings, filter_sites, group_colours
from lib.ui import core as ui


@st.cache_resource(show_spinner="Drawing the border zone…")
def _band(geodata_dir: str, stamp: tuple, width_km: int, _measured: ba.BorderAnalysis):
    return ba.zone_band(_measured.border.line, width_km, _measured.iraq)


ui.ensure_router()
catalog = ui.get_catalog()
# Set by app.py's sidebar; the defaults let the page also run on its own (page tests).
filters = st.session_state.get("zb_filters") or ui.catalog_defaults(catalog)
geodata_dir = str(paths.GEODATA_DIR)
stamp = ui.data_stamp()
with st.spinner("Measuring the border…"):
    analysis = ba.measured_for(catalog, paths.GEODATA_DIR / "raw")

st.title("The border, measured")
if analysis is None:
    st.error("The border layer did not load, so there is nothing to measure (see the data banner).")
    st.stop()

groups = catalog.curated.groups
colours = group_colours(groups)
border = analysis.border
segments = analysis.segments
share = ba.kri_share(segments)
kri_km = ba.kri_stretch_km(segments)
sites = ba.place_on_border(border, filter_sites(catalog.curated.sites, filters), "site_id", "site")
crossings = ba.place_on_border(
    border, filter_crossings(catalog.curated.crossings, filters), "crossing_id", "crossing"
)
article_km = catalog.article_border_km()

st.caption(
    "Every figure on this page is measured from the map data on the WGS84 ellipsoid. "
    "Sites follow the sidebar filters; stand-in locations carry their uncertainty (±)."
)
m1, m2, m3, m4 = st.columns(4)
m1.metric("Border, measured (detail layer)", format_km(border.length_km))
if article_km:
    m2.metric("The article says", format_km(article_km))
m3.metric(
    "Kurdistan Region's stretch",
    format_km(kri_km),
    f"{share:.1%} of the border",
    delta_color="off",
    delta_arrow="off",
)
m4.metric("Crossings placed on the line", f"{len(crossings)}")

# --- 1. length by source -----------------------------------------------------------------
st.subheader("1 · How long is the border?")
st.markdown(
    "**The more detailed the line, the longer it measures** — every small bend a finer map "
    "keeps adds length (the *coastline effect*), so a 1:10m line comes out hundreds of km "
    "shorter than OpenStreetMap's, and published figures differ by the map behind them."
)
st.altair_chart(ba.length_chart(analysis.lengths), width="stretch")
# The article's figure, checked against every line above and every published figure.
for check in check_claims(catalog, raw_dir=paths.GEODATA_DIR / "raw", kind="border_length"):
    with st.container(border=True, key=f"zb_claim_{check.claim_id}"):
        st.markdown(
            f"**The article: “{ui.md_escape(check.statement)}”** — *{check.verdict}*. "
            + ui.md_escape(check.summary)
        )
        if check.why:
            st.caption(ui.md_escape(check.why))
with st.expander("Lengths and vertex counts (table)"):
    st.dataframe(
        analysis.lengths.assign(
            vertices=analysis.lengths["vertices"].map(lambda v: "" if pd.isna(v) else f"{v:,}")
        )[["figure", "kind", "km", "vertices", "detail", "source"]],
        hide_index=True,
        width="stretch",
        column_config={
            "figure": st.column_config.TextColumn("Line or figure", width="medium"),
            "km": st.column_config.NumberColumn("km", format="%.1f"),
            "source": st.column_config.TextColumn(width="large"),
        },
    )
for problem in analysis.problems:
    st.warning(f"Not measured: {problem}")

# --- 2. segments -------------------------------------------------------------------------
st.subheader("2 · Whose stretch of the border?")
kri_names = list(dict.fromkeys(segments.loc[segments["in_kri"], "governorate"]))
other_names = list(dict.fromkeys(segments.loc[~segments["in_kri"], "governorate"]))
st.markdown(
    f"The Kurdistan Region's governorates ({', '.join(kri_names)}) face Iran along "
    f"**{format_km(kri_km)} — {share:.1%}** of the border; the rest runs along "
    f"{', '.join(other_names)}. A segment ends where the governorate or the province changes."
)
left, right = st.columns([1, 1], gap="medium")
with left:
    st_folium(
        localize_map(ba.build_segments_map(analysis, crossings, basemap=ui.current_basemap())),
        key="border_segments_map",
        height=500,
        use_container_width=True,
        returned_objects=[],
    )
table = segments.assign(share=segments["length_km"] / border.length_km)
right.dataframe(
    table[["colour", "governorate", "province", "length_km", "share"]].style.map(
        lambda c: f"background-color: {c}; color: {c}", subset=["colour"]
    ),
    hide_index=True,
    width="stretch",
    height=38 + 35 * len(table),
    column_config={
        "colour": st.column_config.TextColumn("", width=28),
        "governorate": "Iraq",
        "province": "Iran",
        "length_km": st.column_config.NumberColumn("km", format="%.1f"),
        "share": st.column_config.NumberColumn("share", format="percent"),
    },
)
right.caption(
    f"Segments sum to {table['length_km'].sum():,.1f} km; the whole line measures "
    f"{border.length_km:,.1f} km. Hover a segment on the map for its length."
)

# --- 3. chainage -------------------------------------------------------------------------
st.subheader("3 · Along the border, km from the Turkey tripoint")
placed = crossings if sites.empty else sites if crossings.empty else pd.concat([crossings, sites])
st.altair_chart(ba.chainage_chart(segments, placed, colours, border.length_km), width="stretch")
with st.expander("Crossings and sites on the border line (table)"):
    st.dataframe(
        placed[["kind", "name", "group", "chainage_km", "distance_text"]],
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn(width="large"),
            "chainage_km": st.column_config.NumberColumn("km along the border", format="%.0f"),
            "distance_text": "to the border",
        },
    )

# --- 4. border zone and 5. relocation ----------------------------------------------------
moves = ba.relocation_moves(sites)


@st.fragment
def border_zone() -> None:
    # Moving the slider reruns this section only: the charts and maps above stay.
    st.subheader("4 · The border zone on the Iraqi side")
    slider_col, sentence_col = st.columns([1, 1], gap="large")
    width_km = slider_col.slider(
        "Zone width (km from the border line, inside Iraq)",
        min_value=ba.ZONE_MIN_KM,
        max_value=ba.ZONE_MAX_KM,
        value=ba.ZONE_DEFAULT_KM,
        step=5,
        key="zb_zone_km",
    )
    band = _band(geodata_dir, stamp, width_km, analysis)
    inside = ba.sites_in_zone(sites, band)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st_folium(
            localize_map(
                ba.build_zone_map(
                    analysis, band, width_km, sites, moves, colours, basemap=ui.current_basemap()
                )
            ),
            key="border_zone_map",
            height=520,
            use_container_width=True,
            returned_objects=[],
        )
    counts = ba.zone_counts(inside, groups)
    sentence_col.markdown(
        f"**{len(inside)} of {len(sites)} sites** lie within **{width_km} km** of the border, inside "
        "Iraq. By group: "
        + " · ".join(
            f"{g} **{n}**" for g, n in zip(counts["group"], counts["sites in zone"], strict=True)
        )
    )
    with right:
        st.dataframe(
            inside.assign(name=inside["name"].map(ba.short_name))[
                ["name", "group", "distance_text"]
            ],
            key="zb_zone_sites",
            hide_index=True,
            width="stretch",
            column_config={
                "name": st.column_config.TextColumn("Site in the zone", width="large"),
                "distance_text": "to the border",
            },
        )
        st.caption(
            "Dotted lines join each site to its nearest border point. Dashed rings: the stand-in "
            "location's uncertainty. Arrows: the moves of section 5."
        )


border_zone()

st.subheader("5 · How far were the groups moved?")
st.markdown(
    "Arrows on the map join each group's former base to its camp after the 2023 agreement. "
    "The locations are stand-ins (a town or an area), so each distance carries the two ends' "
    "uncertainty: **± is the sum of their radii**."
)
summary = ba.relocation_summary(
    sites, moves, groups, catalog.curated.sites.set_index("site_id")["notes"]
)
# A table that wraps: these cells are sentences, not numbers.
st.table(
    summary.rename(
        columns={
            "group": "Group",
            "before": "Before the relocation (to the border)",
            "after": "After",
            "moved": "Moved",
        }
    ).set_index("Group")
)
if not moves.empty:
    st.dataframe(
        moves.assign(
            from_name=moves["from_name"].map(ba.short_name),
            to_name=moves["to_name"].map(ba.short_name),
        )[
            [
                "group",
                "from_name",
                "to_name",
                "distance_km",
                "plus_minus_km",
                "from_border_km",
                "to_border_km",
            ]
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "from_name": "From",
            "to_name": "To",
            "distance_km": st.column_config.NumberColumn("moved, km", format="%.1f"),
            "plus_minus_km": st.column_config.NumberColumn("± km", format="%.0f"),
            "from_border_km": st.column_config.NumberColumn("before: to border, km", format="%.1f"),
            "to_border_km": st.column_config.NumberColumn("after: to border, km", format="%.1f"),
        },
    )
