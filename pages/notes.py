"""Speaker notes: the presenter's second window, the same step as the presenter view.

Opened from the presenter view's “Speaker notes” link with the same address
(``?b=<id>&step=<n>``); it has its own previous/next buttons and arrow keys. In the
same browser it follows the presenter's step, and leads it (:func:`lib.ui.deck.show_notes`).
"""

from __future__ import annotations

from lib.model.links import briefing_link
from lib.story.export_text import step_text
from lib.ui import cache, deck, presenter, router

router.ensure_router()
catalog = cache.get_catalog()
presenter.presenter_style("notes.css")

facts = cache.briefing_facts(catalog)
_, briefing, index, _ = presenter.current_briefing(catalog)
# The presenter moved on (this window heard it): the address catches up.
index = deck.reported_step(briefing.briefing_id, len(briefing.steps), index)
texts = [step_text(catalog, step, facts) for step in briefing.steps]
links = [
    briefing_link(briefing.briefing_id, number) for number in range(1, len(briefing.steps) + 1)
]
# Every step's notes, switched in the browser as the presenter (or this window) steps.
deck.show_notes(briefing, index, texts, links)
