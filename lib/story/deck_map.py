"""One map for a whole briefing: every step's layers and view drawn once, switched in the browser.

Each step is first drawn as it always was (:func:`lib.story.export_map.step_map`,
so a step looks exactly like its own map); its features are then moved onto one
deck map, each top-level layer wrapped in a hidden Leaflet group. The boundary
layers and the border are drawn from the same data in every step, so each is
kept once and shared. The map's script (``static/deck_map.js``) knows which
groups and which bounds belong to each step and shows one step at a time
(``window.zbDeck.show(i)``): only the groups that differ are added or removed,
so a step change redraws no tile, no shared layer and no page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import folium
from branca.element import Element
from folium.map import Layer, Marker
from folium.vector_layers import BaseMultiLocation

from lib.data.catalog import Catalog
from lib.maps.base_map import Snippet, static_script
from lib.maps.main_map import MapContents
from lib.maps.styles import MAP_LAYERS
from lib.model.map_view import Bounds
from lib.story.briefing import Step, step_bounds, step_layers
from lib.story.export_map import step_map
from lib.story.markup import render, static_text

#: Layers drawn identically in every step (the same boundary data at the same level
#: of detail, whatever the step's filters), in the order they are drawn.
SHARED_LAYERS: tuple[str, ...] = tuple(
    MAP_LAYERS[key]
    for key in (
        "neighbours",
        "countries",
        "iran_border_provinces",
        "governorates",
        "kurdistan_region",
        "disputed_territories",
        "border",
    )
)
#: The kinds of point features a step counts (keys of ``MapContents.counts`` and layers).
_KINDS = ("sites", "crossings", "events")
#: The name of the offline basemap's group (ground, not data: kept on the map).
_BASEMAP_GROUP = "Built-in basemap"


@dataclass(frozen=True)
class DeckStep:
    """What one step shows on the deck map.

    Attributes
    ----------
    bounds : ((south, west), (north, east))
        The view the step fits.
    layers : tuple of int
        Indices in :attr:`Deck.groups` of the groups shown, in drawing order.
    contents : MapContents
        What the step's map contains (counts by kind, for captions and tests).
    drawn : dict of str to int
        Features the step puts on the map, by kind: ``sites``, ``crossings``,
        ``events`` (0 for a kind whose layer the step leaves off) and ``highlights``
        (rings round highlighted points, outlines of highlighted areas). What a browser test or the step-latency
        benchmark counts to know the step is drawn. A step with a map of its own
        counts ``{"own": 1}``: its own map is shown.
    own : bool
        A then-and-now or playback step: drawn on a map of its own
        (:attr:`Deck.own_maps`), shown in place of the deck map.
    """

    bounds: Bounds
    layers: tuple[int, ...]
    contents: MapContents
    drawn: dict[str, int]
    own: bool = False


@dataclass(frozen=True)
class Deck:
    """The deck map and its steps.

    Attributes
    ----------
    fmap : folium.Map
        One map holding every step (its script switches them).
    groups : tuple of folium.FeatureGroup
        The hidden wrapper groups, shared ones first.
    steps : tuple of DeckStep
        Per step, in order.
    own_maps : dict of int to folium.Map
        The maps of the steps that have one of their own (two synchronised maps, a
        playback control), by step index: shown beside the deck map, switched the same way.
    """

    fmap: folium.Map
    groups: tuple[folium.FeatureGroup, ...]
    steps: tuple[DeckStep, ...]
    own_maps: dict[int, folium.Map] = field(default_factory=dict)


def _is_data(child: Element) -> bool:
    """Whether a child of a step map is one of its features (not ground, control or script)."""
    if isinstance(child, folium.TileLayer):
        return False
    if isinstance(child, folium.FeatureGroup) and child.layer_name == _BASEMAP_GROUP:
        return False
    return isinstance(child, (Layer, Marker, BaseMultiLocation))


def _shown(child: Element) -> bool:
    # A layer the step keeps switched off is not part of the step at all here.
    return bool(getattr(child, "show", True))


def _wrap(child: Element, name: str) -> folium.FeatureGroup:
    """Move ``child`` into a new hidden group (off the map until its step shows it)."""
    group = folium.FeatureGroup(name=name, show=False, control=False)
    group.add_child(child)  # re-parents it: folium renders a child under its last parent
    return group


def deck_map(
    catalog: Catalog, steps: Sequence[Step], *, tiles: bool = True, basemap: str = "online"
) -> Deck:
    """Draw every step once on one map, with the script that switches between them.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    steps : sequence of Step
        The briefing's steps (at least one).
    tiles : bool
        Offer the online tile layers.
    basemap : str
        ``online`` or ``offline`` (see :func:`lib.maps.main_map.draw_main_map`).

    Returns
    -------
    Deck
        The map (showing the first step until its script is told otherwise) and,
        per step, its groups and bounds.
    """
    if not steps:
        raise ValueError("a deck needs at least one step")
    drawn = [step_map(catalog, step, tiles=tiles, basemap=basemap) for step in steps]
    # The first step's map is the deck's ground: tiles or basemap, controls, legend.
    fmap = drawn[0][0]
    if steps[0].kind != "map":
        # A first step with a map of its own: the ground is its plain map, emptied.
        plain = replace(steps[0], play=None, then=None, now=None)
        fmap = step_map(catalog, plain, tiles=tiles, basemap=basemap)[0]
        for key, child in list(fmap._children.items()):
            if _is_data(child):
                del fmap._children[key]
    shared: dict[str, folium.FeatureGroup] = {}
    uses: list[tuple[list[str], list[folium.FeatureGroup]]] = []
    rings: list[int] = []
    own_maps: dict[int, folium.Map] = {}
    for number, ((step_fmap, _), step) in enumerate(zip(drawn, steps, strict=True), start=1):
        names: list[str] = []
        rings.append(0)
        groups: list[folium.FeatureGroup] = []
        if step.kind != "map":
            # Two maps side by side, or a playback control: not layers to switch. The
            # step keeps its own map, shown in place of the deck map.
            own_maps[number - 1] = step_fmap
            uses.append((names, groups))
            continue
        for key, child in list(step_fmap._children.items()):
            if not _is_data(child):
                continue
            # folium has no public way to detach a child: the step map is spent anyway
            # (the first one stays as the deck's ground, without its own features).
            del step_fmap._children[key]
            if not _shown(child):
                continue
            # Features added straight to the map (highlights) are named by their type.
            name = child.layer_name if isinstance(child, Layer) else type(child).__name__
            # Highlights are drawn straight on the map: a ring per point, an outline per area.
            rings[-1] += isinstance(child, (folium.CircleMarker, folium.GeoJson))
            if name in SHARED_LAYERS:
                if name not in shared:  # the same data in every step: the first one serves
                    shared[name] = _wrap(child, name)
                names.append(name)
            else:
                groups.append(_wrap(child, f"step {number}: {name}"))
        uses.append((names, groups))
    # Shared layers first, in their drawing order: each step draws them under its own.
    ordered = [shared[name] for name in SHARED_LAYERS if name in shared]
    position = {name: i for i, name in enumerate(n for n in SHARED_LAYERS if n in shared)}
    deck_steps = []
    for step, (_, contents), (names, groups), ringed in zip(steps, drawn, uses, rings, strict=True):
        first = len(ordered)
        ordered.extend(groups)
        own = len(deck_steps) in own_maps
        deck_steps.append(
            DeckStep(
                bounds=step_bounds(step),
                layers=tuple(sorted(position[n] for n in names))
                + tuple(range(first, len(ordered))),
                contents=contents,
                drawn={"own": 1} if own else _drawn(step, contents, ringed),
                own=own,
            )
        )
    for group in ordered:
        fmap.add_child(group)
    _drop_view_in_url(fmap)
    fmap.add_child(Snippet(deck_script(ordered, deck_steps)))
    return Deck(fmap=fmap, groups=tuple(ordered), steps=tuple(deck_steps), own_maps=own_maps)


def _drawn(step: Step, contents: MapContents, rings: int) -> dict[str, int]:
    """The features a step draws, by kind (a kind whose layer is off draws none)."""
    shown = step_layers(step)
    counts = {kind: contents.counts.get(kind, 0) if kind in shown else 0 for kind in _KINDS}
    return {**counts, "highlights": rings}


def _drop_view_in_url(fmap: folium.Map) -> None:
    """Remove the script that writes the view into the page's address.

    The deck's address names the step; a view moved by each step would only add noise.
    """
    script = static_script("view_in_url.js")
    for key, child in list(fmap._children.items()):
        if isinstance(child, Snippet) and child._script == script:
            del fmap._children[key]


def deck_script(groups: Sequence[folium.FeatureGroup], steps: Sequence[DeckStep]) -> str:
    """The deck map's script: ``static/deck_map.js`` and the table of its steps.

    Parameters
    ----------
    groups : sequence of folium.FeatureGroup
        Every wrapper group, by index.
    steps : sequence of DeckStep
        Each step's groups and bounds.

    Returns
    -------
    str
        A script for a :class:`lib.maps.base_map.Snippet` (``{{map}}`` is the map).
    """
    table = [{"layers": list(s.layers), "bounds": [list(c) for c in s.bounds]} for s in steps]
    return render(
        "deck_map.js.j2",
        script=static_text("deck_map.js"),
        groups=[g.get_name() for g in groups],
        steps=table,
    )
