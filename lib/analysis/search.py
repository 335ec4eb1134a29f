"""One search over everything the map knows, by any of its names.

Finds sites, places, towns (GeoNames, with their Kurdish, Arabic and Persian
spellings), crossings, events, groups, governorates and provinces. Matching
ignores case, diacritics and punctuation, and forgives small typos.

A name scores by the best way it matches the query: the same name (1.0), a name
or one of its words starting with the query (0.9), the query inside the name
(0.8), or else a typo — the name, or a run of as many of its words as the query
has, at least :data:`FUZZY_FLOOR` alike by ``rapidfuzz.fuzz.ratio`` (0.7 times
the likeness). The typo scores of all names are computed at once by rapidfuzz;
only the few names that hold the query are looked at one by one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from lib.data.catalog import Catalog
from lib.model.kinds import kind_label
from lib.model.links import Focus

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
#: Curated entries rank above gazetteer towns of the same name.
CURATED_BOOST = 0.05
FUZZY_FLOOR = 0.78
#: Weaker matches are noise beside the gazetteer's 2,000 towns.
MIN_SCORE = 0.6


def normalize(text: str) -> str:
    """Fold text for matching: no case, no diacritics, no punctuation.

    Parameters
    ----------
    text : str
        Any spelling.

    Returns
    -------
    str
        Lower-case words separated by single spaces.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Letters like ʿ (ayn) and ʾ (hamza) are modifiers, not combining marks.
    stripped = "".join(c for c in stripped if unicodedata.category(c) != "Lm")
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


@dataclass(frozen=True)
class SearchEntry:
    """Something search can find.

    Attributes
    ----------
    focus : Focus
        What the map focuses on for it.
    label : str
        The name shown.
    names : tuple of str
        Normalized names and aliases.
    boost : float
        Added to the match score (curated data, bigger towns).
    """

    focus: Focus
    label: str
    names: tuple[str, ...]
    boost: float


@dataclass(frozen=True)
class SearchHit:
    """One search result."""

    entry: SearchEntry
    score: float
    matched: str

    @property
    def kind_label(self) -> str:
        """What kind of thing was found, in words."""
        return kind_label(self.entry.focus.kind)


def _names(*values: object) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, str) and item.strip():
                folded = normalize(item)
                if folded:
                    out.append(folded)
    return tuple(dict.fromkeys(out))


class SearchIndex(list[SearchEntry]):
    """The entries search looks through, with their names laid out for rapidfuzz.

    A list of :class:`SearchEntry` (build it once per catalog and do not change it):
    every name of every entry in one list, with the entry it belongs to, and per
    number of query words the pieces of names compared for typos.
    """

    def __init__(self, entries: Sequence[SearchEntry] = ()) -> None:
        super().__init__(entries)
        self.names: list[str] = [name for entry in self for name in entry.names]
        #: The entry (position in the list) of every name.
        self.owners = np.repeat(np.arange(len(self)), [len(e.names) for e in self])
        self._exact: dict[str, list[int]] = {}
        for position, name in enumerate(self.names):
            self._exact.setdefault(name, []).append(position)
        # One text holding every name, so the names that contain the query are
        # found by one C-speed scan; a line break cannot occur in a normalized name.
        self._text = "\n".join(self.names)
        self._starts = np.cumsum([0, *(len(n) + 1 for n in self.names[:-1])])
        self._pieces: dict[int, tuple[list[str], np.ndarray]] = {}

    def exact(self, query: str) -> list[int]:
        """Positions of the names equal to the query."""
        return self._exact.get(query, [])

    def containing(self, query: str) -> np.ndarray:
        """Positions of the names that contain the query."""
        found = [m.start() for m in re.finditer(re.escape(query), self._text)]
        return np.unique(np.searchsorted(self._starts, found, side="right") - 1)

    def pieces(self, span: int) -> tuple[list[str], np.ndarray]:
        """Whole names and runs of ``span`` words of them, with the name each comes from."""
        if span not in self._pieces:
            texts: list[str] = []
            owners: list[int] = []
            for position, name in enumerate(self.names):
                words = name.split()
                runs = (" ".join(words[i : i + span]) for i in range(len(words) - span + 1))
                for piece in dict.fromkeys((name, *runs)):
                    texts.append(piece)
                    owners.append(position)
            self._pieces[span] = (texts, np.asarray(owners, dtype=np.intp))
        return self._pieces[span]


