"""Timeline: the events over time; brushing the chart sets the shared date filter."""

from __future__ import annotations

import streamlit as st

from lib.story.timeline import COLOUR_CHOICES, selected_range, timeline_chart, timeline_table
from lib.ui import cache, router, sidebar

router.ensure_router()
catalog = cache.get_catalog()
filters = sidebar.current_filters(catalog)
defaults = cache.catalog_defaults(catalog)
domain = (defaults.date_from, defaults.date_to)


def _apply_brush() -> None:
    # Runs before the next script run, so the sidebar slider may still be set.
    picked = selected_range(st.session_state["zb_timeline"].selection, domain)
    if picked:
        st.session_state.zb_dates = picked


st.title("Timeline")
table = timeline_table(catalog, filters, sidebar.filter_params(catalog))
colour_by = (
    st.segmented_control("Lanes and colours by", COLOUR_CHOICES, default="category", key="zb_lanes")
    or "category"
)
groups = catalog.curated.groups
st.altair_chart(
    timeline_chart(
        table, colour_by, dict(zip(groups["group_id"], groups["colour"], strict=True)), domain
    ),
    key="zb_timeline",
    on_select=_apply_brush,
    selection_mode="range",
    width="stretch",
)
st.caption(
    f"{len(table)} events in the filters, {int(table['in_article'].sum())} of them reported in "
    "the article (diamonds). Drag across the chart to set the date filter."
)
st.dataframe(
    table.drop(columns=["event_id"]),
    hide_index=True,
    width="stretch",
    column_config={
        "date": st.column_config.DateColumn(format="D MMM YYYY"),
        "title": st.column_config.TextColumn(width="large"),
        "in_article": st.column_config.CheckboxColumn("in article"),
        "map": st.column_config.LinkColumn("map", display_text="show on map"),
        "passage": st.column_config.LinkColumn("article", display_text="read passage"),
    },
)
