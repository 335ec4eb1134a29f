"""Streamlit helpers shared by the pages: the one module in ``lib`` that calls ``st``.

Holds the cached data loader, the sidebar filters (kept in the page address),
and the banners for data issues and ignored link parameters.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from lib.analysis.search import SearchEntry, build_index
from lib.data import paths
from lib.data.articles import Article
from lib.data.catalog import Catalog, load_catalog
from lib.data.catalog import data_stamp as catalog_data_stamp
from lib.data.validation import CONFIDENCE_LEVELS, DataIssue
from lib.model.filters import Filters, group_labels, group_options
from lib.model.links import Focus, parse_focus
from lib.model.map_view import MapView
from lib.model.url_state import (
    BASEMAP_KEY,
    BASEMAPS,
    FILTER_KEYS,
    encode_filters,
    parse_basemap,
    parse_url_state,
    parse_view,
)
from lib.story.briefing import (
    DRAFT_ID,
    DRAFT_STATE_KEY,
    UPLOADS_STATE_KEY,
    Briefing,
    draft_briefing,
    load_briefings,
    resolve_step,
    vocabulary,
)
from lib.story.briefing import briefing_facts as measure_briefing_facts
from lib.story.briefing_export import keyboard_script

ROUTER_FLAG = "zb_router"


def mark_router_ran() -> None:
    """Record that this session went through ``app.py`` (the router)."""
    st.session_state[ROUTER_FLAG] = True


def ensure_router() -> None:
    """Re-enter through ``app.py`` when Streamlit ran a page file on its own.

    Until some session has called ``st.navigation``, Streamlit treats a
    ``pages/`` folder as an old-style multipage app: the first visitor of a
    fresh server who opens a deep link (``/article?ann=…``) gets the page file
    run without the router, its sidebar and its filters. Switching Streamlit
    to ``st.navigation`` mode and rerunning sends that visitor through the
    router to the page they asked for.
    """
    if st.session_state.get(ROUTER_FLAG):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def forward_to(page: st.Page) -> None:
    """Open another page in place of this one, with every query parameter kept.

    Used by the hidden ``/map`` page: Streamlit serves the default page (the
    map) at the root only, and would otherwise show “Page not found”.
    """
    params = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    st.switch_page(page, query_params=params)


def data_stamp() -> tuple[tuple[str, int, int], ...]:
    """The cache key of the current data files (see ``lib.data.catalog.data_stamp``)."""
    return catalog_data_stamp(paths.GEODATA_DIR)


@st.cache_resource(show_spinner="Loading map data…")
def _cached_catalog(geodata_dir: str, stamp: tuple) -> Catalog:
    # cache_resource shares one Catalog between sessions; callers must not
    # mutate its frames (every lib function copies before changing).
    return load_catalog(Path(geodata_dir))


def get_catalog() -> Catalog:
    """The loaded data, reloaded when a data file changes on disk."""
    # Looked up on each call so tests can point the app at a doctored copy.
    geodata_dir = paths.GEODATA_DIR
    return _cached_catalog(str(geodata_dir), catalog_data_stamp(geodata_dir))


def catalog_defaults(catalog: Catalog) -> Filters:
    """The show-everything filters for this data."""
    return catalog.show_all_filters()


def sidebar_filters(catalog: Catalog) -> Filters:
    """Draw the shared filters in the sidebar and keep them in the page address.

    On a session's first run the filters come from the address (a shared
    link); afterwards the widgets own them and the address follows.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (for group ids and the date span).

    Returns
    -------
    Filters
        The current selection.
    """
    defaults = catalog_defaults(catalog)
    options = group_options(catalog.curated.groups)
    if "zb_groups" not in st.session_state:
        state = parse_url_state(st.query_params.to_dict(), defaults)
        st.session_state.zb_groups = [g for g in options if g in state.filters.groups]
        st.session_state.zb_dates = (state.filters.date_from, state.filters.date_to)
        st.session_state.zb_conf = state.filters.min_confidence
        basemap, notices = parse_basemap(st.query_params.to_dict())
        st.session_state.zb_basemap = basemap
        st.session_state.zb_link_notices = [*state.notices, *notices]

    with st.sidebar:
        st.markdown("### Filters")
        st.multiselect(
            "Groups",
            options,
            key="zb_groups",
            format_func=group_labels(catalog.curated.groups).get,
            help="Sites and events of these groups: KDPI (also PDKI), Komala, PJAK, PAK. "
            "“Group unclear” covers sites whose group the source does not name; "
            "“Not tied to a group” covers events such as the railway.",
        )
        st.slider(
            "Dates",
            min_value=defaults.date_from,
            max_value=defaults.date_to,
            key="zb_dates",
            format="D MMM YYYY",
            help="Events in the range; sites in use at any time in the range.",
        )
        st.select_slider(
            "Minimum confidence",
            options=list(CONFIDENCE_LEVELS),
            key="zb_conf",
            help="Hide items reported less firmly: low = a single unverified account.",
        )
        st.radio(
            "Basemap",
            list(BASEMAPS),
            key="zb_basemap",
            format_func=BASEMAPS.get,
            help="The built-in map draws land, water, rivers and towns from the app's own data: "
            "use it on networks that cannot reach a tile server.",
        )
    date_from, date_to = st.session_state.zb_dates
    filters = Filters(
        frozenset(st.session_state.zb_groups), date_from, date_to, st.session_state.zb_conf
    )
    sync_filters_to_url(filters, defaults)
    return filters


def shared_params(filters: Filters, defaults: Filters) -> dict[str, str]:
    """Query parameters of the settings every page shares: filters and basemap."""
    params = encode_filters(filters, defaults)
    if st.session_state.get("zb_basemap", "online") != "online":
        params[BASEMAP_KEY] = st.session_state.zb_basemap
    return params


def current_basemap() -> str:
    """The basemap chosen in the sidebar."""
    return st.session_state.get("zb_basemap", "online")


def sync_filters_to_url(filters: Filters, defaults: Filters) -> None:
    """Write the filters and basemap into the page address, keeping other parameters."""
    current = st.query_params.to_dict()
    wanted = {k: v for k, v in current.items() if k not in (*FILTER_KEYS, BASEMAP_KEY)}
    wanted.update(shared_params(filters, defaults))
    if wanted != current:
        st.query_params.from_dict(wanted)


def filter_params(catalog: Catalog) -> dict[str, str]:
    """The current filters and basemap as query parameters, for links that keep them."""
    return shared_params(st.session_state["zb_filters"], catalog_defaults(catalog))


def current_focus(catalog: Catalog) -> Focus | None:
    """The feature the address asks the map to open, if the data knows it."""
    focus, notices = parse_focus(st.query_params.to_dict(), catalog.focus_ids())
    for notice in notices:
        st.info(notice)
    return focus


def search_index(catalog: Catalog) -> list[SearchEntry]:
    """The search index of the loaded data, built once per data version."""
    return catalog.derived("search_index", lambda: build_index(catalog))


def current_article(catalog: Catalog) -> tuple[Article, str | None]:
    """The article the address names (else the newest) and the passage to mark."""
    params = st.query_params.to_dict()
    articles = list(catalog.articles.values())
    wanted = params.get("article")
    article = catalog.articles.get(wanted) if isinstance(wanted, str) else None
    if wanted and article is None:
        st.info("Ignored “article” in the link: no such article; showing the newest.")
    article = article or articles[-1]
    if len(articles) > 1:
        article = st.selectbox(
            "Article",
            articles,
            index=articles.index(article),
            format_func=lambda a: f"{a.outlet}, {a.published:%d %b %Y}: {a.title}",
        )
    ids = {a.annotation.annotation_id for a in catalog.annotations}
    selected = params.get("ann")
    if selected and selected not in ids:
        st.info("Ignored “ann” in the link: no such passage.")
        selected = None
    return article, selected


def current_view(defaults: Filters) -> MapView | None:
    """The map view in the page address, if any (the map keeps it there as it moves)."""
    return parse_view(st.query_params.to_dict())


def show_link_notices() -> None:
    """Say which parts of the opened link were ignored, once per session."""
    notices = st.session_state.pop("zb_link_notices", [])
    if notices:
        st.info("Some parts of the link were not used:\n\n" + "\n".join(f"- {n}" for n in notices))


def show_data_issues(catalog: Catalog) -> None:
    """A banner naming every data problem; the layers that loaded still draw."""
    issues = catalog.issues
    if not issues:
        return
    files = sorted({i.file for i in issues})
    with st.expander(
        f"⚠️ {len(issues)} data problem(s) in {', '.join(files)} — affected rows are not shown",
        expanded=False,
    ):
        st.markdown("\n".join(f"- {md_escape(i.message())}" for i in issues[:200]))
        if len(issues) > 200:
            st.caption(f"…and {len(issues) - 200} more.")


def md_escape(text: str) -> str:
    """Data text made safe for ``st.markdown``: shown as written, never as links or markup."""
    # Markdown would otherwise render data text as links, emphasis or HTML.
    specials = "\\`*_{}[]()#+-.!|<>~$"
    return "".join(f"\\{c}" if c in specials else c for c in text)


PAGE_CSS = """
<style>
/* Room for the map on a 1280x720 shared screen. */
.block-container { padding-top: 2.2rem; padding-bottom: 1rem; }
h1 { font-size: 1.9rem !important; padding-top: 0 !important; }
</style>
"""


def apply_page_style() -> None:
    """Tighten Streamlit's default spacing so the map fits a shared screen."""
    st.html(PAGE_CSS)


