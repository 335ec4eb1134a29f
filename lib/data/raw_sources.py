"""The raw input files under ``geodata/raw/``: one place that names them.

The build (``lib.tools.geodata_build``), the border analysis, the gazetteer and
the benchmark all read these files; each takes the name from here, so renaming
or replacing a raw source is one edit. Provenance, licences and checksums are
in ``geodata/raw/SOURCES.md``.
"""

from __future__ import annotations

#: The Iraq–Iran boundary as one LineString (OpenStreetMap 2017, 9,947 vertices).
OSM_BOUNDARY = "osm_2017_iraq_iran_boundary.geojson"
#: Iraq's and Iran's national polygons (OpenStreetMap 2017, maritime outline).
OSM_COUNTRIES = "osm_2017_iraq_iran_countries.geojson"
#: Iran's 31 provinces (OpenStreetMap via Overpass, 2025).
OSM_IRAN_PROVINCES = "osm_2025_iran_provinces.geojson"
#: Iraq's 18 governorates (OCHA / Iraq CSO 2019, ADM1).
OCHA_GOVERNORATES = "ocha_2019_iraq_adm1_governorates.geojson"
#: Iraq's 101 districts (OCHA / Iraq CSO 2019, ADM2).
OCHA_DISTRICTS = "ocha_2019_iraq_adm2_districts.geojson"
#: Iraq, Iran and their neighbours at 1:10m (Natural Earth).
NE_COUNTRIES = "naturalearth_10m_countries_region.geojson"
#: The Iraq–Iran boundary at 1:10m (Natural Earth boundary lines).
NE_BOUNDARY = "naturalearth_10m_iraq_iran_boundary.geojson"
#: The offline basemap's inputs (Natural Earth 10m physical and populated places).
NE_BASEMAP: dict[str, str] = {
    "basemap_land": "naturalearth_10m_land_region.geojson",
    "basemap_lakes": "naturalearth_10m_lakes_region.geojson",
    "basemap_rivers": "naturalearth_10m_rivers_lake_centerlines_region.geojson",
    "basemap_towns": "naturalearth_10m_populated_places_region.geojson",
}
#: Populated places with alternate names (GeoNames), read by the app for search.
GEONAMES_PLACES = "geonames_places_region.csv"
