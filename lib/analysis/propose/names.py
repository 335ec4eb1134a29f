"""The names the proposer looks for, and finding them in a text.

One index per catalog (kept on ``catalog.derived``): every name and alias of the
curated places, sites, crossings and groups, the boundary layers (governorates, Iran
provinces, the Kurdistan Region, the Iraq–Iran border) and the GeoNames towns, folded
with :func:`lib.analysis.search.normalize`. A text is cut into words; the longest run of
words equal to a known name wins, the better-ranked target first (curated over
boundaries over towns; the region's towns over others).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lib.analysis.search import normalize
from lib.data.catalog import Catalog

#: Longest name, in words, looked for.
MAX_WORDS = 7
#: Countries are not places in the gold sets (the seed annotations never link them).
COUNTRIES = frozenset(
    normalize(n)
    for n in (
        "Iraq", "Iran", "Syria", "Turkey", "Türkiye", "Armenia", "Azerbaijan", "Kuwait",
        "Saudi Arabia", "Jordan", "Russia", "Ukraine", "Israel", "United States",
        "United Kingdom", "Britain", "Germany", "France", "America", "Lebanon",
        "العراق", "ایران", "إيران",
    )
)  # fmt: skip
#: Common ways reporting names the two boundary features the record draws.
BOUNDARY_ALIASES: dict[str, tuple[str, ...]] = {
    "kurdistan-region": (
        "Kurdistan Region", "Kurdistan Region of Iraq", "Iraqi Kurdistan", "Iraqi Kurdistan Region",
        "Kurdistan Regional Government", "KRG", "KRI", "northern Iraq", "north of Iraq",
        "Kurdistan region of northern Iraq", "Iraq's Kurdistan Region", "Kurdish region of Iraq",
        "Kurdish region of northern Iraq", "Iraqi Kurdish region", "Kurdistan Regional Government KRG",
    ),
    "iraq-iran-border": (
        "Iraq Iran border", "Iran Iraq border", "Iraqi Iranian border", "Iranian Iraqi border",
        "border areas", "border area", "border region", "border regions", "border strip",
        "the border with Iran", "the border with Iraq",
    ),
}  # fmt: skip
#: Words that are names of towns somewhere but ordinary words of English reporting.
_COMMON = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "are",
        "were",
        "be",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "we",
        "you",
        "he",
        "she",
        "it",
        "they",
        "said",
        "says",
        "statement",
        "government",
        "minister",
        "ministry",
        "president",
        "party",
        "region",
        "border",
        "city",
        "town",
        "province",
        "camp",
        "camps",
        "national",
        "security",
        "council",
        "united",
        "states",
        "state",
        "department",
        "spokesperson",
        "ambassador",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "today",
        "week",
        "year",
    ]
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Entry:
    """A target one name stands for."""

    kind: str  #: ``place`` or ``group``
    target: str  #: ``kind:id``
    label: str
    rank: float  #: higher is preferred
    name: str  #: the spelling as the data writes it
    role: str  #: ``name``, ``alias`` or ``alternate name``


@dataclass
class NameIndex:
    """Folded names → the targets they may stand for, best first."""

    names: dict[str, list[Entry]] = field(default_factory=dict)
    #: Folded names of places, for typo-tolerant matching.
    fuzzy_names: list[str] = field(default_factory=list)

    def add(self, name: str, entry: Entry) -> None:
        folded = normalize(name)
        if not folded or folded in COUNTRIES:
            return
        entries = self.names.setdefault(folded, [])
        if all(e.target != entry.target for e in entries):
            entries.append(entry)
            entries.sort(key=lambda e: -e.rank)

    def finish(self) -> NameIndex:
        self.fuzzy_names = sorted(
            n for n, es in self.names.items() if len(n) >= 5 and es[0].kind == "place"
        )
        return self


def _split(value: object) -> list[str]:
    """Aliases as the tables hold them: a list, or text separated by semicolons."""
    items = value if isinstance(value, list | tuple) else str(value or "").split(";")
    return [str(p).strip() for p in items if str(p).strip()]


def _strip_note(name: str) -> str:
    """``Kurdistan Region of Iraq (de jure)`` → ``Kurdistan Region of Iraq``."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


