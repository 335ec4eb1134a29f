"""Article passages in map popups: the quotes on a feature, with links to them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lib.data.catalog import Catalog
from lib.model.links import article_link

#: ``passages(kind, ref)`` → the article passages on a feature, as (quote, link).
Passages = Callable[[str, str], list[tuple[str, str]]]


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
        ``(kind, ref) -> [(quote, href), ...]``.
    """

    def find(kind: str, ref: str) -> list[tuple[str, str]]:
        return [
            (
                item.quote,
                article_link(
                    item.annotation.article_id, item.annotation.annotation_id, link_params
                ),
            )
            for item in catalog.annotations_for(kind, ref)
        ]

    return find


def no_passages(_kind: str, _ref: str) -> list[tuple[str, str]]:
    """A lookup that finds none (layers whose popups quote nothing)."""
    return []
