"""Create a new event from a passage of the article under review (ACLED-style coding).

Every field is required: date with its precision (day, week, month), category, groups,
actors, place (found in the gazetteer, clicked on the map or typed), location
precision (exact, town, area, region), confidence; the sources are the article plus
any others. What is typed is kept with the draft at every change, so a reload or a
crashed browser loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from lib.analysis.search import search
from lib.data.catalog import Catalog
from lib.data.schemas import EVENT_CATEGORIES
from lib.data.validation import CONFIDENCE_LEVELS, PRECISION_LEVELS
from lib.editorial.anchor import AnchorError, anchor_once
from lib.editorial.draft import Draft, EventDraft
from lib.editorial.errors import Problem
from lib.editorial.save import article_source_of
from lib.editorial.validate import check_event, latest_date
from lib.geo.rings import record_ring_km
from lib.maps.pick_map import pick_map
from lib.maps.popups import PRECISION_WORDS
from lib.model.focus import resolve_focus
from lib.model.links import Focus
from lib.store.store import Store
from lib.ui import cache, components, drafts, sidebar

#: Date precisions an analyst codes a new event with (ACLED's time precision).
EVENT_DATE_PRECISIONS = ("day", "week", "month")
#: Kinds of search hit that give a place (not groups or events).
PLACE_KINDS = ("place", "site", "crossing", "town", "boundary")
P = "zb_ev_"
#: Session key of the form's generation: each added event starts a new, empty form
#: (new widget keys), so nothing typed for the last event lingers in the next.
GENERATION_KEY = "zb_event_form_generation"


#: The form's fields (what is kept with the draft).
FIELDS = frozenset(
    {"quote", "title", "category", "date", "date_precision", "groups", "actors", "place_query",
     "place", "coord_basis", "lat", "lon", "precision", "confidence", "sources", "clicked"}
)  # fmt: skip


def k(name: str) -> str:
    """The widget key of a form field in the current generation of the form."""
    generation = st.session_state.get(GENERATION_KEY, 0)
    return f"{P}{name}" if not generation else f"{P}{generation}_{name}"


def _remember(store: Store, owner: str) -> Callable[[], None]:
    def save() -> None:
        prefix = k("")
        form = {
            key[len(prefix) :]: _plain(value)
            for key, value in st.session_state.items()
            if str(key).startswith(prefix) and str(key)[len(prefix) :] in FIELDS
        }
        st.session_state[drafts.FORM_KEY] = form
        draft = st.session_state.get(drafts.DRAFT_KEY)
        if isinstance(draft, Draft):
            drafts.keep(store, draft, owner)

    return save


def _plain(value: Any) -> Any:
    # The draft row is JSON: dates as ISO text, tuples as lists.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _restore_form(draft: Draft) -> None:
    """Put the draft's kept form values back into the widgets (after a reload)."""
    form = st.session_state.get(drafts.FORM_KEY) or {}
    for name, value in form.items():
        key = k(name)
        if key in st.session_state or name not in FIELDS:
            continue
        if name == "date" and isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                continue
        st.session_state[key] = value
    st.session_state.setdefault(k("date"), _first_date(draft))


def _first_date(draft: Draft) -> dt.date:
    accepted = [
        d.proposal.date
        for d in draft.decisions
        if d.proposal.kind == "date" and d.status == "accepted" and d.proposal.date
    ]
    return accepted[0] if accepted else draft.meta.published


def _place_search(catalog: Catalog, on_change: Callable[[], None]) -> None:
    query = st.text_input("Find the place (gazetteer, curated places)", key=k("place_query"))
    if not query.strip():
        return
    hits = [h for h in search(cache.search_index(catalog), query, limit=8)]
    hits = [h for h in hits if h.entry.focus.kind in PLACE_KINDS]
    if not hits:
        st.caption("No place of that name; click the map or type coordinates.")
        return
    labels = {f"{h.entry.focus}": f"{h.entry.label} ({h.kind_label})" for h in hits}
    chosen = st.selectbox("Matches", list(labels), format_func=labels.__getitem__, key=k("hit"))
    focus = next(h.entry.focus for h in hits if str(h.entry.focus) == chosen)
    # A callback runs before the next run draws the fields, so it may fill them.
    st.button(
        "Use this place", key=k("use_hit"), on_click=_use_place, args=(catalog, focus, on_change)
    )


def _use_place(catalog: Catalog, focus: Focus, on_change: Callable[[], None]) -> None:
    target = resolve_focus(catalog, focus)
    if target is None:
        return
    st.session_state[k("place")] = target.label
    st.session_state[k("lat")], st.session_state[k("lon")] = target.lat, target.lon
    basis = f"GeoNames {focus.ref}" if focus.kind == "town" else f"{focus} in the record"
    st.session_state[k("coord_basis")] = f"{target.label} ({basis})"
    on_change()


