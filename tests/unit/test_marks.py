"""Group marks (lib.maps.marks, lib.model.filters.group_marks): one geometry, every rendering."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath

from lib.maps.marks import (
    GROUP_MARKS,
    MARK_GLYPHS,
    MARK_NAMES,
    knockout_path,
    mark_path,
    mark_polygons,
)
from lib.model.filters import group_marks
from lib.story.export_legend import mark_marker


def _groups(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"group_id": ids, "name": ids, "colour": ["#000000"] * len(ids)})


def test_groups_get_the_marks_in_file_order_and_keep_them_when_one_is_added():
    marks = group_marks(_groups(["X", "Y", "Z"]))
    assert marks == {"X": GROUP_MARKS[0], "Y": GROUP_MARKS[1], "Z": GROUP_MARKS[2]}
    more = group_marks(_groups(["X", "Y", "Z", "W"]))
    assert {k: more[k] for k in marks} == marks
    assert len(set(more.values())) == 4


def test_marks_repeat_only_past_the_vocabulary():
    ids = [f"g{i}" for i in range(len(GROUP_MARKS) + 1)]
    marks = group_marks(_groups(ids))
    assert len(set(list(marks.values())[: len(GROUP_MARKS)])) == len(GROUP_MARKS)
    assert marks[ids[-1]] == GROUP_MARKS[0]


def test_every_mark_has_a_figure_a_name_and_a_glyph():
    assert set(MARK_NAMES) == set(MARK_GLYPHS) == set(GROUP_MARKS)
    for mark in GROUP_MARKS:
        polygons = mark_polygons(mark)
        assert (mark == "plain") is (not polygons)
        for polygon in polygons:
            # Inside the symbol: within the radius the shapes leave free.
            assert all(abs(x) <= 0.65 and abs(y) <= 0.65 for x, y in polygon)
    with pytest.raises(KeyError):
        mark_polygons("star")


def test_svg_path_is_centred_and_scaled_with_y_down():
    d = mark_path("slash", 10.0, 20.0, 10.0)
    # The slash rises to the right: its first corner (-0.62, -0.6) is low on screen.
    first = d.split()[0]
    assert first == "M3.80,26.00"
    assert mark_path("plain", 1, 1, 1) == ""


def test_ring_has_a_hole_in_every_rendering():
    rings = mark_polygons("ring")
    assert len(rings) == 2

    def area(polygon):
        return (
            sum(
                x0 * y1 - x1 * y0
                for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True)
            )
            / 2
        )

    # Opposite windings: a hole under both the non-zero and the even-odd rule.
    assert area(rings[0]) > 0 > area(rings[1])
    path = mark_marker("ring")
    assert isinstance(path, MplPath)
    assert mark_marker("plain") is None
    # Drawn by matplotlib (the briefing PNG): red ring, the background in its middle.
    fig = Figure(figsize=(1, 1), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.plot([0], [0], marker=path, ms=80, mfc="#ff0000", mec="#ff0000", ls="none")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    centre, on_ring = pixels[50, 50, :3], pixels[50, 50 + 30, :3]
    assert tuple(centre) == (255, 255, 255)
    assert tuple(on_ring) == (255, 0, 0)


def test_knockout_path_cuts_the_mark_out_of_the_disc():
    plain, dot = knockout_path("plain"), knockout_path("dot")
    assert plain.count("M") == 1 and dot.count("M") == 2
    assert knockout_path("plain", "diamond").startswith("M1.000,-0.000 L0.000,-1.000")
    assert len({knockout_path(m) for m in GROUP_MARKS}) == len(GROUP_MARKS)
