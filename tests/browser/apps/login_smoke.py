"""Smallest app that signs in with Streamlit's native OIDC (for tests/auth).

Run with ``streamlit run`` and a secrets file holding an ``[auth]`` section
(``tests/auth/conftest.py`` writes one pointing at a local mock provider). It
shows who ``st.user`` says is signed in — e-mail, subject and issuer on lines
the tests read — with a "Sign in" / "Sign out" button, and a file uploader
whose upload request the XSRF test replays.
"""

from __future__ import annotations

import streamlit as st

st.title("Login smoke")

if st.user.is_logged_in:
    # One fact a line, so a test can find each by its prefix.
    st.markdown(f"Signed in as: `{st.user.get('email', '')}`")
    st.markdown(f"Subject: `{st.user.get('sub', '')}`")
    st.markdown(f"Issuer: `{st.user.get('iss', '')}`")
    if st.button("Sign out"):
        st.logout()
else:
    st.markdown("Not signed in")
    if st.button("Sign in"):
        st.login()

upload = st.file_uploader("Upload a text file", type=["txt"])
if upload is not None:
    st.markdown(f"Uploaded: `{upload.name}` ({len(upload.getvalue())} bytes)")
