"""Data & sources: every layer, its source, licence and what failed to load."""

from __future__ import annotations

import streamlit as st

from lib.data.sources import layer_summary
from lib.ui import banners, cache, router

router.ensure_router()
catalog = cache.get_catalog()
st.title("Data and sources")
st.markdown(
    "Every layer on the maps, where it comes from and under what licence. Curated layers "
    "carry sources, location precision and confidence on every row; stand-in coordinates "
    "(precision *town* or *area*) are never drawn as exact points."
)
summary = layer_summary(catalog)
# A table, not a data grid: every source and licence is read in full.
st.table(summary.set_index("layer"))
if catalog.issues:
    st.subheader("Problems found in the data")
    banners.issues_table(catalog.issues)
else:
    st.success("Every data file passed its checks.")
