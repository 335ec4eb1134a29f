"""The border page's charts: lengths by source, and the border as a strip of km.

They only draw what :mod:`lib.analysis.border` measures (Altair specs, no numbers
of their own).
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from lib.analysis.border.relocation import short_name
from lib.analysis.border.segments import runs
from lib.maps.marks import knockout_path
from lib.maps.symbols import symbol_data_uri, symbol_svg
from lib.model.filters import (
    UNKNOWN_GROUP_COLOUR,
    UNKNOWN_GROUP_MARK,
    group_colours,
    group_labels,
    group_marks,
)
from lib.story.markup import render

MEASURED_COLOUR = "#33658A"
PUBLISHED_COLOUR = "#C8553D"

#: The legend entry of the crossings row.
_CROSSING_KEY = "Border crossing"
_AXIS = {"labelFontSize": 14, "titleFontSize": 14, "labelLimit": 360}


def length_chart(lengths: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: every measured and published length, longest first.

    Parameters
    ----------
    lengths : pandas.DataFrame
        :func:`lib.analysis.border.lines.length_table` output.

    Returns
    -------
    altair.Chart
        Measured bars and published bars in two colours, km at the bar end.
    """
    data = lengths.assign(
        # The kind is written at the bar's end too: never told by colour alone (WCAG 1.4.1).
        label=[
            f"{km:,.0f} · {kind}" for km, kind in zip(lengths["km"], lengths["kind"], strict=True)
        ],
        vertices_text=lengths["vertices"].map(lambda v: "—" if pd.isna(v) else f"{int(v):,}"),
    )
    order = list(data["figure"])
    base = alt.Chart(data).encode(
        y=alt.Y("figure:N", sort=order, title=None, axis=alt.Axis(**_AXIS)),
        x=alt.X(
            "km:Q",
            title="Length of the Iraq–Iran border, km",
            # Room at the right for the longest bar's label (its km and its kind).
            scale=alt.Scale(domain=[0, math.ceil(data["km"].max() / 100) * 100 + 400]),
            axis=alt.Axis(**_AXIS),
        ),
        tooltip=[
            alt.Tooltip("figure:N", title="Figure"),
            alt.Tooltip("kind:N", title="Kind"),
            alt.Tooltip("km:Q", title="km", format=",.1f"),
            alt.Tooltip("vertices_text:N", title="Vertices"),
            alt.Tooltip("detail:N", title="Detail"),
            alt.Tooltip("source:N", title="Source"),
        ],
    )
    bars = base.mark_bar(height={"band": 0.75}).encode(
        color=alt.Color(
            "kind:N",
            title=None,
            scale=alt.Scale(
                domain=["measured", "published"], range=[MEASURED_COLOUR, PUBLISHED_COLOUR]
            ),
            legend=alt.Legend(orient="top", labelFontSize=14, symbolSize=200),
        )
    )
    labels = base.mark_text(align="left", dx=4, fontSize=14).encode(text="label:N")
    return (bars + labels).properties(height=34 * len(data) + 20, width="container")


