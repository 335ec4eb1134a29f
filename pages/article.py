"""The article: its annotated passages linked to the map, and its claims checked."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from lib.analysis.claims import check_claims
from lib.data import paths
from lib.model.links import article_link
from lib.story.article_view import (
    ARTICLE_CSS,
    annotation_table,
    annotations_in_filters,
    article_html,
    kinds_legend_html,
)
from lib.ui import banners, cache, components, router, sidebar, url_sync

router.ensure_router()
catalog = cache.get_catalog()
filters = sidebar.current_filters(catalog)
if not catalog.articles:
    st.warning("No article could be loaded; see the data problems above.")
    st.stop()

article, selected = url_sync.current_article(catalog)
link_params = sidebar.filter_params(catalog)
in_filters = annotations_in_filters(catalog, filters)
annotations = [a for a in catalog.annotations if a.annotation.article_id == article.article_id]

original = (
    f" · [original](<{article.url}>)"
    if article.url.startswith("https://") and not any(c in article.url for c in "<> ")
    else ""
)
st.caption(
    banners.md_escape(f"{article.outlet} · {article.published:%d %B %Y} · {article.language}")
    + original
)
if len(catalog.articles) > 1:
    with st.expander(f"Every article in the record ({len(catalog.articles)})"):
        counts = Counter(a.annotation.article_id for a in catalog.annotations)
        st.dataframe(
            [
                {
                    "published": a.published.isoformat(),
                    "outlet": a.outlet,
                    "title": a.title,
                    "passages": counts[a.article_id],
                    "open": article_link(a.article_id, filter_params=link_params),
                }
                for a in reversed(catalog.articles.values())
            ],
            hide_index=True,
            width="stretch",
            column_config={"open": st.column_config.LinkColumn("open", display_text="open")},
        )
if selected:
    st.info(
        "Opened at the passage outlined below. Dimmed passages concern features the "
        "current filters hide."
    )
st.html(
    ARTICLE_CSS
    + kinds_legend_html()
    + article_html(article, annotations, catalog, in_filters, selected, link_params)
)
if selected:
    components.scroll_to(selected)
st.caption(
    f"{len(annotations)} annotated passages; ↗map opens the map on what a passage reports. "
    f"Text: {banners.md_escape(article.licence)}."
)

st.subheader("What the article says, checked")
with st.spinner("Measuring the border lines…"):
    checks = check_claims(catalog, article.article_id, paths.GEODATA_DIR / "raw")
if not checks:
    st.caption("No figure or date of this article is recorded as a claim to check.")
for check in checks:
    with st.container(border=True):
        st.markdown(f"**“{banners.md_escape(check.statement)}”** — *{check.verdict}*")
        st.markdown(banners.md_escape(check.summary))
        if check.why:
            st.caption(banners.md_escape(check.why))
        with st.expander(f"Evidence ({len(check.evidence)} figures)"):
            st.dataframe(
                [
                    {"what": e.what, "figure": e.figure, "source": e.source, "note": e.note}
                    for e in check.evidence
                ],
                hide_index=True,
                width="stretch",
                column_config={"note": st.column_config.TextColumn(width="large")},
            )

st.subheader("All annotations")
st.dataframe(
    annotation_table(catalog, article.article_id, in_filters, link_params),
    hide_index=True,
    width="stretch",
    column_config={
        "quote": st.column_config.TextColumn(width="large"),
        "in_filters": st.column_config.CheckboxColumn("in filters"),
        "map": st.column_config.LinkColumn("map", display_text="show on map"),
        "passage": st.column_config.LinkColumn("passage", display_text="open passage"),
    },
)
