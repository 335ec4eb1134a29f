"""Add reporting, second step: review the proposals, add quotes and events, save as one change.

Each proposal is accepted, rejected or relinked to another target; the analyst may
add annotations by quoting a passage (it must occur exactly once) and create events
from passages. Every decision is kept with the draft at once; saving writes the
article, its annotations, new places and events in one batch with the reason.
"""

from __future__ import annotations

import streamlit as st

from lib.data.catalog import Catalog
from lib.editorial.anchor import AnchorError, anchor_once
from lib.editorial.draft import Decision, Draft, QuoteAnnotation
from lib.editorial.save import save_draft
from lib.model.links import ARTICLE_PAGE, map_link, page_link
from lib.model.links import Focus as LinkFocus
from lib.store.store import Store
from lib.story.article_view import describe_target
from lib.story.review_view import REVIEW_CSS, ReviewMark, review_html
from lib.ui import banners, cache, drafts, editing

#: Proposal kinds in review order, with their tab names.
KIND_TABS = {"place": "Places", "group": "Groups", "date": "Dates", "event": "Events"}
#: Which targets a proposal of each kind may be relinked to (search-index kinds).
FAMILIES = {
    "place": ("place", "site", "crossing", "boundary"),
    "group": ("group",),
    "event": ("event",),
}
STATUSES = ("pending", "accepted", "rejected")
STATUS_WORDS = {"pending": "to review", "accepted": "accept", "rejected": "reject"}
#: Session key of what the last save made (links shown after the rerun).
SAVED_KEY = "zb_saved_refs"


def target_label(catalog: Catalog, decision: Decision, target: str | None) -> str:
    """A target in words (the proposal's own label for a gazetteer place)."""
    if not target:
        return decision.proposal.label or "—"
    kind, _, ref = target.partition(":")
    if kind == "geonames":
        own = decision.proposal.target == target
        return f"{decision.proposal.label} (GeoNames, new place)" if own else f"GeoNames {ref}"
    return f"{describe_target(catalog, kind, ref).label} ({kind})"


def target_options(catalog: Catalog, decision: Decision) -> list[str]:
    """The targets a proposal may be linked to: its own, its alternatives, then its kind's."""
    proposal = decision.proposal
    first = [t for t in (decision.target, proposal.target, *proposal.alternatives) if t]
    return list(dict.fromkeys([*first, *_family_targets(catalog).get(proposal.kind, ())]))


