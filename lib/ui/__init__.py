"""UI: the only code under ``lib`` that calls Streamlit.

Cached loaders, the shared sidebar filters, reading and writing the page address,
the data-problem banner, the briefing picker and the other widgets the pages share.
Pages import this (``from lib.ui import core as ui``) and the layers below it.
"""
