"""Selection: what the reader has chosen, as plain values that survive a link.

The filters (groups, dates, confidence) and what they keep, the map view (centre,
zoom, bounds; Web Mercator maths in one place), the registry of feature kinds
(``kinds``), the focus on one feature (``kind:id``, resolved by ``focus``) and the
links built from them, the page address that carries all of it (``url_state``), and
``select(catalog, filters, focus) -> Selection``: everything a map is to draw. Pure functions of the
catalog and the query string; nothing here calls Streamlit or draws.
"""
