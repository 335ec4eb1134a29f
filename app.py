"""Zagros Brief — router and shared sidebar.

Run with ``streamlit run app.py``. Each page lives in ``pages/``; the
filters in the sidebar are drawn here so every page shares them.
"""

from __future__ import annotations

import streamlit as st

from lib import paths, ui
from lib.map_assets import install_assets

st.set_page_config(
    page_title="Zagros Brief — Iraq–Iran border security",
    page_icon=str(paths.STATIC_DIR / "favicon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)


@st.cache_resource(show_spinner=False)
def _serve_map_assets() -> int:
    # Leaflet and its plugins come from installed packages into static/,
    # so maps draw on networks that reach no CDN.
    return len(install_assets())


_serve_map_assets()

pages = [
    st.Page("pages/map.py", title="Map", icon=":material/map:", default=True, url_path="map"),
    st.Page(
        "pages/border.py", title="Border analysis", icon=":material/straighten:", url_path="border"
    ),
    st.Page("pages/article.py", title="Article", icon=":material/article:", url_path="article"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page(
        "pages/sources.py", title="Data & sources", icon=":material/menu_book:", url_path="sources"
    ),
    st.Page("pages/briefing.py", title="Briefing", icon=":material/tv:", url_path="briefing"),
    st.Page("pages/notes.py", title="Speaker notes", icon=":material/notes:", url_path="notes"),
]
page = st.navigation(pages)
ui.mark_router_ran()

ui.apply_page_style()
catalog = ui.get_catalog()
with st.sidebar:
    st.markdown("## Zagros Brief")
    st.caption("The Iraq–Iran border security file, mapped from the reporting.")
st.session_state["zb_filters"] = ui.sidebar_filters(catalog)
ui.show_link_notices()
ui.show_data_issues(catalog)
page.run()
