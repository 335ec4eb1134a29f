"""Presenter view: step through a briefing on a shared screen, from the keyboard.

Large type, high contrast, Streamlit's chrome and the sidebar out of the way
(only on this page: the exit link leads back to the map with everything in
place). The address holds the briefing and the step (``?b=<id>&step=<n>``),
so the audience can open the same view; both values are untrusted and only
looked up in the loaded briefings. The step bar, the map and the side panel are
one deck (:mod:`lib.ui.deck`): every step is drawn once and a step change
happens in the browser; the address follows.
"""

from __future__ import annotations

import streamlit as st

from lib.model.links import NOTES_PAGE, briefing_link, map_link
from lib.model.map_view import bounds_view
from lib.model.url_state import encode_filters, encode_view
from lib.story import briefing as bf
from lib.story.export_html import export_file_name, export_html
from lib.story.export_legend import legend_html
from lib.story.export_png import png_file_name, render_step_png
from lib.story.export_text import step_text
from lib.ui import (
    banners,
    briefing_files,
    cache,
    deck,
    deck_maps,
    markup,
    presenter,
    router,
    sidebar,
)

router.ensure_router()
catalog = cache.get_catalog()
presenter.presenter_style("briefing.css")

facts = cache.briefing_facts(catalog)
briefings, briefing, index, file_issues = presenter.current_briefing(catalog)
# A step the deck already shows in the browser: the address catches up.
index = deck.reported_step(briefing.briefing_id, len(briefing.steps), index)

defaults = cache.catalog_defaults(catalog)
# Each step's words, worked out once per data and briefing content (0.19 s a run).
texts = cache.shared(
    "step texts",
    deck_maps.briefing_key((), briefing),
    lambda: [step_text(catalog, step, facts) for step in briefing.steps],
)
links = [
    {
        "exit": map_link(
            filter_params={
                **encode_filters(bf.step_filters(step, defaults), defaults),
                **encode_view(bounds_view(bf.step_bounds(step))),
            }
        ),
        "notes": briefing_link(briefing.briefing_id, number, NOTES_PAGE),
    }
    for number, step in enumerate(briefing.steps, start=1)
]
st.html(markup.fragment("briefing.html.j2", "exit_link", links[index]["exit"]))
# One map and every step's texts, switched in the browser; the server only hears of it.
deck.show_deck(
    catalog,
    cache.data_stamp(),
    briefing,
    index,
    texts,
    legend_html(catalog),
    links,
    basemap=sidebar.current_basemap(),
    # The deck's frame sees none of the page's styles: the panel's and the map text's.
    css=markup.static_text("briefing.css") + markup.static_text("map_text.css"),
)

st.divider()
st.markdown(f"#### {banners.md_escape(briefing.title)}")
if briefing.subtitle:
    st.caption(banners.md_escape(bf.fill(briefing.subtitle, facts)))
tools = st.columns(3)
tools[0].download_button(
    "Download this step as PNG",
    # Drawn only when asked for: matplotlib takes about half a second.
    data=lambda: render_step_png(catalog, briefing, index, facts),
    file_name=png_file_name(briefing, index),
    mime="image/png",
    on_click="ignore",
    icon=":material/image:",
)
with_notes = tools[2].checkbox("Include speaker notes in the HTML file", key="zb_export_notes")
tools[1].download_button(
    "Download the whole briefing (HTML)",
    data=lambda: export_html(
        catalog, briefing, facts, include_notes=with_notes, basemap=sidebar.current_basemap()
    ),
    file_name=export_file_name(briefing),
    mime="text/html",
    on_click="ignore",
    icon=":material/download:",
    help="One file with every step and its map; opens from disk without a server.",
)

briefing_files.library(catalog, briefings, briefing)

if file_issues:
    with st.expander(f"⚠️ {len(file_issues)} problem(s) in the briefing files"):
        banners.issues_table(file_issues)
