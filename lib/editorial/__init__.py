"""The editorial desk: drafts of new reporting, anchoring quotes, checks, saving, diffs.

Rank: above ``lib/analysis`` (a draft holds the proposer's proposals), below
``lib/maps``; no Streamlit (the pages in ``pages/`` and ``lib/ui`` draw it).

- :mod:`~lib.editorial.draft`: the draft of a new article under review (pydantic, JSON);
- :mod:`~lib.editorial.anchor`: a quote anchored exactly once; re-anchoring after a
  text edit, with orphans rather than guesses;
- :mod:`~lib.editorial.validate`: what must hold before anything is saved;
- :mod:`~lib.editorial.save`: a reviewed draft saved as one change set, record edits;
- :mod:`~lib.editorial.diff`: readable before/after of a revision.
"""

from lib.editorial.errors import AnchorError, EditorialError, Problem

__all__ = ["AnchorError", "EditorialError", "Problem"]
