"""Speaker notes: the presenter's second window, the same step as the presenter view.

Opened from the presenter view's “Speaker notes” link with the same address
(``?b=<id>&step=<n>``); it has its own previous/next buttons and arrow keys.
"""

from __future__ import annotations

import streamlit as st

from lib.maps.popups import esc
from lib.model.links import briefing_link
from lib.story import briefing_export as ex
from lib.ui import core as ui

ui.ensure_router()
catalog = ui.get_catalog()

ui.presenter_style(
    """
<style>
.zb-notes { font-size: 1.3rem; line-height: 1.5; white-space: pre-wrap; color: #000; }
.zb-said { font-size: 1.05rem; color: #222; border-left: 4px solid #999; padding-left: 10px; }
.zb-next { background: #f1f1ec; padding: 10px 14px; border-radius: 6px; font-size: 1.05rem; }
.zb-next b { font-size: 1.15rem; }
</style>
"""
)


facts = ui.briefing_facts(catalog)
_, briefing, index, _ = ui.current_briefing(catalog)


total = len(briefing.steps)
text = ex.step_text(catalog, briefing.steps[index], facts)
bar, prev_col, next_col = st.columns([8, 1.3, 1.3], vertical_alignment="center")
bar.html(
    f"<div class='zb-bar'><span class='zb-counter'>{index + 1} / {total}</span>"
    f"<h1 class='zb-step-title'>{esc(text.title)}</h1></div>"
)
ui.step_buttons(prev_col, next_col, briefing.briefing_id, index, total)

notes_col, side_col = st.columns([64, 36], gap="large")
notes_col.html(
    "<div class='zb-notes'>"
    + (esc(text.notes, 20_000) if text.notes else "<i>No speaker notes for this step.</i>")
    + "</div>"
)
with side_col:
    st.html(f"<p class='zb-said'><b>The audience reads:</b><br>{esc(text.caption)}</p>")
    if index + 1 < total:
        following = ex.step_text(catalog, briefing.steps[index + 1], facts)
        st.html(
            f"<div class='zb-next'>Next ({index + 2} / {total}):<br><b>{esc(following.title)}</b>"
            f"<br>{esc(following.caption)}</div>"
        )
    else:
        st.html("<div class='zb-next'><b>Last step.</b></div>")
    link = briefing_link(briefing.briefing_id, index + 1)
    st.html(f"<p><a href='{esc(link)}' target='_self'>Presenter view at this step</a></p>")
