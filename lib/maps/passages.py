"""Article passages in map popups: the quotes on a feature, with links to them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lib.data.annotations import ResolvedAnnotation
from lib.data.catalog import Catalog
from lib.model.links import article_link

#: ``passages(kind, ref)`` → the article passages on a feature, as (quote, link, source),
#: the source being the outlet and date of the article quoted.
Passages = Callable[[str, str], list[tuple[str, str, str]]]


def passages_finder(catalog: Catalog, link_params: Mapping[str, str] | None = None) -> Passages:
    """Build the lookup that puts article quotes and links into popups.

    Parameters
    ----------
    catalog : Catalog
        Loaded data with resolved annotations.
    link_params : mapping, optional
        Current filter parameters, kept in the links.

    Returns
    -------
    callable
        ``(kind, ref) -> [(quote, href, "Outlet, 16 Aug 2025"), ...]``, newest article first.
    """

    def newest_first(item: ResolvedAnnotation) -> tuple:
        # Every article that reports the feature, the latest reporting first.
        article = catalog.articles.get(item.annotation.article_id)
        published = article.published.toordinal() if article else 0
        return (-published, item.annotation.article_id, item.anchor.block, item.anchor.start)

    def source(item: ResolvedAnnotation) -> str:
        article = catalog.articles.get(item.annotation.article_id)
        return f"{article.outlet}, {article.published:%d %b %Y}" if article else ""

    def find(kind: str, ref: str) -> list[tuple[str, str, str]]:
        return [
            (
                item.quote,
                article_link(
                    item.annotation.article_id, item.annotation.annotation_id, link_params
                ),
                source(item),
            )
            for item in sorted(catalog.annotations_for(kind, ref), key=newest_first)
        ]

    return find


def no_passages(_kind: str, _ref: str) -> list[tuple[str, str, str]]:
    """A lookup that finds none (layers whose popups quote nothing)."""
    return []
