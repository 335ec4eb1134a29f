"""Admin: who may edit — the roles granted in the store, grant and remove them, their history."""

from __future__ import annotations

import streamlit as st

from lib.store import access
from lib.store.records import Revision
from lib.ui import auth, banners, editing, router

router.ensure_router()
st.title("Admin: who may edit")
editing.show_flash()
# Only admins get past here (the page's writes pass the gate again, as admin).
store = editing.open_store(need="admin")
if store is None:
    st.stop()
config = auth.access_config()
actor = auth.current_actor()
who = editing.editor_name()
st.markdown(
    "Viewers read everything but drafts; editors add reporting and correct the record; "
    "admins also manage roles here. Every grant and removal is kept with its reason. "
    f"A signed-in user with no role here is a **{config.default_role}**."
)
if actor.mode == "local":
    st.info(
        "No sign-in is configured: roles take effect once `[auth]` is set in "
        "`.streamlit/secrets.toml` (docs/access.md)."
    )
configured = sorted(config.admins)
if config.admin_claim and config.admin_group:
    configured.append(f"anyone whose “{config.admin_claim}” claim holds “{config.admin_group}”")
st.caption(
    banners.md_escape("Admins by configuration ([zagros]): " + ("; ".join(configured) or "none"))
)

st.subheader("Roles granted")
roles = access.list_roles(store)
st.dataframe(
    [
        {
            "e-mail": r.record_id,
            "role": r.payload.get("role"),
            "tied to subject": r.payload.get("subject") or "",
            "since revision": r.revision,
        }
        for r in roles
    ],
    hide_index=True,
    width="stretch",
)

left, right = st.columns(2)
with left:
    st.markdown("**Grant a role**")
    email = st.text_input("E-mail", key="zb_admin_email", max_chars=320)
    role = st.selectbox("Role", access.ROLES, index=1, key="zb_admin_role")
    why = editing.reason_input("Reason for the grant", key="zb_admin_grant_why")
    if st.button("Grant", key="zb_admin_grant"):

        def grant(s, who: str, why: str) -> Revision:
            return access.grant(s, auth.current_actor(), email, role, why, config, who=who)

        editing.write(store, who, why, grant, f"Granted {role} to {email.strip()}.", need="admin")
with right:
    st.markdown("**Remove a role**")
    if roles:
        gone = st.selectbox("E-mail", [r.record_id for r in roles], key="zb_admin_remove_email")
        why_remove = editing.reason_input("Reason for the removal", key="zb_admin_remove_why")
        if st.button("Remove", key="zb_admin_remove"):

            def remove(s, who: str, why: str) -> Revision:
                return access.remove(s, auth.current_actor(), gone, why, config, who=who)

            editing.write(
                store, who, why_remove, remove, f"Removed the role of {gone}.", need="admin"
            )
    else:
        st.caption("No role granted yet.")

st.subheader("History of the roles")
st.dataframe(
    [
        {
            "revision": r.revision,
            "when": r.at.strftime("%d %b %Y %H:%M UTC"),
            "who": r.who,
            "what": f"{r.action} {r.record_id}",
            "role": "" if r.action == "retire" else (r.after or {}).get("role", ""),
            "why": r.why,
        }
        for r in access.role_history(store)
    ],
    hide_index=True,
    width="stretch",
    column_config={"why": st.column_config.TextColumn(width="large")},
)
