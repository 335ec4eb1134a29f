"""The launcher measures the border before the server listens, and the first run finds it."""

from __future__ import annotations

import pytest

import lib.analysis.border as border
from lib.analysis.border import measured_for, zone
from lib.data import memo, paths
from lib.data.catalog import load_catalog
from lib.ui.serve import warm


def test_a_warmed_server_measures_nothing_again_and_gets_the_same_figures(monkeypatch):
    memo.forget()
    cold = measured_for(load_catalog(), paths.GEODATA_DIR / "raw")
    memo.forget()
    assert warm() is None

    def refuse(*_args, **_kwargs):
        pytest.fail("measured again after the launcher had measured it")

    monkeypatch.setattr(border, "read_line_sources", refuse)
    monkeypatch.setattr(border, "split_border", refuse)
    monkeypatch.setattr(zone, "_band", refuse)
    # A new catalog (a first run's own objects) finds what the launcher measured.
    warmed = measured_for(load_catalog(), paths.GEODATA_DIR / "raw")
    assert cold is not None and warmed is not None
    assert warmed.lengths.equals(cold.lengths)
    assert warmed.segments.drop(columns="geometry").equals(cold.segments.drop(columns="geometry"))
    band = zone.zone_band(warmed.border.line, zone.ZONE_DEFAULT_KM, warmed.iraq)
    assert not band.is_empty
