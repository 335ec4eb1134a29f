"""UI: the only code under ``lib`` that calls Streamlit, one module per concern.

A page imports the modules it needs (``from lib.ui import cache, router, sidebar``)
and calls them by module name, so each call says where it lives:

- ``router``: every page runs through ``app.py`` (``ensure_router`` first thing);
- ``cache``: the loaded data (``get_catalog``) and values derived from it once;
- ``sidebar``: the shared filters and basemap, kept in the session and the address;
- ``url_sync``: what else the address asks for (focus, map view, article, passage);
- ``banners``: data problems on screen, and ``md_escape`` for data text in markdown;
- ``components``: shared widgets (``show_map`` for every Folium map, ``scroll_to``);
- ``presenter``: the presenter views' chrome, step bar, arrow keys and current step;
- ``deck``: the briefing deck, a component with a static frontend (``deck_frontend/``):
  every step and one map in the browser, the address told afterwards; the notes window;
- ``deck_maps``: the deck's map pages and maps as text, made once (no component: the
  launcher, ``serve``, draws them before the server listens);
- ``briefing_files``: choosing, uploading and downloading briefings;
- ``markup``: the CSS, JavaScript and Jinja2 templates in ``static/`` and ``templates/``.
"""