def build_names(catalog: Catalog) -> NameIndex:
    """Every name the proposer looks for, from one catalog.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.

    Returns
    -------
    NameIndex
        Curated places rank 4, sites and crossings 3.5, groups 4, boundaries 3,
        towns of Iraq and Iran 2 (others 1), plus up to 0.5 by population.
    """
    index = NameIndex()
    c = catalog.curated
    curated_geonames: dict[str, str] = {}
    for r in c.places.to_dict("records"):
        target = f"place:{r['place_id']}"
        # "United Nations headquarters, New York": the place after the comma is a name too.
        for n in (r["name"], _strip_note(r["name"]), r["name"].rsplit(",", 1)[-1]):
            index.add(n, Entry("place", target, r["name"], 4.0, n, "name"))
        for alias in _split(r.get("aliases")):
            index.add(alias, Entry("place", target, r["name"], 4.0, alias, "alias"))
        for geonameid in re.findall(r"GeoNames (\d+)", str(r.get("sources", ""))):
            curated_geonames.setdefault(geonameid, target)
    for r in c.sites.to_dict("records"):
        target = f"site:{r['site_id']}"
        index.add(_strip_note(r["name"]), Entry("place", target, r["name"], 3.5, r["name"], "name"))
    for r in c.crossings.to_dict("records"):
        target = f"crossing:{r['crossing_id']}"
        for n in (r["name"], r.get("iraq_name"), r.get("iran_name")):
            n = _strip_note(str(n or ""))
            if n and n != "not found":
                index.add(n, Entry("place", target, r["name"], 3.5, n, "name"))
    for r in c.groups.to_dict("records"):
        if r["group_id"] == "unclear":
            continue
        target = f"group:{r['group_id']}"
        for n in (r["group_id"], r["name"], *_split(r.get("aliases"))):
            index.add(n, Entry("group", target, r["name"], 4.0, n, "alias"))
    for layer, extra in (
        ("governorates", "name_ar"),
        ("iran_border_provinces", "name_fa"),
        ("kurdistan_region", None),
        ("border", None),
    ):
        frame = catalog.boundaries.get(layer, "overview")
        for r in frame.drop(columns="geometry").to_dict("records"):
            target = f"boundary:{r['id']}"
            name = _strip_note(str(r["name"]))
            names = [name, str(r.get(extra) or "")] if extra else [name]
            if layer == "governorates":
                names += [f"{name} Governorate", f"{name} province"]
                names += [f"{name.removeprefix('Al-')} Governorate"]
            if layer == "iran_border_provinces":
                names += [f"{name} province", f"{name} Province"]
                # "Kurdistan" alone is the Kurdistan Region far more often than the province.
                names = [n for n in names if normalize(n) != "kurdistan"]
            for n in names:
                index.add(n, Entry("place", target, str(r["name"]), 3.0, n, "name"))
            for alias in BOUNDARY_ALIASES.get(str(r["id"]), ()):
                index.add(alias, Entry("place", target, str(r["name"]), 3.0, alias, "alias"))
    towns = catalog.gazetteer
    if towns is not None and not towns.empty:
        top = math.log1p(max(1, int(towns["population"].max())))
        for geonameid, name, names, country, population in zip(
            towns["geonameid"], towns["name"], towns["names"], towns["country_code"],
            towns["population"], strict=True,
        ):  # fmt: skip
            curated = curated_geonames.get(str(geonameid))
            for n in names:
                if curated:
                    index.add(n, Entry("place", curated, name, 4.0, n, "alternate name"))
                    continue
                folded = normalize(n)
                if len(folded) < 4 or folded in _COMMON:
                    continue
                rank = (2.0 if country in ("IQ", "IR") else 1.0) + 0.5 * math.log1p(
                    population
                ) / top
                role = "name" if n == name else "alternate name"
                index.add(n, Entry("place", f"geonames:{geonameid}", name, rank, n, role))
    return index.finish()


def names_of(catalog: Catalog) -> NameIndex:
    """The catalog's name index, built once and kept with the catalog."""
    return catalog.derived("propose_names", lambda: build_names(catalog))


@dataclass(frozen=True)
class Word:
    """One word of a block."""

    start: int
    end: int
    text: str
    folded: str


def words(block: str) -> list[Word]:
    """The words of a block with their offsets."""
    out = []
    for m in _WORD.finditer(block):
        folded = normalize(m.group())
        if folded:
            out.append(Word(m.start(), m.end(), m.group(), folded))
    return out


def runs(tokens: list[Word], i: int) -> Iterator[tuple[int, str]]:
    """Runs of words from ``tokens[i]``, longest first: (index after the run, folded)."""
    for j in range(min(len(tokens), i + MAX_WORDS), i, -1):
        # A run never crosses a sentence end or a line.
        yield j, " ".join(t.folded for t in tokens[i:j])
