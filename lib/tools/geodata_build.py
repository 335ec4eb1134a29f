"""Build the map layers in ``geodata/layers/`` from the raw sources in ``geodata/raw/``.

One curated table is read too: ``geodata/curated/disputed_districts.csv``, the
list of districts (OCHA P-codes) that make up the disputed territories layer.

Run ``python -m lib.tools.geodata_build`` to rebuild, ``python -m lib.tools.geodata_build --check``
to verify that the committed layers are what the build produces.

The sources disagree along the Iraq–Iran border by up to a few hundred metres
(OSM 2017 Iraq vs OSM 2017 Iran, OCHA governorates ~0.5 km off, OSM 2025
provinces). At zoom 10+ that shows as gaps and overlaps, so every polygon that
touches the border is rebuilt from one planar arrangement of all the source
linework: each face of the arrangement is given to exactly one country and one
governorate or province, and the layers are unions of faces. Shared edges are
then the same vertices on both sides, which is what lets ``coverage_simplify``
keep them shared at every level of detail, and the border line is read back off
the simplified coverage rather than simplified on its own.

The build is the package ``lib/tools/geobuild``: ``config`` (files, tolerances, sources
and licences), ``inputs`` (raw layers and the curated district list), ``topology``
(the arrangement), ``geometry`` (shared edges, rounding, simplifying), ``layers`` and
``basemap`` (the output layers), ``write`` (deterministic GeoJSON). This module is the
command line.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from lib.data.paths import CURATED_DIR, LAYERS_DIR, RAW_DIR
from lib.tools.geobuild.layers import build_layers
from lib.tools.geobuild.write import write_layers

__all__ = ["build_layers", "main", "write_layers"]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success; 1 if ``--check`` found files that differ.
    """
    parser = argparse.ArgumentParser(prog="python -m lib.tools.geodata_build", description=__doc__)
    parser.add_argument("--raw", type=Path, default=RAW_DIR, help="raw sources directory")
    parser.add_argument(
        "--curated", type=Path, default=CURATED_DIR, help="curated directory (disputed districts)"
    )
    parser.add_argument("--out", type=Path, default=LAYERS_DIR, help="output directory")
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temporary directory and fail if any file differs from --out",
    )
    args = parser.parse_args(argv)
    layers = build_layers(args.raw, args.curated)
    if not args.check:
        for path in write_layers(layers, args.out):
            print(f"{path}  {path.stat().st_size:,} bytes")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = write_layers(layers, Path(tmp))
        names = sorted({p.name for p in fresh} | {p.name for p in args.out.glob("*.geojson")})
        differ = [
            n
            for n in names
            if not (Path(tmp) / n).exists()
            or not (args.out / n).exists()
            or not filecmp.cmp(Path(tmp) / n, args.out / n, shallow=False)
        ]
    if differ:
        print("differs from a fresh build:", *differ, sep="\n  ", file=sys.stderr)
        return 1
    print(f"{len(names)} files match a fresh build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
