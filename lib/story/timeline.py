"""The timeline: events over time as a table and an Altair chart.

Events the article reports are told apart from background events (filled,
larger marks; an "in the article" column), and each row links to the map
and to the passage that reports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import altair as alt
import pandas as pd

from lib.data.catalog import Catalog
from lib.data.rows import events_on_map, split_sources
from lib.data.schemas import CATEGORY_COLOURS
from lib.model.filters import NO_GROUP_LABEL, Filters, filter_events
from lib.model.links import Focus, article_link, map_link

#: Name of the chart's interval selection (Streamlit reports it under this key).
RANGE_SELECTION = "range"
COLOUR_CHOICES: tuple[str, ...] = ("category", "group")


def timeline_table(
    catalog: Catalog, filters: Filters, link_params: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per event that passes the filters, oldest first.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    filters : Filters
        The current selection.
    link_params : mapping, optional
        Filter parameters kept in the links.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``title``, ``category``, ``groups``, ``place``,
        ``in_article``, ``confidence``, ``source``, ``map``, ``passage``, ``event_id``.
    """
    events = filter_events(catalog.curated.events, filters).sort_values(["date", "event_id"])
    rows = []
    # Events without a coordinate, or off the map region, are listed without a map link.
    drawn = events_on_map(events).tolist()
    for record, on_map in zip(
        events.drop(columns="geometry").to_dict("records"), drawn, strict=True
    ):
        passages = catalog.annotations_for("event", record["event_id"])
        first = passages[0].annotation if passages else None
        sources = split_sources(record["sources"])
        rows.append(
            {
                "date": record["date"],
                "title": record["title"],
                "category": record["category"],
                "groups": ", ".join(record["groups"]) or NO_GROUP_LABEL,
                "place": record["place"],
                "in_article": bool(passages),
                "confidence": record["confidence"],
                "source": sources[0] if sources else "",
                "map": map_link(Focus("event", record["event_id"]), link_params)
                if on_map
                else None,
                "passage": article_link(first.article_id, first.annotation_id, link_params)
                if first
                else None,
                "event_id": record["event_id"],
            }
        )
    columns = [
        "date",
        "title",
        "category",
        "groups",
        "place",
        "in_article",
        "confidence",
        "source",
        "map",
        "passage",
        "event_id",
    ]
    return pd.DataFrame(rows, columns=columns)


def timeline_chart(
    table: pd.DataFrame,
    colour_by: str,
    group_colours: Mapping[str, str],
    domain: tuple[dt.date, dt.date],
) -> alt.Chart:
    """Events over time, one lane per category or group, with a brushable date range.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`timeline_table`.
    colour_by : str
        ``category`` or ``group`` (an event of several groups shows in each lane).
    group_colours : mapping
        Group id → colour, for ``colour_by="group"``.
    domain : tuple of datetime.date
        The date span of the x axis.

    Returns
    -------
    altair.Chart
        With an interval selection named :data:`RANGE_SELECTION` on x.
    """
    data = table.drop(columns=["map", "passage"]).copy()
    data["date"] = pd.to_datetime(data["date"])
    data["mention"] = data["in_article"].map({True: "In the article", False: "Background"})
    if colour_by == "group":
        data["lane"] = data["groups"].str.split(", ")
        data = data.explode("lane")
        lanes = [*group_colours, NO_GROUP_LABEL]
        colours = [*group_colours.values(), "#666666"]
        title = "Group"
    else:
        data["lane"] = data["category"]
        lanes = list(CATEGORY_COLOURS)
        colours = list(CATEGORY_COLOURS.values())
        title = "Category"
    brush = alt.selection_interval(name=RANGE_SELECTION, encodings=["x"])
    start, end = (pd.Timestamp(d) for d in domain)
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=220, opacity=0.9, strokeWidth=2)
        .encode(
            x=alt.X(
                "date:T",
                title=None,
                scale=alt.Scale(domain=[start, end]),
                axis=alt.Axis(format="%b %Y"),
            ),
            y=alt.Y("lane:N", title=None, sort=lanes, axis=alt.Axis(labelFontSize=14)),
            color=alt.Color(
                "lane:N", title=title, scale=alt.Scale(domain=lanes, range=colours), legend=None
            ),
            shape=alt.Shape(
                "mention:N",
                title=None,
                scale=alt.Scale(
                    domain=["In the article", "Background"], range=["diamond", "circle"]
                ),
                legend=alt.Legend(orient="top", labelFontSize=14),
            ),
            tooltip=[
                alt.Tooltip("date:T", format="%d %b %Y"),
                alt.Tooltip("title:N"),
                alt.Tooltip("groups:N"),
                alt.Tooltip("place:N"),
                alt.Tooltip("mention:N", title="Article"),
            ],
        )
        .add_params(brush)
        .properties(
            height=max(220, 42 * len(lanes)),
            # The chart's text alternative (the SVG's aria-label); the table under
            # it lists every event for a screen reader.
            description=timeline_description(len(data["event_id"].unique()), title, domain),
            # Drawn on a canvas, not as SVG: Vega gives the selection brush's rectangles
            # an SVG role without any name, which no option reaches (WCAG 1.1.1).
            usermeta={"embedOptions": {"renderer": "canvas"}},
        )
        .configure_axis(labelFontSize=13)
    )


def timeline_description(count: int, lanes: str, domain: tuple[dt.date, dt.date]) -> str:
    """The timeline chart's text alternative: what it shows and where its data is as text.

    Parameters
    ----------
    count : int
        Events drawn.
    lanes : str
        What the lanes are (``Category`` or ``Group``).
    domain : tuple of datetime.date
        The date span of the x axis.

    Returns
    -------
    str
        One sentence.
    """
    start, end = (d.strftime("%B %Y") for d in domain)
    return (
        f"Timeline chart of {count} event{'' if count == 1 else 's'} from {start} to {end}, "
        f"one lane per {lanes.lower()}; diamonds are events reported in the article. "
        "The table below lists every event."
    )


def selected_range(
    selection: Mapping[str, object], domain: tuple[dt.date, dt.date]
) -> tuple[dt.date, dt.date] | None:
    """Dates picked by brushing the chart, clamped to the filter's span.

    Parameters
    ----------
    selection : mapping
        Streamlit's ``selection`` state of the chart.
    domain : tuple of datetime.date
        The filter's span.

    Returns
    -------
    tuple of datetime.date or None
        ``(from, to)``, or None when nothing usable was brushed.
    """
    brushed = selection.get(RANGE_SELECTION) if isinstance(selection, Mapping) else None
    values = brushed.get("date") if isinstance(brushed, Mapping) else None
    if not isinstance(values, list | tuple) or len(values) != 2:
        return None
    try:
        days = sorted(
            dt.datetime.fromtimestamp(float(v) / 1000, tz=dt.UTC).date()
            if not isinstance(v, str)
            else dt.date.fromisoformat(v[:10])
            for v in values
        )
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    low, high = max(days[0], domain[0]), min(days[1], domain[1])
    return (low, high) if low <= high else None
