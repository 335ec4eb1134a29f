"""Passages from every article in map popups, newest first (lib.maps.passages, popups)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

from lib.data.annotations import Anchor, Annotation, ResolvedAnnotation
from lib.data.articles import Article
from lib.data.catalog import Catalog
from lib.maps.passages import no_passages, passages_finder
from lib.maps.popups import popup_html
from tests.unit.tiny_catalog import tiny_catalog

OLD_TEXT = "Group A moved to the camp near Test City."
NEW_TEXT = "Strikes hit the <b>camp</b> near Test City again."
LATER_TEXT = "A second passage of the old article on Test City."


def article(article_id: str, outlet: str, published: dt.date, *paragraphs: str) -> Article:
    return Article(
        article_id, outlet, published, f"Title of {article_id}", "en", "", "", "CC0", paragraphs
    )


def resolved(annotation_id: str, art: Article, block: int, exact: str) -> ResolvedAnnotation:
    start = art.blocks()[block].index(exact)
    ann = Annotation(annotation_id, art.article_id, exact, "", "", "place", "p-city")
    return ResolvedAnnotation(ann, Anchor(block, start, start + len(exact), True))


def catalog_with(*items: tuple[Article, list[tuple[str, int, str]]]) -> Catalog:
    """The tiny catalog with articles and their passages on ``place:p-city``."""
    base = tiny_catalog()
    articles = {art.article_id: art for art, _ in items}
    annotations = [
        resolved(ann_id, art, block, exact)
        for art, quotes in items
        for ann_id, block, exact in quotes
    ]
    return Catalog(base.curated, base.boundaries, articles, annotations)


OLD = article("a-old", "Old <Outlet>", dt.date(2024, 3, 5), OLD_TEXT, LATER_TEXT)
NEW = article("a-new", "Rudaw & co", dt.date(2025, 8, 16), NEW_TEXT)
TWO_ARTICLES = catalog_with(
    # The older article is listed first in the data: the finder must reorder.
    (OLD, [("ann-old-2", 2, "old article on Test City"), ("ann-old-1", 1, "camp near Test City")]),
    (NEW, [("ann-new", 1, "the <b>camp</b> near Test City")]),
)


def test_passages_from_two_articles_come_newest_article_first() -> None:
    found = passages_finder(TWO_ARTICLES)("place", "p-city")
    assert [quote for quote, _, _ in found] == [
        "the <b>camp</b> near Test City",
        "camp near Test City",  # within an article: in the order of the text
        "old article on Test City",
    ]
    assert [source for _, _, source in found] == [
        "Rudaw & co, 16 Aug 2025",
        "Old <Outlet>, 05 Mar 2024",
        "Old <Outlet>, 05 Mar 2024",
    ]


def test_each_passage_links_to_its_article_and_annotation_keeping_the_filters() -> None:
    found = passages_finder(TWO_ARTICLES, {"from": "2020-01-01"})("place", "p-city")
    queries = [parse_qs(urlsplit(href).query) for _, href, _ in found]
    assert [urlsplit(href).path for _, href, _ in found] == ["/article"] * 3
    assert [(q["article"], q["ann"]) for q in queries] == [
        (["a-new"], ["ann-new"]),
        (["a-old"], ["ann-old-1"]),
        (["a-old"], ["ann-old-2"]),
    ]
    assert all(q["from"] == ["2020-01-01"] for q in queries)


def test_a_feature_without_passages_has_none() -> None:
    finder = passages_finder(TWO_ARTICLES)
    assert finder("place", "nowhere") == []
    assert finder("site", "a-hq") == []
    assert no_passages("place", "p-city") == []


def test_the_popup_shows_the_outlets_and_says_newest_first_when_sources_differ() -> None:
    found = passages_finder(TWO_ARTICLES)("place", "p-city")
    html = popup_html("Test City", [], kind="Place", passages=found)
    assert "In the reporting, newest first" in html and "In the article" not in html
    outlets = re.findall(r"<span class='zb-outlet'>— (.*?)</span>", html)
    assert outlets == [
        "Rudaw &amp; co, 16 Aug 2025",
        "Old &lt;Outlet&gt;, 05 Mar 2024",
        "Old &lt;Outlet&gt;, 05 Mar 2024",
    ]
    assert html.count("read in the article") == 3
    assert html.index("Rudaw") < html.index("Old &lt;Outlet")


def test_the_popup_says_in_the_article_when_there_is_one_article() -> None:
    one = catalog_with(
        (
            OLD,
            [("ann-old-1", 1, "camp near Test City"), ("ann-old-2", 2, "old article on Test City")],
        )
    )
    found = passages_finder(one)("place", "p-city")
    html = popup_html("Test City", [], kind="Place", passages=found)
    assert "In the article" in html and "newest first" not in html
    assert html.count("Old &lt;Outlet&gt;, 05 Mar 2024") == 2


def test_a_single_passage_says_in_the_article() -> None:
    one = catalog_with((NEW, [("ann-new", 1, "the <b>camp</b> near Test City")]))
    html = popup_html("Test City", [], passages=passages_finder(one)("place", "p-city"))
    assert "In the article" in html
    assert "Rudaw &amp; co, 16 Aug 2025" in html


def test_quotes_and_outlets_are_escaped_in_the_popup() -> None:
    hostile_outlet = dataclasses.replace(NEW, outlet="<script>alert('o')</script> `${x}`")
    hostile = catalog_with(
        (hostile_outlet, [("ann-new", 1, "the <b>camp</b> near Test City")]),
        (OLD, [("ann-old-1", 1, "camp near Test City")]),
    )
    html = popup_html("Test City", [], passages=passages_finder(hostile)("place", "p-city"))
    assert "<script" not in html and "<b>camp" not in html
    assert "“the &lt;b&gt;camp&lt;/b&gt; near Test City”" in html
    assert "&lt;script&gt;alert(&#x27;o&#x27;)&lt;/script&gt;" in html
    # Folium puts popups in JavaScript template literals: backticks and ${ are escaped too.
    assert "`" not in html and "${" not in html


def test_two_part_passages_still_render_without_an_outlet() -> None:
    html = popup_html("X", [], passages=[("a quote", "/article?article=a"), ("b", "/article")])
    assert "In the article" in html and "zb-outlet" not in html
