"""Correct an article: its metadata and text, its annotations re-anchored, orphans to fix.

Editing the text re-anchors every annotation of the article (exact, else fuzzy with
its prefix and suffix agreeing); one that cannot be placed with confidence becomes
an orphan, listed here for the analyst to re-quote or retire — never attached to a
lookalike passage.
"""

from __future__ import annotations

import streamlit as st

from lib.data.catalog import Catalog
from lib.editorial.anchor import AnchorError, anchor_once, reanchor
from lib.editorial.save import ARTICLE_META_FIELDS, edit_article_text, store_annotations
from lib.store.records import Record
from lib.store.store import Store
from lib.ui import banners, editing


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def article_editor(store: Store, catalog: Catalog, record: Record, who: str) -> None:
    """The Correct form of an article: metadata, title and text; then its orphans.

    Parameters
    ----------
    store : Store
        Where to save.
    catalog : Catalog
        The loaded data (annotations to re-anchor).
    record : Record
        The article record as the store holds it now.
    who : str
        The analyst's name.
    """
    payload = record.payload
    prefix = f"article_{record.record_id}_{record.version}"
    meta = {
        name: st.text_input(name, str(payload.get(name) or ""), key=f"{prefix}_{name}")
        for name in ARTICLE_META_FIELDS
    }
    title = st.text_input("title", str(payload.get("title") or ""), key=f"{prefix}_title")
    text = st.text_area(
        "Text (paragraphs separated by a blank line)",
        "\n\n".join(str(p) for p in payload.get("paragraphs") or []),
        key=f"{prefix}_text",
        height=360,
    )
    paragraphs = _paragraphs(text)
    why = editing.reason_input("Reason for the change", key=f"{prefix}_why")
    if st.button("Save the article", type="primary", key=f"{prefix}_save"):
        if not paragraphs or not title.strip():
            st.error("An article needs a title and at least one paragraph.")
        else:

            def action(s: Store, who: str, why: str) -> object:
                result = edit_article_text(
                    s,
                    catalog,
                    record.record_id,
                    title.strip(),
                    paragraphs,
                    record.version,
                    who,
                    why,
                    meta=meta,
                )
                return result

            editing.write(
                store,
                who,
                why,
                action,
                f"Saved the article {record.record_id}; its annotations were re-anchored "
                "(any that could not be placed are listed below as orphans).",
            )
    orphan_list(store, record, who)


def orphan_list(store: Store, record: Record, who: str) -> None:
    """The article's annotations that no longer anchor, each with a way to fix it."""
    blocks = [
        str(record.payload.get("title") or ""),
        *map(str, record.payload.get("paragraphs") or []),
    ]
    stored = store_annotations(store, record.record_id)
    records = {annotation.annotation_id: item for item, annotation in stored}
    orphans = reanchor(blocks, [annotation for _, annotation in stored]).orphans
    st.subheader(f"Orphaned annotations ({len(orphans)})")
    if not orphans:
        st.caption(f"All {len(stored)} annotations of this article are anchored in its text.")
        return
    st.warning(
        "These annotations' passages are no longer found with confidence in the text. "
        "No page shows them until they are re-quoted or retired."
    )
    for orphan in orphans:
        annotation = orphan.annotation
        item = records[annotation.annotation_id]
        key = f"orphan_{item.record_id}_{item.version}"
        with st.container(border=True):
            st.markdown(
                banners.md_escape(
                    f"“{annotation.exact}” → {annotation.kind}:{annotation.ref}: {orphan.reason}."
                )
            )
            quote = st.text_input("New quote from the text", key=f"{key}_quote")
            why = editing.reason_input("Reason", key=f"{key}_why")
            left, right = st.columns(2)
            if left.button("Re-anchor to this quote", key=f"{key}_fix"):
                try:
                    anchor = anchor_once(blocks, quote)
                except AnchorError as exc:
                    st.error(str(exc))
                else:
                    selector = {
                        "type": "TextQuoteSelector",
                        "exact": blocks[anchor.block][anchor.start : anchor.end],
                        "prefix": anchor.prefix,
                        "suffix": anchor.suffix,
                    }
                    payload = dict(item.payload)
                    payload["target"] = {**(payload.get("target") or {}), "selector": selector}
                    editing.write(
                        store,
                        who,
                        why,
                        lambda s, w, y, i=item, p=payload: s.update(
                            "annotation", i.record_id, p, base_version=i.version, who=w, why=y
                        ),
                        "Annotation re-anchored.",
                    )
            if right.button("Retire this annotation", key=f"{key}_retire"):
                editing.write(
                    store,
                    who,
                    why,
                    lambda s, w, y, i=item: s.retire(
                        "annotation", i.record_id, who=w, why=y, base_version=i.version
                    ),
                    "Annotation retired.",
                )
