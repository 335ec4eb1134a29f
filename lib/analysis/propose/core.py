"""The proposer: everything a new text likely names, from the catalog alone (offline)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lib.analysis.propose.base import without_overlaps
from lib.analysis.propose.dates import find_dates
from lib.analysis.propose.events import find_events
from lib.analysis.propose.model import Proposal
from lib.analysis.propose.names import names_of
from lib.analysis.propose.places import find_names
from lib.data.catalog import Catalog


def propose(
    catalog: Catalog, blocks: Sequence[str], published: dt.date, language: str = "en"
) -> list[Proposal]:
    """Propose the places, groups, dates and events of a text.

    Parameters
    ----------
    catalog : Catalog
        The record (its name index is built on first use and kept on the catalog).
    blocks : sequence of str
        Block 0 is the title, then the paragraphs.
    published : datetime.date
        The text's date: relative dates are resolved against it.
    language : str
        The text's language (date rules exist for English only).

    Returns
    -------
    list of Proposal
        Sorted by block and start; no two proposals of the same kind overlap.
    """
    blocks = list(blocks)
    names = without_overlaps(find_names(names_of(catalog), blocks))
    dates = without_overlaps(find_dates(blocks, published, language))
    events = without_overlaps(find_events(catalog, blocks, [*names, *dates]))
    return sorted([*names, *dates, *events], key=lambda p: (p.block, p.start, p.kind))