def chainage_chart(
    segments: pd.DataFrame,
    placed: pd.DataFrame,
    groups: pd.DataFrame,
    length_km_total: float,
) -> alt.LayerChart:
    """The border as a strip: km from the tripoint, sides, crossings and sites.

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`lib.analysis.border.segments.split_border` output.
    placed : pandas.DataFrame
        Crossings and sites placed on the border (:func:`lib.analysis.border.placement.place_on_border`).
    groups : pandas.DataFrame
        All the groups (``group_id``, ``name``, ``colour``), in file order: a site is
        drawn in its group's colour with its group's mark cut out of it, and the
        legend names both (never colour alone).
    length_km_total : float
        The border's length (the x axis ends there).

    Returns
    -------
    altair.LayerChart
        Rows: Iraqi governorate, Iranian province, crossings, sites.
    """
    rows = ["Iraq: governorate", "Iran: province", "Crossings", "Sites (nearest point)"]
    iraq = runs(segments, "governorate").assign(row=rows[0])
    iraq["fill"] = np.where(iraq["in_kri"], "#E3C16F", "#B9C7D4")
    iraq["kri"] = np.where(iraq["in_kri"], "Kurdistan Region", "federal Iraq")
    iran = runs(segments, "province").assign(row=rows[1], kri="Iran")
    iran["fill"] = ["#C9B8DB" if i % 2 == 0 else "#DDD2E8" for i in range(len(iran))]
    strips = pd.concat([iraq, iran], ignore_index=True)
    strips["label"] = strips["name"].where(strips["length_km"] >= 60, "")
    x_scale = alt.Scale(domain=[0, length_km_total], nice=False)
    y = alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(**_AXIS))
    x_axis = alt.Axis(**_AXIS, tickCount=16)
    rects = (
        alt.Chart(strips)
        .mark_bar(stroke="#fff", strokeWidth=1.5, height={"band": 0.8})
        .encode(
            x=alt.X(
                "start_km:Q",
                scale=x_scale,
                axis=x_axis,
                title="km along the border from the Iraq–Iran–Turkey tripoint",
            ),
            x2="end_km:Q",
            y=y,
            color=alt.Color("fill:N", scale=None),
            tooltip=[
                alt.Tooltip("name:N", title="Side"),
                alt.Tooltip("kri:N", title="Region"),
                alt.Tooltip("start_km:Q", title="From km", format=",.0f"),
                alt.Tooltip("end_km:Q", title="To km", format=",.0f"),
                alt.Tooltip("length_km:Q", title="Length, km", format=",.1f"),
            ],
        )
    )
    names = (
        alt.Chart(strips)
        .mark_text(fontSize=13, color="#1b1b1b")
        .encode(x=alt.X("mid_km:Q", scale=x_scale), y=y, text="label:N")
    )
    colours, marks = group_colours(groups), group_marks(groups)
    labels = group_labels(groups)
    points = placed.assign(
        row=np.where(placed["kind"] == "crossing", rows[2], rows[3]),
        name_short=placed["name"].map(short_name),
        chainage_text=placed["chainage_km"].map(lambda km: f"km {km:,.0f}"),
        key=[
            _CROSSING_KEY if k == "crossing" else labels.get(g, str(g))
            for k, g in zip(placed["kind"], placed["group"], strict=True)
        ],
    )
    # One legend entry per group drawn (colour and cut-out mark), then the crossing.
    keys = [labels[g] for g in groups["group_id"] if labels[g] in set(points["key"])]
    keys += [*sorted(set(points["key"]) - {*keys, _CROSSING_KEY}), _CROSSING_KEY]
    by_label = {labels[g]: g for g in groups["group_id"]}
    key_colours = [
        "#ffffff" if k == _CROSSING_KEY else colours.get(by_label.get(k, ""), UNKNOWN_GROUP_COLOUR)
        for k in keys
    ]
    key_shapes = [
        knockout_path("plain", "diamond")
        if k == _CROSSING_KEY
        else knockout_path(marks.get(by_label.get(k, ""), UNKNOWN_GROUP_MARK))
        for k in keys
    ]
    # No Vega legend: Streamlit's Vega-Lite draws a colour legend and a shape legend
    # apart (grey shapes), so the key is HTML beside the chart (chainage_key_html).
    marks_layer = (
        alt.Chart(points)
        .mark_point(filled=True, size=190, stroke="#111", strokeWidth=1.2, opacity=0.95)
        .encode(
            x=alt.X("chainage_km:Q", scale=x_scale),
            y=y,
            shape=alt.Shape("key:N", scale=alt.Scale(domain=keys, range=key_shapes), legend=None),
            color=alt.Color("key:N", scale=alt.Scale(domain=keys, range=key_colours), legend=None),
            tooltip=[
                alt.Tooltip("name_short:N", title="Name"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("group:N", title="Group"),
                alt.Tooltip("chainage_text:N", title="Along the border"),
                alt.Tooltip("distance_text:N", title="To the border"),
            ],
        )
    )
    return (rects + names + marks_layer).properties(height=210, width="container")


def chainage_key_html(groups: pd.DataFrame, placed: pd.DataFrame) -> str:
    """The chainage chart's key: each group drawn on it (colour and mark), then the crossings.

    The symbols are the map's own, as images (``data:`` URIs), so the key survives
    Streamlit's ``st.html``, which strips inline SVG.

    Parameters
    ----------
    groups : pandas.DataFrame
        All the groups, in file order (their marks).
    placed : pandas.DataFrame
        What the chart draws (``kind``, ``group``).

    Returns
    -------
    str
        HTML (every text escaped in the template).
    """
    colours, marks, labels = group_colours(groups), group_marks(groups), group_labels(groups)
    drawn = set(placed.loc[placed["kind"] == "site", "group"])
    keys = [
        (
            symbol_data_uri(symbol_svg("circle", colours[g], False, False, 18, mark=marks[g])),
            labels[g],
        )
        for g in groups["group_id"]
        if g in drawn
    ]
    if (placed["kind"] == "crossing").any():
        keys.append(
            (symbol_data_uri(symbol_svg("diamond", "#ffffff", False, False, 18)), _CROSSING_KEY)
        )
    return render("chart_key.html.j2", keys=keys)
