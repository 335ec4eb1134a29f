"""Links between pages: focus the map on a feature, open a passage of an article.

A focus is ``<kind>:<id>`` in the ``focus`` query parameter, e.g.
``event:joint-security-agreement``; a passage is ``article`` plus ``ann``.
Both come from untrusted addresses: they are checked against the ids the
data knows and ignored with a notice otherwise. Links keep the current
filters so the page they open shows the same selection.

Every address of a page that the app writes (exit and notes links of the
presenter views, ↗map and passage links, popup links inside the map frame,
timeline links) is built by :func:`page_link` from the page paths below,
which ``app.py`` registers with ``st.navigation``. The map is the default
page: Streamlit serves it at the app's root (``/``), never at its
``url_path``, so no link may name ``/map``; that address, typed or shared,
is forwarded to the root with its query kept (:data:`MAP_ALIAS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from lib.data.validation import ID_RE
from lib.model.kinds import FOCUS_KINDS
from lib.model.url_state import MAX_VALUE_LENGTH, first_value, shorten

#: URL pathnames of the pages (``st.Page(url_path=...)`` in ``app.py``).
#: The map is the default page: its pathname is empty, the app's root.
MAP_PAGE = ""
BORDER_PAGE = "border"
ARTICLE_PAGE = "article"
TIMELINE_PAGE = "timeline"
SOURCES_PAGE = "sources"
BRIEFING_PAGE = "briefing"
NOTES_PAGE = "notes"
REPORTING_PAGE = "reporting"
CORRECT_PAGE = "correct"
HISTORY_PAGE = "history"
ADMIN_PAGE = "admin"
PAGE_PATHS: tuple[str, ...] = (
    MAP_PAGE,
    BORDER_PAGE,
    ARTICLE_PAGE,
    TIMELINE_PAGE,
    SOURCES_PAGE,
    BRIEFING_PAGE,
    NOTES_PAGE,
    REPORTING_PAGE,
    CORRECT_PAGE,
    HISTORY_PAGE,
    ADMIN_PAGE,
)
#: A hidden page at ``/map`` that forwards to the map at the root, query kept.
MAP_ALIAS = "map"


@dataclass(frozen=True)
class Focus:
    """A feature to centre the map on and open.

    Attributes
    ----------
    kind : str
        One of :data:`FOCUS_KINDS`.
    ref : str
        The feature's id in its layer.
    """

    kind: str
    ref: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.ref}"


def split_focus(text: str) -> Focus | None:
    """Read ``kind:id`` text as a Focus if it is well formed (ids not yet checked).

    Parameters
    ----------
    text : str
        E.g. ``event:joint-security-agreement``.

    Returns
    -------
    Focus or None
        None unless the kind is one of :data:`FOCUS_KINDS` and the id looks like an id.
    """
    kind, sep, ref = text.partition(":")
    if len(text) > MAX_VALUE_LENGTH or not sep or kind not in FOCUS_KINDS or not ID_RE.match(ref):
        return None
    return Focus(kind, ref)


def parse_focus(
    params: Mapping[str, object], known: Mapping[str, set[str]]
) -> tuple[Focus | None, list[str]]:
    """Read the ``focus`` parameter, accepting only ids the data knows.

    Parameters
    ----------
    params : mapping
        Query parameters.
    known : mapping of str to set of str
        Ids per focus kind.

    Returns
    -------
    tuple
        The focus (or None) and notices for an ignored value.
    """
    text = first_value(params, "focus")
    if not text:
        return None, []
    focus = split_focus(text)
    if focus is None or focus.ref not in known.get(focus.kind, set()):
        return None, [
            f"Ignored “focus” in the link: nothing on the map is called “{shorten(text)}”."
        ]
    return focus, []


def page_link(page: str, params: Mapping[str, str] | None = None) -> str:
    """The address of one of the app's pages, with query parameters.

    Parameters
    ----------
    page : str
        One of :data:`PAGE_PATHS` (:data:`MAP_PAGE`, the root, for the map).
    params : mapping, optional
        Query parameters, percent-encoded here.

    Returns
    -------
    str
        A root-relative address: ``/`` for the map, ``/<page>`` otherwise.

    Raises
    ------
    ValueError
        For a path the app does not register, which would open Streamlit's
        “Page not found” dialog (``/map`` among them).
    """
    if page not in PAGE_PATHS:
        raise ValueError(f"no page is served at /{page}")
    query = urlencode(dict(params or {}), quote_via=quote)
    return "/" + page + ("?" + query if query else "")


def map_link(focus: Focus | None = None, filter_params: Mapping[str, str] | None = None) -> str:
    """The address of the map page, focused on a feature, with the given filters.

    Parameters
    ----------
    focus : Focus, optional
        The feature to open.
    filter_params : mapping, optional
        Query parameters of the current filters (``lib.model.url_state.encode_filters``),
        and of a map view (``lib.model.url_state.encode_view``) if wanted.

    Returns
    -------
    str
        A root-relative address at the app's root (the map is the default page).
    """
    params = dict(filter_params or {})
    if focus is not None:
        params["focus"] = str(focus)
    return page_link(MAP_PAGE, params)


def article_link(
    article_id: str,
    annotation_id: str | None = None,
    filter_params: Mapping[str, str] | None = None,
) -> str:
    """The address of the article page, opened at one annotated passage.

    Parameters
    ----------
    article_id : str
        The article.
    annotation_id : str, optional
        The passage to mark.
    filter_params : mapping, optional
        Query parameters of the current filters.

    Returns
    -------
    str
        A root-relative address.
    """
    params = {**(filter_params or {}), "article": article_id}
    if annotation_id:
        params["ann"] = annotation_id
    return page_link(ARTICLE_PAGE, params)


def briefing_link(briefing_id: str, step: int, page: str = BRIEFING_PAGE) -> str:
    """The address of a briefing step in the presenter view (or the speaker notes).

    Parameters
    ----------
    briefing_id : str
        The briefing.
    step : int
        The step, from 1.
    page : str
        :data:`BRIEFING_PAGE` or :data:`NOTES_PAGE`.

    Returns
    -------
    str
        A root-relative address.
    """
    if page not in (BRIEFING_PAGE, NOTES_PAGE):
        raise ValueError(f"not a presenter page: {page}")
    return page_link(page, {"b": briefing_id, "step": str(step)})


def record_link(page: str, kind: str, record_id: str) -> str:
    """The address of an editorial page (correct, history) opened on one record.

    Parameters
    ----------
    page : str
        :data:`CORRECT_PAGE` or :data:`HISTORY_PAGE`.
    kind, record_id : str
        The record, as the store names it (``event``, ``site``, ``article``…).

    Returns
    -------
    str
        A root-relative address with ``record=<kind>:<id>``.
    """
    return page_link(page, {"record": f"{kind}:{record_id}"})
