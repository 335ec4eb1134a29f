"""Zagros Brief — router and shared sidebar.

Run with ``streamlit run app.py``. Each page lives in ``pages/``; the
filters in the sidebar are drawn here so every page shares them.
"""

from __future__ import annotations

import streamlit as st

from lib.data import paths
from lib.maps.map_assets import install_assets
from lib.model import links
from lib.ui import auth, banners, cache, markup, router, sidebar, url_sync

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

# url_paths come from lib.model.links, which builds every link to these pages.
map_page = st.Page(
    "pages/map.py", title="Map", icon=":material/map:", default=True, url_path=links.MAP_PAGE
)


def _forward_to_map() -> None:
    router.forward_to(map_page)


# Streamlit serves the default page at the root only: `/map` (typed, shared or
# from an older link) is a hidden page that forwards there, query kept.
map_alias = st.Page(_forward_to_map, title="Map", url_path=links.MAP_ALIAS, visibility="hidden")
pages = [
    map_page,
    st.Page(
        "pages/border.py",
        title="Border analysis",
        icon=":material/straighten:",
        url_path=links.BORDER_PAGE,
    ),
    st.Page(
        "pages/article.py", title="Article", icon=":material/article:", url_path=links.ARTICLE_PAGE
    ),
    st.Page(
        "pages/timeline.py",
        title="Timeline",
        icon=":material/timeline:",
        url_path=links.TIMELINE_PAGE,
    ),
    st.Page(
        "pages/sources.py",
        title="Data & sources",
        icon=":material/menu_book:",
        url_path=links.SOURCES_PAGE,
    ),
    st.Page(
        "pages/briefing.py", title="Briefing", icon=":material/tv:", url_path=links.BRIEFING_PAGE
    ),
    st.Page(
        "pages/notes.py", title="Speaker notes", icon=":material/notes:", url_path=links.NOTES_PAGE
    ),
    st.Page(
        "pages/reporting.py",
        title="Add reporting",
        icon=":material/post_add:",
        url_path=links.REPORTING_PAGE,
    ),
    st.Page(
        "pages/correct.py",
        title="Correct the record",
        icon=":material/edit:",
        url_path=links.CORRECT_PAGE,
    ),
    st.Page(
        "pages/history.py", title="History", icon=":material/history:", url_path=links.HISTORY_PAGE
    ),
    st.Page(
        "pages/admin.py",
        title="Admin",
        icon=":material/admin_panel_settings:",
        url_path=links.ADMIN_PAGE,
    ),
    map_alias,
]
page = st.navigation(pages)
router.mark_router_ran()
if page is map_alias:
    # Before the sidebar reads the address or a notice is shown: the map opens
    # with the address as given.
    page.run()

markup.apply_page_style()
# With require_login_to_view, nobody signed in sees only the sign-in (nothing is loaded).
auth.require_view()
# The store's latest revision (or the files' stamp) says whether to reload the data.
source = cache.refresh()
catalog = source.catalog
sidebar.draw(catalog)
sidebar.store_status(source)
url_sync.show_link_notices()
banners.show_data_issues(catalog)
page.run()
