"""Geometry on the ellipsoid: the foundation every other layer may use.

Geodesic lengths, areas and distances (``pyproj.Geod``, WGS84), figures
formatted for reading, and the uncertainty ring a stand-in location needs.
It imports nothing from the rest of ``lib``.
"""
