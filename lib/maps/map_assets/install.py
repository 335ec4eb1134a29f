"""Copy the maps' web files out of installed packages into the vendor directory."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from lib.data.paths import VENDOR_DIR
from lib.maps.map_assets.registry import ASSETS, Asset

_STAMP_NAME = ".assets-stamp.json"
_SCHEMA = 1  # bump when the table or the transforms change in a way versions don't show

_SOURCE_MAP_RE = re.compile(
    rb"(?m)^[ \t]*(?://[#@][ \t]*sourceMappingURL=\S*|/\*[#@][ \t]*sourceMappingURL=[^*]*\*/)[ \t]*$\n?"
)


def _content(asset: Asset) -> bytes:
    data = asset.source.read()
    if asset.path.endswith((".js", ".css")):
        data = _SOURCE_MAP_RE.sub(b"", data)
    return data


def _stamp_key() -> str:
    versions = sorted({a.source.version() for a in ASSETS})
    table = sorted((a.path, repr(a.source)) for a in ASSETS)
    blob = json.dumps([_SCHEMA, versions, table]).encode()
    return hashlib.sha256(blob).hexdigest()


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and :func:`os.replace`.

    A concurrent reader (another session's browser) sees the old file or the new
    one, never half of one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_stamp(vendor_dir: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads((vendor_dir / _STAMP_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def install_assets(vendor_dir: Path = VENDOR_DIR) -> list[Path]:
    """Write every file of :data:`ASSETS` into ``vendor_dir``.

    Cheap when the directory is current: a stamp file records the source
    package versions and each file's size; if they all still match, nothing is
    read or written. Each file is written to a temporary file in the same
    directory and moved into place with :func:`os.replace`, so a concurrent
    reader (another Streamlit session) never sees a half-written file. Files
    whose content is already identical are left untouched.

    Parameters
    ----------
    vendor_dir : Path, optional
        Target directory; defaults to :data:`lib.data.paths.VENDOR_DIR`.

    Returns
    -------
    list of Path
        The path of every asset file, in :data:`ASSETS` order.
    """
    vendor_dir = Path(vendor_dir)
    paths = [vendor_dir / a.path for a in ASSETS]
    key = _stamp_key()

    stamp = _read_stamp(vendor_dir)
    if stamp is not None and stamp.get("key") == key:
        recorded = stamp.get("sizes", {})
        try:
            if all(
                p.stat().st_size == recorded.get(a.path) for a, p in zip(ASSETS, paths, strict=True)
            ):
                return paths
        except OSError:
            pass

    sizes: dict[str, int] = {}
    for asset, path in zip(ASSETS, paths, strict=True):
        data = _content(asset)
        sizes[asset.path] = len(data)
        try:
            current = path.read_bytes() if path.stat().st_size == len(data) else None
        except OSError:
            current = None
        if current != data:
            atomic_write(path, data)

    stamp_data = json.dumps({"key": key, "sizes": sizes}, indent=1, sort_keys=True)
    atomic_write(vendor_dir / _STAMP_NAME, stamp_data.encode("utf-8"))
    return paths
