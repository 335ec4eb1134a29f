"""Speaker notes: the presenter's second window, the same step as the presenter view.

Opened from the presenter view's “Speaker notes” link with the same address
(``?b=<id>&step=<n>``); it has its own previous/next buttons and arrow keys. In the
same browser it follows the presenter's step, and leads it (:func:`lib.ui.deck.follow_steps`).
"""

from __future__ import annotations

import streamlit as st

from lib.model.links import briefing_link
from lib.story.export_text import step_text
from lib.ui import cache, deck, markup, presenter, router

router.ensure_router()
catalog = cache.get_catalog()
presenter.presenter_style("notes.css")

facts = cache.briefing_facts(catalog)
_, briefing, index, _ = presenter.current_briefing(catalog)
# The presenter moved on (this window's follower heard it): the address catches up.
index = deck.reported_step(briefing.briefing_id, len(briefing.steps), index)
total = len(briefing.steps)
text = step_text(catalog, briefing.steps[index], facts)
presenter.step_bar(briefing.briefing_id, index, total, text.title)
deck.follow_steps(briefing.briefing_id, index)

notes_col, side_col = st.columns([64, 36], gap="large")
notes_col.html(markup.fragment("notes.html.j2", "notes", text))
with side_col:
    st.html(markup.fragment("notes.html.j2", "said", text))
    if index + 1 < total:
        following = step_text(catalog, briefing.steps[index + 1], facts)
        st.html(markup.fragment("notes.html.j2", "following", following, index + 2, total))
    else:
        st.html(markup.fragment("notes.html.j2", "last_step"))
    link = briefing_link(briefing.briefing_id, index + 1)
    st.html(markup.fragment("notes.html.j2", "presenter_link", link))
