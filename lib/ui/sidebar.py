"""The shared settings: filters and basemap, drawn in the sidebar and kept in the address.

On a session's first run the settings come from the address (a shared link);
afterwards the widgets own them and the address follows. Pages read them with
``current_filters`` and ``current_basemap``, and carry them into their links
with ``filter_params``. Under the title, a line says who this session is
(signed in, the local editor, or read-only, and why: ``lib.ui.auth``) with the
Sign in / Sign out button. At the foot of the sidebar, ``store_status`` says which
store the data comes from, and watches it for changes made elsewhere.
"""

from __future__ import annotations

import streamlit as st

from lib.data.catalog import Catalog
from lib.data.validation import CONFIDENCE_LEVELS
from lib.model.filters import Filters, group_labels, group_options
from lib.model.url_state import (
    BASEMAP_KEY,
    BASEMAPS,
    FILTER_KEYS,
    encode_filters,
    parse_basemap,
    parse_url_state,
)
from lib.store import StoreError
from lib.store.store import Store
from lib.ui import auth, cache
from lib.ui.cache import catalog_defaults

#: Session key of the current ``Filters`` (set by ``draw`` on every run of ``app.py``).
FILTERS_STATE_KEY = "zb_filters"
#: Session key of the ignored parts of the opened link (shown once by ``url_sync``).
LINK_NOTICES_STATE_KEY = "zb_link_notices"


def draw(catalog: Catalog) -> Filters:
    """The app's sidebar: its title and the shared filters, stored for the pages.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (for group ids and the date span).

    Returns
    -------
    Filters
        The current selection, also in ``st.session_state[FILTERS_STATE_KEY]``.
    """
    with st.sidebar:
        st.markdown("## Zagros Brief")
        st.caption("The Iraq–Iran border security file, mapped from the reporting.")
    auth.sidebar_status(_roles_store())
    filters = sidebar_filters(catalog)
    st.session_state[FILTERS_STATE_KEY] = filters
    return filters


def _roles_store() -> Store | None:
    """The store a signed-in user's role is read from (None: the data comes from files)."""
    try:
        return cache.current_store()
    except StoreError:
        return None


def sidebar_filters(catalog: Catalog) -> Filters:
    """Draw the shared filters in the sidebar and keep them in the page address.

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
        st.session_state[LINK_NOTICES_STATE_KEY] = [*state.notices, *notices]

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


def current_filters(catalog: Catalog) -> Filters:
    """The filters set in the sidebar (show everything if the sidebar has not run)."""
    # The fallback lets a page also run on its own (page tests opening it directly).
    return st.session_state.get(FILTERS_STATE_KEY) or catalog_defaults(catalog)


def current_basemap() -> str:
    """The basemap chosen in the sidebar."""
    return st.session_state.get("zb_basemap", "online")


def shared_params(filters: Filters, defaults: Filters) -> dict[str, str]:
    """Query parameters of the settings every page shares: filters and basemap."""
    params = encode_filters(filters, defaults)
    if st.session_state.get("zb_basemap", "online") != "online":
        params[BASEMAP_KEY] = st.session_state.zb_basemap
    return params


def sync_filters_to_url(filters: Filters, defaults: Filters) -> None:
    """Write the filters and basemap into the page address, keeping other parameters."""
    current = st.query_params.to_dict()
    wanted = {k: v for k, v in current.items() if k not in (*FILTER_KEYS, BASEMAP_KEY)}
    wanted.update(shared_params(filters, defaults))
    if wanted != current:
        st.query_params.from_dict(wanted)


def filter_params(catalog: Catalog) -> dict[str, str]:
    """The current filters and basemap as query parameters, for links that keep them."""
    return shared_params(st.session_state[FILTERS_STATE_KEY], catalog_defaults(catalog))


#: Seconds between two looks at the store's latest revision (a change made
#: elsewhere is drawn within this, plus the time to load and draw it).
POLL_S = 2.0


def footer_text(source: cache.DataSource) -> str:
    """The sidebar's last line: which store (engine and name, never a password), which revision."""
    if source.store is None:
        return f"Data: the files of {source.folder} (no store)"
    if source.revision is None:
        return f"Store: {source.store} — not in use: showing the files of geodata/"
    if source.problem:
        return f"Store: {source.store} · revision {source.revision} (last read)"
    return f"Store: {source.store} · revision {source.revision}"


def store_status(source: cache.DataSource) -> None:
    """A banner when the store cannot be used, and the footer naming the store.

    With a store, the footer is a fragment that looks at the store's latest
    revision every ``POLL_S`` seconds and reruns the whole app when it has moved
    (or the store went away or came back), so an open page draws a change made in
    another session or app process without anyone touching it.

    Parameters
    ----------
    source : DataSource
        This run's data source (``cache.refresh``).
    """
    if source.problem:
        st.error(source.problem, icon=":material/database:")
    with st.sidebar:
        if source.url is None:
            st.caption(footer_text(source))
        else:
            _store_footer()


@st.fragment(run_every=POLL_S)
def _store_footer() -> None:
    source = cache.current_source()
    if cache.poll_state() != source.polled:
        st.rerun(scope="app")
    st.caption(footer_text(source))
