"""The briefing deck: one map for every step, steps switched in the browser, the server told after.

A custom Streamlit component with a static frontend (``deck_frontend/``: plain
HTML and JavaScript, no build step, the component protocol spoken by
``postMessage``). The presenter view hands it, once, every step's title,
side panel and links and one map holding every step's layers and view
(:func:`lib.story.deck_map.deck_map`); a key press or a button then switches the
step in the browser — no script run, no new map — and the component's value
tells the server afterwards, which only writes the step into the address
(``?step=``), so the address stays shareable. The arguments do not change when
the step does, so Streamlit keeps the frame.

The speaker-notes window is a deck too, without a map (:func:`show_notes`): it
follows through the browser's ``BroadcastChannel`` (same browser, no server in
between), and its own steps go back the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from lib.data.catalog import Catalog
from lib.story.briefing import Briefing, step_bounds
from lib.story.export_text import StepText
from lib.ui.deck_maps import deck_documents, map_texts
from lib.ui.markup import fragment, static_text

FRONTEND_DIR = Path(__file__).parent / "deck_frontend"
#: The component; its frame's title is ``lib.ui.deck.zb_deck``.
_component = components.declare_component("zb_deck", path=str(FRONTEND_DIR))
#: Streamlit key of the presenter's deck (its value: the step the browser shows).
DECK_KEY = "zb_deck"
#: Streamlit key of the notes window's deck.
NOTES_KEY = "zb_deck_notes"
_APPLIED_KEY = "zb_deck_applied"
_POSITION_KEY = "zb_deck_position"


def channel_name(briefing_id: str) -> str:
    """The ``BroadcastChannel`` the presenter view and its notes window share for a briefing."""
    return f"zb-deck:{briefing_id}"


def reported_step(briefing_id: str, total: int, index: int) -> int:
    """The step the browser shows, when it reported one the address does not show yet.

    The deck (the presenter's or the notes window's) has already switched in the browser;
    the server only catches up: ``?b=`` and ``?step=`` are written here, so the
    address stays shareable and the rest of the run (the PNG of this step) agrees.

    Parameters
    ----------
    briefing_id : str
        The briefing shown (a report about another briefing is ignored).
    total : int
        Its number of steps.
    index : int
        The step the address names, from 0.

    Returns
    -------
    int
        The step to show, from 0: the reported one if there is a new one, else ``index``.
    """
    for key in (DECK_KEY, NOTES_KEY):
        value = st.session_state.get(key)
        applied = f"{_APPLIED_KEY}:{key}"
        # A report is applied once: later runs must not drag the address back to it.
        if not isinstance(value, Mapping) or value == st.session_state.get(applied):
            continue
        st.session_state[applied] = dict(value)
        step = value.get("step")
        if value.get("briefing") == briefing_id and isinstance(step, int) and 1 <= step <= total:
            st.query_params["b"] = briefing_id
            st.query_params["step"] = str(step)
            _shown(key, briefing_id, step)
            return step - 1
    return index


def _position(key: str, briefing_id: str, index: int) -> dict[str, Any]:
    """Where a deck opens, and where the server sends it: arguments that rarely change.

    ``start`` is the step the deck first opened on in this session (kept, so the
    arguments stay the same as the deck steps by itself). ``goto`` appears only when
    the address names a step the deck was not known to show — a link or a button of
    the page, not the deck — numbered, so the frame follows it once.
    """
    state: dict[str, Any] = st.session_state.setdefault(f"{_POSITION_KEY}:{key}", {})
    place = state.setdefault(briefing_id, {"start": index + 1, "shown": index + 1, "goto": None})
    if place["shown"] != index + 1:
        number = (place["goto"] or {}).get("n", 0) + 1
        place["goto"] = {"step": index + 1, "n": number}
        place["shown"] = index + 1
    return {"start": place["start"], "goto": place["goto"]}


def _shown(key: str, briefing_id: str, number: int) -> None:
    """Remember the step a deck reported: the address now follows it, nothing to send back."""
    state: dict[str, Any] = st.session_state.setdefault(f"{_POSITION_KEY}:{key}", {})
    if briefing_id in state:
        state[briefing_id]["shown"] = number


def show_deck(
    catalog: Catalog,
    data_key: tuple,
    briefing: Briefing,
    index: int,
    texts: list[StepText],
    legend: str,
    links: list[Mapping[str, str]],
    *,
    basemap: str = "online",
    css: str = "",
    height: int = 640,
) -> None:
    """Draw the presenter's deck: step bar, one map, side panel, all steps in the browser.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    data_key : tuple
        The data version (cache key of the map).
    briefing : Briefing
        The briefing shown.
    index : int
        The step the address names, from 0 (where the deck opens first).
    texts : list of StepText
        Every step's words.
    legend : str
        The legend's markup (:func:`lib.story.export_legend.legend_html`, escaped there).
    links : list of mapping
        Per step, ``exit`` (the map at this step's view) and ``notes`` (the notes window).
    basemap : str
        ``online`` or ``offline``.
    css : str
        The side panel's stylesheet (the frame does not see the page's styles).
    height : int
        The frame's height in pixels.
    """
    deck_map_page, own_pages = deck_documents(catalog, data_key, briefing, basemap)
    texts_of_maps = map_texts(catalog, data_key, briefing)
    steps = [
        {
            "title": text.title,
            # The map as text under the step's words (both made by escaping templates).
            "panel": fragment("briefing.html.j2", "side_panel", text, "") + map_text,
            "exit": link["exit"],
            "notes": link["notes"],
        }
        for text, link, map_text in zip(texts, links, texts_of_maps, strict=True)
    ]
    _component(
        mode="presenter",
        briefing=briefing.briefing_id,
        channel=channel_name(briefing.briefing_id),
        **_position(DECK_KEY, briefing.briefing_id, index),
        steps=steps,
        legend=legend,
        css=css,
        map=deck_map_page,
        # Steps drawn on a map of their own: [index, page, bounds] (JSON keys are text).
        own_maps=[
            [index, page, step_bounds(briefing.steps[index])]
            for index, page in sorted(own_pages.items())
        ],
        height=height,
        key=DECK_KEY,
        default=None,
    )


def show_notes(
    briefing: Briefing, index: int, texts: list[StepText], presenter_links: list[str]
) -> None:
    """Draw the notes window's deck: every step's notes, switched in the browser.

    It follows the presenter's step on the briefing's ``BroadcastChannel`` (same
    browser, no server in between) and leads it with its own keys and buttons.

    Parameters
    ----------
    briefing : Briefing
        The briefing shown.
    index : int
        The step the address names, from 0.
    texts : list of StepText
        Every step's words.
    presenter_links : list of str
        Per step, the presenter view at that step.
    """
    total = len(texts)
    steps = [
        {
            "title": text.title,
            "panel": fragment(
                "notes.html.j2",
                "step_body",
                text,
                texts[number + 1] if number + 1 < total else None,
                number + 1,
                total,
            ),
            "notes": link,
        }
        for number, (text, link) in enumerate(zip(texts, presenter_links, strict=True))
    ]
    _component(
        mode="notes",
        briefing=briefing.briefing_id,
        channel=channel_name(briefing.briefing_id),
        **_position(NOTES_KEY, briefing.briefing_id, index),
        steps=steps,
        css=static_text("notes.css"),
        link_label="Presenter view ↗",
        height=620,
        key=NOTES_KEY,
        default=None,
    )