def _family_targets(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    # Once per loaded catalog: every row of the review would otherwise walk the
    # whole search index (thousands of towns) on every rerun.
    def build() -> dict[str, tuple[str, ...]]:
        entries = cache.search_index(catalog)
        return {
            kind: tuple(str(e.focus) for e in entries if e.focus.kind in family)
            for kind, family in FAMILIES.items()
        }

    return catalog.derived("review_relink_targets", build)


def marks(draft: Draft, catalog: Catalog) -> list[ReviewMark]:
    """The review's marks: every proposal, numbered, and the analyst's quotes."""
    out = [
        ReviewMark(
            n, d.proposal.kind, d.proposal.block, d.proposal.start, d.proposal.end, d.status,
            target_label(catalog, d, d.target) if d.proposal.kind != "date" else d.proposal.label,
        )
        for n, d in enumerate(draft.decisions, start=1)
    ]  # fmt: skip
    blocks = draft.blocks()
    for n, quote in enumerate(draft.quotes, start=len(out) + 1):
        try:
            anchor = anchor_once(blocks, quote.exact)
        except AnchorError:
            continue
        out.append(
            ReviewMark(n, "quote", anchor.block, anchor.start, anchor.end, "accepted", quote.target)
        )
    return out


def _update(store: Store, owner: str, index: int, field: str, key: str) -> None:
    draft = st.session_state.get(drafts.DRAFT_KEY)
    if not isinstance(draft, Draft) or index >= len(draft.decisions):
        return
    decisions = list(draft.decisions)
    value = st.session_state[key]
    changes: dict[str, object] = {field: value}
    if field == "target":
        changes["status"] = "accepted"  # relinking is a decision
    decisions[index] = decisions[index].model_copy(update=changes)
    drafts.keep(store, draft.model_copy(update={"decisions": decisions}), owner)


def _set_all(store: Store, owner: str, kind: str, status: str) -> None:
    draft = st.session_state.get(drafts.DRAFT_KEY)
    if not isinstance(draft, Draft):
        return
    decisions = [
        d.model_copy(update={"status": status})
        if d.proposal.kind == kind and d.status == "pending"
        else d
        for d in draft.decisions
    ]
    for key in [k for k in st.session_state if str(k).startswith("zb_dec_")]:
        del st.session_state[key]
    drafts.keep(store, draft.model_copy(update={"decisions": decisions}), owner)


def _decision_row(store: Store, catalog: Catalog, draft: Draft, index: int, owner: str) -> None:
    decision = draft.decisions[index]
    proposal = decision.proposal
    prefix = f"zb_dec_{draft.draft_id}_{index}"
    cols = st.columns([3, 4, 3])
    cols[0].markdown(f"**{index + 1}** · “{banners.md_escape(proposal.exact[:160])}”")
    if proposal.kind == "date":
        cols[1].markdown(banners.md_escape(proposal.label))
    else:
        options = target_options(catalog, decision)
        current = decision.target if decision.target in options else options[0] if options else None
        if options:
            st.session_state.setdefault(f"{prefix}_t", current)
            cols[1].selectbox(
                "Links to",
                options,
                key=f"{prefix}_t",
                format_func=lambda t: target_label(catalog, decision, t),
                on_change=_update,
                args=(store, owner, index, "target", f"{prefix}_t"),
                label_visibility="collapsed",
            )
    st.session_state.setdefault(f"{prefix}_s", decision.status)
    cols[2].radio(
        "Decision",
        STATUSES,
        key=f"{prefix}_s",
        format_func=STATUS_WORDS.__getitem__,
        horizontal=True,
        on_change=_update,
        args=(store, owner, index, "status", f"{prefix}_s"),
        label_visibility="collapsed",
    )
    cols[0].caption(banners.md_escape(f"Why: {proposal.why}"))


def proposals_review(store: Store, catalog: Catalog, draft: Draft, owner: str) -> None:
    """The marked text and, by kind, every proposal with its decision."""
    for note in draft.intake_notes:
        st.info(banners.md_escape(note))
    st.html(REVIEW_CSS + review_html(draft.blocks(), marks(draft, catalog)))
    counts = {
        k: [i for i, d in enumerate(draft.decisions) if d.proposal.kind == k] for k in KIND_TABS
    }
    tabs = st.tabs([f"{label} ({len(counts[k])})" for k, label in KIND_TABS.items()])
    for (kind, _label), tab in zip(KIND_TABS.items(), tabs, strict=True):
        with tab:
            if not counts[kind]:
                st.caption("Nothing proposed.")
                continue
            left, right = st.columns(2)
            left.button(
                "Accept all to review", key=f"acc_{kind}", on_click=_set_all,
                args=(store, owner, kind, "accepted"),
            )  # fmt: skip
            right.button(
                "Reject all to review", key=f"rej_{kind}", on_click=_set_all,
                args=(store, owner, kind, "rejected"),
            )  # fmt: skip
            for index in counts[kind]:
                _decision_row(store, catalog, draft, index, owner)


def quote_adder(store: Store, catalog: Catalog, draft: Draft, owner: str) -> Draft:
    """Add an annotation by quoting a passage (found exactly once) and picking its target."""
    options = [str(e.focus) for e in cache.search_index(catalog) if e.focus.kind != "town"]
    with st.form("zb_quote"):
        quote = st.text_input("Quote (copied from the text)", key="zb_quote_text")
        target = st.selectbox(
            "About", options, format_func=lambda t: _plain_label(catalog, t), key="zb_quote_target"
        )
        added = st.form_submit_button("Add this annotation")
    if added:
        try:
            anchor = anchor_once(draft.blocks(), quote)
        except AnchorError as exc:
            st.error(f"Quote: {exc}")
            return draft
        item = QuoteAnnotation(
            annotation_id=f"quote-{len(draft.quotes) + 1}",
            exact=draft.blocks()[anchor.block][anchor.start : anchor.end],
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            target=target,
        )
        draft = drafts.keep(
            store, draft.model_copy(update={"quotes": [*draft.quotes, item]}), owner
        )
        st.success("Annotation added to the draft.")
    for item in draft.quotes:
        st.markdown(banners.md_escape(f"• “{item.exact}” → {_plain_label(catalog, item.target)}"))
    return draft


def _plain_label(catalog: Catalog, target: str) -> str:
    kind, _, ref = target.partition(":")
    return f"{describe_target(catalog, kind, ref).label} ({kind})"


def save_section(store: Store, catalog: Catalog, draft: Draft, who: str) -> None:
    """Save everything accepted as one change with a reason, or discard the draft."""
    accepted = sum(d.status == "accepted" and d.proposal.kind != "date" for d in draft.decisions)
    pending = sum(d.status == "pending" for d in draft.decisions)
    st.markdown(
        f"Saving writes the article, **{accepted}** accepted annotations, "
        f"**{len(draft.quotes)}** quoted annotations and **{len(draft.events)}** new events "
        f"as one change ({pending} proposals still to review are left out)."
    )
    why = editing.reason_input("Reason (kept in the history)", key="zb_save_why")
    left, right = st.columns(2)
    if left.button("Save to the record", type="primary", key="zb_save"):

        def action(s: Store, who: str, why: str) -> object:
            revisions = save_draft(s, catalog, draft, who, why)
            article = next((r for r in revisions if r.kind == "article"), None)
            events = [r.record_id for r in revisions if r.kind == "event"]
            st.session_state[SAVED_KEY] = (article.record_id if article else None, events)
            drafts.forget(s, draft, discard=True)
            return revisions

        editing.write(store, who, why, action, "Saved to the record.")
    if right.button("Discard the draft", key="zb_discard"):
        drafts.forget(store, draft, discard=True)
        st.rerun()


def show_saved() -> None:
    """Links to what the last save made (shown once, after the save's rerun)."""
    saved = st.session_state.pop(SAVED_KEY, None)
    if not saved:
        return
    article_id, events = saved
    if article_id:
        editing.page_link("Open the article", page_link(ARTICLE_PAGE, {"article": article_id}))
    for event_id in events:
        editing.page_link(
            f"Show the event {event_id} on the map", map_link(LinkFocus("event", event_id))
        )
