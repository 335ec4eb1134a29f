"""Old import path, kept only while ``pages/map.py`` and ``pages/border.py`` still use it.

``lib/ui/core.py`` has been split by concern (see ``lib/ui/__init__.py``). This
shim re-exports exactly the names those two pages call as ``ui.<name>``; it goes
when they import the new modules.
"""

from __future__ import annotations

from lib.ui.banners import md_escape
from lib.ui.cache import catalog_defaults, data_stamp, get_catalog, search_index
from lib.ui.router import ensure_router
from lib.ui.sidebar import current_basemap, filter_params
from lib.ui.url_sync import current_focus, current_view

__all__ = [
    "catalog_defaults",
    "current_basemap",
    "current_focus",
    "current_view",
    "data_stamp",
    "ensure_router",
    "filter_params",
    "get_catalog",
    "md_escape",
    "search_index",
]
