"""Which briefing and step a page address asks for (``?b=<id>&step=<n>``, both untrusted)."""

from __future__ import annotations

from collections.abc import Mapping

from lib.model.url_state import first_value, shorten
from lib.story.briefing.model import Briefing


def resolve_step(
    briefings: Mapping[str, Briefing], params: Mapping[str, object], fallback_id: str
) -> tuple[Briefing, int, list[str]]:
    """Which briefing and step a page address asks for (both untrusted).

    Parameters
    ----------
    briefings : mapping of str to Briefing
        What may be presented; ``b`` is only ever looked up here, never made a path.
    params : mapping
        Query parameters (``b``, ``step``; list values take their last item).
    fallback_id : str
        The briefing shown when ``b`` is missing or unknown (must be a key).

    Returns
    -------
    tuple
        The briefing, the 0-based step index and notices for ignored values.
    """
    notices: list[str] = []
    wanted = first_value(params, "b")
    briefing = briefings.get(wanted) if wanted is not None else None
    if wanted is not None and briefing is None:
        notices.append(
            f"No briefing called “{shorten(wanted)}”; showing “{briefings[fallback_id].title}”."
        )
    briefing = briefing or briefings[fallback_id]
    index = 0
    raw_step = first_value(params, "step")
    if raw_step is not None:
        text = raw_step.strip()
        if text.isdigit() and len(text) <= 4 and 1 <= int(text) <= len(briefing.steps):
            index = int(text) - 1
        else:
            notices.append(
                f"No step “{shorten(raw_step)}” in this briefing (it has steps 1–"
                f"{len(briefing.steps)}); showing step 1."
            )
    return briefing, index, notices