def build_index(catalog: Catalog) -> SearchIndex:
    """Every searchable thing in the catalog.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.

    Returns
    -------
    SearchIndex
        Curated entries first, then GeoNames towns (those already curated as
        places are left out, so one place is not listed twice).
    """
    c = catalog.curated
    entries: list[SearchEntry] = []

    def add(
        kind: str, ref: str, label: str, names: tuple[str, ...], boost: float = CURATED_BOOST
    ) -> None:
        if names:
            entries.append(SearchEntry(Focus(kind, ref), label, names, boost))

    for r in c.sites.to_dict("records"):
        add("site", r["site_id"], r["name"], _names(r["name"], r["site_id"].replace("-", " ")))
    for r in c.places.to_dict("records"):
        add("place", r["place_id"], r["name"], _names(r["name"], r["aliases"]))
    for r in c.crossings.to_dict("records"):
        add(
            "crossing",
            r["crossing_id"],
            r["name"],
            _names(r["name"], r["iraq_name"], r["iran_name"]),
        )
    for r in c.groups.to_dict("records"):
        add("group", r["group_id"], r["name"], _names(r["group_id"], r["name"], r["aliases"]))
    for r in c.events.to_dict("records"):
        add("event", r["event_id"], r["title"], _names(r["title"], r["place"]), 0.0)
    for layer, extra in (("governorates", "name_ar"), ("iran_border_provinces", "name_fa")):
        frame = catalog.boundaries.get(layer, "overview")
        for r in frame.drop(columns="geometry").to_dict("records"):
            add("boundary", r["id"], r["name"], _names(r["name"], r.get(extra)))
    for layer in ("kurdistan_region", "border"):
        for r in (
            catalog.boundaries.get(layer, "overview").drop(columns="geometry").to_dict("records")
        ):
            add("boundary", r["id"], r["name"], _names(r["name"]))

    curated_geonames = {
        word for text in c.places["sources"] for word in re.findall(r"GeoNames (\d+)", str(text))
    }
    towns = catalog.gazetteer
    if towns is not None and not towns.empty:
        top = max(1, int(towns["population"].max()))
        for geonameid, name, names, population in zip(
            towns["geonameid"], towns["name"], towns["names"], towns["population"], strict=True
        ):
            if geonameid in curated_geonames:
                continue
            # Bigger towns win ties, but never over curated places.
            boost = 0.04 * math.log1p(population) / math.log1p(top)
            add("town", geonameid, name, _names(names), boost)
    return SearchIndex(entries)


def _name_scores(index: SearchIndex, query: str) -> np.ndarray:
    """The score of every name of the index for a (normalized) query: 0 for no match."""
    scores = np.zeros(len(index.names))
    # Typos: rapidfuzz compares the query with every piece of every name at once.
    texts, owners = index.pieces(len(query.split()))
    likeness = process.cdist(
        [query], texts, scorer=fuzz.ratio, score_cutoff=FUZZY_FLOOR * 100, dtype=np.float64
    )[0]
    hit = likeness > 0
    np.maximum.at(scores, owners[hit], 0.7 * likeness[hit] / 100)
    if len(query) >= 3:
        # Only a name holding the query can start with it or contain it.
        for position in index.containing(query):
            name = index.names[position]
            words_start = name.startswith(query) or (" " not in query and f" {query}" in name)
            if words_start:
                scores[position] = 0.9
            elif len(query) >= 4:
                scores[position] = 0.8
    scores[index.exact(query)] = 1.0
    return scores


def search(index: Sequence[SearchEntry], query: str, limit: int = 8) -> list[SearchHit]:
    """Rank the entries that match a query.

    Parameters
    ----------
    index : SearchIndex
        From :func:`build_index` (any sequence of entries is indexed on the spot).
    query : str
        What the user typed (any script, any accents).
    limit : int
        Most hits returned.

    Returns
    -------
    list of SearchHit
        Best first.
    """
    folded = normalize(query)[:100]
    if len(folded) < 2:
        return []
    if not isinstance(index, SearchIndex):
        index = SearchIndex(index)
    scores = _name_scores(index, folded)
    best: dict[int, int] = {}  # entry -> its best name (the first, on a tie)
    for position in np.flatnonzero(scores):
        owner = int(index.owners[position])
        if owner not in best or scores[position] > scores[best[owner]]:
            best[owner] = int(position)
    hits = [
        SearchHit(index[owner], float(scores[position]) + index[owner].boost, index.names[position])
        for owner, position in best.items()
        if scores[position] + index[owner].boost >= MIN_SCORE
    ]
    hits.sort(key=lambda h: (-h.score, h.entry.label))
    return hits[:limit]
