"""Helpers for AppTest page tests: run the app, rerun it, read the map it drew."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from lib.data.catalog import Catalog
from lib.data.paths import PROJECT_ROOT
from lib.data.rows import events_on_map
from lib.model.filters import Filters, filter_crossings, filter_events, filter_sites

APP = str(PROJECT_ROOT / "app.py")


def run_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    """Rerun after a widget change, as the browser does.

    AppTest (Streamlit 1.67) reruns a multipage app by requesting the page
    the last run ended on, and then drops what the entry script drew (our
    sidebar) from its element tree; a real browser keeps it. Asking for the
    default page again keeps the whole tree, which is what these tests read.
    """
    at._finished_page_script_hash = ""
    return at.run()


def map_script(at: AppTest) -> str:
    (component,) = [
        c for c in at.get("component_instance") if "st_folium" in c.proto.component_name
    ]
    return json.loads(component.proto.json_args)["script"]


def drawn(at: AppTest) -> dict[str, int]:
    script = map_script(at)
    return {
        kind: len(re.findall(rf'"zb-symbol zb-{kind}[ "]', script))
        for kind in ("site", "crossing", "event")
    }


def selected(catalog: Catalog, filters: Filters) -> dict[str, int]:
    """How many sites, crossings and events with a map point the filters keep.

    What a page test expects the map to draw, from the data rather than typed-in
    counts, so that adding a correct row never breaks a test.
    """
    sites = filter_sites(catalog.curated.sites, filters)
    crossings = filter_crossings(catalog.curated.crossings, filters)
    events = filter_events(catalog.curated.events, filters)
    return {
        "site": int(sites.geometry.notna().sum()),
        "crossing": int(crossings.geometry.notna().sum()),
        "event": int(events_on_map(events).sum()),
    }
