"""The History page's parts: one record's revisions with their diffs, and the store's recent changes."""

from __future__ import annotations

import streamlit as st

from lib.editorial.diff import field_changes
from lib.model.links import HISTORY_PAGE, record_link
from lib.store.records import Record, Revision
from lib.store.store import Store
from lib.ui import banners, editing

#: Newest changes listed for the whole store.
RECENT = 50


def _when(revision: Revision) -> str:
    return revision.at.strftime("%d %b %Y %H:%M UTC")


def show_history(store: Store, record: Record, who: str) -> None:
    """Every revision of a record, newest first: who, when, why, what changed; restore any.

    Parameters
    ----------
    store : Store
        Where the record is.
    record : Record
        Its current state (for the version a restore is based on).
    who : str
        The analyst restoring (the sidebar's name).
    """
    history = store.history(record.kind, record.record_id)
    state = "retired" if record.retired else f"version {record.version}"
    st.caption(f"{len(history)} revisions · now {state}")
    for revision in reversed(history):
        title = (
            f"#{revision.revision} · {_when(revision)} · {revision.who} · "
            f"{revision.action} → v{revision.version}"
        )
        with st.expander(title, expanded=revision is history[-1]):
            st.markdown(f"**Why:** {banners.md_escape(revision.why)}")
            changes = field_changes(revision.before, revision.after)
            if revision.action == "retire":
                st.markdown("Retired: it left the map and the lists; its history stays.")
            elif not changes:
                st.markdown("No field changed.")
            else:
                st.dataframe(
                    [{"field": c.field, "before": c.before, "after": c.after} for c in changes],
                    hide_index=True,
                    width="stretch",
                    column_config={
                        "before": st.column_config.TextColumn(width="large"),
                        "after": st.column_config.TextColumn(width="large"),
                    },
                )
            current = revision is history[-1] and not record.retired
            if revision.after is None or current or not editing.can_edit(store):
                continue
            _restore_form(store, record, revision, who)


def _restore_form(store: Store, record: Record, revision: Revision, who: str) -> None:
    key = f"restore_{revision.revision}"
    why = editing.reason_input("Reason for restoring this version", key=f"{key}_why")
    if st.button(f"Restore this version (#{revision.revision})", key=key):

        def action(s: Store, who: str, why: str) -> Revision:
            return s.restore(
                record.kind,
                record.record_id,
                revision.revision,
                who=who,
                why=why,
                base_version=record.version,
            )

        editing.write(
            store,
            who,
            why,
            action,
            f"Restored {record.ref} as of revision #{revision.revision}.",
        )


def show_recent(store: Store, n: int = RECENT) -> None:
    """The newest changes to the whole store, each linking to its record's history."""
    rows = [
        {
            "revision": r.revision,
            # Revisions saved together (one reporting, one restore) share a change set.
            "change": r.change_set,
            "when": _when(r),
            "who": r.who,
            "what": f"{r.action} {r.kind}:{r.record_id}",
            "why": r.why,
            "history": record_link(HISTORY_PAGE, r.kind, r.record_id),
        }
        for r in store.recent(n)
    ]
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            "history": st.column_config.LinkColumn("history", display_text="open"),
            "why": st.column_config.TextColumn(width="large"),
        },
    )
