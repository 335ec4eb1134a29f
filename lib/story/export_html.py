"""The whole briefing as one self-contained HTML file (template ``templates/export.html.j2``).

Every step — title, caption, what the map shows, a legend in plain sight and
the map itself — goes into one document that works opened from disk: each
step's map is a complete page with Leaflet inlined
(:func:`lib.story.export_map.map_document`), embedded as an ``<iframe
srcdoc>``. Only the optional online map tiles come from the network; without
them the layers draw on a plain background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from markupsafe import Markup

from lib.data.catalog import Catalog
from lib.maps.base_map import DATA_ATTRIBUTION
from lib.story.briefing import Briefing, fill
from lib.story.export_keys import export_keys_script
from lib.story.export_legend import legend_html
from lib.story.export_map import map_document, step_map, step_map_text
from lib.story.export_text import StepText, format_day, step_text
from lib.story.markup import render, static_text


class _ExportStep(NamedTuple):
    text: StepText
    document: str
    map_text: Markup


def export_html(
    catalog: Catalog,
    briefing: Briefing,
    facts: Mapping[str, str],
    include_notes: bool = False,
    tiles: bool = True,
    generated: dt.date | None = None,
    basemap: str = "online",
) -> str:
    """The whole briefing as one HTML file that works opened from disk.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    briefing : Briefing
        What to export.
    facts : mapping
        From :func:`lib.story.briefing.briefing_facts`.
    include_notes : bool
        Add each step's speaker notes (folded) — for the presenter's copy.
    tiles : bool
        Offer the online tile layers in the maps (the only network use).
    generated : datetime.date, optional
        Date printed on the cover (default: today).
    basemap : str
        ``offline`` draws the built-in basemap into every map: the file then
        needs no network at all.

    Returns
    -------
    str
        The document (about 1 MB per step: each map carries its own Leaflet).
    """
    generated = generated or dt.date.today()
    steps = [
        _ExportStep(
            step_text(catalog, step, facts),
            map_document(step_map(catalog, step, tiles=tiles, basemap=basemap)[0]),
            # Built by a template that escapes every data text.
            Markup(step_map_text(catalog, step)),
        )
        for step in briefing.steps
    ]
    return render(
        "export.html.j2",
        title=briefing.title,
        subtitle=fill(briefing.subtitle, facts) if briefing.subtitle else None,
        generated=format_day(generated),
        steps=steps,
        include_notes=include_notes,
        legend=Markup(legend_html(catalog)),
        border_km=facts.get("border_km", "n/a"),
        attribution=DATA_ATTRIBUTION,
        css=static_text("export.css"),
        script=export_keys_script(),
    )


def export_file_name(briefing: Briefing) -> str:
    """A download name for the HTML export."""
    return f"{briefing.briefing_id}.html"
