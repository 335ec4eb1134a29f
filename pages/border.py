"""Border analysis: how long the border is, whose stretch it is, how far the groups moved."""

from __future__ import annotations

import streamlit as st

from lib.analysis.border import measured_for, zone
from lib.analysis.border.relocation import relocation_summary
from lib.analysis.claims import check_claims
from lib.data import paths
from lib.geo.geodesy import format_km
from lib.maps.border_maps import build_segments_map, build_zone_map
from lib.model.filters import filter_crossings, filter_sites, group_colours
from lib.story import border_view as view
from lib.story.border_charts import chainage_chart, chainage_key_html, length_chart
from lib.ui import banners, cache, components, router, sidebar

Col = st.column_config


def _table(frame, columns: dict, **options) -> None:
    """A full-width table without its index; ``columns`` as in ``lib.story.border_view``."""
    config = {
        c: v if isinstance(v, str) else getattr(Col, v[0])(v[1], **v[2]) for c, v in columns.items()
    }
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **options)


router.ensure_router()
catalog = cache.get_catalog()
filters = sidebar.current_filters(catalog)
stamp = cache.data_stamp()
with st.spinner("Measuring the border…"):
    analysis = measured_for(catalog, paths.GEODATA_DIR / "raw")

st.title("The border, measured")
if analysis is None:
    st.error(view.NO_BORDER)
    st.stop()

groups = catalog.curated.groups
colours = group_colours(groups)
border, segments = analysis.border, analysis.segments
# Worked out once per data and filters, then shared by every reader (lib.ui.cache.shared):
# placing the sites, the claims and the charts were ~1 s of each run.
places = cache.shared(
    "border places",
    (filters,),
    lambda: view.border_places(
        analysis,
        filter_sites(catalog.curated.sites, filters),
        filter_crossings(catalog.curated.crossings, filters),
    ),
)
sites, moves = places.sites, places.moves
article_km = catalog.article_border_km()

st.caption(view.INTRO)
m1, m2, m3, m4 = st.columns(4)
m1.metric("Border, measured (detail layer)", format_km(border.length_km))
if article_km:
    m2.metric("The article says", format_km(article_km))
share = f"{places.kri_share:.1%} of the border"
m3.metric("Kurdistan Region's stretch", format_km(places.kri_km), share, "off", delta_arrow="off")
m4.metric("Crossings placed on the line", f"{len(places.crossings)}")

st.subheader("1 · How long is the border?")
st.markdown(view.LENGTH_LEAD)
# The chart is shared; Streamlit converts it each run (~15 ms) under the lock that keeps
# Altair's process-wide data settings from mixing with another page's chart.
st.altair_chart(
    cache.shared("border length chart", (), lambda: length_chart(analysis.lengths)),
    width="stretch",
)
# The article's figure, checked against every line above and every published figure.
claims = cache.shared(
    "border claims",
    (),
    lambda: check_claims(catalog, raw_dir=paths.GEODATA_DIR / "raw", kind="border_length"),
)
for check in claims:
    with st.container(border=True, key=f"zb_claim_{check.claim_id}"):
        st.markdown(
            f"**The article: “{banners.md_escape(check.statement)}”** — *{check.verdict}*. "
            + banners.md_escape(check.summary)
        )
        if check.why:
            st.caption(banners.md_escape(check.why))
with st.expander("Lengths and vertex counts (table)"):
    _table(view.lengths_table(analysis.lengths), view.LENGTH_COLUMNS)
for problem in analysis.problems:
    st.warning(f"Not measured: {problem}")

st.subheader("2 · Whose stretch of the border?")
st.markdown(view.segments_sentence(segments, places.kri_km, places.kri_share))
left, right = st.columns([1, 1], gap="medium")
basemap = sidebar.current_basemap()
# What the maps depend on besides the zone's width: built once, then served from the cache.
signature = repr((stamp, sorted(sidebar.filter_params(catalog).items()), basemap))
with left:
    components.show_cached_map(
        lambda: build_segments_map(analysis, places.crossings, basemap=basemap),
        "segments " + signature,
        "border_segments_map",
        500,
    )
with right:
    table = view.segments_table(segments, border.length_km)
    _table(table, view.SEGMENT_COLUMNS, height=38 + 35 * len(segments))
    st.caption(view.segments_caption(segments, border.length_km))

st.subheader("3 · Along the border, km from the Turkey tripoint")
st.altair_chart(
    cache.shared(
        "chainage chart",
        (filters,),
        lambda: chainage_chart(segments, places.placed, groups, border.length_km),
    ),
    width="stretch",
)
st.html(chainage_key_html(groups, places.placed))
with st.expander("Crossings and sites on the border line (table)"):
    _table(view.placed_table(places.placed), view.PLACED_COLUMNS)


@st.fragment
def border_zone() -> None:
    # Moving the slider reruns this section only: the charts and maps above stay.
    st.subheader("4 · The border zone on the Iraqi side")
    slider_col, sentence_col = st.columns([1, 1], gap="large")
    width_km = slider_col.slider(
        "Zone width (km from the border line, inside Iraq)",
        *(zone.ZONE_MIN_KM, zone.ZONE_MAX_KM, zone.ZONE_DEFAULT_KM, 5),
        key="zb_zone_km",
    )
    # Kept by content (lib.analysis.border.zone): each width once per process, the
    # default one made before the server listens (lib.ui.serve).
    band = zone.zone_band(analysis.border.line, width_km, analysis.iraq)
    inside = zone.sites_in_zone(sites, band)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        components.show_cached_map(
            lambda: build_zone_map(
                analysis, band, width_km, sites, moves, colours, basemap=basemap
            ),
            f"zone {width_km} {signature}",
            "border_zone_map",
            520,
        )
    counts = zone.zone_counts(inside, groups)
    sentence_col.markdown(view.zone_sentence(inside, sites, width_km, counts))
    with right:
        _table(view.zone_sites_table(inside), view.ZONE_SITE_COLUMNS, key="zb_zone_sites")
        st.caption(view.ZONE_NOTE)


border_zone()

st.subheader("5 · How far were the groups moved?")
st.markdown(view.RELOCATION_LEAD)
# A table that wraps: these cells are sentences, not numbers.
st.table(
    cache.shared(
        "relocation summary",
        (filters,),
        lambda: view.summary_table(
            relocation_summary(
                sites, moves, groups, catalog.curated.sites.set_index("site_id")["notes"]
            )
        ),
    )
)
if not moves.empty:
    _table(view.moves_table(moves), view.MOVE_COLUMNS)
