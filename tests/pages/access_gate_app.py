"""A page for tests/pages/test_access_pages.py: a button whose click goes straight to ``editing.write``.

It stands for a replayed click: whatever the app's pages draw for a session, a
write reaches the gate with that session's actor, resolved on the server.
"""

from __future__ import annotations

import streamlit as st

from lib.store.store import Store
from lib.ui import editing

store = Store()  # ZAGROS_BRIEF_DB: the test's store
site = store.query("site")[0]


def retire(s: Store, who: str, why: str) -> object:
    return s.retire("site", site.record_id, who=who, why=why, base_version=site.version)


if st.button("Retire"):
    editing.write(store, "Mallory", "replayed", retire, "Retired a site.")
st.write("end")
