"""AppTest: the border analysis page renders, and the zone slider changes the sites inside.

The page is opened directly (``switch_page`` before the first run), so these
tests do not depend on the map page; the shared filters come from the address,
as a shared link would give them.
"""

from __future__ import annotations

import json
import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.geo.geodesy import format_km
from tests.apptest_utils import APP

PAGE = "pages/border.py"


def _open(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _zone_sites(at: AppTest) -> list[str]:
    (table,) = [
        d.value
        for d in at.dataframe
        if isinstance(d.value, pd.DataFrame)
        and "distance_text" in d.value.columns
        and "group" in d.value.columns
        and "chainage_km" not in d.value.columns
    ]
    return sorted(table["name"])


def _folium_scripts(at: AppTest) -> list[str]:
    return [
        json.loads(c.proto.json_args)["script"]
        for c in at.get("component_instance")
        if "st_folium" in c.proto.component_name
    ]


def test_border_page_renders_every_section(catalog) -> None:
    at = _open()
    titles = [s.value for s in at.subheader]
    assert len([t for t in titles if t[:1].isdigit()]) == 5
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Border, measured (detail layer)"] == format_km(catalog.border_km("detail"))
    assert metrics["The article says"] == format_km(catalog.article_border_km())
    scripts = _folium_scripts(at)
    assert len(scripts) == 2
    assert "zb-segment" in scripts[0] and "zb-zone" in scripts[1]
    # Served locally: no CDN in either map.
    assert not any("cdn.jsdelivr" in s or "cdnjs" in s for s in scripts)
    assert at.slider(key="zb_zone_km").value == 20
    (table,) = at.table
    # The move carries both ends' rings (each holds every position the sources give).
    assert re.search(r"≈ [\d,]+ km ± \d+", table.value.loc["Komala"].iloc[-1])


def test_zone_slider_changes_the_sites_inside() -> None:
    at = _open()
    at.slider(key="zb_zone_km").set_value(5).run()
    assert not at.exception
    narrow = _zone_sites(at)
    at.slider(key="zb_zone_km").set_value(50).run()
    assert not at.exception
    wide = _zone_sites(at)
    assert set(narrow) < set(wide)
    assert any("**50 km**" in m.value for m in at.markdown)


def test_shared_filters_apply_to_the_sites() -> None:
    everything = _open()
    komala_only = _open({"groups": "Komala"})
    for at in (everything, komala_only):
        at.slider(key="zb_zone_km").set_value(50).run()
    assert len(_zone_sites(komala_only)) < len(_zone_sites(everything))
    (summary,) = komala_only.table
    assert summary.value.loc["PJAK"].iloc[-1].startswith("No site shown")
