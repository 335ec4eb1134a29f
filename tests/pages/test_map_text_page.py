"""The map page draws the map as text under the map: the features the map draws (issue 15)."""

from __future__ import annotations

import re
from dataclasses import replace

from tests.apptest_utils import drawn, rerun, run_app, selected


def _map_text(at) -> str:
    (html,) = [
        h.proto.body for h in at.html if h.proto.body.startswith('<details class="zb-map-text">')
    ]
    return html


def test_the_map_as_text_lists_every_feature_the_map_draws(catalog, all_filters):
    at = run_app()
    text = _map_text(at)
    counts = selected(catalog, all_filters)
    assert drawn(at) == counts
    total = sum(counts.values())
    assert f"The map as text: {total} features (" in text
    assert len(re.findall(r"<tr><td>", text)) == total
    assert f"{counts['crossing']} border crossings" in text and f"{counts['event']} events" in text


def test_the_map_as_text_follows_the_filters(catalog, all_filters):
    at = run_app()
    at.multiselect(key="zb_groups").set_value(["Komala"])
    rerun(at)
    counts = selected(catalog, replace(all_filters, groups=frozenset({"Komala"})))
    assert counts != selected(catalog, all_filters)
    assert len(re.findall(r"<tr><td>", _map_text(at))) == sum(counts.values())
