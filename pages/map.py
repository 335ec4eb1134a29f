"""Main map: the border, the Kurdistan Region, the groups' sites, crossings and events."""

from __future__ import annotations

import streamlit as st

from lib.analysis.search import search
from lib.geo.geodesy import format_km
from lib.maps.export import contents_table, table_csv, table_geojson, table_length
from lib.maps.main_map import draw_main_map, map_contents
from lib.maps.playback import add_playback
from lib.model.playback import PlaybackError, make_playback
from lib.model.url_state import VIEW_KEYS
from lib.story import briefing
from lib.ui import banners, cache, components, map_text, presenter, router, sidebar, url_sync

router.ensure_router()
catalog = cache.get_catalog()
filters = sidebar.current_filters(catalog)

# Title and search share a row: the map starts higher on a shared 1280×720 screen.
title_column, search_column = st.columns([3, 2], vertical_alignment="bottom")
title_column.title("Iraq–Iran border map")
query = search_column.text_input(
    "Find on the map",
    key="zb_search",
    placeholder="Find a place, site, group or event — e.g. Koysinjaq, PDKI",
)
if query:
    hits = search(cache.search_index(catalog), query)
    if hits:
        chosen = st.radio(
            "Matches",
            hits,
            format_func=lambda h: f"{h.entry.label} — {h.kind_label}",
            key=f"zb_hit_{query}",
            horizontal=True,
            label_visibility="collapsed",
        )
        if st.query_params.get("focus") != str(chosen.entry.focus):
            # A new hit moves the map: its own view replaces the one in the address.
            for key in VIEW_KEYS:
                st.query_params.pop(key, None)
            st.query_params["focus"] = str(chosen.entry.focus)
    else:
        st.caption(f"Nothing on the map matches “{banners.md_escape(query)}”.")

focus = url_sync.current_focus(catalog)
view = url_sync.current_view()
selection = cache.cached_select(catalog, filters, focus)
contents = map_contents(selection)
link_params = sidebar.filter_params(catalog)
basemap = sidebar.current_basemap()
period = url_sync.playback_choice()
playback = None
if period is not None:
    try:
        playback = make_playback(selection.events_on_map, selection.sites, filters, period)
    except PlaybackError as exc:
        st.warning(f"The map cannot play: {exc}.")


def build_map():
    """The page's map (drawn once per signature below, then served from the cache)."""
    fmap, _ = draw_main_map(
        catalog, selection, view, link_params=link_params, basemap=basemap, redraw=True
    )
    if playback is not None:
        add_playback(fmap, playback)
    return fmap


# Everything the map depends on: the same data, filters, view, focus and playback give
# the same map, built and rendered once (lib.ui.components.show_cached_map).
signature = repr((cache.data_stamp(), sorted(link_params.items()), basemap, view, focus, period))
article_km = catalog.article_border_km()
st.caption(
    f"Border **{format_km(contents.border_km)}** measured along the OpenStreetMap line"
    + (f" — the article says {format_km(article_km)}" if article_km else "")
    + f" · {contents.counts['sites']} sites · {contents.counts['crossings']} crossings · "
    f"{contents.counts['events']} events on the map. Dashed symbols and rings are stand-in "
    "locations, not exact spots; “?” marks low confidence. Click a feature for its sources."
    + (f" Opened on: **{banners.md_escape(contents.focus.label)}**." if contents.focus else "")
)
components.show_cached_map(build_map, signature, key="main_map", height=560)
# The same features as text, for screen readers and keyboard users (issue 15).
map_text.show_map_text(selection, (filters, focus))

st.subheader("On the map")
# Shown on request: the data grid is the page's heaviest element in the browser
# (~0.35 s of main-thread work before the map frame opens; lib/tools/bench/browser),
# and the table itself is made only then, or for a download (2.7 s at 100,000 events).
if st.toggle(
    f"Show the table of all {table_length(contents):,} sites, crossings and events",
    key="zb_map_table",
):
    st.dataframe(
        contents_table(contents).drop(columns=["lat", "lon"]),
        hide_index=True,
        width="stretch",
        column_config={
            "on_map": st.column_config.CheckboxColumn("drawn"),
            "sources": st.column_config.TextColumn(width="large"),
        },
    )
left, right, _ = st.columns([1, 1, 3])
# Downloads need no rerun, and their files are made only when asked for (a callable):
# writing 100,000 events as GeoJSON on every rerun took most of the warm rerun.
left.download_button(
    "Download CSV",
    lambda: table_csv(contents_table(contents)),
    "zagros-brief-map.csv",
    "text/csv",
    width="stretch",
    on_click="ignore",
)
right.download_button(
    "Download GeoJSON",
    lambda: table_geojson(contents_table(contents)),
    "zagros-brief-map.geojson",
    "application/geo+json",
    width="stretch",
    on_click="ignore",
)

# --- Briefing: add this view as a step (lib.story.briefing; presented on the Briefing page) ---
with st.expander("Add this view as a briefing step"):
    with st.form("zb_add_step", clear_on_submit=True, border=False):
        step_title = st.text_input("Step title", max_chars=120)
        step_caption = st.text_area("Caption (what the audience reads)", max_chars=900)
        step_notes = st.text_area("Speaker notes (only the presenter sees them)", max_chars=8000)
        added = st.form_submit_button("Add this view as a step")
    draft = st.session_state.setdefault(presenter.DRAFT_STATE_KEY, [])
    if added:
        step, problems = briefing.make_step(
            step_title,
            step_caption,
            step_notes,
            view,
            filters,
            cache.catalog_defaults(catalog),
            cache.briefing_vocabulary(catalog),
        )
        for problem in problems:
            st.error(f"Not added — {problem.field}: {problem.problem}")
        if step is not None:
            draft.append(step)
    if draft:
        st.caption(f"Your briefing has {len(draft)} step(s): present it on the Briefing page.")
        drafted = briefing.draft_briefing(draft)
        st.download_button(
            "Download your briefing (.toml)",
            lambda: briefing.dump_briefing(drafted),
            file_name=briefing.file_name(drafted),
            on_click="ignore",
        )
