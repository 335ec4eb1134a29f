"""Map HTML for assertions: folium writes some options with ``tojson`` (compact, set in
:mod:`lib.maps.base_map`) and others with its own spaced JSON; tests read one form."""

from __future__ import annotations

import re

_KEY_SPACE = re.compile(r'("[A-Za-z_]\w*"): ')


def compact_keys(html: str) -> str:
    """``"key": value`` written ``"key":value`` throughout, whichever writer made it."""
    return _KEY_SPACE.sub(r"\1:", html)
