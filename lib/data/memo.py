"""Values kept for the life of the process, keyed by the content they are computed from.

A fresh app server pays, in its first reader's run, for work that depends only on
files that rarely change: loading the boundary layers, measuring the border (every
rendering of it, split by governorate and province), the border zone. Keyed by
content — a folder's files' names, sizes and modification times; a geometry's WKB; a frame's
values — such a value can be computed before the server listens
(:mod:`lib.ui.serve`) and found again by the first run, whichever objects that run
loaded; a changed file or layer gives a new key, so nothing stale is served.

At most ``keep`` values per name are kept (least recently used dropped first: a test
run that loads many doctored copies of the data does not hold them all); two threads
asking for the same key compute it once.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd
import shapely

from lib.data.catalog import data_stamp

T = TypeVar("T")

#: Values kept per name unless a caller says otherwise.
KEEP = 2

_values: OrderedDict[tuple[str, str], object] = OrderedDict()
_pending: dict[tuple[str, str], threading.Lock] = {}
_guard = threading.Lock()


def _feed(digest, part: object) -> None:
    """Add one part's content to the hash."""
    if isinstance(part, Path):
        # A folder by the stamp the catalog's caches use (every file's name, size, time).
        digest.update(repr((str(part), data_stamp(part) if part.is_dir() else None)).encode())
    elif isinstance(part, shapely.Geometry):
        digest.update(shapely.to_wkb(part))
    elif isinstance(part, gpd.GeoDataFrame):
        digest.update(repr(list(part.columns)).encode())
        for wkb in shapely.to_wkb(part.geometry.values):
            digest.update(b"-" if wkb is None else wkb)
        rest = part.drop(columns=part.geometry.name)
        digest.update(pd.util.hash_pandas_object(rest.astype(str), index=False).values.tobytes())
    else:
        digest.update(repr(part).encode())
    digest.update(b"|")


def content_key(*parts: object) -> str:
    """A hash of the parts' content: folders by their files' names, sizes and
    modification times (:func:`lib.data.catalog.data_stamp`); geometries by WKB;
    geo-frames by columns, geometries and values; the rest by ``repr``.

    Parameters
    ----------
    *parts : object
        What the value is computed from.

    Returns
    -------
    str
        A SHA-256 hex digest.
    """
    digest = hashlib.sha256()
    for part in parts:
        _feed(digest, part)
    return digest.hexdigest()


def remembered(name: str, parts: tuple, compute: Callable[[], T], keep: int = KEEP) -> T:
    """``compute()`` once per ``name`` and content of ``parts``, then the same value.

    Parameters
    ----------
    name : str
        What is computed (part of the key).
    parts : tuple
        Everything the value depends on (see :func:`content_key`).
    compute : callable
        Makes the value; it must depend on nothing outside ``parts``.
    keep : int
        Values of this name kept at most (the least recently used goes first).

    Returns
    -------
    object
        The value (shared: read it, never change it).
    """
    key = (name, content_key(*parts))
    with _guard:
        if key in _values:
            _values.move_to_end(key)
            return _values[key]  # type: ignore[return-value]
        lock = _pending.setdefault(key, threading.Lock())
    with lock:
        with _guard:
            if key in _values:  # another thread made it while this one waited
                return _values[key]  # type: ignore[return-value]
        value = compute()
        with _guard:
            _values[key] = value
            same = [k for k in _values if k[0] == name]
            for old in same[: max(0, len(same) - keep)]:
                del _values[old]
            _pending.pop(key, None)
    return value


def forget() -> None:
    """Drop every value (tests)."""
    with _guard:
        _values.clear()
