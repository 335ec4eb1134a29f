"""One search over everything the map knows, by any of its names.

Finds sites, places, towns (GeoNames, with their Kurdish, Arabic and Persian
spellings), crossings, events, groups, governorates and provinces. Matching
ignores case, diacritics and punctuation, and forgives small typos.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass

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


def build_index(catalog: Catalog) -> list[SearchEntry]:
    """Every searchable thing in the catalog.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.

    Returns
    -------
    list of SearchEntry
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
    return entries


def _match(query: str, name: str) -> float:
    if name == query:
        return 1.0
    words = name.split()
    if len(query) >= 3 and (name.startswith(query) or any(w.startswith(query) for w in words)):
        return 0.9
    if len(query) >= 4 and query in name:
        return 0.8
    # Typos: compare with the whole name and with runs of as many words as the query has.
    span = len(query.split())
    pieces = {name, *(" ".join(words[i : i + span]) for i in range(max(1, len(words) - span + 1)))}
    best = 0.0
    for piece in pieces:
        matcher = difflib.SequenceMatcher(None, query, piece)
        if matcher.real_quick_ratio() < FUZZY_FLOOR or matcher.quick_ratio() < FUZZY_FLOOR:
            continue
        best = max(best, matcher.ratio())
    return 0.7 * best if best >= FUZZY_FLOOR else 0.0


def search(index: list[SearchEntry], query: str, limit: int = 8) -> list[SearchHit]:
    """Rank the entries that match a query.

    Parameters
    ----------
    index : list of SearchEntry
        From :func:`build_index`.
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
    hits: list[SearchHit] = []
    for entry in index:
        best, matched = 0.0, ""
        for name in entry.names:
            score = _match(folded, name)
            if score > best:
                best, matched = score, name
                if score == 1.0:
                    break
        if best > 0 and best + entry.boost >= MIN_SCORE:
            hits.append(SearchHit(entry, best + entry.boost, matched))
    hits.sort(key=lambda h: (-h.score, h.entry.label))
    return hits[:limit]
