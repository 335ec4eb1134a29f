"""Smallest app that shows a localized folium map (for browser tests).

Run with ``streamlit run`` from the project root; see tests/browser/conftest.py.
``build_map`` is also imported by the tests.
"""

from __future__ import annotations

import folium
import folium.plugins
import streamlit as st
from streamlit_folium import st_folium

from lib.maps.map_assets import install_assets, localize_map

POLYGON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "smoke polygon"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[45.0, 33.0], [47.0, 33.0], [47.0, 35.0], [45.0, 35.0], [45.0, 33.0]]
                ],
            },
        }
    ],
}


def build_map(tiles: str | None = "OpenStreetMap") -> folium.Map:
    """Return the smoke map: polygon, circle marker, fullscreen, measure, cluster."""
    m = folium.Map(location=[34.0, 46.0], zoom_start=6, tiles=tiles)
    m.options["maxZoom"] = 18  # MarkerCluster needs it; without tiles nothing else sets it
    folium.GeoJson(POLYGON, name="area", tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(m)
    folium.CircleMarker(
        [34.0, 46.0], radius=8, color="#b22", popup=folium.Popup("smoke popup"), tooltip="post"
    ).add_to(m)
    folium.plugins.Fullscreen().add_to(m)
    folium.plugins.MeasureControl().add_to(m)
    cluster = folium.plugins.MarkerCluster(name="cluster").add_to(m)
    for lat, lon in [(33.4, 45.4), (33.45, 45.45), (34.6, 46.6)]:
        folium.Marker([lat, lon], tooltip="clustered").add_to(cluster)
    return m


if __name__ == "__main__":  # streamlit run sets __name__ to "__main__"
    install_assets()
    st.title("Map smoke test")
    st_folium(localize_map(build_map()), height=500, returned_objects=[], key="smoke_map")