def event_form(store: Store, catalog: Catalog, draft: Draft, owner: str) -> Draft:
    """The form that adds one new event to the draft (checked before it is added).

    Returns
    -------
    Draft
        The draft, with the event when one was added.
    """
    _restore_form(draft)
    save = _remember(store, owner)
    passages = [d.proposal.exact for d in draft.decisions if d.proposal.kind == "event"]
    st.text_area(
        "Passage it comes from (a quote of the text)",
        key=k("quote"),
        on_change=save,
        height=70,
        placeholder=passages[0] if passages else "Copy the sentence that reports it",
    )
    left, right = st.columns(2)
    left.text_input("Title", key=k("title"), on_change=save, max_chars=200)
    right.selectbox(
        "Category", EVENT_CATEGORIES, key=k("category"), on_change=save, index=None,
        placeholder="Choose the kind of event",
    )  # fmt: skip
    left.date_input("Date", key=k("date"), on_change=save, max_value=latest_date())
    right.radio(
        "Date precision", EVENT_DATE_PRECISIONS, key=k("date_precision"), horizontal=True,
        on_change=save,
    )  # fmt: skip
    groups = list(catalog.curated.groups["group_id"].astype(str))
    left.multiselect("Groups", groups, key=k("groups"), on_change=save)
    right.text_input("Actors", key=k("actors"), on_change=save, placeholder="e.g. IRGC")
    right.selectbox(
        "Confidence", CONFIDENCE_LEVELS, key=k("confidence"), on_change=save, index=None,
        placeholder="How sure the reporting is",
    )  # fmt: skip
    st.markdown("**Where** — find the place, click the map, or type its coordinates")
    _place_search(catalog, save)
    left, right = st.columns(2)
    left.text_input("Place name", key=k("place"), on_change=save)
    right.text_input("Where the coordinates come from", key=k("coord_basis"), on_change=save)
    st.session_state.setdefault(k("lat"), 0.0)
    st.session_state.setdefault(k("lon"), 0.0)
    left.number_input("Latitude", -90.0, 90.0, key=k("lat"), format="%.5f", on_change=save)
    right.number_input("Longitude", -180.0, 180.0, key=k("lon"), format="%.5f", on_change=save)
    precision = left.selectbox(
        "Location precision", PRECISION_LEVELS, key=k("precision"), on_change=save,
        format_func=lambda p: PRECISION_WORDS.get(p, p), index=None,
        placeholder="How exactly the place is known",
    )  # fmt: skip
    lat, lon = st.session_state[k("lat")], st.session_state[k("lon")]
    point = (lat, lon) if (lat, lon) != (0.0, 0.0) else None
    stand_in = {"precision": precision, "coord_basis": "stand-in"}
    ring = record_ring_km(stand_in) if point and precision else 0.0
    fmap = pick_map(
        catalog.boundaries,
        point,
        st.session_state.get(k("place")) or "the event",
        ring,
        sidebar.current_basemap(),
    )
    clicked = components.pick_point(fmap, key=k("map"), height=320)
    if clicked and st.session_state.get(k("clicked")) != list(clicked):
        st.session_state[k("clicked")] = list(clicked)
        st.session_state[k("lat")], st.session_state[k("lon")] = clicked
        st.session_state[k("coord_basis")] = "clicked on the map by the analyst"
        save()
        st.rerun()
    st.text_area(
        "Other sources (one per line; the article itself is always one)",
        key=k("sources"), on_change=save, height=70,
    )  # fmt: skip
    if not st.button("Add the event to the draft", key=k("add")):
        return draft
    return _add(store, catalog, draft, owner)


#: The form's required choices, with how a refusal names them.
REQUIRED = {
    "title": "Title",
    "category": "Category",
    "confidence": "Confidence",
    "place": "Place name",
    "precision": "Location precision",
    "quote": "Passage it comes from",
}


def _add(store: Store, catalog: Catalog, draft: Draft, owner: str) -> Draft:
    s = st.session_state
    missing = [label for name, label in REQUIRED.items() if not str(s.get(P + name) or "").strip()]
    if (s.get(k("lat")), s.get(k("lon"))) in ((0.0, 0.0), (None, None)):
        missing.append("Latitude/Longitude (find the place, click the map or type them)")
    if missing:
        st.error("The event is not complete. Required: " + "; ".join(missing) + ".")
        return draft
    title = " ".join(str(s.get(k("title")) or "").split())
    date = s.get(k("date")) or draft.meta.published
    others = [line.strip() for line in str(s.get(k("sources")) or "").splitlines() if line.strip()]
    values = {
        "event_id": "",  # made when saved (lib.editorial.save), unique against the store
        "title": title,
        "date": date,
        "date_precision": s.get(k("date_precision")) or "day",
        "category": s.get(k("category")),
        "groups": list(s.get(k("groups")) or []),
        "actors": str(s.get(k("actors")) or "").strip(),
        "place": str(s.get(k("place")) or "").strip(),
        "lat": float(s.get(k("lat")) or 0.0),
        "lon": float(s.get(k("lon")) or 0.0),
        "precision": s.get(k("precision")),
        "confidence": s.get(k("confidence")),
        "coord_basis": str(s.get(k("coord_basis")) or "").strip(),
        "sources": others,
        "quote": str(s.get(k("quote")) or "").strip(),
    }
    try:
        event = EventDraft(**values)
    except ValueError as exc:
        st.error(f"The event is not complete: {exc}")
        return draft
    problems = check_event(event, catalog, latest_date(), article_source=article_source_of(draft))
    try:
        anchor_once(draft.blocks(), event.quote)
    except AnchorError as exc:
        problems = [*problems, Problem("quote", str(exc))]
    if problems:
        for problem in problems:
            st.error(f"{problem.field}: {problem.message}")
        return draft
    draft = draft.model_copy(update={"events": [*draft.events, event]})
    # The next run draws a new, empty form (new keys); this run's widgets keep theirs.
    s[GENERATION_KEY] = s.get(GENERATION_KEY, 0) + 1
    s[drafts.FORM_KEY] = {}
    st.success(f"Event “{event.title}” added to the draft; it is saved with the article.")
    return drafts.keep(store, draft, owner)
