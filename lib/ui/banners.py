"""Data problems on screen, and data text made safe for Streamlit's markdown."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.data.catalog import Catalog
from lib.data.validation import DataIssue

#: Banner lines shown before the rest is summed up in one line.
MAX_LISTED = 200


def md_escape(text: str) -> str:
    """Data text made safe for ``st.markdown``: shown as written, never as links or markup."""
    # Markdown would otherwise render data text as links, emphasis or HTML.
    specials = "\\`*_{}[]()#+-.!|<>~$"
    return "".join(f"\\{c}" if c in specials else c for c in text)


def show_data_issues(catalog: Catalog) -> None:
    """A banner naming every data problem; the layers that loaded still draw."""
    issues = catalog.issues
    if not issues:
        return
    files = sorted({i.file for i in issues})
    with st.expander(
        f"⚠️ {len(issues)} data problem(s) in {', '.join(files)} — affected rows are not shown",
        expanded=False,
    ):
        st.markdown("\n".join(f"- {md_escape(i.message())}" for i in issues[:MAX_LISTED]))
        if len(issues) > MAX_LISTED:
            st.caption(f"…and {len(issues) - MAX_LISTED} more.")


def issues_table(issues: Sequence[DataIssue]) -> None:
    """Data problems as a table: file, item, field, problem."""
    st.dataframe(
        [{"file": i.file, "item": i.item, "field": i.field, "problem": i.problem} for i in issues],
        hide_index=True,
        width="stretch",
    )
