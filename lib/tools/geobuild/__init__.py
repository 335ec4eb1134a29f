"""The geodata build in parts; run it with ``python -m lib.tools.geodata_build``.

``config`` what is read and written, ``inputs`` the sources, ``topology`` the planar
arrangement that gives every face to one unit, ``geometry`` the shared helpers,
``layers`` and ``basemap`` the output layers, ``write`` the GeoJSON files.
"""