def scroll_to(element_id: str) -> None:
    """Scroll the page to an element once it is drawn (the passage a link opened)."""
    # The component frame is same-origin: it may reach the page it sits in.
    components.html(
        "<script>(function(id){ var n = 0; (function go(){"
        " var el = window.parent.document.getElementById(id);"
        " if (el) { el.scrollIntoView({block: 'center'}); }"
        " else if (n++ < 40) { setTimeout(go, 100); } })(); })("
        + json.dumps(element_id)
        + ");</script>",
        height=0,
    )


PRESENTER_CSS = """
<style>
/* Presenter views only: no header, toolbar or sidebar on the shared screen. */
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 0.7rem 1.2rem 1rem !important; max-width: 100% !important; }
.stApp { background: #ffffff; color: #000000; }
.zb-bar { background: #111; color: #fff; display: flex; align-items: center; gap: 18px;
  padding: 8px 16px; border-radius: 6px; min-height: 58px; }
.zb-counter { color: #ffd866; font: 800 1.6rem/1 system-ui, sans-serif; white-space: nowrap; }
.zb-step-title { margin: 0; font: 800 1.7rem/1.15 system-ui, sans-serif; color: #fff; }
.st-key-zb_prev button, .st-key-zb_next button { min-height: 3.1rem; width: 100%; }
.st-key-zb_prev button p, .st-key-zb_next button p { font-size: 1.15rem; font-weight: 700; }
</style>
"""


