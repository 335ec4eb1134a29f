"""Correct the record: edit a feature's fields, move it on the map, retire or restore it.

The form is built from the record's own fields (a CSV row), with the allowed values
of the fields that have them; a click on the map (or typed coordinates) moves the
feature. Saving checks the whole row (``lib.editorial``) and writes one revision
with the analyst's reason; a record someone else changed meanwhile is refused with
their name, and the form keeps what was typed.
"""

from __future__ import annotations

import streamlit as st

from lib.data.catalog import Catalog
from lib.data.schemas import (
    CLAIM_KINDS,
    CROSSING_STATUSES,
    EVENT_CATEGORIES,
    SITE_PHASES,
    SITE_ROLES,
)
from lib.data.validation import CONFIDENCE_LEVELS, DATE_PRECISIONS, PRECISION_LEVELS
from lib.editorial.save import edit_record
from lib.geo.rings import record_ring_km
from lib.maps.pick_map import pick_map
from lib.maps.popups import PRECISION_WORDS
from lib.store.records import Record, Revision
from lib.store.store import Store
from lib.ui import banners, components, editing, sidebar

#: Fields written as a longer text (a text area).
LONG_FIELDS = frozenset(
    {"title", "name", "sources", "notes", "coord_basis", "description", "statement"}
)
#: Fields never edited here: the id names the record in links and history.
ID_FIELDS = frozenset({"event_id", "site_id", "crossing_id", "place_id", "claim_id"})


def field_choices(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """The allowed values of the fields that have a fixed set (from the row models)."""
    return {
        "date_precision": DATE_PRECISIONS,
        "category": EVENT_CATEGORIES,
        "precision": PRECISION_LEVELS,
        "confidence": CONFIDENCE_LEVELS,
        "role": SITE_ROLES,
        "phase": SITE_PHASES,
        "status": CROSSING_STATUSES,
        "group": tuple(catalog.curated.groups["group_id"].astype(str)),
        # A claim is checked in one article: any the record holds.
        "article_id": tuple(catalog.articles),
        "kind": CLAIM_KINDS,
    }


def _point(payload: dict, prefix: str) -> tuple[float, float] | None:
    try:
        lat = float(st.session_state.get(f"{prefix}_lat", payload.get("lat")))
        lon = float(st.session_state.get(f"{prefix}_lon", payload.get("lon")))
    except (TypeError, ValueError):
        return None
    return lat, lon


def _move_on_map(catalog: Catalog, record: Record, prefix: str) -> None:
    payload = record.payload
    point = _point(payload, prefix)
    ring = record_ring_km(payload) if point else 0.0
    label = str(payload.get("name") or payload.get("title") or record.record_id)
    fmap = pick_map(catalog.boundaries, point, label, ring, sidebar.current_basemap())
    st.caption("Click the map to move it there (or type the coordinates below).")
    clicked = components.pick_point(fmap, key=f"{prefix}_map")
    if clicked and st.session_state.get(f"{prefix}_clicked") != clicked:
        # A new click fills the coordinate fields (drawn below, so they take it now).
        st.session_state[f"{prefix}_clicked"] = clicked
        st.session_state[f"{prefix}_lat"], st.session_state[f"{prefix}_lon"] = clicked
        st.rerun()


def _field_widget(name: str, value: str, choices: tuple[str, ...] | None, key: str) -> str:
    if name in ("lat", "lon"):
        try:
            number = float(value)
        except ValueError:
            number = 0.0
        st.session_state.setdefault(key, number)
        limit = 90.0 if name == "lat" else 180.0
        return f"{st.number_input(name, -limit, limit, key=key, format='%.5f'):.5f}"
    if choices is not None:
        options = list(choices) if value in choices or not value else [value, *choices]
        if name == "precision":
            options = [o for o in options if o] or options
        return st.selectbox(
            name,
            options,
            index=options.index(value) if value in options else 0,
            key=key,
            format_func=lambda o: PRECISION_WORDS.get(o, o) if name == "precision" else o,
        )
    if name in LONG_FIELDS or len(value) > 80:
        return st.text_area(name, value, key=key, height=80)
    return st.text_input(name, value, key=key)


def record_editor(store: Store, catalog: Catalog, record: Record, who: str) -> None:
    """The Correct form of one feature record (event, site, crossing, place).

    Parameters
    ----------
    store : Store
        Where to save.
    catalog : Catalog
        The loaded data (allowed groups, boundaries for the map, checks).
    record : Record
        The record as the store holds it now.
    who : str
        The analyst's name.
    """
    if record.retired:
        st.warning("This record is retired: it is on no map or list. Restore it to edit it.")
        _retire_or_restore(store, record, who)
        return
    prefix = f"edit_{record.kind}_{record.record_id}"
    # The form stays on the version it was opened on: a change saved meanwhile by
    # someone else is named, and saving is refused, rather than the typing lost.
    base_version, opened = st.session_state.setdefault(
        f"{prefix}_base", (record.version, dict(record.payload))
    )
    payload = {k: "" if v is None else str(v) for k, v in opened.items()}
    if base_version != record.version:
        latest = store.history(record.kind, record.record_id)[-1]
        st.warning(
            banners.md_escape(
                f"Changed since you opened it: version {latest.version} by {latest.who} "
                f"({latest.why}). Saving your edit is refused until you start again "
                "from the current version."
            )
        )
        if st.button("Start again from the current version", key=f"{prefix}_again"):
            _forget_form(prefix)
            st.rerun()
    if "lat" in payload:
        _move_on_map(catalog, record, prefix)
    choices = field_choices(catalog)
    changed: dict[str, str] = {}
    columns = st.columns(2)
    editable = [name for name in payload if name not in ID_FIELDS]
    for number, name in enumerate(editable):
        with columns[number % 2]:
            changed[name] = _field_widget(
                name, payload[name], choices.get(name), key=f"{prefix}_{name}"
            )
    new_payload = {**payload, **changed}
    diff = sorted(k for k in new_payload if new_payload[k] != payload.get(k))
    st.caption("Changed: " + (", ".join(diff) if diff else "nothing yet"))
    why = editing.reason_input("Reason for the change", key=f"{prefix}_why")
    if st.button("Save the correction", type="primary", key=f"{prefix}_save"):
        if not diff:
            st.error("Nothing changed: edit a field (or click the map) first.")
            return

        def action(s: Store, who: str, why: str) -> Revision:
            revision = edit_record(
                s, catalog, record.kind, record.record_id, new_payload, base_version, who, why
            )
            _forget_form(prefix)  # saved: the next form opens on the new version
            return revision

        editing.write(store, who, why, action, f"Saved {record.ref} ({', '.join(diff)} changed).")
    with st.expander("Retire this record"):
        _retire_or_restore(store, record, who)


def _forget_form(prefix: str) -> None:
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]


def _retire_or_restore(store: Store, record: Record, who: str) -> None:
    key = f"retire_{record.kind}_{record.record_id}_{record.version}"
    verb = "Restore" if record.retired else "Retire"
    if not record.retired:
        st.caption(
            "Retiring takes it off every map and list; its history stays and it can be restored."
        )
    why = editing.reason_input(f"Reason to {verb.lower()} it", key=f"{key}_why")
    if st.button(verb, key=key):

        def action(s: Store, who: str, why: str) -> Revision:
            if record.retired:
                return s.restore(
                    record.kind, record.record_id, who=who, why=why, base_version=record.version
                )
            return s.retire(
                record.kind, record.record_id, who=who, why=why, base_version=record.version
            )

        done = "restored" if record.retired else "retired"
        editing.write(store, who, why, action, f"{record.ref} {done}.")
