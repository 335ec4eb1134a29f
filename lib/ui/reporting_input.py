"""Add reporting, first step: the article's text and metadata in, proposals out.

The text is pasted or uploaded (``.txt``, ``.md``, a saved ``.html`` page: its article
text is extracted offline); the outlet, date, address and language are asked for.
Everything is checked (``lib.data.intake``, ``lib.editorial.validate``) and a refusal
says where, what and why; the proposer then marks what the text names.
"""

from __future__ import annotations

import streamlit as st

from lib.analysis.propose import propose
from lib.data.catalog import Catalog
from lib.data.intake import MAX_CHARS, IntakeError, text_from_paste, text_from_upload
from lib.editorial.draft import ArticleMeta, Decision, Draft
from lib.editorial.validate import check_meta, latest_date, typed_date
from lib.store.store import Store
from lib.ui import drafts

#: Languages the proposer reads dates in (dateparser), with how the list names them.
LANGUAGES = {"en": "English", "ar": "Arabic", "fa": "Persian", "ckb": "Kurdish (Sorani)"}
UPLOAD_TYPES = ["txt", "md", "html", "htm"]


def intake_form(store: Store, catalog: Catalog, owner: str) -> Draft | None:
    """The form that takes in a new article; on submit, a draft with its proposals.

    Parameters
    ----------
    store : Store
        Where the draft is kept.
    catalog : Catalog
        What the proposer matches names against.
    owner : str
        Who is working on it.

    Returns
    -------
    Draft or None
        The new draft (also kept in the store), or None until one is made.
    """
    with st.form("zb_intake"):
        st.markdown(
            f"Paste the article's text, or upload it (`.txt`, `.md`, or a saved `.html` page). "
            f"Up to {MAX_CHARS:,} characters are kept."
        )
        text = st.text_area("Article text", height=240, key="zb_intake_text")
        upload = st.file_uploader("…or a file", type=UPLOAD_TYPES, key="zb_intake_file")
        left, right = st.columns(2)
        title = left.text_input("Title (else the text's first line)", key="zb_intake_title")
        outlet = right.text_input("Outlet", key="zb_intake_outlet", placeholder="e.g. Rudaw")
        published_text = left.text_input(
            "Published", key="zb_intake_date", placeholder="e.g. 2025-08-16 or 16 Aug 2025"
        )
        url = right.text_input("Address (URL)", key="zb_intake_url", placeholder="https://…")
        language = left.selectbox(
            "Language", list(LANGUAGES), format_func=LANGUAGES.__getitem__, key="zb_intake_lang"
        )
        licence = right.text_input(
            "Licence of the text",
            key="zb_intake_licence",
            placeholder="e.g. © Rudaw; quoted for research",
        )
        submitted = st.form_submit_button("Propose annotations", type="primary")
    if not submitted:
        return None
    try:
        if upload is not None:
            incoming = text_from_upload(upload.name, upload.getvalue())
        else:
            incoming = text_from_paste(text, title)
    except IntakeError as exc:
        st.error(str(exc))
        return None
    published, problems = typed_date(published_text, "Published", latest_date())
    if published is None:
        for problem in problems:
            st.error(f"{problem.field}: {problem.message}")
        return None
    meta = ArticleMeta(
        article_id="",
        title=(title.strip() or incoming.title)[:300],
        outlet=outlet.strip(),
        published=published,
        url=url.strip(),
        language=language,
        licence=licence.strip(),
    )
    problems = check_meta(meta, latest_date())
    if problems:
        for problem in problems:
            st.error(f"{problem.field}: {problem.message}")
        return None
    with st.spinner("Reading the text for places, groups, dates and events…"):
        blocks = [meta.title, *incoming.paragraphs]
        proposals = propose(catalog, blocks, meta.published, meta.language)
    draft = Draft(
        draft_id=None,
        meta=meta,
        paragraphs=list(incoming.paragraphs),
        intake_notes=list(incoming.notes),
        decisions=[Decision(proposal=p, status="pending", target=p.target) for p in proposals],
        quotes=[],
        events=[],
    )
    return drafts.keep(store, draft, owner)
