"""What the page address asks for beyond the shared filters: focus, view, article, passage.

Every value in the address is untrusted: it is only looked up in the loaded
data, and an ignored value is named in a notice, never an error. (The filters
and basemap in the address belong to ``lib.ui.sidebar``; a briefing step to
``lib.ui.presenter``.)
"""

from __future__ import annotations

import streamlit as st

from lib.data.articles import Article
from lib.data.catalog import Catalog
from lib.model.links import Focus, parse_focus
from lib.model.map_view import MapView
from lib.model.playback import PERIODS
from lib.model.url_state import parse_view
from lib.ui.banners import md_escape
from lib.ui.sidebar import LINK_NOTICES_STATE_KEY


def show_link_notices() -> None:
    """Say which parts of the opened link were ignored, once per session."""
    notices = st.session_state.pop(LINK_NOTICES_STATE_KEY, [])
    if notices:
        # The notices quote the link, which anyone can write: shown as text.
        items = "\n".join(f"- {md_escape(n)}" for n in notices)
        st.info("Some parts of the link were not used:\n\n" + items)


def current_focus(catalog: Catalog) -> Focus | None:
    """The feature the address asks the map to open, if the data knows it."""
    focus, notices = parse_focus(st.query_params.to_dict(), catalog.focus_ids())
    for notice in notices:
        st.info(md_escape(notice))
    return focus


def current_view() -> MapView | None:
    """The map view in the page address, if any (the map keeps it there as it moves)."""
    return parse_view(st.query_params.to_dict())


def current_article(catalog: Catalog) -> tuple[Article, str | None]:
    """The article the address names (else the newest) and the passage to mark.

    With more than one article a picker is drawn, opened on that article.

    Returns
    -------
    tuple
        The article to show, and the annotation id of the passage to mark (or None).
    """
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


#: The playback choices shown, and the ``play=`` value each keeps in the address.
PLAYBACK_CHOICES = {"Still": None, "Play by month": "month", "Play by week": "week"}


def playback_choice() -> str | None:
    """Whether the map plays the events through time, and by what (``?play=month|week``).

    Drawn as a choice next to the map; the address keeps it, so a shared link
    opens playing. A value the address holds that is not a period is named and
    ignored.

    Returns
    -------
    str or None
        ``month`` or ``week``; None for a still map.
    """
    asked = st.query_params.get("play")
    if asked is not None and asked not in PERIODS:
        st.info(md_escape(f"“play={asked}” in the link is not month or week: the map is still."))
        asked = None
    labels = {v: k for k, v in PLAYBACK_CHOICES.items()}
    chosen = st.segmented_control(
        "Time",
        list(PLAYBACK_CHOICES),
        default=labels[asked],
        key="zb_playback",
        help="Step through the events week by week or month by month, "
        "with the sites in use at the time.",
    )
    period = PLAYBACK_CHOICES.get(chosen or "Still")
    if period is None:
        st.query_params.pop("play", None)
    else:
        st.query_params["play"] = period
    return period
