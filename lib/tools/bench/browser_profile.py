"""Where the time goes between navigation and the first drawn feature: the probe's stamps.

The probe (``browser_probe.js``) leaves, per navigation, the page's navigation start,
when the WebSocket opened, every message the server sent (arrival time and bytes) and
one record per frame (start, load, the component's arguments arriving, Leaflet files,
long tasks, first drawn feature). :func:`breakdown` turns that into consecutive stages
that add up to the time to a drawn map:

=====================  ============================================================
stage                  from → to
=====================  ============================================================
``boot``               navigation start → WebSocket open (page, Streamlit's bundle)
``session``            WebSocket open → ``new_session`` message (the script starts)
``script_to_map``      ``new_session`` → the map component's delta arrives (the
                       server's script up to the map, building and sending it)
``delta_to_frame``     the delta → the component frame starts (React mounts it)
``frame_to_args``      frame start → its ``streamlit:render`` message (component
                       HTML and script loaded, the arguments — the map — posted)
``args_to_drawn``      the arguments → first Leaflet path or marker in view (Leaflet
                       files, the map script parsed and run, the first paint)
=====================  ============================================================

Besides: the whole script run as the browser sees it (``new_session`` →
``script_finished``; on loopback the transport adds next to nothing), the map delta's
bytes, bytes and messages received before the draw, components sent, and the long
tasks of the page and of the map frame before the draw. The messages are decoded
with Streamlit's own protobuf classes (``ForwardMsg``); that reads data, it never
drives Streamlit.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

#: Component names whose frame holds the map a page is waiting for.
MAP_COMPONENTS: tuple[str, ...] = ("streamlit_folium", "zb_deck")

#: The stages, in order (they add up to the total).
STAGES: tuple[str, ...] = (
    "boot",
    "session",
    "script_to_map",
    "delta_to_frame",
    "frame_to_args",
    "args_to_drawn",
)


@dataclass(frozen=True)
class Message:
    """One message the server sent: arrival (absolute ms), kind, bytes, component."""

    at: float
    kind: str
    size: int
    component: str = ""


def decode_messages(raw: list[list[Any]]) -> list[Message]:
    """Decode the probe's ``[time_ms, base64]`` pairs into :class:`Message` s.

    Parameters
    ----------
    raw : list of [float, str]
        Arrival time (absolute, ms) and the message's bytes in base64.

    Returns
    -------
    list of Message
        ``kind`` is the ``ForwardMsg`` type (``new_session``, ``delta``,
        ``script_finished``, …; ``undecodable`` when it is not one); for a delta
        that adds a component, ``component`` is its name.
    """
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # data classes only

    out = []
    for at, b64 in raw:
        data = base64.b64decode(b64)
        try:
            msg = ForwardMsg.FromString(data)
        except Exception:  # protobuf raises DecodeError, or worse on junk
            out.append(Message(float(at), "undecodable", len(data)))
            continue
        kind = msg.WhichOneof("type") or "unknown"
        component = ""
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "component_instance":
                component = element.component_instance.component_name
        out.append(Message(float(at), kind, len(data), component))
    return out


@dataclass
class Breakdown:
    """One navigation's stages (ms) and the figures beside them."""

    total_ms: float
    stages: dict[str, float | None]
    script_ms: float | None = None
    runs_before_map: int = 0
    map_delta_bytes: int = 0
    bytes_before_draw: int = 0
    messages_before_draw: int = 0
    components: int = 0
    map_scripts_ms: float | None = None
    map_scripts: int = 0
    longtask_page_ms: float = 0.0
    longtask_map_ms: float = 0.0
    drawn: str = ""
    notes: list[str] = field(default_factory=list)


def _is_map(component: str) -> bool:
    return any(name in component for name in MAP_COMPONENTS)


def _longtasks(frame: dict[str, Any], until: float) -> float:
    return sum(min(d, max(0.0, until - s)) for s, d in frame.get("longtasks", []) if s < until)


