"""Presenter view: step through a briefing on a shared screen, from the keyboard.

Large type, high contrast, Streamlit's chrome and the sidebar out of the way
(only on this page: the exit link leads back to the map with everything in
place). The address holds the briefing and the step (``?b=<id>&step=<n>``),
so the audience can open the same view; both values are untrusted and only
looked up in the loaded briefings.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from lib.maps.map_assets import localize_map
from lib.maps.popups import esc
from lib.model.links import NOTES_PAGE, briefing_link, map_link
from lib.model.url_state import encode_filters, encode_view
from lib.story import briefing as bf
from lib.story import briefing_export as ex
from lib.ui import core as ui

ui.ensure_router()
catalog = ui.get_catalog()

ui.presenter_style(
    """
<style>
.zb-caption { font-size: 1.38rem; line-height: 1.42; color: #000; margin: 0 0 .55rem; }
.zb-meta { font-size: .98rem; line-height: 1.35; color: #111; margin: .15rem 0; }
.zb-meta b { text-transform: uppercase; font-size: .8rem; letter-spacing: .04em; color: #333; }
.zb-plain-legend ul { list-style: none; padding: 0; margin: .35rem 0 0;
  display: grid; grid-template-columns: 1fr 1fr 1fr; column-gap: 8px; }
.zb-plain-legend li { display: flex; align-items: center; gap: 6px; font-size: .86rem;
  line-height: 1.25; margin: 1px 0; color: #111; }
.zb-swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid #111; flex: none; }
.zb-small { font-size: .88rem; }
.zb-glyph { display: inline-block; width: 18px; text-align: center; font-size: 1.15rem; line-height: 1; flex: none; }
.zb-links { margin-left: auto; white-space: nowrap; font-size: .95rem; }
.zb-links a { color: #ffd866; font-weight: 600; margin-left: 1rem; text-decoration: underline; }
</style>
"""
)


facts = ui.briefing_facts(catalog)
vocab = bf.vocabulary(catalog)
briefings, briefing, index, file_issues = ui.current_briefing(catalog)
uploads: dict[str, bf.Briefing] = st.session_state[bf.UPLOADS_STATE_KEY]
draft: list[bf.Step] = st.session_state[bf.DRAFT_STATE_KEY]


total = len(briefing.steps)
step = briefing.steps[index]
text = ex.step_text(catalog, step, facts)

bar, prev_col, next_col = st.columns([8, 1.3, 1.3], vertical_alignment="center")
defaults = ui.catalog_defaults(catalog)
map_params = {
    **encode_filters(bf.step_filters(step, defaults), defaults),
    **encode_view(bf.bounds_view(bf.step_bounds(step))),
}
bar.html(
    f"<div class='zb-bar'><span class='zb-counter' id='zb-counter'>{index + 1} / {total}</span>"
    f"<h1 class='zb-step-title'>{esc(text.title)}</h1><span class='zb-links'>"
    # Always in reach: the way back to the app, and the presenter's notes window.
    f"<a href='{esc(map_link(filter_params=map_params))}' target='_self'>✕ Exit</a>"
    f"<a href='{esc(briefing_link(briefing.briefing_id, index + 1, NOTES_PAGE))}' "
    "target='_blank'>Notes ↗</a></span></div>"
)
ui.step_buttons(prev_col, next_col, briefing.briefing_id, index, total)

map_col, text_col = st.columns([62, 38], gap="medium")
with map_col:
    fmap, contents = ex.step_map(catalog, step, basemap=ui.current_basemap())
    st_folium(
        localize_map(fmap),
        key="zb_briefing_map",
        height=560,
        use_container_width=True,
        # Nothing comes back: panning never reruns the presentation.
        returned_objects=[],
    )
with text_col:
    highlights = (
        f"<p class='zb-meta'><b>Highlighted</b><br>{esc('; '.join(text.highlights))}</p>"
        if text.highlights
        else ""
    )
    st.html(
        f"<p class='zb-caption'>{esc(text.caption)}</p>"
        f"<p class='zb-meta'><b>Filters</b> {esc(text.filters)}</p>"
        f"{highlights}"
        f"<p class='zb-meta zb-small'><b>On the map</b> {esc(', '.join(text.layers))}</p>"
        f"{ex.legend_html(catalog, svg=False)}"
    )

st.divider()
st.markdown(f"#### {briefing.title}")
if briefing.subtitle:
    st.caption(bf.fill(briefing.subtitle, facts))
tools = st.columns(3)
tools[0].download_button(
    "Download this step as PNG",
    # Drawn only when asked for: matplotlib takes about half a second.
    data=lambda: ex.render_step_png(catalog, briefing, index, facts),
    file_name=ex.png_file_name(briefing, index),
    mime="image/png",
    on_click="ignore",
    icon=":material/image:",
)
with_notes = tools[2].checkbox("Include speaker notes in the HTML file", key="zb_export_notes")
tools[1].download_button(
    "Download the whole briefing (HTML)",
    data=lambda: ex.export_html(
        catalog, briefing, facts, include_notes=with_notes, basemap=ui.current_basemap()
    ),
    file_name=ex.export_file_name(briefing),
    mime="text/html",
    on_click="ignore",
    icon=":material/download:",
    help="One file with every step and its map; opens from disk without a server.",
)

with st.expander("Choose, load or save a briefing"):
    ids = list(briefings)
    chosen = st.selectbox(
        "Briefing",
        ids,
        index=ids.index(briefing.briefing_id),
        format_func=lambda i: f"{briefings[i].title} ({len(briefings[i].steps)} steps)",
    )
    if chosen != briefing.briefing_id:
        ui.go_to_step(chosen, 1)
        st.rerun()

    upload = st.file_uploader(
        "Load a briefing file (.toml)",
        type=["toml"],
        key="zb_briefing_upload",
        help="A file downloaded from here or written by hand (see geodata/briefings/).",
    )
    if upload is not None:
        loaded, issues = bf.load_briefing_text(
            upload.getvalue(), f"uploaded file “{upload.name}”", vocab, default_id="uploaded"
        )
        if issues:
            message = (
                "This file has problems; the steps named below are left out."
                if loaded
                else "This file cannot be presented."
            )
            st.error(f"{message} ({len(issues)} problem(s))")
            ui.issues_table(issues)
        if loaded is not None:
            # An upload never replaces a briefing from the data folder.
            key = loaded.briefing_id
            if (key in briefings and key not in uploads) or key == bf.DRAFT_ID:
                key = f"upload-{key}"
            uploads[key] = bf.Briefing(key, loaded.title, loaded.steps, loaded.subtitle)
            st.success(f"Loaded “{loaded.title}”: {len(loaded.steps)} step(s).")
            if key != briefing.briefing_id:
                st.button(
                    "Present it", key="zb_present_upload", on_click=ui.go_to_step, args=(key, 1)
                )

    st.download_button(
        "Download this briefing as a file (.toml)",
        bf.dump_briefing(briefing),
        file_name=bf.file_name(briefing),
        mime="application/toml",
        on_click="ignore",
    )
    if draft:
        st.caption(
            f"Your draft has {len(draft)} step(s), added from the map page; it is kept "
            "while this browser tab is open."
        )
    else:
        st.caption("Add your own steps from the map page: “Add this view as a briefing step”.")

if file_issues:
    with st.expander(f"⚠️ {len(file_issues)} problem(s) in the briefing files"):
        ui.issues_table(file_issues)
