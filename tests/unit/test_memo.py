"""Values kept by content (lib.data.memo): found again from equal inputs, never stale."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from lib.data import memo


@pytest.fixture(autouse=True)
def _empty():
    memo.forget()
    yield
    memo.forget()


def _counted():
    calls: list[int] = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


def test_equal_content_in_other_objects_finds_the_same_value():
    calls, compute = _counted()
    a = gpd.GeoDataFrame({"id": ["x"]}, geometry=[LineString([(0, 0), (1, 1)])], crs=4326)
    b = gpd.GeoDataFrame({"id": ["x"]}, geometry=[LineString([(0, 0), (1, 1)])], crs=4326)
    assert memo.remembered("t", (a, 5), compute) == 1
    assert memo.remembered("t", (b, 5), compute) == 1  # a fresh load of the same layer
    assert len(calls) == 1
    # Another geometry, another value in a column, another number: computed again.
    moved = b.set_geometry([LineString([(0, 0), (1, 2)])])
    renamed = b.assign(id=["y"])
    for parts in ((moved, 5), (renamed, 5), (b, 6), (Point(0, 0), 5)):
        memo.remembered("t", parts, compute)
    assert len(calls) == 5
    # The same parts under another name are another value.
    assert memo.remembered("other", (a, 5), compute) == 6


def test_a_changed_file_is_measured_again(tmp_path: Path):
    calls, compute = _counted()
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "line.geojson").write_text("{}", "utf-8")
    memo.remembered("files", (folder,), compute)
    memo.remembered("files", (folder,), compute)
    assert len(calls) == 1
    later = time.time_ns() + 5_000_000_000
    os.utime(folder / "line.geojson", ns=(later, later))  # edited: a new time
    memo.remembered("files", (folder,), compute)
    (folder / "new.csv").write_text("a", "utf-8")  # a file added
    memo.remembered("files", (folder,), compute)
    assert len(calls) == 3


def test_only_the_last_few_values_of_a_name_are_kept():
    calls, compute = _counted()
    for n in range(4):
        memo.remembered("big", (n,), compute, keep=2)
    memo.remembered("big", (3,), compute, keep=2)  # kept
    memo.remembered("big", (0,), compute, keep=2)  # dropped: computed again
    assert len(calls) == 5


def test_two_threads_asking_at_once_compute_once():
    calls: list[int] = []
    started = threading.Barrier(2)

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return "value"

    results: list[str] = []

    def ask():
        started.wait()
        results.append(memo.remembered("slow", ("k",), slow))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["value", "value"] and len(calls) == 1