def breakdown(
    origin: float, opened: float | None, messages: list[Message], frames: list[dict[str, Any]]
) -> Breakdown | None:
    """The stages of one navigation, or None when no frame drew a feature.

    Parameters
    ----------
    origin : float
        The page's navigation start (``performance.timeOrigin``, ms).
    opened : float or None
        When the WebSocket opened (absolute ms).
    messages : list of Message
        What the server sent, in arrival order.
    frames : list of dict
        The probe's frame records (keys ``url``, ``top``, ``origin``, ``load``,
        ``render``, ``drawn``, ``what``, ``resources``, ``longtasks``).

    Returns
    -------
    Breakdown or None
        Stages missing a stamp are None (and named in ``notes``); the stages that
        are there still add up to the total when none is missing.
    """
    drawn_frames = [f for f in frames if f.get("drawn") is not None and not f.get("top")]
    if not drawn_frames:
        return None
    map_frame = min(drawn_frames, key=lambda f: f["drawn"])
    drawn = float(map_frame["drawn"])
    # A map drawn in a frame of its own inside the component (the deck's map, a srcdoc
    # frame): the component frame is the one that started last before it.
    component_frame = map_frame
    if not str(map_frame["url"]).startswith("http"):
        outer = [
            f
            for f in frames
            if not f.get("top") and f is not map_frame and "http" in str(f["url"])
            and f["origin"] <= map_frame["origin"]
        ]  # fmt: skip
        if outer:
            component_frame = max(outer, key=lambda f: f["origin"])
    session = next((m.at for m in messages if m.kind == "new_session"), None)
    delta = next((m for m in messages if m.kind == "delta" and _is_map(m.component)), None)
    # The run that sent the map: from the last script start before its delta to the
    # first script end after it (earlier runs — a rerun, a page switch — are counted).
    run_start = run_end = None
    if delta is not None:
        run_start = max((m.at for m in messages if m.kind == "new_session" and m.at <= delta.at),
                        default=None)  # fmt: skip
        run_end = next(
            (m.at for m in messages if m.kind == "script_finished" and m.at >= delta.at), None
        )
    runs_before = (
        sum(1 for m in messages if m.kind == "script_finished" and m.at < delta.at) if delta else 0
    )
    marks: list[float | None] = [
        origin,
        opened,
        session,
        delta.at if delta else None,
        component_frame.get("origin"),
        component_frame.get("render"),
        drawn,
    ]
    stages: dict[str, float | None] = {}
    notes = []
    for name, start, end in zip(STAGES, marks, marks[1:], strict=False):
        if start is None or end is None:
            stages[name] = None
            notes.append(f"{name}: no stamp")
        else:
            stages[name] = end - start
    before = [m for m in messages if m.at <= drawn]
    # The map's own scripts (Leaflet and plugins, or their one bundle): served from vendor/.
    scripts = [
        r
        for r in map_frame.get("resources", [])
        if "/vendor/" in r["name"] and r["name"].endswith(".js") and r["end"] <= drawn
    ]
    top = next((f for f in frames if f.get("top")), None)
    return Breakdown(
        total_ms=drawn - origin,
        stages=stages,
        script_ms=run_end - run_start if run_start is not None and run_end is not None else None,
        runs_before_map=runs_before,
        map_delta_bytes=delta.size if delta else 0,
        bytes_before_draw=sum(m.size for m in before),
        messages_before_draw=len(before),
        components=sum(1 for m in messages if m.component),
        map_scripts_ms=(
            max(r["end"] for r in scripts) - min(r["start"] for r in scripts) if scripts else None
        ),
        map_scripts=len(scripts),
        longtask_page_ms=_longtasks(top, drawn) if top else 0.0,
        longtask_map_ms=_longtasks(map_frame, drawn)
        + (_longtasks(component_frame, drawn) if component_frame is not map_frame else 0.0),
        drawn=str(map_frame.get("what") or ""),
        notes=notes,
    )
