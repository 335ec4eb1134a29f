"""Correct an article: its metadata and text, its annotations re-anchored, orphans to fix.

Editing the text re-anchors every annotation of the article (exact, else fuzzy with
its prefix and suffix agreeing); one that cannot be placed with confidence becomes
an orphan, listed here for the analyst to re-quote or retire — never attached to a
lookalike passage.
"""

from __future__ import annotations

import streamlit as st

from lib.data.catalog import Catalog
from lib.editorial.anchor import AnchorError, anchor_once, orphans_of
from lib.editorial.save import edit_article_text
from lib.store.records import Record, Revision
from lib.store.store import Store
from lib.ui import banners, editing

#: Fields of an article an analyst corrects besides its text.
META_FIELDS = ("outlet", "url", "language", "licence", "source")


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
        for name in META_FIELDS
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
                st.session_state[f"orphans_{record.record_id}"] = len(result.orphans)
                return result

            editing.write(
                store,
                who,
                why,
                action,
                f"Saved the article {record.record_id}; its annotations were re-anchored.",
            )
    orphan_list(store, catalog, record, who)


def orphan_list(store: Store, catalog: Catalog, record: Record, who: str) -> None:
    """The article's annotations that no longer anchor, each with a way to fix it."""
    orphans = orphans_of(catalog, record.record_id)
    st.subheader(f"Orphaned annotations ({len(orphans)})")
    if not orphans:
        st.caption("Every annotation of this article is anchored in its text.")
        return
    st.warning(
        "These annotations' passages are no longer found with confidence in the text. "
        "They are not shown on any page until they are re-quoted or retired."
    )
    blocks = [str(payload_title(record)), *[str(p) for p in record.payload.get("paragraphs", [])]]
    for orphan in orphans:
        annotation = orphan.annotation
        key = f"orphan_{annotation.annotation_id}"
        with st.container(border=True):
            st.markdown(
                banners.md_escape(
                    f"“{annotation.exact}” → {annotation.kind}:{annotation.ref}. {orphan.reason}"
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
                    exact = blocks[anchor.block][anchor.start : anchor.end]
                    selector = {
                        "type": "TextQuoteSelector",
                        "exact": exact,
                        "prefix": anchor.prefix,
                        "suffix": anchor.suffix,
                    }
                    _write_selector(store, record, annotation.annotation_id, selector, who, why)
            if right.button("Retire this annotation", key=f"{key}_retire"):
                target = _annotation_record(store, record.record_id, annotation.annotation_id)
                if target is not None:
                    editing.write(
                        store,
                        who,
                        why,
                        lambda s, w, y, t=target: s.retire(
                            "annotation", t.record_id, who=w, why=y, base_version=t.version
                        ),
                        f"Annotation {annotation.annotation_id} retired.",
                    )


def payload_title(record: Record) -> str:
    """An article record's title."""
    return str(record.payload.get("title") or "")


def _annotation_record(store: Store, article_id: str, annotation_id: str) -> Record | None:
    for item in store.query("annotation"):
        target = item.payload.get("target") or {}
        if item.payload.get("id") == annotation_id and str(target.get("source", "")).endswith(
            f"/{article_id}"
        ):
            return item
    st.error(f"No annotation {annotation_id} of {article_id} is in the store.")
    return None


def _write_selector(
    store: Store, record: Record, annotation_id: str, selector: dict, who: str, why: str
) -> None:
    target = _annotation_record(store, record.record_id, annotation_id)
    if target is None:
        return
    payload = dict(target.payload)
    payload["target"] = {**(payload.get("target") or {}), "selector": selector}

    def action(s: Store, who: str, why: str) -> Revision:
        return s.update(
            "annotation", target.record_id, payload, base_version=target.version, who=who, why=why
        )

    editing.write(store, who, why, action, f"Annotation {annotation_id} re-anchored.")
