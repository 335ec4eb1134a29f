"""A map that plays the events through time (``lib.model.playback`` says what shows when).

The map is the main map of the selection (every popup, symbol, legend and layer as
usual) with a control added: the week's or month's date shown large, what is drawn
in it, first/previous/play-pause/next/last buttons and a slider to scrub. The
stepping happens in the browser (``static/playback.js``): no rerun, no server, so
the same map plays in the HTML export opened from disk.
"""

from __future__ import annotations

import folium

from lib.maps.base_map import Snippet, style_element
from lib.maps.templating import MAP_PLACEHOLDER, render, static_text
from lib.model.playback import Playback

#: What the control says is drawn; the script fills in the counts.
COUNTS_TEXT = {
    "month": "{now} events this month · {before} before · {sites} sites in use",
    "week": "{now} events this week · {before} before · {sites} sites in use",
}


def add_playback(fmap: folium.Map, playback: Playback, start: int = 0) -> folium.Map:
    """Add the playback control to a map drawn from the same selection.

    Parameters
    ----------
    fmap : folium.Map
        A map whose sites and events were drawn by ``lib.maps.points`` (their
        markers carry ``zb-site-<id>`` / ``zb-event-<id>`` classes).
    playback : Playback
        Frames and when each event and site shows (:func:`lib.model.playback.make_playback`).
    start : int
        The frame shown first (clamped to the frames).

    Returns
    -------
    folium.Map
        The same map.
    """
    fmap.get_root().header.add_child(style_element("playback.css"))
    data = {
        "frames": [frame.label for frame in playback.frames],
        "events": playback.events,
        "sites": {k: list(v) for k, v in playback.sites.items()},
        "start": max(0, min(start, len(playback.frames) - 1)),
        "counts_text": COUNTS_TEXT[playback.period],
    }
    control = render(
        "playback_control.html.j2", period=playback.period, frames=len(playback.frames)
    )
    script = render(
        "playback.js.j2",
        script=static_text("playback.js").strip(),
        map=MAP_PLACEHOLDER,
        data=data,
        control=control.strip(),
    )
    fmap.add_child(Snippet(script))
    return fmap