def presenter_style(extra_css: str = "") -> None:
    """Hide Streamlit's chrome and sidebar for a presenter view (briefing, notes)."""
    st.html(PRESENTER_CSS + extra_css)


def briefing_facts(catalog: Catalog) -> dict[str, str]:
    """The figures briefing captions quote, measured once per data version."""
    return catalog.derived("briefing_facts", lambda: measure_briefing_facts(catalog))


def go_to_step(briefing_id: str, number: int) -> None:
    """Show another briefing step: the address changes, so a copied link opens it too."""
    st.query_params["b"] = briefing_id
    st.query_params["step"] = str(number)


def step_buttons(prev_col, next_col, briefing_id: str, index: int, total: int) -> None:
    """Previous/Next buttons of a presenter view, driven by the arrow keys as well.

    Parameters
    ----------
    prev_col, next_col : Streamlit containers
        Where the two buttons go.
    briefing_id : str
        The briefing shown.
    index : int
        The current step, from 0.
    total : int
        The number of steps.
    """
    prev_col.button(
        "← Previous",
        key="zb_prev",
        on_click=go_to_step,
        args=(briefing_id, index),
        disabled=index == 0,
        help="Previous step (← or Page Up)",
    )
    next_col.button(
        "Next →",
        key="zb_next",
        on_click=go_to_step,
        args=(briefing_id, index + 2),
        disabled=index == total - 1,
        type="primary",
        help="Next step (→ or Page Down)",
    )
    components.html(keyboard_script("zb_prev", "zb_next"), height=0)


def issues_table(issues: list) -> None:
    """Data problems as a table: file, item, field, problem."""
    st.dataframe(
        [{"file": i.file, "item": i.item, "field": i.field, "problem": i.problem} for i in issues],
        hide_index=True,
        width="stretch",
    )


def current_briefing(
    catalog: Catalog,
) -> tuple[dict[str, Briefing], Briefing, int, list[DataIssue]]:
    """The briefing and step the address asks for, among files, uploads and the draft.

    Notices for ignored values are shown and the address is corrected to name
    what is shown, so stepping on works from there. Stops the page when no
    briefing loads at all.

    Returns
    -------
    tuple
        Every briefing on offer (by id), the one shown, its 0-based step index,
        and the problems of the briefing files.
    """
    vocab = catalog.derived("briefing_vocabulary", lambda: vocabulary(catalog))
    files, file_issues = load_briefings(paths.GEODATA_DIR / "briefings", vocab)
    briefings: dict[str, Briefing] = {**files, **st.session_state.setdefault(UPLOADS_STATE_KEY, {})}
    draft = st.session_state.setdefault(DRAFT_STATE_KEY, [])
    if draft:
        briefings[DRAFT_ID] = draft_briefing(draft)
    if not briefings:
        st.error("No briefing could be loaded: see the problems below.")
        issues_table(file_issues)
        st.stop()
    briefing, index, notices = resolve_step(
        briefings, st.query_params.to_dict(), next(iter(briefings))
    )
    for notice in notices:
        st.info(notice)
    if notices:
        st.query_params["b"] = briefing.briefing_id
        st.query_params["step"] = str(index + 1)
    return briefings, briefing, index, file_issues
