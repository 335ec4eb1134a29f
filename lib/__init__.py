"""Zagros Brief: logic for the briefing dashboard (no Streamlit calls outside ``lib.ui``)."""
