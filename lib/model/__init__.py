"""Selection: what the reader has chosen, as plain values that survive a link.

The filters (groups, dates, confidence) and what they keep, the map view (centre,
zoom, bounds), the focus on one feature (``kind:id``) and the links built from them,
and the page address that carries all of it (``url_state``). Pure functions of the
catalog and the query string; nothing here calls Streamlit or draws.
"""
