"""How far the groups moved: each former site joined to the camp after the relocation."""

from __future__ import annotations

import pandas as pd

from lib.analysis.border.placement import format_approx
from lib.data.schemas import CAMP_ROLES
from lib.geo.geodesy import WGS84
from lib.model.filters import group_label

#: Phases of ``sites.csv`` that make up a move.
BEFORE, AFTER = "before-relocation", "after-relocation"


def relocation_moves(placed_sites: pd.DataFrame) -> pd.DataFrame:
    """Each group's moves, former site → camp, with their uncertainty.

    A move joins a group's before-relocation site to each of its
    after-relocation camps (or, when it has no camp after, to each of its
    after-relocation sites).

    Parameters
    ----------
    placed_sites : pandas.DataFrame
        Sites placed on the border (:func:`lib.analysis.border.placement.place_on_border`).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``from_id``, ``from_name``, ``to_id``, ``to_name``,
        ``from_lon``, ``from_lat``, ``to_lon``, ``to_lat``, ``distance_km``,
        ``plus_minus_km`` (sum of the two ends' radii), ``distance_text``,
        ``from_border_km``, ``to_border_km``, ``further_from_border_km`` (how
        much further from the border the camp is), ``azimuth`` (degrees at
        the start).
    """
    rows = []
    for group, sites in placed_sites.groupby("group", sort=False):
        before = sites[sites["phase"] == BEFORE]
        after = sites[sites["phase"] == AFTER]
        camps = after[after["role"].isin(CAMP_ROLES)]
        targets = camps if not camps.empty else after
        for a in before.to_dict("records"):
            for b in targets.to_dict("records"):
                azimuth, _, metres = WGS84.inv(a["lon"], a["lat"], b["lon"], b["lat"])
                plus_minus = a["plus_minus_km"] + b["plus_minus_km"]
                rows.append(
                    {
                        "group": group,
                        "from_id": a["id"],
                        "from_name": a["name"],
                        "to_id": b["id"],
                        "to_name": b["name"],
                        "from_lon": a["lon"],
                        "from_lat": a["lat"],
                        "to_lon": b["lon"],
                        "to_lat": b["lat"],
                        "distance_km": metres / 1000.0,
                        "plus_minus_km": plus_minus,
                        "distance_text": format_approx(metres / 1000.0, plus_minus),
                        "from_border_km": a["distance_km"],
                        "to_border_km": b["distance_km"],
                        "further_from_border_km": b["distance_km"] - a["distance_km"],
                        "azimuth": azimuth,
                    }
                )
    columns = [
        "group",
        "from_id",
        "from_name",
        "to_id",
        "to_name",
        "from_lon",
        "from_lat",
        "to_lon",
        "to_lat",
        "distance_km",
        "plus_minus_km",
        "distance_text",
        "from_border_km",
        "to_border_km",
        "further_from_border_km",
        "azimuth",
    ]
    return pd.DataFrame(rows, columns=columns)


def short_name(name: str) -> str:
    """A site's name without its parenthesis or list of places (for tables and labels)."""
    return name.split(" (")[0].split(",")[0].strip()


def relocation_summary(
    placed_sites: pd.DataFrame, moves: pd.DataFrame, groups: pd.DataFrame, notes: pd.Series
) -> pd.DataFrame:
    """Per group: its sites before and after, how far from the border, how far moved.

    Parameters
    ----------
    placed_sites : pandas.DataFrame
        Sites placed on the border (already filtered).
    moves : pandas.DataFrame
        :func:`relocation_moves` of those sites.
    groups : pandas.DataFrame
        ``group_id`` and ``name`` of every group.
    notes : pandas.Series
        The sites' ``notes``, indexed by site id: the reason a group has no
        pair is often there (PJAK's is).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``before`` and ``after`` (site names with distance to the
        border), ``moved`` (distance per move, or why there is none).
    """

    def listing(rows: pd.DataFrame) -> str:
        return "; ".join(
            f"{short_name(r['name'])}: {r['distance_text']} from the border"
            for r in rows.to_dict("records")
        )

    out = []
    for group_id, name in zip(groups["group_id"], groups["name"], strict=True):
        sites = placed_sites[placed_sites["group"] == group_id]
        before, after = sites[sites["phase"] == BEFORE], sites[sites["phase"] == AFTER]
        ongoing = sites[~sites["phase"].isin((BEFORE, AFTER))]
        group_moves = moves[moves["group"] == group_id]
        if not group_moves.empty:
            moved = "; ".join(
                f"{short_name(m['from_name'])} → {short_name(m['to_name'])}: {m['distance_text']}"
                for m in group_moves.to_dict("records")
            )
        elif sites.empty:
            moved = "No site shown (sidebar filters)."
        else:
            if before.empty and after.empty:
                moved = "No before/after pair: only sites still in use."
            else:
                missing = "before" if before.empty else "after"
                moved = f"No before/after pair: no site {missing} the relocation in the data."
            # The reason a group has no pair is written in its sites' notes (PJAK's is).
            remarks = [str(notes.get(i, "") or "").strip() for i in sites["id"]]
            remarks = [r for r in remarks if "left out" in r.lower()]
            if remarks:
                moved += " " + " ".join(r.rstrip(".") + "." for r in remarks)
        still = listing(ongoing)
        out.append(
            {
                "group": group_label(group_id, name),
                "before": listing(before) or "—",
                "after": "; ".join(
                    x for x in (listing(after), f"still in use: {still}" if still else "") if x
                )
                or "—",
                "moved": moved,
            }
        )
    return pd.DataFrame(out, columns=["group", "before", "after", "moved"])
