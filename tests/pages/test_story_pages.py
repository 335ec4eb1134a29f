"""AppTest: the article, its links to the map, and the timeline follow the shared filters."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from streamlit.testing.v1 import AppTest

from lib.model.filters import filter_events
from lib.model.url_state import parse_url_state
from tests.apptest_utils import APP, map_script, run_app


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def article_body(at: AppTest) -> str:
    return next(
        h.proto.body
        for h in at.get("html")
        if "zb-article" in h.proto.body and "<mark" in h.proto.body
    )


def test_article_page_marks_every_annotation_and_checks_the_claims(catalog):
    at = open_page("pages/article.py")
    body = article_body(at)
    assert body.count("<mark") == len(catalog.annotations)
    for item in catalog.annotations:
        assert f"id='{item.annotation.annotation_id}'" in body
    table = at.dataframe[-1].value
    assert len(table) == len(catalog.annotations) and table["in_filters"].all()
    statements = " ".join(m.value for m in at.markdown)
    assert (
        "1,400 km" in statements
        and "19 March 2023" in statements
        and "designated camps" in statements
    )


def test_group_filter_dims_passages_on_the_article_page():
    at = open_page("pages/article.py", {"groups": "PJAK"})
    body = article_body(at)
    assert "zb-dim" in body
    table = at.dataframe[-1].value
    assert not table.loc[
        table["about"] == "Democratic Party of Iranian Kurdistan", "in_filters"
    ].any()


def test_a_show_on_map_link_focuses_the_map_on_its_feature(catalog):
    at = open_page("pages/article.py")
    table = at.dataframe[-1].value
    link = table.loc[table["quote"] == "Joint Security Agreement on Border Security", "map"].iloc[0]
    query = dict(parse_qsl(urlsplit(link).query))
    assert query == {"focus": "event:joint-security-agreement"}
    target = run_app(query)
    script = map_script(target)
    assert "zb-focus-ring" in script and "fire(" in script
    assert "[33.3406,44.4009]" in script  # centred on Baghdad, where the agreement was signed
    assert any("Opened on" in c.value for c in target.caption)


def test_a_passage_link_from_the_map_opens_the_article_at_that_passage(catalog):
    at = run_app({"focus": "claim:designated-camps"})
    assert "read in the article" in map_script(at)
    article = open_page(
        "pages/article.py", {"article": "peregraf-2025-08-16", "ann": "claim-designated-camps-1"}
    )
    assert "zb-selected" in article_body(article)
    assert any("Opened at the passage" in i.value for i in article.info)


def test_timeline_list_follows_group_and_date_filters(catalog, all_filters):
    query = {"groups": "PAK", "from": "2023-01-01", "to": "2025-12-31"}
    at = open_page("pages/timeline.py", query)
    listed = at.dataframe[0].value
    expected = filter_events(catalog.curated.events, parse_url_state(query, all_filters).filters)
    assert sorted(listed["title"]) == sorted(expected["title"]) and len(listed) == 7
    reported = [bool(catalog.annotations_for("event", e)) for e in expected["event_id"]]
    assert listed["in_article"].sum() == sum(reported) > 0
