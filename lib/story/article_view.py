"""An article with its annotated passages marked, linked to the map.

Builds escaped HTML (the one place article text becomes markup) and the
table of annotations. Passages whose feature the current filters hide are
dimmed, not hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lib.data.annotations import ResolvedAnnotation
from lib.data.articles import Article
from lib.data.catalog import Catalog
from lib.data.rows import events_on_map
from lib.model.filters import Filters, filter_crossings, filter_events, filter_sites
from lib.model.kinds import KINDS, find_feature, kind_label
from lib.model.links import Focus, article_link, map_link
from lib.story.markup import render, static_text

#: Highlight colours by what a passage is about (light, told apart by hue and underline),
#: in the order of the key; the labels are the kinds' (:mod:`lib.model.kinds`).
KIND_COLOURS: dict[str, str] = {
    "event": "#ffd8b1",
    "site": "#c6dbef",
    "crossing": "#d9d9d9",
    "place": "#c7e9c0",
    "group": "#f2c5e0",
    "boundary": "#fff0a8",
    "claim": "#dadaeb",
}

#: The article's styles, inlined before it (``static/article.css``).
ARTICLE_CSS = f"<style>\n{static_text('article.css')}</style>\n"


@dataclass(frozen=True)
class TargetInfo:
    """What an annotation points to, in words.

    Attributes
    ----------
    label : str
        The feature's name.
    on_map : bool
        Whether the map can show it.
    """

    label: str
    on_map: bool


def describe_target(catalog: Catalog, kind: str, ref: str) -> TargetInfo:
    """Name the feature an annotation points to.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    kind, ref : str
        The annotation body.

    Returns
    -------
    TargetInfo
        Its name, and whether it can be shown on the map.
    """
    row = find_feature(catalog, kind, ref)
    if row is None:
        return TargetInfo(ref, False)
    label = str(row[KINDS[kind].name_column])
    if kind == "event":
        return TargetInfo(label, bool(events_on_map(pd.DataFrame([row])).iloc[0]))
    if kind == "place":
        return TargetInfo(label, not bool(row["off_region"]))
    return TargetInfo(label, kind != "crossing" or row["lat"] is not None)


def annotations_in_filters(catalog: Catalog, filters: Filters) -> set[str]:
    """Ids of the annotations whose feature the filters let through.

    Places, borders, regions and claims are never filtered out.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    filters : Filters
        The current selection.

    Returns
    -------
    set of str
        Annotation ids.
    """
    c = catalog.curated
    shown = {
        "event": set(filter_events(c.events, filters)["event_id"]),
        "site": set(filter_sites(c.sites, filters)["site_id"]),
        "crossing": set(filter_crossings(c.crossings, filters)["crossing_id"]),
        "group": set(filters.groups),
    }
    return {
        item.annotation.annotation_id
        for item in catalog.annotations
        if item.annotation.kind not in shown or item.annotation.ref in shown[item.annotation.kind]
    }


def article_html(
    article: Article,
    annotations: list[ResolvedAnnotation],
    catalog: Catalog,
    in_filters: set[str],
    selected: str | None = None,
    link_params: Mapping[str, str] | None = None,
) -> str:
    """The article as HTML with every annotated passage marked and linked.

    Parameters
    ----------
    article : Article
        The article.
    annotations : list of ResolvedAnnotation
        Its resolved annotations.
    catalog : Catalog
        For the names of what passages point to.
    in_filters : set of str
        Annotation ids inside the current filters (others are dimmed).
    selected : str, optional
        An annotation to outline (the passage a map popup linked to).
    link_params : mapping, optional
        Filter parameters kept in the "show on map" links.

    Returns
    -------
    str
        Escaped HTML.
    """
    by_block: dict[int, list[ResolvedAnnotation]] = {}
    for item in annotations:
        if item.annotation.article_id == article.article_id:
            by_block.setdefault(item.anchor.block, []).append(item)

    def pieces(index: int, text: str) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        cursor = 0
        for item in sorted(by_block.get(index, []), key=lambda r: r.anchor.start):
            if item.anchor.start < cursor:
                continue  # overlapping passages: the first one is marked
            a = item.annotation
            target = describe_target(catalog, a.kind, a.ref)
            classes = ["zb-ann", f"zb-{a.kind}"]
            if a.annotation_id not in in_filters:
                classes.append("zb-dim")
            if a.annotation_id == selected:
                classes.append("zb-selected")
            out.append({"mark": False, "text": text[cursor : item.anchor.start]})
            out.append(
                {
                    "mark": True,
                    "id": a.annotation_id,
                    "classes": " ".join(classes),
                    "colour": KIND_COLOURS.get(a.kind, "#eee"),
                    "title": f"{kind_label(a.kind)}: {target.label}",
                    "text": text[item.anchor.start : item.anchor.end],
                    "label": target.label,
                    "href": map_link(Focus(a.kind, a.ref), link_params) if target.on_map else "",
                }
            )
            cursor = item.anchor.end
        out.append({"mark": False, "text": text[cursor:]})
        return out

    blocks = [pieces(i, text) for i, text in enumerate(article.blocks())]
    return render("article.html.j2", blocks=blocks)


def kinds_legend_html() -> str:
    """The key to the highlight colours."""
    kinds = [(colour, kind_label(kind)) for kind, colour in KIND_COLOURS.items()]
    return render("article_kinds.html.j2", kinds=kinds)


def annotation_table(
    catalog: Catalog,
    article_id: str,
    in_filters: set[str],
    link_params: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per annotation of an article: quote, what it points to, links.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    article_id : str
        The article.
    in_filters : set of str
        Annotation ids inside the current filters.
    link_params : mapping, optional
        Filter parameters kept in the links.

    Returns
    -------
    pandas.DataFrame
        Columns ``quote``, ``about``, ``kind``, ``in_filters``, ``map``, ``passage``.
    """
    rows = []
    for item in catalog.annotations:
        a = item.annotation
        if a.article_id != article_id:
            continue
        target = describe_target(catalog, a.kind, a.ref)
        rows.append(
            {
                "quote": a.exact,
                "about": target.label,
                "kind": kind_label(a.kind),
                "in_filters": a.annotation_id in in_filters,
                "map": map_link(Focus(a.kind, a.ref), link_params) if target.on_map else None,
                "passage": article_link(article_id, a.annotation_id, link_params),
            }
        )
    return pd.DataFrame(rows, columns=["quote", "about", "kind", "in_filters", "map", "passage"])
