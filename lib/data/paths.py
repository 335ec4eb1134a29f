"""Where the project's files live, resolved from the project root.

Every other module takes its paths from here so that the app, the tests and
the build command agree, whatever the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]
#: Tests point the app at a doctored copy of the data with ZAGROS_GEODATA_DIR.
GEODATA_DIR: Path = Path(os.environ.get("ZAGROS_GEODATA_DIR") or PROJECT_ROOT / "geodata")
RAW_DIR: Path = GEODATA_DIR / "raw"
LAYERS_DIR: Path = GEODATA_DIR / "layers"
CURATED_DIR: Path = GEODATA_DIR / "curated"
STATIC_DIR: Path = PROJECT_ROOT / "static"
VENDOR_DIR: Path = STATIC_DIR / "vendor"
