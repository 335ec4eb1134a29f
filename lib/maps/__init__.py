"""Maps: everything that becomes Leaflet/Folium HTML.

The base map every map starts from (tiles or the built-in offline basemap), the main
map and its layers, symbols and legend, the popups and tooltips (and the escaping of
every text that reaches map HTML), Leaflet's assets served from installed packages,
and the export of a map's contents as CSV or GeoJSON.
"""
