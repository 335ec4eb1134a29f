"""The obvious alternative the app is measured against, written as a Streamlit script."""

from __future__ import annotations

from pathlib import Path

from lib.data import raw_sources
from lib.data.paths import RAW_DIR

#: Raw layers the alternative draws at full resolution, as read from ``geodata/raw``.
ALTERNATIVE_LAYERS: tuple[tuple[str, str], ...] = (
    (raw_sources.OSM_COUNTRIES, "OSM countries"),
    (raw_sources.OCHA_GOVERNORATES, "OCHA governorates"),
    (raw_sources.OSM_IRAN_PROVINCES, "Iran provinces"),
    (raw_sources.OSM_BOUNDARY, "OSM border"),
)

#: The script, a ``str.format`` template (``{raw}``, ``{curated}``, ``{layers}``).
TEMPLATE = Path(__file__).with_name("alternative_app.py.tmpl")


def write_alternative(folder: Path, raw_dir: Path = RAW_DIR) -> Path:
    """Write the alternative Streamlit script into ``folder``.

    Parameters
    ----------
    folder : pathlib.Path
        Where to write ``alternative_app.py``.
    raw_dir : pathlib.Path
        The ``geodata/raw`` folder (its ``curated`` sibling holds the CSVs).

    Returns
    -------
    pathlib.Path
        The script.
    """
    script = folder / "alternative_app.py"
    script.write_text(
        TEMPLATE.read_text(encoding="utf-8").format(
            raw=str(raw_dir),
            curated=str(raw_dir.parent / "curated"),
            layers=ALTERNATIVE_LAYERS,
        ),
        encoding="utf-8",
    )
    return script
