"""The one link builder: every address the app writes names a page Streamlit serves."""

from __future__ import annotations

import ast
import dataclasses
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.data.paths import PROJECT_ROOT
from lib.model import links
from lib.model.filters import Filters
from lib.model.links import Focus
from lib.model.map_view import MapView
from lib.model.url_state import encode_filters, encode_view
from lib.story.timeline import timeline_table

#: Paths Streamlit serves: the default page at the root, the others at their url_path.
SERVED = {"/" + p for p in links.PAGE_PATHS}


def _app_pages() -> dict[str, dict[str, object]]:
    """The ``st.Page`` calls of ``app.py``: their url_path and flags, read from its source."""
    tree = ast.parse((PROJECT_ROOT / "app.py").read_text("utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "st.Page":
            kw = {k.arg: ast.unparse(k.value) for k in node.keywords}
            found[ast.unparse(node.args[0])] = kw
    return found


def test_the_map_is_at_the_root_never_at_slash_map():
    assert links.map_link() == "/"
    assert links.map_link(Focus("event", "x")) == "/?focus=event%3Ax"
    assert links.map_link(filter_params={"groups": "KDPI,PAK"}) == "/?groups=KDPI%2CPAK"
    assert links.page_link(links.MAP_PAGE, {"z": "9"}) == "/?z=9"


def test_page_link_names_pages_and_encodes_the_query():
    assert (
        links.page_link(links.NOTES_PAGE, {"b": "a b&c", "step": "2"})
        == "/notes?b=a%20b%26c&step=2"
    )
    assert links.page_link(links.SOURCES_PAGE) == "/sources"
    assert links.page_link(links.ARTICLE_PAGE, {}) == "/article"
    for bad in ("map", "/map", "nowhere", "article/x"):
        with pytest.raises(ValueError):
            links.page_link(bad)


def test_briefing_links_open_the_presenter_view_or_the_notes():
    assert (
        links.briefing_link("border-security-2025", 3) == "/briefing?b=border-security-2025&step=3"
    )
    assert links.briefing_link("b", 1, links.NOTES_PAGE) == "/notes?b=b&step=1"
    with pytest.raises(ValueError):
        links.briefing_link("b", 1, links.MAP_PAGE)


def test_article_link_keeps_filters_and_names_the_passage():
    href = links.article_link("peregraf-2025", "event-x-1", {"conf": "medium"})
    parts = urlsplit(href)
    assert parts.path == "/article"
    assert parse_qs(parts.query) == {
        "conf": ["medium"],
        "article": ["peregraf-2025"],
        "ann": ["event-x-1"],
    }


def test_the_presenter_exit_link_keeps_the_step_filters_and_view(all_filters: Filters):
    params = {
        **encode_filters(dataclasses.replace(all_filters, groups=frozenset({"KDPI"})), all_filters),
        **encode_view(MapView(36.2, 44.0, 9)),
    }
    parts = urlsplit(links.map_link(filter_params=params))
    assert parts.path == "/"
    query = parse_qs(parts.query)
    assert query["groups"] == ["KDPI"] and query["z"] == ["9"]


def test_app_registers_the_paths_the_links_use():
    pages = _app_pages()
    by_path = {kw.get("url_path"): (script, kw) for script, kw in pages.items()}
    assert by_path["links.MAP_PAGE"][0] == "'pages/map.py'"
    assert by_path["links.MAP_PAGE"][1].get("default") == "True"
    alias = by_path["links.MAP_ALIAS"][1]
    assert alias.get("visibility") == "'hidden'"
    # Every page's url_path comes from lib.model.links, so a link cannot drift from its page.
    assert set(by_path) == {
        "links.MAP_PAGE",
        "links.BORDER_PAGE",
        "links.ARTICLE_PAGE",
        "links.TIMELINE_PAGE",
        "links.SOURCES_PAGE",
        "links.BRIEFING_PAGE",
        "links.NOTES_PAGE",
        "links.REPORTING_PAGE",
        "links.CORRECT_PAGE",
        "links.HISTORY_PAGE",
        "links.ADMIN_PAGE",
        "links.MAP_ALIAS",
    }


def test_no_page_or_module_writes_a_page_address_by_hand():
    # Addresses of pages come from lib.model.links alone: no "/map?", "/notes?" literals.
    literal = re.compile(r"""['"]/(map|border|article|timeline|sources|briefing|notes)\b""")
    offenders = []
    for path in [*(PROJECT_ROOT / "pages").glob("*.py"), *(PROJECT_ROOT / "lib").glob("*.py")]:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if literal.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


def test_timeline_and_article_links_name_served_pages(catalog, all_filters: Filters):
    table = timeline_table(catalog, all_filters, encode_filters(all_filters, all_filters))
    hrefs = [h for column in ("map", "passage") for h in table[column] if isinstance(h, str)]
    assert hrefs
    assert {urlsplit(h).path for h in hrefs} <= SERVED
